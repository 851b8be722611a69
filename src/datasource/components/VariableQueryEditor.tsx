/* eslint-disable @typescript-eslint/no-deprecated -- Select (not Combobox) in every editor: Combobox cannot disable an
   option, which the query editors need to show why a choice would break a rule; one kind of select keeps them alike. */
import React, { useId, useState } from 'react';
import type { QueryEditorProps, SelectableValue } from '@grafana/data';
import { Field, Input, RadioButtonGroup, Select, Stack } from '@grafana/ui';
import type { SwitchboardDataSource } from '../datasource';
import {
  VARIABLE_KINDS,
  type SwitchboardDataQuery,
  type SwitchboardOptions,
  type SwitchboardVariableQuery,
  type VariableKind,
} from '../types';
import {
  CONNECT_NAMESPACE_OPTIONS,
  catalogDimensionKeys,
  catalogMetricOptions,
  dimensionDescription,
} from './cloudwatchChecks';
import { fieldErrors } from './fieldErrors';
import { InstanceField } from './InstanceField';
import { RegionField } from './RegionField';
import { resourceOptions, uniqueOptions, variableOptions, withValues } from './selectOptions';
import { useResources, type ResourceSource } from './useResources';
import { FieldAria } from './fieldAria';

/**
 * Template variables: a kind of list from the proxy and the parameters that kind needs, each shown only for the
 * kinds that use it. Parameters may hold other variables ($region, $instance): the list follows them.
 */

type Param =
  'region' | 'instanceId' | 'queueTypes' | 'valueField' | 'namespace' | 'metricName' | 'dimensionKey' | 'dimensions';

export const VARIABLE_KIND_INFO: Record<VariableKind, { label: string; description: string; params: Param[] }> = {
  regions: { label: 'Regions', description: 'AWS Regions where Amazon Connect is available.', params: [] },
  instances: { label: 'Instances', description: 'Amazon Connect instances of a Region.', params: ['region'] },
  queues: {
    label: 'Queues',
    description: 'Queues of an instance (text: name; value: id or name).',
    params: ['region', 'instanceId', 'queueTypes', 'valueField'],
  },
  'routing-profiles': {
    label: 'Routing profiles',
    description: 'Routing profiles of an instance (text: name; value: id or name).',
    params: ['region', 'instanceId', 'valueField'],
  },
  'agent-statuses': {
    label: 'Agent statuses',
    description: 'Agent statuses of an instance (Available, Offline and custom ones).',
    params: ['region', 'instanceId'],
  },
  channels: { label: 'Channels', description: 'Voice, chat, task and email.', params: [] },
  'voice-connectors': {
    label: 'Voice connectors',
    description: 'Amazon Chime SDK Voice Connectors of a Region.',
    params: ['region'],
  },
  'voiceid-domains': { label: 'Voice ID domains', description: 'Voice ID domains of a Region.', params: ['region'] },
  namespaces: { label: 'Namespaces', description: 'CloudWatch namespaces with data.', params: ['region'] },
  metrics: { label: 'Metrics', description: 'CloudWatch metrics of a namespace.', params: ['region', 'namespace'] },
  'dimension-keys': {
    label: 'Dimension keys',
    description: 'Dimension names of a namespace (and metric).',
    params: ['region', 'namespace', 'metricName', 'dimensions'],
  },
  'dimension-values': {
    label: 'Dimension values',
    description: 'Values of one dimension, narrowed by other dimensions.',
    params: ['region', 'namespace', 'metricName', 'dimensionKey', 'dimensions'],
  },
};

const KIND_OPTIONS: Array<SelectableValue<VariableKind>> = VARIABLE_KINDS.map((kind) => ({
  value: kind,
  label: VARIABLE_KIND_INFO[kind].label,
  description: VARIABLE_KIND_INFO[kind].description,
}));

const VALUE_FIELD_OPTIONS: Array<SelectableValue<'id' | 'name'>> = [
  { value: 'id', label: 'Id', description: "Connect's id: for real-time filters only" },
  {
    value: 'name',
    label: 'Name',
    description: 'For real-time filters (the proxy resolves names) and the QueueName dimension of CloudWatch',
  },
];

const QUEUE_TYPE_OPTIONS: Array<SelectableValue<string>> = [
  { value: 'STANDARD', label: 'Standard' },
  { value: 'AGENT', label: 'Agent' },
  { value: 'STANDARD,AGENT', label: 'Both' },
];

/** The dimension filter must be a JSON object of names to a value or a list of values. */
export function dimensionsProblem(text: string | undefined): string | undefined {
  if (!text || text.trim() === '') {
    return undefined;
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      return 'must be a JSON object, e.g. {"InstanceId": "$instance", "MetricGroup": "Queue"}';
    }
    const bad = Object.entries(parsed).find(
      ([, v]) => typeof v !== 'string' && !(Array.isArray(v) && v.every((x) => typeof x === 'string'))
    );
    if (bad) {
      return `${bad[0]}: must be a value or a list of values`;
    }
    return Object.keys(parsed).length > 10 ? 'at most 10 dimension filters (CloudWatch)' : undefined;
  } catch {
    return 'must be valid JSON, e.g. {"InstanceId": "$instance"}';
  }
}

type Props = QueryEditorProps<
  SwitchboardDataSource,
  SwitchboardDataQuery,
  SwitchboardOptions,
  SwitchboardVariableQuery
>;

export function VariableQueryEditor({ query, onChange, datasource }: Props) {
  // Grafana hands a variable created elsewhere as a bare string; treat it as no kind yet.
  const q: SwitchboardVariableQuery =
    typeof query === 'object' && query !== null
      ? query
      : ({ refId: 'SwitchboardVariable' } as SwitchboardVariableQuery);
  const info = q.kind ? VARIABLE_KIND_INFO[q.kind] : undefined;
  const needs = (p: Param) => Boolean(info?.params.includes(p));
  const set = (patch: Partial<SwitchboardVariableQuery>) => onChange({ ...q, ...patch });

  return (
    <FieldAria>
      <Stack direction="column" gap={1}>
        <Field label="List" description={info?.description ?? 'What the variable lists.'}>
          <Select
            inputId="switchboard-variable-kind"
            width={32}
            options={KIND_OPTIONS}
            value={q.kind ?? null}
            placeholder="Choose a list"
            onChange={(o) => o.value && set({ kind: o.value })}
          />
        </Field>
        {needs('region') && (
          <RegionField
            value={q.region}
            defaultRegion={datasource.instanceSettings.jsonData.defaultRegion}
            onChange={(region) => set({ region })}
          />
        )}
        {needs('instanceId') && (
          <InstanceField
            datasource={datasource}
            region={q.region}
            value={q.instanceId}
            required
            error={q.instanceId ? undefined : 'choose an instance (or a variable such as $instance)'}
            onChange={(instanceId) => set({ instanceId })}
          />
        )}
        {needs('queueTypes') && (
          <Field label="Queue types" description="Agent queues have no name: their text is their id.">
            <RadioButtonGroup
              aria-label="Queue types"
              options={QUEUE_TYPE_OPTIONS}
              value={q.queueTypes || 'STANDARD'}
              onChange={(queueTypes) => set({ queueTypes })}
            />
          </Field>
        )}
        {needs('valueField') && (
          <Field
            label="Value"
            description="Name: one variable for real-time queries and CloudWatch's QueueName dimension. Id: real-time only."
          >
            <RadioButtonGroup
              aria-label="Value"
              options={VALUE_FIELD_OPTIONS}
              value={q.valueField ?? 'id'}
              onChange={(valueField) => set({ valueField })}
            />
          </Field>
        )}
        {needs('namespace') && <CloudWatchParams query={q} datasource={datasource} needs={needs} set={set} />}
      </Stack>
    </FieldAria>
  );
}

interface CloudWatchParamsProps {
  query: SwitchboardVariableQuery;
  datasource: ResourceSource;
  needs: (p: Param) => boolean;
  set: (patch: Partial<SwitchboardVariableQuery>) => void;
}

/** Namespace, metric, dimension key and filters of the CloudWatch lists. */
function CloudWatchParams({ query: q, datasource, needs, set }: CloudWatchParamsProps) {
  const id = useId();
  const [dimensions, setDimensions] = useState(q.dimensions ?? '');
  const variables = variableOptions();
  const namespaces = useResources(datasource, 'namespaces', { region: q.region });
  const metrics = useResources(
    datasource,
    'metrics',
    { region: q.region, namespace: q.namespace },
    needs('metricName') && Boolean(q.namespace)
  );
  const keys = useResources(
    datasource,
    'dimension-keys',
    { region: q.region, namespace: q.namespace, metricName: q.metricName },
    needs('dimensionKey') && Boolean(q.namespace)
  );
  const dimensionsError = dimensionsProblem(dimensions);

  return (
    <>
      <Field label="Namespace" {...fieldErrors([q.namespace ? undefined : 'choose a namespace', namespaces.error])}>
        <Select
          inputId={`${id}-namespace`}
          width={32}
          options={withValues(
            uniqueOptions([...CONNECT_NAMESPACE_OPTIONS, ...resourceOptions(namespaces.items), ...variables]),
            [q.namespace]
          )}
          value={q.namespace || null}
          isLoading={namespaces.loading}
          allowCustomValue
          placeholder="Choose a namespace"
          onChange={(o) => set({ namespace: o?.value })}
        />
      </Field>
      {needs('metricName') && (
        <Field
          label="Metric"
          description="Optional: only dimensions this metric has."
          {...fieldErrors([metrics.error])}
        >
          <Select
            inputId={`${id}-metric`}
            width={40}
            options={withValues(
              uniqueOptions([...catalogMetricOptions(q.namespace), ...resourceOptions(metrics.items), ...variables]),
              [q.metricName]
            )}
            value={q.metricName || null}
            isLoading={metrics.loading}
            allowCustomValue
            isClearable
            placeholder="Any metric"
            onChange={(o) => set({ metricName: o?.value || undefined })}
          />
        </Field>
      )}
      {needs('dimensionKey') && (
        <Field
          label="Dimension key"
          {...fieldErrors([q.dimensionKey ? undefined : 'choose the dimension to list the values of', keys.error])}
        >
          <Select
            inputId={`${id}-dimension-key`}
            width={32}
            options={withValues(
              uniqueOptions([
                ...catalogDimensionKeys(q.namespace, q.metricName).map((k) => ({
                  value: k,
                  label: k,
                  description: dimensionDescription(q.namespace, k),
                })),
                ...resourceOptions(keys.items),
                ...variables,
              ]),
              [q.dimensionKey]
            )}
            value={q.dimensionKey || null}
            isLoading={keys.loading}
            allowCustomValue
            placeholder="Choose a dimension"
            onChange={(o) => set({ dimensionKey: o?.value })}
          />
        </Field>
      )}
      {needs('dimensions') && (
        <Field
          label="Dimension filters"
          description='JSON object of name to value(s), "*" for any value, variables allowed: {"InstanceId": "$instance", "MetricGroup": "Queue"}'
          {...fieldErrors([dimensionsError])}
        >
          <Input
            id={`${id}-dimensions`}
            value={dimensions}
            placeholder='{"InstanceId": "$instance"}'
            onChange={(e) => setDimensions(e.currentTarget.value)}
            // A filter that is not valid JSON stays in the field (with its error) and is not saved half-typed.
            onBlur={() => !dimensionsProblem(dimensions) && set({ dimensions: dimensions.trim() || undefined })}
          />
        </Field>
      )}
    </>
  );
}
