import type { SelectableValue } from '@grafana/data';
import {
  BASIC_STATISTICS,
  CONNECT_NAMESPACES,
  NAMESPACES,
  findMetric,
  metricsOf,
  type CloudWatchMetricInfo,
} from '../../connect/cloudwatchCatalog';
import {
  emptyDimension,
  idProblem,
  MAX_DIMENSIONS,
  MISSING_METRIC,
  MISSING_NAMESPACE,
  periodProblem,
  statisticProblem as sharedStatisticProblem,
  TOO_MANY_DIMENSIONS,
} from '../../connect/cloudwatchRules';
import type { CloudWatchQuery } from '../../connect/proxyApi';

/**
 * What the CloudWatch editor checks and offers. The rules are src/connect/cloudwatchRules.ts, which the proxy
 * answers with too, so the editor says before running what the proxy would answer.
 */

export { MAX_DIMENSIONS, idProblem, periodProblem };

export const ALL_VALUES = '*';

export const PERCENTILES = ['p50', 'p90', 'p95', 'p99', 'p99.9'];

/** Periods offered in the menu; any other 1, 5, 10, 20, 30 or multiple of 60 can be typed. */
export const PERIOD_CHOICES = [1, 5, 10, 20, 30, 60, 300, 900, 3600, 21600, 86400];

/** A statistic may also be a template variable, replaced before the query runs. */
export function statisticProblem(statistic: string | undefined): string | undefined {
  return statistic && isVariable(statistic) ? undefined : sharedStatisticProblem(statistic);
}

export function isVariable(value: string): boolean {
  return /^\$/.test(value);
}

export function hasExpression(q: Pick<CloudWatchQuery, 'expression'>): boolean {
  return Boolean(q.expression && q.expression.trim() !== '');
}

/** Problems per field of a cloudwatch query, as the proxy would name them. */
export function cloudwatchProblems(q: CloudWatchQuery): Partial<Record<string, string[]>> {
  const out: Partial<Record<string, string[]>> = {};
  const add = (field: string, text: string | undefined) => {
    if (text) {
      out[field] = [...(out[field] ?? []), text];
    }
  };
  add('period', periodProblem(q.period));
  add('id', idProblem(q.id));
  if (hasExpression(q)) {
    return out;
  }
  if (!q.namespace) {
    add('namespace', MISSING_NAMESPACE);
  } else if (!q.metricName) {
    add('metricName', MISSING_METRIC);
  }
  add('statistic', statisticProblem(q.statistic));
  const dims = Object.entries(q.dimensions ?? {});
  if (dims.length > MAX_DIMENSIONS) {
    add('dimensions', TOO_MANY_DIMENSIONS);
  }
  for (const [name, values] of dims) {
    if (values.length === 0) {
      add('dimensions', emptyDimension(name));
    }
  }
  return out;
}

export function isRunnableCloudWatch(q: CloudWatchQuery): boolean {
  return Object.keys(cloudwatchProblems(q)).length === 0;
}

/** The four Connect namespaces first, with what they hold. */
export const CONNECT_NAMESPACE_OPTIONS: Array<SelectableValue<string>> = CONNECT_NAMESPACES.map((name) => ({
  value: name,
  label: name,
  description: `${NAMESPACES[name].label}: ${NAMESPACES[name].description}`,
}));

export function unitText(m: CloudWatchMetricInfo): string {
  return m.unit === 'None' ? 'no unit' : m.unit;
}

export function catalogMetricOptions(namespace: string | undefined): Array<SelectableValue<string>> {
  return metricsOf(namespace ?? '').map((m) => ({
    value: m.name,
    label: m.name,
    description: `${unitText(m)} · ${m.statistic} · ${m.description}`,
  }));
}

export function statisticOptions(): Array<SelectableValue<string>> {
  return [
    ...BASIC_STATISTICS.map((s) => ({ value: s, label: s })),
    ...PERCENTILES.map((p) => ({ value: p, label: p, description: `${p.slice(1)}th percentile` })),
  ];
}

/** Dimension names a metric is published with (every set), or the namespace's, catalogue first. */
export function catalogDimensionKeys(namespace: string | undefined, metricName: string | undefined): string[] {
  const metric = findMetric(namespace ?? '', metricName ?? '');
  if (metric) {
    return [...new Set(metric.dimensionSets.flat())];
  }
  return namespace && namespace in NAMESPACES
    ? Object.keys(NAMESPACES[namespace as keyof typeof NAMESPACES].dimensions)
    : [];
}

export function dimensionDescription(namespace: string | undefined, key: string): string | undefined {
  return namespace && namespace in NAMESPACES
    ? NAMESPACES[namespace as keyof typeof NAMESPACES].dimensions[key]
    : undefined;
}

/**
 * Choosing a catalogue metric: its default statistic, and the dimensions of its first dimension set (CloudWatch
 * matches sets exactly). Values the user already gave for a key that stays are kept; MetricGroup takes the
 * metric's group; the instance takes the datasource's default instance; other keys start at "*" (every value).
 */
export function applyCatalogMetric<Q extends CloudWatchQuery>(
  q: Q,
  metric: CloudWatchMetricInfo,
  defaultInstanceId?: string
): Q {
  const previous = q.dimensions ?? {};
  const keys = metric.dimensionSets[0] ?? [];
  const dimensions = Object.fromEntries(
    keys.map((key) => {
      if (key === 'MetricGroup' && metric.metricGroup) {
        return [key, [metric.metricGroup]];
      }
      if (previous[key]?.length) {
        return [key, previous[key]];
      }
      if ((key === 'InstanceId' || key === 'Instance ID') && defaultInstanceId) {
        return [key, [defaultInstanceId]];
      }
      return [key, [ALL_VALUES]];
    })
  );
  return { ...q, metricName: metric.name, statistic: metric.statistic, dimensions };
}

/** Placeholders the proxy fills in labels. */
export function labelPlaceholders(dimensionKeys: string[]): string[] {
  return [...dimensionKeys.map((k) => `\${${k}}`), '${METRIC}', '${STAT}', '${NAMESPACE}', '${PERIOD}'];
}
