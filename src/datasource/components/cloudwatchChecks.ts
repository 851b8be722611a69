import type { SelectableValue } from '@grafana/data';
import {
  BASIC_STATISTICS,
  CONNECT_NAMESPACES,
  NAMESPACES,
  findMetric,
  metricsOf,
  type CloudWatchMetricInfo,
} from '../../connect/cloudwatchCatalog';
import type { CloudWatchQuery } from '../../connect/query';

/**
 * What the CloudWatch editor checks and offers. The texts are the proxy's (proxy/queries/cloudwatch.ts, period.ts),
 * so the editor says before running what the proxy would answer.
 */

/** CloudWatch's limit of dimensions per metric. */
export const MAX_DIMENSIONS = 30;

export const ALL_VALUES = '*';

export const PERCENTILES = ['p50', 'p90', 'p95', 'p99', 'p99.9'];

const HIGH_RESOLUTION_PERIODS = [1, 5, 10, 20, 30];

/** Periods offered in the menu; any other 1, 5, 10, 20, 30 or multiple of 60 can be typed. */
export const PERIOD_CHOICES = [1, 5, 10, 20, 30, 60, 300, 900, 3600, 21600, 86400];

export function periodProblem(period: CloudWatchQuery['period']): string | undefined {
  if (period === undefined || period === 'auto' || period === '') {
    return undefined;
  }
  const n = typeof period === 'number' ? period : /^\d+$/.test(period) ? Number(period) : NaN;
  if (!Number.isInteger(n) || n <= 0 || (!HIGH_RESOLUTION_PERIODS.includes(n) && n % 60 !== 0)) {
    return `must be 1, 5, 10, 20, 30 or a multiple of 60 seconds (got ${period})`;
  }
  return undefined;
}

export function idProblem(id: string | undefined): string | undefined {
  if (id === undefined || id === '') {
    return undefined;
  }
  if (!/^[a-z][a-zA-Z0-9_]*$/.test(id)) {
    return `must start with a lower-case letter and hold only letters, digits and underscores (got ${JSON.stringify(id)})`;
  }
  return id.length > 255 ? 'at most 255 characters' : undefined;
}

export function statisticProblem(statistic: string | undefined): string | undefined {
  const s = statistic || 'Average';
  if ((BASIC_STATISTICS as readonly string[]).includes(s) || /^p(\d{1,2}(\.\d{1,2})?|100)$/.test(s) || isVariable(s)) {
    return undefined;
  }
  return `must be one of ${BASIC_STATISTICS.join(', ')} or a percentile such as p99 (got ${JSON.stringify(s)})`;
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
    add('namespace', 'choose a namespace (or write a math expression)');
  } else if (!q.metricName) {
    add('metricName', 'choose a metric (or write a math expression)');
  }
  add('statistic', statisticProblem(q.statistic));
  const dims = Object.entries(q.dimensions ?? {});
  if (dims.length > MAX_DIMENSIONS) {
    add('dimensions', `at most ${MAX_DIMENSIONS} dimensions per metric`);
  }
  for (const [name, values] of dims) {
    if (values.length === 0) {
      add('dimensions', `${name}: choose at least one value (or "*" for every value)`);
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
