import {
  DashboardCursorSync,
  defaultDashboard,
  type Dashboard,
  type DashboardLink,
  type Panel,
  type RowPanel,
  type VariableModel,
} from '@grafana/schema';

/** The dashboards Switchboard ships, their uids and files (the plugin.json includes and the links use them). */
export const DASHBOARDS = {
  noc: { uid: 'switchboard-noc', file: 'noc-overview.json', title: 'Switchboard · NOC overview' },
  queues: { uid: 'switchboard-queues', file: 'queues.json', title: 'Switchboard · Queues' },
  serviceLevel: { uid: 'switchboard-service-level', file: 'service-level.json', title: 'Switchboard · Service level' },
  quotas: { uid: 'switchboard-quotas', file: 'quotas.json', title: 'Switchboard · Service quotas' },
  voiceId: { uid: 'switchboard-voice-id', file: 'voice-id.json', title: 'Switchboard · Voice ID' },
  voiceConnectors: {
    uid: 'switchboard-voice-connectors',
    file: 'voice-connectors.json',
    title: 'Switchboard · Voice Connector call quality',
  },
  wall: { uid: 'switchboard-noc-wall', file: 'noc-wall.json', title: 'Switchboard · NOC wall' },
} as const;
export type DashboardKey = keyof typeof DASHBOARDS;

export const TAG = 'switchboard';

/** The revision of every shipped dashboard; raise it when any dashboard changes so upgrades re-import them. */
export const REVISION = 3;

/** The dropdown of every Switchboard dashboard, carrying the time range and the variables they share. */
const switchboardLinks: DashboardLink = {
  title: 'Switchboard',
  type: 'dashboards',
  tags: [TAG],
  asDropdown: true,
  includeVars: true,
  keepTime: true,
  icon: 'external link',
  targetBlank: false,
  tooltip: 'The other Switchboard dashboards',
};

export interface DashboardSpec {
  key: DashboardKey;
  description: string;
  tags: string[];
  /** Real-time dashboards refresh every 10 s; CloudWatch ones every minute (CloudWatch publishes per minute). */
  refresh: '10s' | '1m';
  time: { from: string; to: string };
  variables: VariableModel[];
  panels: Array<Panel | RowPanel>;
  /** Links to single dashboards in the header, besides the Switchboard dropdown ("?kiosk": full screen). */
  links?: Array<{ title: string; uid: string; query?: string }>;
}

export function dashboard(s: DashboardSpec): Dashboard {
  const { uid, title } = DASHBOARDS[s.key];
  return {
    uid,
    title,
    description: s.description,
    tags: [TAG, ...s.tags],
    editable: true,
    graphTooltip: DashboardCursorSync.Crosshair,
    liveNow: false,
    refresh: s.refresh,
    // Shorter intervals than CloudWatch's minute would only re-read the proxy's cache; 5 s is the floor.
    timepicker: { refresh_intervals: ['5s', '10s', '30s', '1m', '5m', '15m'] },
    time: s.time,
    timezone: 'browser',
    schemaVersion: defaultDashboard.schemaVersion ?? 42,
    version: 1,
    // Grafana re-imports an app's included dashboard when its revision grows: raise REVISION with every change.
    revision: REVISION,
    links: [
      ...(s.links ?? []).map((l): DashboardLink => ({
        title: l.title,
        type: 'link',
        url: `/d/${l.uid}${l.query ?? ''}`,
        tags: [],
        asDropdown: false,
        includeVars: true,
        keepTime: true,
        icon: 'dashboard',
        targetBlank: false,
        tooltip: `Open ${l.title}`,
      })),
      switchboardLinks,
    ],
    annotations: { list: [] },
    templating: { list: s.variables },
    panels: s.panels,
  };
}

/** A link to another Switchboard dashboard with this one's time range and variables. */
export function linkTo(key: DashboardKey, title = DASHBOARDS[key].title.replace('Switchboard · ', '')) {
  return { title: `${title} →`, url: `/d/${DASHBOARDS[key].uid}?\${__url_time_range}&\${__all_variables}` };
}
