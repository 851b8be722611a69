import { BASIC_STATISTICS } from './cloudwatchCatalog';

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
