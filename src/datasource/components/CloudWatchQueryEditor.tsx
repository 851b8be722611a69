/* eslint-disable @typescript-eslint/no-deprecated -- Select (not Combobox) in every editor: Combobox cannot disable an
   option, which the query editors need to show why a choice would break a rule; one kind of select keeps them alike. */
import React, { useId, useState } from 'react';
import type { SelectableValue } from '@grafana/data';
import { Alert, Field, Input, Select, Stack } from '@grafana/ui';
import { findMetric } from '../../connect/cloudwatchCatalog';
import { periodBelowPublishing } from '../../connect/cloudwatchRules';
import { CLOUDWATCH_UNIT_TO_GRAFANA, type CloudWatchUnit } from '../../connect/units';
import { queryId } from '../references';
import {
  CONNECT_NAMESPACE_OPTIONS,
  PERIOD_CHOICES,
  applyCatalogMetric,
  catalogMetricOptions,
  cloudwatchProblems,
  hasExpression,
  isRunnableCloudWatch,
  labelPlaceholders,
  statisticOptions,
  unitText,
} from './cloudwatchChecks';
import { DimensionsEditor } from './DimensionsEditor';
import type { CloudWatchDataQuery, TypeEditorProps } from './editorTypes';
import { fieldErrors } from './fieldErrors';
import { RegionField } from './RegionField';
import { resourceOptions, uniqueOptions, variableOptions, withValues } from './selectOptions';
import { useResources } from './useResources';

/**
 * CloudWatch GetMetricData, aware of Amazon Connect: the Connect namespaces and their metric catalogue come first
 * (units, dimension sets, the statistic that makes sense), any other namespace and metric the account has can be
 * picked or typed. A math expression replaces the metric fields.
 */

function periodLabel(seconds: number): string {
  if (seconds % 86400 === 0) {
    return `${seconds / 86400}d`;
  }
  if (seconds % 3600 === 0) {
    return `${seconds / 3600}h`;
  }
  return seconds % 60 === 0 ? `${seconds / 60}m` : `${seconds}s`;
}

const PERIOD_OPTIONS: Array<SelectableValue<string>> = [
  {
    value: 'auto',
    label: 'auto',
    description: 'From the time range and max data points, within what CloudWatch keeps',
  },
  ...PERIOD_CHOICES.map((p) => ({ value: String(p), label: periodLabel(p), description: `${p} seconds` })),
];

export function CloudWatchQueryEditor({
  query,
  datasource,
  onChange,
  onRunQuery,
}: TypeEditorProps<CloudWatchDataQuery>) {
  const id = useId();
  // Text fields are written as the user types and run when they leave the field.
  const [editing, setEditing] = useState(false);
  const problems = cloudwatchProblems(query);
  const expression = hasExpression(query);
  const { namespace, metricName, region } = query;
  const jsonData = datasource.instanceSettings.jsonData;

  const namespaceList = useResources(datasource, 'namespaces', { region });
  const metricList = useResources(datasource, 'metrics', { region, namespace }, Boolean(namespace));
  const variables = variableOptions();

  const change = (next: CloudWatchDataQuery, run = true) => {
    onChange(next);
    if (run && isRunnableCloudWatch(next)) {
      onRunQuery();
    }
  };
  const type = (next: CloudWatchDataQuery) => {
    setEditing(true);
    change(next, false);
  };
  const commit = () => {
    if (editing) {
      setEditing(false);
      if (isRunnableCloudWatch(query)) {
        onRunQuery();
      }
    }
  };

  const catalogMetric = findMetric(namespace ?? '', metricName ?? '');
  const listedMetric = metricList.items.find((m) => m.value === metricName);
  const unit = catalogMetric
    ? `${unitText(catalogMetric)} (shown as ${catalogMetric.grafanaUnit})`
    : typeof listedMetric?.unit === 'string'
      ? `${listedMetric.unit}${
          typeof listedMetric.grafanaUnit === 'string'
            ? ` (shown as ${listedMetric.grafanaUnit})`
            : listedMetric.unit in CLOUDWATCH_UNIT_TO_GRAFANA
              ? ` (shown as ${CLOUDWATCH_UNIT_TO_GRAFANA[listedMetric.unit as CloudWatchUnit]})`
              : ''
        }`
      : undefined;
  const metricDescription = metricName
    ? `Unit: ${unit ?? 'as CloudWatch reports it'}.${
        catalogMetric
          ? ` ${catalogMetric.description}`
          : typeof listedMetric?.description === 'string'
            ? ` ${listedMetric.description}`
            : ''
      }`
    : 'Catalogue metrics show their unit and what they count.';

  const namespaceOptions = withValues(
    uniqueOptions([...CONNECT_NAMESPACE_OPTIONS, ...resourceOptions(namespaceList.items), ...variables]),
    [namespace]
  );
  const metricOptions = withValues(
    uniqueOptions([...catalogMetricOptions(namespace), ...resourceOptions(metricList.items), ...variables]),
    [metricName]
  );
  const period = query.period === undefined ? 'auto' : String(query.period);
  // A period finer than AWS publishes the metric: the proxy raises it; the editor says so before it runs.
  const periodAdvice =
    !expression && /^\d+$/.test(period) ? periodBelowPublishing(namespace, metricName, Number(period)) : undefined;
  const unused = expression ? ' Not used: this query is a math expression.' : '';

  return (
    <Stack direction="column" gap={1}>
      <Stack wrap="wrap" gap={2}>
        <RegionField
          value={region}
          defaultRegion={jsonData.defaultRegion}
          onChange={(r) => change({ ...query, region: r })}
        />
        <Field
          label="Namespace"
          description={`Amazon Connect and its neighbours first, then every namespace with data.${unused}`}
          {...fieldErrors([
            ...(problems.namespace ?? []),
            namespaceList.error ? `Could not list namespaces: ${namespaceList.error}` : undefined,
          ])}
        >
          <Select
            inputId={`${id}-namespace`}
            width={32}
            options={namespaceOptions}
            value={namespace || null}
            isLoading={namespaceList.loading}
            allowCustomValue
            placeholder="Choose a namespace"
            onChange={(o) =>
              o?.value !== namespace && change({ ...query, namespace: o?.value ?? '', metricName: '', dimensions: {} })
            }
          />
        </Field>
        <Field
          label="Metric"
          description={`${metricDescription}${unused}`}
          {...fieldErrors([
            ...(problems.metricName ?? []),
            metricList.error ? `Could not list metrics: ${metricList.error}` : undefined,
          ])}
        >
          <Select
            inputId={`${id}-metric`}
            width={40}
            options={metricOptions}
            value={metricName || null}
            isLoading={metricList.loading}
            allowCustomValue
            placeholder="Choose a metric"
            onChange={(o) => {
              const name = o?.value ?? '';
              const known = findMetric(namespace ?? '', name);
              change(
                known ? applyCatalogMetric(query, known, jsonData.defaultInstanceId) : { ...query, metricName: name }
              );
            }}
          />
        </Field>
      </Stack>

      <Field
        label="Dimensions"
        description={`A series per combination of values; "*" is every value with data. CloudWatch matches the set of dimension names exactly.${unused}`}
        {...fieldErrors(problems.dimensions)}
      >
        <>
          <DimensionsEditor
            datasource={datasource}
            region={region}
            namespace={namespace}
            metricName={metricName}
            dimensions={query.dimensions ?? {}}
            onChange={(dimensions) => change({ ...query, dimensions })}
          />
        </>
      </Field>

      <Stack wrap="wrap" gap={2}>
        <Field
          label="Statistic"
          description={`Average, Sum, Minimum, Maximum, SampleCount or a percentile such as p99.${unused}`}
          {...fieldErrors(problems.statistic)}
        >
          <Select
            inputId={`${id}-statistic`}
            width={20}
            options={withValues(uniqueOptions([...statisticOptions(), ...variables]), [query.statistic])}
            value={query.statistic || null}
            allowCustomValue
            formatCreateLabel={(v) => `Use statistic: ${v}`}
            onChange={(o) => change({ ...query, statistic: o?.value ?? '' })}
          />
        </Field>
        <Field
          label="Period"
          description={
            periodAdvice ? `Raised: ${periodAdvice}.` : 'auto, or seconds: 1, 5, 10, 20, 30 or a multiple of 60.'
          }
          {...fieldErrors(problems.period)}
        >
          <Select
            inputId={`${id}-period`}
            width={16}
            options={withValues(PERIOD_OPTIONS, [period])}
            value={period}
            allowCustomValue
            formatCreateLabel={(v) => `Use ${v} seconds`}
            onChange={(o) => {
              const v = (o?.value ?? 'auto').trim();
              change({ ...query, period: /^\d+$/.test(v) ? Number(v) : v || 'auto' });
            }}
          />
        </Field>
        <Field label="Id" description="What math expressions call this query." {...fieldErrors(problems.id)}>
          <Input
            id={`${id}-id`}
            width={16}
            value={query.id ?? ''}
            placeholder={queryId({ ...query, id: undefined })}
            onChange={(e) => type({ ...query, id: e.currentTarget.value || undefined })}
            onBlur={commit}
          />
        </Field>
        <Field
          label="Label"
          description={`Series name. Placeholders: ${labelPlaceholders(Object.keys(query.dimensions ?? {})).join(' ')}`}
        >
          <Input
            id={`${id}-label`}
            width={40}
            value={query.label ?? ''}
            placeholder="the dimension values that differ"
            onChange={(e) => type({ ...query, label: e.currentTarget.value })}
            onBlur={commit}
          />
        </Field>
      </Stack>

      <Field
        label="Math expression"
        description="CloudWatch metric math over the ids of the other CloudWatch queries of this panel, e.g. queue_a / 60. Hide a query that only feeds an expression."
      >
        <Input
          id={`${id}-expression`}
          value={query.expression ?? ''}
          placeholder="e.g. SUM([a, b])"
          onChange={(e) => type({ ...query, expression: e.currentTarget.value })}
          onBlur={commit}
        />
      </Field>
      {expression && (
        <Alert severity="info" title="This query is a math expression">
          Namespace, metric, dimensions and statistic are not used while the expression is set; clear it to query the
          metric.
        </Alert>
      )}
    </Stack>
  );
}
