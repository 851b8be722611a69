/* eslint-disable @typescript-eslint/no-deprecated -- Select (not Combobox) in every editor: Combobox cannot disable an
   option, which the query editors need to show why a choice would break a rule; one kind of select keeps them alike. */
import React, { useId } from 'react';
import type { SelectableValue } from '@grafana/data';
import { Field, MultiSelect, RadioButtonGroup, Select, Stack, TagsInput } from '@grafana/ui';
import { CHANNELS, CHANNEL_LABELS, type Channel } from '../../connect/channels';
import {
  findHistoricalMetric,
  HISTORICAL_DIMENSION_LABELS,
  HISTORICAL_DIMENSIONS,
  HISTORICAL_INTERVALS,
  HISTORICAL_METRICS,
} from '../../connect/historicalMetrics';
import { HISTORICAL_LIMITS, validateHistoricalRequest, type HistoricalField } from '../../connect/historicalRules';
import type { HistoricalDataQuery, TypeEditorProps } from './editorTypes';
import { fieldErrors } from './fieldErrors';
import { GoalsField } from './GoalsField';
import { InstanceField } from './InstanceField';
import { RegionField } from './RegionField';
import { resolveVariables } from './resolveVariables';
import { resourceOptions, uniqueOptions, valuesOf, variableOptions, withValues } from './selectOptions';
import { useResources } from './useResources';

/**
 * Amazon Connect historical metrics (GetMetricDataV2): service level, abandonment, answer and handle times per queue,
 * channel, routing profile or agent. The rules of src/connect/historicalRules.ts are shown on the field they name;
 * groupings a chosen metric cannot take are disabled with the reason. The range is the panel's: the proxy cuts a
 * long one into pieces Connect accepts.
 */

type Metric = HistoricalDataQuery['metrics'][number];

/** What a NOC looks for, in the order it asks. */
const TOPICS: Record<string, string> = {
  SERVICE_LEVEL: 'Service level',
  ABANDONMENT_RATE: 'Abandonment',
  CONTACTS_ABANDONED: 'Abandonment',
  AVG_ABANDON_TIME: 'Abandonment',
  AVG_QUEUE_ANSWER_TIME: 'Waiting',
  MAX_QUEUED_TIME: 'Waiting',
  CONTACTS_QUEUED: 'Waiting',
  AVG_HANDLE_TIME: 'Handle time',
  AVG_AFTER_CONTACT_WORK_TIME: 'Handle time',
  CONTACTS_HANDLED: 'Volume',
  CONTACTS_CREATED: 'Volume',
};

const METRIC_OPTIONS: Array<SelectableValue<string>> = HISTORICAL_METRICS.map((m) => ({
  value: m.name,
  label: m.name,
  description: `${TOPICS[m.name] ?? 'Other'} · ${m.description}`,
}));

const INTERVAL_OPTIONS: Array<SelectableValue<string>> = [
  { value: 'auto', label: 'Auto', description: 'The finest interval the panel width and the range allow' },
  ...HISTORICAL_INTERVALS.map((i) => ({
    value: i,
    label: i === 'TOTAL' ? 'Total' : i.replace('_MIN', ' minutes').replace('FIFTEEN', '15').replace('THIRTY', '30'),
    description: i === 'TOTAL' ? 'One value for the whole range (shorter than 35 days)' : undefined,
  })),
];

const COMPARISONS: Array<SelectableValue<'LT' | 'LTE'>> = [
  { value: 'LT', label: 'Less than' },
  { value: 'LTE', label: 'At most' },
];

const FORMAT_OPTIONS: Array<SelectableValue<'table' | 'timeseries'>> = [
  { value: 'table', label: 'Table' },
  { value: 'timeseries', label: 'Time series' },
];

/** Comparisons a NOC makes: yesterday, the same weekday last week, four weeks back. */
const OFFSET_OPTIONS: Array<SelectableValue<number>> = [
  { value: 0, label: 'None' },
  { value: 1, label: '1 day earlier' },
  { value: 7, label: '7 days earlier', description: 'The same weekday last week' },
  { value: 28, label: '28 days earlier', description: 'The same weekday four weeks ago' },
];

const CHANNEL_OPTIONS: Array<SelectableValue<string>> = CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c] }));

/** The comparison options, with a saved number of days that is not among them. */
const withOffset = (days: number | undefined): Array<SelectableValue<number>> =>
  days && !OFFSET_OPTIONS.some((o) => o.value === days)
    ? [...OFFSET_OPTIONS, { value: days, label: `${days} days earlier` }]
    : OFFSET_OPTIONS;

/** Service level thresholds a new SERVICE_LEVEL starts with: 20 s, the most common target. */
const DEFAULT_THRESHOLDS = [20];

/** Every broken rule of the query as the proxy will receive it (the range is the panel's, checked by the proxy). */
export function historicalViolations(q: HistoricalDataQuery) {
  return validateHistoricalRequest(resolveVariables(q), undefined, { splits: true });
}

export function isRunnableHistorical(q: HistoricalDataQuery): boolean {
  return Boolean(q.instanceId) && historicalViolations(q).length === 0;
}

export function HistoricalQueryEditor({
  query,
  datasource,
  onChange,
  onRunQuery,
}: TypeEditorProps<HistoricalDataQuery>) {
  const id = useId();
  const filters = query.filters ?? {};
  const groupings = query.groupings ?? [];
  const metrics = query.metrics ?? [];
  const serviceLevels = metrics.filter((m) => m.name === 'SERVICE_LEVEL');
  const comparison = serviceLevels[0]?.threshold?.comparison ?? 'LT';
  const names = [...new Set(metrics.map((m) => m.name))];

  const violations = historicalViolations(query);
  const problems = (...fields: HistoricalField[]) =>
    violations.filter((v) => fields.includes(v.field)).map((v) => v.text);

  const { instanceId, region } = query;
  const queueList = useResources(datasource, 'queues', { region, instanceId }, Boolean(instanceId));
  const profileList = useResources(datasource, 'routing-profiles', { region, instanceId }, Boolean(instanceId));
  const variables = variableOptions();

  const change = (next: HistoricalDataQuery) => {
    onChange(next);
    if (isRunnableHistorical(next)) {
      onRunQuery();
    }
  };
  const setFilters = (patch: Partial<HistoricalDataQuery['filters']>) =>
    change({ ...query, filters: { ...filters, ...patch } });
  /** The metrics for these names, SERVICE_LEVEL once per threshold (kept, or 20 s when newly chosen). */
  const withNames = (chosen: string[], thresholds = serviceLevels.map((m) => m.threshold?.seconds ?? 20)): Metric[] =>
    chosen.flatMap((name): Metric[] =>
      name === 'SERVICE_LEVEL'
        ? (thresholds.length > 0 ? thresholds : DEFAULT_THRESHOLDS).map((seconds) => ({
            name: 'SERVICE_LEVEL',
            threshold: { comparison, seconds },
          }))
        : [{ name } as Metric]
    );
  // A grouping the chosen metrics cannot take is offered disabled, saying which metric refuses it.
  const groupingOptions: Array<SelectableValue<string>> = HISTORICAL_DIMENSIONS.map((d) => {
    const refusing = names.filter((n) => !findHistoricalMetric(n)?.dimensions.includes(d));
    return {
      value: d,
      label: HISTORICAL_DIMENSION_LABELS[d],
      ...(refusing.length > 0 && !groupings.includes(d)
        ? { isDisabled: true, description: `Not available: ${refusing.join(', ')} cannot be grouped by ${d}` }
        : {}),
    };
  });

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
          label="Queues"
          description="Queues to report on (ids or names); at least one queue, routing profile or agent."
          {...fieldErrors([...problems('filters', 'filters.queues')])}
        >
          <MultiSelect
            inputId={`${id}-queues`}
            width={50}
            options={withValues(
              uniqueOptions([...resourceOptions(queueList.items), ...variables]),
              filters.queues ?? []
            )}
            value={filters.queues ?? []}
            isLoading={queueList.loading}
            allowCustomValue
            placeholder={instanceId ? 'Choose queues' : 'Choose an instance first'}
            onChange={(selected) => setFilters({ queues: valuesOf(selected) })}
          />
        </Field>
        <Field
          label="Routing profiles"
          description="Contacts of the agents in these routing profiles."
          {...fieldErrors(problems('filters.routingProfiles'))}
        >
          <MultiSelect
            inputId={`${id}-routing-profiles`}
            width={40}
            options={withValues(
              uniqueOptions([...resourceOptions(profileList.items), ...variables]),
              filters.routingProfiles ?? []
            )}
            value={filters.routingProfiles ?? []}
            isLoading={profileList.loading}
            allowCustomValue
            placeholder="Any"
            onChange={(selected) => setFilters({ routingProfiles: valuesOf(selected) })}
          />
        </Field>
        <Field label="Channels" {...fieldErrors(problems('filters.channels'))}>
          <MultiSelect
            inputId={`${id}-channels`}
            width={30}
            options={withValues(uniqueOptions([...CHANNEL_OPTIONS, ...variables]), filters.channels ?? [])}
            value={filters.channels ?? []}
            allowCustomValue
            placeholder="All channels"
            onChange={(selected) => setFilters({ channels: valuesOf(selected) as Channel[] })}
          />
        </Field>
      </Stack>
      <Stack wrap="wrap" gap={2}>
        <Field
          label="Metrics"
          description="Grouped by topic: service level, abandonment, waiting, handle time, volume."
          {...fieldErrors(problems('metrics'))}
        >
          <MultiSelect
            inputId={`${id}-metrics`}
            width={50}
            options={METRIC_OPTIONS}
            value={names}
            onChange={(selected) => change({ ...query, metrics: withNames(valuesOf(selected)) })}
          />
        </Field>
        {names.includes('SERVICE_LEVEL') && (
          <Field
            label="Service level within (seconds)"
            description={`One service level per threshold, 1 to ${HISTORICAL_LIMITS.thresholdMaxSeconds} s (e.g. 20 and 60).`}
            {...fieldErrors(problems('metrics.threshold'))}
          >
            <Stack gap={1}>
              <RadioButtonGroup
                aria-label="Service level comparison"
                options={COMPARISONS}
                value={comparison}
                onChange={(c) =>
                  change({
                    ...query,
                    metrics: metrics.map((m) =>
                      m.name === 'SERVICE_LEVEL' && m.threshold
                        ? { ...m, threshold: { ...m.threshold, comparison: c } }
                        : m
                    ),
                  })
                }
              />
              <TagsInput
                id={`${id}-thresholds`}
                width={30}
                placeholder="Seconds, then Enter"
                tags={serviceLevels.map((m) => String(m.threshold?.seconds ?? ''))}
                onChange={(tags) =>
                  change({
                    ...query,
                    metrics: withNames(
                      names,
                      tags.map(Number).filter((n) => !Number.isNaN(n))
                    ),
                  })
                }
              />
            </Stack>
          </Field>
        )}
      </Stack>
      <Stack wrap="wrap" gap={2}>
        <Field
          label="Group by"
          description={`Up to ${HISTORICAL_LIMITS.groupings}: a row (or a series) per value.`}
          {...fieldErrors(problems('groupings'))}
        >
          <MultiSelect
            inputId={`${id}-groupings`}
            width={40}
            options={groupingOptions}
            value={groupings}
            placeholder="No grouping: one total"
            onChange={(selected) =>
              change({ ...query, groupings: valuesOf(selected) as HistoricalDataQuery['groupings'] })
            }
          />
        </Field>
        <Field label="Interval" {...fieldErrors(problems('interval', 'range'))}>
          <Select
            inputId={`${id}-interval`}
            width={20}
            options={INTERVAL_OPTIONS}
            value={query.interval ?? 'auto'}
            onChange={(v) => change({ ...query, interval: v.value as HistoricalDataQuery['interval'] })}
          />
        </Field>
        <Field label="Format" description="Table: a row per group (and interval). Time series: a series per group.">
          <RadioButtonGroup
            aria-label="Format"
            options={FORMAT_OPTIONS}
            value={query.format ?? 'table'}
            onChange={(format) => change({ ...query, format })}
          />
        </Field>
        <Field
          label="Compare with"
          description={`The panel's range this many days earlier, drawn over it (1 to ${HISTORICAL_LIMITS.offsetDays}).`}
        >
          <Select
            inputId={`${id}-offset`}
            width={24}
            options={withOffset(query.offsetDays)}
            value={query.offsetDays ?? 0}
            allowCustomValue
            onCreateOption={(text) => {
              const days = Number(text);
              if (Number.isInteger(days) && days >= 1 && days <= HISTORICAL_LIMITS.offsetDays) {
                change({ ...query, offsetDays: days });
              }
            }}
            onChange={(v) => change({ ...query, offsetDays: v.value ? Number(v.value) : undefined })}
          />
        </Field>
      </Stack>
      {names.length > 0 && (
        <GoalsField
          id={id}
          metrics={names}
          goals={query.goals}
          onChange={(goals) => onChange({ ...query, goals })}
          onBlur={() => isRunnableHistorical(query) && onRunQuery()}
        />
      )}
    </Stack>
  );
}
