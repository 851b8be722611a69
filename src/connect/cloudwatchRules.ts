import { BASIC_STATISTICS, findMetric } from './cloudwatchCatalog';

/**
 * The rules of a cloudwatch query, written once: the proxy answers a broken query with these sentences and the
 * editor shows them inline before it runs. Each check returns the problem in words, or undefined.
 */

/** CloudWatch's limit of dimensions per metric. */
export const MAX_DIMENSIONS = 30;

/** Periods below a minute, for high-resolution metrics. */
export const HIGH_RESOLUTION_PERIODS = [1, 5, 10, 20, 30];

export function periodProblem(period: number | string | undefined): string | undefined {
  if (period === undefined || period === 'auto' || period === '') {
    return undefined;
  }
  const n = typeof period === 'number' ? period : /^\d+$/.test(period) ? Number(period) : NaN;
  if (!Number.isInteger(n) || n <= 0 || (!HIGH_RESOLUTION_PERIODS.includes(n) && n % 60 !== 0)) {
    return `must be 1, 5, 10, 20, 30 or a multiple of 60 seconds (got ${period})`;
  }
  return undefined;
}

/** pNN or pNN.NN (AWS allows two decimals, e.g. p99.99), and p100. */
export const PERCENTILE_PATTERN = /^p(\d{1,2}(\.\d{1,2})?|100)$/;

export function statisticProblem(statistic: string | undefined): string | undefined {
  const s = statistic || 'Average';
  if ((BASIC_STATISTICS as readonly string[]).includes(s) || PERCENTILE_PATTERN.test(s)) {
    return undefined;
  }
  return `must be one of ${BASIC_STATISTICS.join(', ')} or a percentile such as p99 (got ${JSON.stringify(s)})`;
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

export const MISSING_NAMESPACE = 'choose a namespace (or write a math expression)';
export const MISSING_METRIC = 'choose a metric (or write a math expression)';
export const TOO_MANY_DIMENSIONS = `at most ${MAX_DIMENSIONS} dimensions per metric`;
export const emptyDimension = (name: string) => `${name}: choose at least one value (or "*" for every value)`;

/** "every 15 minutes", "every 10 seconds", "every minute". */
export function everyText(seconds: number): string {
  if (seconds % 60 !== 0) {
    return `every ${seconds} seconds`;
  }
  return seconds === 60 ? 'every minute' : `every ${seconds / 60} minutes`;
}

/**
 * The finest period worth asking for a catalogue metric: how often AWS publishes it (fact: publishing-frequency;
 * Voice ID's domain counters every 15 minutes, Connect's tasks and emails in use every 5). A finer period only adds
 * empty periods, which a panel draws as gaps or as drops to zero. Undefined for metrics outside the catalogue.
 */
export function publishingPeriod(namespace: string | undefined, metricName: string | undefined): number | undefined {
  return findMetric(namespace ?? '', metricName ?? '')?.frequencySeconds;
}

/** Why a period is finer than AWS publishes the metric (the proxy raises it and says so), or undefined. */
export function periodBelowPublishing(
  namespace: string | undefined,
  metricName: string | undefined,
  period: number
): string | undefined {
  const every = publishingPeriod(namespace, metricName);
  if (every === undefined || period >= every) {
    return undefined;
  }
  return `AWS publishes ${namespace} ${metricName} ${everyText(every)}: a ${period}-second period would show empty periods between its points, so ${every} seconds is used`;
}
