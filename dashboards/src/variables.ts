import { VariableHide, VariableRefresh, VariableSort, type VariableModel } from '@grafana/schema';
import { DATASOURCE_TYPE, DS } from './builders';
import { TARGETS } from './queueRules';

/**
 * The dashboards' variables. Region and instance carry no saved value: Grafana then takes the first entry, and the
 * datasource lists its own default Region and instance first (src/datasource/variables.ts), so a dashboard opens on
 * what the datasource is set up for, in the simulator's stack and against real AWS alike.
 */

export const datasourceVar: VariableModel = {
  type: 'datasource',
  name: 'datasource',
  label: 'Datasource',
  query: DATASOURCE_TYPE,
  description: 'The Switchboard datasource (the proxy) to read from.',
  hide: VariableHide.dontHide,
};

function listVar(
  name: string,
  label: string,
  description: string,
  query: Record<string, unknown>,
  extra: Partial<VariableModel> = {}
): VariableModel {
  return {
    type: 'query',
    name,
    label,
    description,
    datasource: DS,
    query: { refId: 'SwitchboardVariable', ...query },
    refresh: VariableRefresh.onDashboardLoad,
    sort: VariableSort.disabled,
    hide: VariableHide.dontHide,
    options: [],
    ...extra,
  };
}

const multiAll: Partial<VariableModel> = {
  multi: true,
  includeAll: true,
  // Grafana's own "All" value: the datasource turns it into every value of the list (src/datasource/interpolate.ts).
  current: { text: ['All'], value: ['$__all'], selected: true },
};

export const regionVar = listVar('region', 'Region', 'AWS Region of the instance.', { kind: 'regions' });

export const instanceVar = listVar('instance', 'Instance', 'Amazon Connect instance.', {
  kind: 'instances',
  region: '$region',
});

/** Names, not ids: real-time filters accept names and AWS/Connect publishes CloudWatch metrics by QueueName. */
export const queueVar = listVar(
  'queue',
  'Queue',
  'Standard queues of the instance (by name: one variable for real-time and CloudWatch panels).',
  { kind: 'queues', region: '$region', instanceId: '$instance', queueTypes: 'STANDARD', valueField: 'name' },
  { ...multiAll, sort: VariableSort.alphabeticalAsc }
);

export const channelVar = listVar(
  'channel',
  'Channel',
  'Contact channels: voice, chat, task, email.',
  { kind: 'channels' },
  multiAll
);

export const voiceConnectorVar = listVar(
  'voice_connector',
  'Voice connector',
  'Amazon Chime SDK Voice Connectors of the Region.',
  { kind: 'voice-connectors', region: '$region' },
  { ...multiAll, sort: VariableSort.alphabeticalAsc }
);

export const domainVar = listVar(
  'domain',
  'Voice ID domain',
  'Voice ID domains of the Region.',
  { kind: 'voiceid-domains', region: '$region' },
  { ...multiAll, sort: VariableSort.alphabeticalAsc }
);

/**
 * The targets a NOC edits on the dashboard (textbox variables, defaults from queueRules.ts TARGETS): the historical
 * queries' goals read them at every run.
 */
export const goalVariables = (): VariableModel[] =>
  Object.entries(TARGETS).map(([name, t]) => ({
    type: 'textbox',
    name,
    label: t.label,
    description: t.description,
    query: String(t.value),
    current: { text: String(t.value), value: String(t.value), selected: false },
    options: [{ text: String(t.value), value: String(t.value), selected: true }],
    hide: VariableHide.dontHide,
  }));
