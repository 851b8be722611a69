import type { FilterV2, GetMetricDataV2Request, MetricV2 } from '@aws-sdk/client-connect';
import {
  autoInterval,
  filterKeysOf,
  findHistoricalMetric,
  formatHistoricalViolation,
  rangePieces,
  retentionStartMs,
  validateHistoricalRequest,
  HISTORICAL_LIMITS,
  type HistoricalInterval,
} from '../../../src/connect';
import type { HistoricalQuery, Notice } from '../../../src/connect/proxyApi';
import { QueryError } from '../../errors';
import type { TimeRange } from '../common';

/**
 * The GetMetricDataV2 calls of one historical query (issue 17): the range clamped to what Connect has (not ahead of
 * AWS's now, not older than its 3 months of retention; each said in a notice) and cut to whole minutes, the interval
 * (auto: the finest the panel's width allows), every rule checked at once (a broken query is a 400 naming each field,
 * before any AWS call), a range longer than the interval allows cut into pieces, and a filter of more than 100 values
 * grouped by its own dimension cut into calls of at most 100 (fact: gmdv2-request-rules).
 */

/** A call's members besides ResourceArn and NextToken, which fetching adds. */
export type HistoricalCall = Omit<GetMetricDataV2Request, 'ResourceArn' | 'NextToken'>;

export interface HistoricalPlan {
  interval: HistoricalInterval;
  fromMs: number;
  toMs: number;
  calls: HistoricalCall[];
  notices: Notice[];
  /**
   * More queues than a call takes, not grouped by queue: the calls are grouped by queue as well (and ask
   * CONTACTS_QUEUED, the rates' weight), and run.ts combines their rows (combine.ts).
   */
  combinesQueues: boolean;
}

const MINUTE_MS = 60_000;

/** Cuts `values` into chunks of at most `size`. */
const chunks = <T>(values: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(values.length / size) }, (_, i) => values.slice(i * size, (i + 1) * size));

export function planHistorical(q: HistoricalQuery, range: TimeRange, nowMs: number): HistoricalPlan {
  const notices: Notice[] = [];
  let { fromMs, toMs } = range;
  if (toMs > nowMs) {
    // Grafana's "now" runs a little ahead of AWS's clock, or the range ends later today: Connect refuses an end ahead.
    toMs = nowMs;
  }
  const earliest = retentionStartMs(nowMs);
  if (fromMs < earliest && toMs > earliest) {
    fromMs = earliest;
    notices.push({
      severity: 'info',
      text: `Connect keeps historical metrics for 3 months: the data starts at ${new Date(earliest).toISOString()}.`,
    });
  }
  // Whole minutes: every viewer's range ends at its own "now" (and a relative one starts then), to the millisecond;
  // the cache key is the call, so unaligned no two viewers would share a call. Aligned, the viewers of a panel share
  // one call a minute (run.ts keeps the current one a minute), for contacts up to the last whole minute.
  const alignedFrom = Math.floor(fromMs / MINUTE_MS) * MINUTE_MS;
  const alignedTo = Math.floor(toMs / MINUTE_MS) * MINUTE_MS;
  if (alignedTo > alignedFrom) {
    fromMs = alignedFrom;
    toMs = alignedTo;
  }
  const interval: HistoricalInterval =
    q.interval === undefined || q.interval === 'auto' ? autoInterval(toMs - fromMs, range.maxDataPoints) : q.interval;

  const violations = validateHistoricalRequest({ ...q, interval }, { fromMs, toMs, nowMs }, { splits: true });
  if (violations.length > 0) {
    throw new QueryError(violations.map(formatHistoricalViolation).join('; '));
  }

  const combinesQueues =
    !q.groupings.includes('QUEUE') && (q.filters.queues?.length ?? 0) > HISTORICAL_LIMITS.filterValues;
  const weighted = q.metrics.some((m) => findHistoricalMetric(m.name)?.combine === 'per-queued');
  const metrics: MetricV2[] = [
    ...q.metrics,
    ...(combinesQueues && weighted && !q.metrics.some((m) => m.name === 'CONTACTS_QUEUED')
      ? [{ name: 'CONTACTS_QUEUED' }]
      : []),
  ].map((m) => ({
    Name: m.name,
    ...('threshold' in m && m.threshold
      ? { Threshold: [{ Comparison: m.threshold.comparison, ThresholdValue: m.threshold.seconds }] }
      : {}),
  }));
  const groupings = combinesQueues ? [...q.groupings, 'QUEUE'] : q.groupings;
  const keys = filterKeysOf(q);
  // Keys above 100 values are split (validation allowed it only where the query groups by them); the others ride
  // along in every call, so each call's values stay within the 100 across keys (channels not counted).
  const split = keys.filter((k) => k.key !== 'CHANNEL' && k.values.length > HISTORICAL_LIMITS.filterValues);
  const fixed = keys.filter((k) => !split.includes(k));
  const fixedCount = fixed.filter((k) => k.key !== 'CHANNEL').reduce((n, k) => n + k.values.length, 0);
  const room = Math.max(1, Math.floor((HISTORICAL_LIMITS.filterValues - fixedCount) / Math.max(1, split.length)));
  let filterSets: FilterV2[][] = [fixed.map((k) => ({ FilterKey: k.key, FilterValues: k.values }))];
  for (const k of split) {
    filterSets = filterSets.flatMap((set) =>
      chunks(k.values, room).map((values) => [...set, { FilterKey: k.key, FilterValues: values }])
    );
  }

  const pieces = interval === 'TOTAL' ? [{ fromMs, toMs }] : rangePieces(fromMs, toMs, interval);
  const calls: HistoricalCall[] = [];
  for (const piece of pieces) {
    for (const Filters of filterSets) {
      calls.push({
        StartTime: new Date(piece.fromMs),
        EndTime: new Date(piece.toMs),
        Interval: { IntervalPeriod: interval, ...(q.timeZone ? { TimeZone: q.timeZone } : {}) },
        Filters,
        ...(groupings.length > 0 ? { Groupings: groupings } : {}),
        Metrics: metrics,
      });
    }
  }
  if (combinesQueues) {
    notices.push({
      severity: 'info',
      text:
        `${q.filters.queues!.length} queues: Connect takes ${HISTORICAL_LIMITS.filterValues} per call, so their ` +
        'per-queue values were combined (counts added, rates weighted by contacts queued).',
    });
  }
  return { interval, fromMs, toMs, calls, notices, combinesQueues };
}
