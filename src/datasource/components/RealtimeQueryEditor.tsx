/* eslint-disable @typescript-eslint/no-deprecated -- Select (not Combobox) in every editor: Combobox cannot disable an
   option, which the query editors need to show why a choice would break a rule; one kind of select keeps them alike. */
import React, { useId, useState } from 'react';
import type { SelectableValue } from '@grafana/data';
import { Alert, Button, Collapse, Field, MultiSelect, RadioButtonGroup, Select, Stack, TagsInput } from '@grafana/ui';
import { CHANNELS, CHANNEL_LABELS, type Channel } from '../../connect/channels';
import type { RealtimeMetricName } from '../../connect/realtimeMetrics';
import { realtimeAdvice, type Grouping, type SortOrder } from '../../connect/realtimeRules';
import type { RealtimeDataQuery, TypeEditorProps } from './editorTypes';
import { fieldErrors } from './fieldErrors';
import { InstanceField } from './InstanceField';
import {
  currentViolations,
  filterModeConflict,
  groupingOptions,
  metricOptions,
  requestShape,
  sortMetricOptions,
  violationsByControl,
  withGroupingAt,
  type FilterMode,
  type RealtimeControl,
} from './realtimeEditing';
import { RegionField } from './RegionField';
import { resolveVariables } from './resolveVariables';
import { resourceOptions, uniqueOptions, valuesOf, variableOptions, withValues } from './selectOptions';
import { useResources } from './useResources';

/**
 * Amazon Connect real-time metrics (GetCurrentMetricData). Every rule of the shared rules module is visible here:
 * options a change would make impossible are disabled with the rule as their description, and every rule the query
 * breaks now is shown on the field it names. Values that became invalid are kept and flagged, never removed.
 */

type Filters = RealtimeDataQuery['filters'];

const FILTER_MODES: Array<SelectableValue<FilterMode>> = [
  { value: 'queues', label: 'Queues' },
  { value: 'routingProfiles', label: 'Routing profiles' },
];

const SORT_ORDER_OPTIONS: Array<SelectableValue<SortOrder>> = [
  { value: 'DESCENDING', label: 'Descending' },
  { value: 'ASCENDING', label: 'Ascending' },
];

const FORMAT_OPTIONS: Array<SelectableValue<'table' | 'timeseries'>> = [
  { value: 'table', label: 'Table' },
  { value: 'timeseries', label: 'Time series' },
];

const CHANNEL_OPTIONS: Array<SelectableValue<string>> = CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c] }));

/** A query the proxy would run: an instance and no broken rule (with the dashboard's variable values). */
export function isRunnableRealtime(q: RealtimeDataQuery): boolean {
  return Boolean(q.instanceId) && currentViolations(requestShape(resolveVariables(q))).length === 0;
}

export function RealtimeQueryEditor({ query, datasource, onChange, onRunQuery }: TypeEditorProps<RealtimeDataQuery>) {
  const id = useId();
  const filters: Filters = query.filters ?? {};
  const queues = filters.queues ?? [];
  const routingProfiles = filters.routingProfiles ?? [];
  const groupings = query.groupings ?? [];
  const metrics = query.metrics ?? [];
  const hasAdvanced = Boolean(filters.agentStatuses?.length || filters.subtypes?.length);

  const [mode, setMode] = useState<FilterMode>(
    routingProfiles.length > 0 && queues.length === 0 ? 'routingProfiles' : 'queues'
  );
  const [advancedOpen, setAdvancedOpen] = useState(hasAdvanced);

  const shape = requestShape(resolveVariables(query));
  const violations = currentViolations(shape);
  const advancedErrors = violations.some((v) => v.field === 'filters.agentStatuses' || v.field === 'filters.subtypes');
  // A rule broken inside the advanced filters opens them: a violation is never hidden in a collapsed section.
  const showAdvanced = advancedOpen || advancedErrors;
  const showQueues = mode === 'queues' || queues.length > 0;
  const showRoutingProfiles = mode === 'routingProfiles' || routingProfiles.length > 0;

  const shown = new Set<RealtimeControl>([
    'filterMode',
    'channels',
    'routingStepExpressions',
    'groupings',
    'metrics',
    'sort',
    ...(showQueues ? (['queues'] as const) : []),
    ...(showRoutingProfiles ? (['routingProfiles'] as const) : []),
    ...(showAdvanced ? (['agentStatuses', 'subtypes'] as const) : []),
  ]);
  const problems = violationsByControl(violations, shown);
  // The list of the other filter kind, still set: shown with the rule and an explicit way to remove it.
  const conflict = filterModeConflict(shape, mode);
  const others = mode === 'routingProfiles' ? queues : routingProfiles;
  const otherWords =
    mode === 'routingProfiles'
      ? ['Queues', 'queue', 'queues']
      : ['Routing profiles', 'routing profile', 'routing profiles'];

  const instanceId = query.instanceId;
  const region = query.region;
  const queueList = useResources(datasource, 'queues', { region, instanceId }, Boolean(instanceId) && showQueues);
  const profileList = useResources(
    datasource,
    'routing-profiles',
    { region, instanceId },
    Boolean(instanceId) && showRoutingProfiles
  );
  const statusList = useResources(
    datasource,
    'agent-statuses',
    { region, instanceId },
    Boolean(instanceId) && showAdvanced
  );
  const variables = variableOptions();

  const change = (next: RealtimeDataQuery) => {
    onChange(next);
    if (isRunnableRealtime(next)) {
      onRunQuery();
    }
  };
  const setFilters = (patch: Partial<Filters>) => change({ ...query, filters: { ...filters, ...patch } });
  const setGrouping = (position: number, grouping: string | undefined) =>
    change({ ...query, groupings: withGroupingAt(groupings, position, grouping) as Grouping[] });

  const loadError = (what: string, error?: string) => (error ? `Could not list ${what}: ${error}` : undefined);
  const order: SortOrder = query.sort?.order ?? 'DESCENDING';

  return (
    <Stack direction="column" gap={1}>
      <Stack wrap="wrap" gap={2}>
        <RegionField
          value={region}
          defaultRegion={datasource.instanceSettings.jsonData.defaultRegion}
          onChange={(r) => change({ ...query, region: r })}
        />
        <InstanceField
          datasource={datasource}
          region={region}
          value={instanceId}
          required
          error={instanceId ? undefined : 'choose an instance'}
          onChange={(value) => change({ ...query, instanceId: value })}
        />
      </Stack>

      <Stack wrap="wrap" gap={2}>
        <Field
          label="Filter by"
          description="Connect filters by queues or by routing profiles, never both in one query."
          {...fieldErrors([...(problems.get('filterMode') ?? [])])}
        >
          <RadioButtonGroup aria-label="Filter by" options={FILTER_MODES} value={mode} onChange={setMode} />
        </Field>
        {showQueues && (
          <Field
            label="Queues"
            description="Queues to report on; several queues give a row each when grouped by queue."
            {...fieldErrors([...(problems.get('queues') ?? []), loadError('queues', queueList.error)])}
          >
            <MultiSelect
              inputId={`${id}-queues`}
              width={50}
              options={withValues(uniqueOptions([...resourceOptions(queueList.items), ...variables]), queues)}
              value={queues}
              isLoading={queueList.loading}
              allowCustomValue
              placeholder={instanceId ? 'Choose queues' : 'Choose an instance first'}
              onChange={(selected) => setFilters({ queues: valuesOf(selected) })}
            />
          </Field>
        )}
        {showRoutingProfiles && (
          <Field
            label="Routing profiles"
            description="Routing profiles to report on: agent metrics of the agents in them."
            {...fieldErrors([
              ...(problems.get('routingProfiles') ?? []),
              loadError('routing profiles', profileList.error),
            ])}
          >
            <MultiSelect
              inputId={`${id}-routing-profiles`}
              width={50}
              options={withValues(
                uniqueOptions([...resourceOptions(profileList.items), ...variables]),
                routingProfiles
              )}
              value={routingProfiles}
              isLoading={profileList.loading}
              allowCustomValue
              placeholder={instanceId ? 'Choose routing profiles' : 'Choose an instance first'}
              onChange={(selected) => setFilters({ routingProfiles: valuesOf(selected) })}
            />
          </Field>
        )}
      </Stack>
      {others.length > 0 && (
        <Alert severity="warning" title={`${otherWords[0]} ${conflict ? 'are still selected' : 'are selected too'}`}>
          <Stack direction="column" gap={1} alignItems="flex-start">
            <div>
              {conflict ? `${conflict}. ` : ''}Remove the {others.length} selected{' '}
              {others.length === 1 ? otherWords[1] : otherWords[2]} to filter by{' '}
              {mode === 'routingProfiles' ? 'routing profiles' : 'queues'}.
            </div>
            <Button
              size="sm"
              variant="secondary"
              onClick={() => setFilters(mode === 'routingProfiles' ? { queues: [] } : { routingProfiles: [] })}
            >
              Remove {otherWords[2]}
            </Button>
          </Stack>
        </Alert>
      )}

      <Stack wrap="wrap" gap={2}>
        <Field
          label="Channels"
          description="Contacts of these channels only; grouping by channel needs at least one."
          {...fieldErrors(problems.get('channels'))}
        >
          <MultiSelect
            inputId={`${id}-channels`}
            width={40}
            options={withValues(uniqueOptions([...CHANNEL_OPTIONS, ...variables]), filters.channels ?? [])}
            value={filters.channels ?? []}
            allowCustomValue
            placeholder="All channels"
            onChange={(selected) => setFilters({ channels: valuesOf(selected) as Channel[] })}
          />
        </Field>
        <Field
          label="Routing step expressions"
          description="Only with exactly one queue, grouped by ROUTING_STEP_EXPRESSION. Press Enter to add."
          {...fieldErrors(problems.get('routingStepExpressions'))}
        >
          <TagsInput
            id={`${id}-routing-steps`}
            width={50}
            tags={filters.routingStepExpressions ?? []}
            placeholder="Expression, then Enter"
            addOnBlur
            onChange={(tags) => setFilters({ routingStepExpressions: tags })}
          />
        </Field>
      </Stack>

      <Collapse label="Advanced filters" isOpen={showAdvanced} onToggle={() => setAdvancedOpen(!showAdvanced)}>
        <Stack wrap="wrap" gap={2}>
          <Field
            label="Agent statuses"
            description="Only agents in these statuses (needs a queue filter)."
            {...fieldErrors([...(problems.get('agentStatuses') ?? []), loadError('agent statuses', statusList.error)])}
          >
            <MultiSelect
              inputId={`${id}-agent-statuses`}
              width={40}
              options={withValues(
                uniqueOptions([...resourceOptions(statusList.items), ...variables]),
                filters.agentStatuses ?? []
              )}
              value={filters.agentStatuses ?? []}
              isLoading={statusList.loading}
              allowCustomValue
              placeholder="Any status"
              onChange={(selected) => setFilters({ agentStatuses: valuesOf(selected) })}
            />
          </Field>
          <Field
            label="Subtypes"
            description="Contact subtypes such as connect:Chat or connect:SMS (needs a queue filter)."
            {...fieldErrors(problems.get('subtypes'))}
          >
            <TagsInput
              id={`${id}-subtypes`}
              width={40}
              tags={filters.subtypes ?? []}
              placeholder="e.g. connect:SMS"
              addOnBlur
              onChange={(tags) => setFilters({ subtypes: tags })}
            />
          </Field>
        </Stack>
      </Collapse>

      <Field
        label="Groupings"
        description="A row per combination, in this order; Connect allows at most two."
        {...fieldErrors(problems.get('groupings'))}
      >
        <>
          <Stack wrap="wrap" gap={1}>
            {[0, 1, ...groupings.slice(2).map((_, i) => i + 2)].map((position) => (
              <Field key={position} label={['Group by', 'Then by'][position] ?? 'And then by'} noMargin>
                <Select
                  inputId={`${id}-grouping-${position}`}
                  width={28}
                  options={withValues(groupingOptions(shape, position), [groupings[position]])}
                  value={groupings[position] ?? null}
                  // "then by" needs a first grouping; a saved third one is shown (and flagged) so it can be removed
                  disabled={position === 1 && groupings.length === 0}
                  isClearable
                  placeholder={position === 0 ? 'No grouping' : 'None'}
                  onChange={(o) => setGrouping(position, o?.value)}
                />
              </Field>
            ))}
          </Stack>
        </>
      </Field>

      <Field
        label="Metrics"
        description="Each metric becomes a column (table) or a series (time series)."
        {...fieldErrors(problems.get('metrics'))}
      >
        <MultiSelect
          inputId={`${id}-metrics`}
          width={80}
          options={withValues(metricOptions(shape), metrics)}
          value={metrics}
          onChange={(selected) => change({ ...query, metrics: valuesOf(selected) as RealtimeMetricName[] })}
        />
      </Field>

      <Stack wrap="wrap" gap={2}>
        <Field
          label="Sort by"
          htmlFor={`${id}-sort`}
          description="Connect sorts the rows by one metric."
          {...fieldErrors(problems.get('sort'))}
        >
          <>
            <Stack gap={1}>
              <Select
                inputId={`${id}-sort`}
                width={30}
                options={sortMetricOptions(shape, order)}
                value={query.sort?.metric ?? null}
                isClearable
                placeholder="Grouping labels"
                onChange={(o) =>
                  change({
                    ...query,
                    sort: o?.value ? { metric: o.value as RealtimeMetricName, order } : undefined,
                  })
                }
              />
              <RadioButtonGroup
                aria-label="Sort order"
                options={SORT_ORDER_OPTIONS}
                value={order}
                disabled={!query.sort}
                onChange={(value) => query.sort && change({ ...query, sort: { ...query.sort, order: value } })}
              />
            </Stack>
          </>
        </Field>
        <Field label="Format" description="Table: a row per grouping key. Time series: a point per metric and key.">
          <RadioButtonGroup
            aria-label="Format"
            options={FORMAT_OPTIONS}
            value={query.format ?? 'table'}
            onChange={(format) => change({ ...query, format })}
          />
        </Field>
      </Stack>

      {problems.get('other')?.map((text) => (
        <Alert key={text} severity="error" title="Connect would refuse this query">
          {text}
        </Alert>
      ))}
      {realtimeAdvice(shape).map((a) => (
        <Alert key={a.rule} severity="warning" title="Connect accepts this query, but AWS advises against it">
          {a.text}
        </Alert>
      ))}
    </Stack>
  );
}
