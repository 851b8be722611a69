import { isChannel } from './channels';
import {
  findHistoricalMetric,
  HISTORICAL_DIMENSIONS,
  HISTORICAL_INTERVAL_SECONDS,
  HISTORICAL_INTERVALS,
  maxRangeSeconds,
  type HistoricalDimension,
  type HistoricalInterval,
} from './historicalMetrics';
import type { ConnectErrorClass } from './realtimeRules';

/**
 * The rules of GetMetricDataV2, written once for Switchboard (fact: gmdv2-request-rules, gmdv2-metric-groupings): the
 * query editor shows each broken rule inline and the proxy answers it with a per-query 400 before any AWS call. The
 * simulator does not use them: it reads AWS's pages on its own.
 */

export const HISTORICAL_LIMITS = {
  /** Filter keys per request ("Array Members: Minimum number of 1 item. Maximum number of 5 items."). */
  filterKeys: 5,
  /** Values per filter key, and across all keys with CHANNEL values not counted. */
  filterValues: 100,
  groupings: 4,
  /** "You can include up to 20 SERVICE_LEVEL metrics in a request." */
  serviceLevelMetrics: 20,
  thresholdMinSeconds: 1,
  thresholdMaxSeconds: 604_800,
  /** Ours, not Connect's: a comparison further back than the 3 months of retention would find nothing. */
  offsetDays: 90,
} as const;

export const THRESHOLD_COMPARISONS = ['LT', 'LTE'] as const;
export type ThresholdComparison = (typeof THRESHOLD_COMPARISONS)[number];

/** The hierarchy levels of the agent-hierarchy filter, as Connect's filter keys name them. */
export const HIERARCHY_LEVELS = ['ONE', 'TWO', 'THREE', 'FOUR', 'FIVE'] as const;

/** A historical query in Switchboard's vocabulary (arrays may be absent). */
export interface HistoricalRequestShape {
  filters?: {
    queues?: string[];
    routingProfiles?: string[];
    agents?: string[];
    channels?: string[];
    /** Agent hierarchy groups of one level (AGENT_HIERARCHY_LEVEL_<level>). */
    agentHierarchy?: { level?: string; groups?: string[] };
  };
  groupings?: string[];
  metrics?: Array<{ name?: string; threshold?: { comparison?: string; seconds?: number } }>;
  /** An interval of Connect's, or `auto` (from the panel's range and width). */
  interval?: string;
  /** An IANA time zone (Connect applies it to DAY and WEEK boundaries); absent: UTC. */
  timeZone?: string;
}

/** The time range of a request, and AWS's now (the data clock). */
export interface HistoricalRange {
  fromMs: number;
  toMs: number;
  nowMs: number;
}

export type HistoricalField =
  | 'filters'
  | 'filters.queues'
  | 'filters.routingProfiles'
  | 'filters.agents'
  | 'filters.channels'
  | 'filters.agentHierarchy'
  | 'groupings'
  | 'metrics'
  | 'metrics.threshold'
  | 'interval'
  | 'timeZone'
  | 'range';

export interface HistoricalViolation {
  field: HistoricalField;
  /** A stable id, e.g. `range.max`, for tests and for the editor to know which control to flag. */
  rule: string;
  /** The rule in words, without the field name. */
  text: string;
  awsError: ConnectErrorClass;
}

export interface HistoricalValidationOptions {
  /**
   * The proxy splits a filter of more than 100 values into several calls when the query is grouped by that filter's
   * dimension (each row then comes from one call), and a range longer than the interval allows into pieces.
   */
  splits?: boolean;
}

const list = (value: string[] | undefined): string[] => (Array.isArray(value) ? value : []);
const DAY_MS = 86_400_000;

/** The filter keys a request uses, with their values, as Connect names them. */
export function filterKeysOf(req: HistoricalRequestShape): Array<{ key: HistoricalDimension; values: string[] }> {
  const f = req.filters ?? {};
  const level = f.agentHierarchy?.level ?? '';
  const keys: Array<{ key: HistoricalDimension; values: string[] }> = [
    { key: 'QUEUE', values: list(f.queues) },
    { key: 'ROUTING_PROFILE', values: list(f.routingProfiles) },
    { key: 'AGENT', values: list(f.agents) },
    { key: 'CHANNEL', values: list(f.channels) },
    { key: `AGENT_HIERARCHY_LEVEL_${level}` as HistoricalDimension, values: list(f.agentHierarchy?.groups) },
  ];
  return keys.filter((k) => k.values.length > 0);
}

/** The earliest instant with data: three calendar months before now (fact: gmdv2-request-rules). */
export function retentionStartMs(nowMs: number): number {
  const d = new Date(nowMs);
  return Date.UTC(
    d.getUTCFullYear(),
    d.getUTCMonth() - 3,
    d.getUTCDate(),
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds()
  );
}

/** Whether a text names a time zone this runtime knows (IANA names, UTC). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone !== '';
  } catch {
    return false;
  }
}

/** Milliseconds a zone's wall clock is ahead of UTC at an instant (Europe/Paris in July: 7,200,000). */
export function zoneOffsetMs(zone: string, atMs: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(atMs);
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return wall - (atMs - (atMs % 1000));
}

/**
 * How far back `days` calendar days are from an instant in a zone: 7 days × 24 h, give or take the hour a daylight
 * saving change in between moved the clocks, so that 09:00 today compares with 09:00 on the same weekday last week.
 */
export function calendarDaysBackMs(atMs: number, days: number, zone = 'UTC'): number {
  const naive = days * DAY_MS;
  return naive - zoneOffsetMs(zone, atMs) + zoneOffsetMs(zone, atMs - naive);
}

/**
 * The finest interval whose buckets over the range number at most `maxPoints` and whose range limit holds without
 * splitting; DAY beyond that (the proxy splits DAY ranges longer than 35 days).
 */
export function autoInterval(rangeMs: number, maxPoints: number): Exclude<HistoricalInterval, 'TOTAL'> {
  for (const interval of ['FIFTEEN_MIN', 'THIRTY_MIN', 'HOUR'] as const) {
    const seconds = HISTORICAL_INTERVAL_SECONDS[interval];
    if (rangeMs < maxRangeSeconds(interval) * 1000 && rangeMs / (seconds * 1000) <= maxPoints) {
      return interval;
    }
  }
  return rangeMs / DAY_MS <= maxPoints ? 'DAY' : 'WEEK';
}

/**
 * A range cut into pieces Connect accepts for the interval: each shorter than the interval's limit by one interval
 * (Connect says "less than"), cut at interval boundaries counted from the range's start so that no bucket is split.
 */
export function rangePieces(
  fromMs: number,
  toMs: number,
  interval: Exclude<HistoricalInterval, 'TOTAL'>
): Array<{ fromMs: number; toMs: number }> {
  const step = HISTORICAL_INTERVAL_SECONDS[interval] * 1000;
  const longest = maxRangeSeconds(interval) * 1000 - step;
  const pieces: Array<{ fromMs: number; toMs: number }> = [];
  for (let start = fromMs; start < toMs; start += longest) {
    pieces.push({ fromMs: start, toMs: Math.min(toMs, start + longest) });
  }
  return pieces;
}

/** The metrics of a request that per-queue values cannot make whole (the averages: no documented weight). */
export function uncombinedMetrics(metrics: Array<{ name?: string }>): string[] {
  return [
    ...new Set(metrics.filter((m) => m.name && !findHistoricalMetric(m.name)?.combine).map((m) => m.name as string)),
  ];
}

/** Every rule the request breaks, in a stable order (empty when Connect would accept it). */
export function validateHistoricalRequest(
  req: HistoricalRequestShape,
  range?: HistoricalRange,
  options: HistoricalValidationOptions = {}
): HistoricalViolation[] {
  const out: HistoricalViolation[] = [];
  const add = (
    field: HistoricalField,
    rule: string,
    text: string,
    awsError: ConnectErrorClass = 'InvalidParameterException'
  ) => out.push({ field, rule, text, awsError });

  const groupings = list(req.groupings);
  const metrics = Array.isArray(req.metrics) ? req.metrics : [];
  const keys = filterKeysOf(req);
  const f = req.filters ?? {};

  // --- metrics
  if (metrics.length === 0) {
    add('metrics', 'metrics.required', 'choose at least one metric');
  }
  const seen = new Set<string>();
  for (const m of metrics) {
    const info = m.name === undefined ? undefined : findHistoricalMetric(m.name);
    if (!info) {
      add('metrics', 'metrics.unknown', `${JSON.stringify(m.name ?? '')} is not a historical metric Switchboard reads`);
      continue;
    }
    const key = `${m.name}|${m.threshold?.comparison ?? ''}|${m.threshold?.seconds ?? ''}`;
    if (seen.has(key)) {
      add('metrics', 'metrics.duplicate', `${m.name} is requested more than once with the same threshold`);
    }
    seen.add(key);
    if (info.needsThreshold && !m.threshold) {
      add(
        'metrics.threshold',
        'metrics.threshold.required',
        `${m.name} needs a threshold in seconds (e.g. less than 20)`
      );
    }
    if (!info.needsThreshold && m.threshold) {
      add('metrics.threshold', 'metrics.threshold.not-allowed', `${m.name} takes no threshold`);
    }
    if (info.needsThreshold && m.threshold) {
      const { comparison, seconds } = m.threshold;
      if (!(THRESHOLD_COMPARISONS as readonly string[]).includes(comparison ?? '')) {
        add(
          'metrics.threshold',
          'metrics.threshold.comparison',
          `${m.name}'s threshold compares with LT or LTE (got ${JSON.stringify(comparison ?? '')})`
        );
      }
      const { thresholdMinSeconds: min, thresholdMaxSeconds: max } = HISTORICAL_LIMITS;
      if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < min || seconds > max) {
        add(
          'metrics.threshold',
          'metrics.threshold.seconds',
          `${m.name}'s threshold must be a whole number of seconds from ${min} to ${max} (got ${seconds})`
        );
      }
    }
    const refused = [...groupings, ...keys.map((k) => k.key)].filter(
      (d, i, all) => (HISTORICAL_DIMENSIONS as readonly string[]).includes(d) && all.indexOf(d) === i
    );
    for (const d of refused.filter((d) => !info.dimensions.includes(d as HistoricalDimension))) {
      add(
        groupings.includes(d) ? 'groupings' : 'filters',
        'metrics.dimension',
        `${m.name} cannot be grouped or filtered by ${d} (it can by ${info.dimensions.join(', ')})`
      );
    }
  }
  const serviceLevels = metrics.filter((m) => m.name === 'SERVICE_LEVEL').length;
  if (serviceLevels > HISTORICAL_LIMITS.serviceLevelMetrics) {
    add(
      'metrics',
      'metrics.service-level-max',
      `at most ${HISTORICAL_LIMITS.serviceLevelMetrics} SERVICE_LEVEL metrics per request (got ${serviceLevels})`
    );
  }

  // --- filters
  const resourceKeys = keys.filter((k) => k.key !== 'CHANNEL');
  if (resourceKeys.length === 0) {
    add('filters', 'filters.required', 'filter by at least one queue, routing profile, agent or agent hierarchy group');
  }
  if (keys.length > HISTORICAL_LIMITS.filterKeys) {
    add('filters', 'filters.keys-max', `at most ${HISTORICAL_LIMITS.filterKeys} filter keys (got ${keys.length})`);
  }
  const fieldOf: Record<string, HistoricalField> = {
    QUEUE: 'filters.queues',
    ROUTING_PROFILE: 'filters.routingProfiles',
    AGENT: 'filters.agents',
    CHANNEL: 'filters.channels',
  };
  let counted = 0;
  for (const { key, values } of resourceKeys) {
    const field = fieldOf[key] ?? 'filters.agentHierarchy';
    // Above 100 values the proxy splits where each row comes from one call (grouped by the same dimension), and
    // for queues where every metric combines from per-queue values (historicalMetrics.ts `combine`).
    const averages = uncombinedMetrics(metrics);
    const combines = key === 'QUEUE' && averages.length === 0 && groupings.length < HISTORICAL_LIMITS.groupings;
    const splits = options.splits && (groupings.includes(key) || combines);
    if (!splits && values.length > HISTORICAL_LIMITS.filterValues) {
      add(
        field,
        `${field}.max`,
        `at most ${HISTORICAL_LIMITS.filterValues} values per filter (got ${values.length})` +
          (options.splits
            ? `; group by ${key} to query more (${
                key === 'QUEUE' && averages.length > 0
                  ? `${averages.join(', ')} cannot be combined from separate calls`
                  : 'averages of separate calls cannot be combined'
              })`
            : '')
      );
    }
    if (!splits) {
      counted += values.length;
    }
    if (values.some((v) => typeof v !== 'string' || v.trim() === '')) {
      add(field, `${field}.empty`, 'values must be non-empty strings');
    }
    const dup = values.filter((v, i) => values.indexOf(v) !== i);
    for (const d of [...new Set(dup)]) {
      add(field, `${field}.duplicate`, `${JSON.stringify(d)} is listed more than once`);
    }
  }
  if (counted > HISTORICAL_LIMITS.filterValues && resourceKeys.every((k) => k.values.length <= 100)) {
    add(
      'filters',
      'filters.values-max',
      `at most ${HISTORICAL_LIMITS.filterValues} filter values across queues, routing profiles, agents and hierarchy groups (got ${counted}; channels do not count)`
    );
  }
  for (const c of list(f.channels)) {
    if (!isChannel(c)) {
      add(
        'filters.channels',
        'filters.channels.unknown',
        `${JSON.stringify(c)} is not a channel (VOICE, CHAT, TASK or EMAIL)`
      );
    }
  }
  if (f.agentHierarchy && list(f.agentHierarchy.groups).length > 0) {
    if (!(HIERARCHY_LEVELS as readonly string[]).includes(f.agentHierarchy.level ?? '')) {
      add(
        'filters.agentHierarchy',
        'filters.agentHierarchy.level',
        `the hierarchy level must be one of ${HIERARCHY_LEVELS.join(', ')} (got ${JSON.stringify(f.agentHierarchy.level ?? '')})`
      );
    }
  }

  // --- groupings
  if (groupings.length > HISTORICAL_LIMITS.groupings) {
    add('groupings', 'groupings.max', `at most ${HISTORICAL_LIMITS.groupings} groupings (got ${groupings.length})`);
  }
  for (const g of groupings) {
    if (!(HISTORICAL_DIMENSIONS as readonly string[]).includes(g)) {
      add(
        'groupings',
        'groupings.unknown',
        `${JSON.stringify(g)} is not a grouping (${HISTORICAL_DIMENSIONS.join(', ')})`
      );
    }
  }
  for (const d of [...new Set(groupings.filter((g, i) => groupings.indexOf(g) !== i))]) {
    add('groupings', 'groupings.duplicate', `${d} is listed more than once`);
  }

  // --- interval and time zone
  const interval = req.interval ?? 'auto';
  if (interval !== 'auto' && !(HISTORICAL_INTERVALS as readonly string[]).includes(interval)) {
    add(
      'interval',
      'interval.unknown',
      `${JSON.stringify(interval)} is not an interval (auto, ${HISTORICAL_INTERVALS.join(', ')})`
    );
  }
  if (req.timeZone !== undefined && !isTimeZone(req.timeZone)) {
    add(
      'timeZone',
      'timeZone.unknown',
      `${JSON.stringify(req.timeZone)} is not a time zone (an IANA name such as Europe/Berlin, or UTC)`
    );
  }

  // --- range
  if (range) {
    const { fromMs, toMs, nowMs } = range;
    if (!(toMs > fromMs)) {
      add('range', 'range.order', 'the range must end after it starts');
    }
    if (toMs > nowMs) {
      add('range', 'range.future', 'the range must not end in the future');
    }
    const earliest = retentionStartMs(nowMs);
    if (fromMs < earliest) {
      add(
        'range',
        'range.retention',
        `Connect keeps historical metrics for 3 months: the range must start after ${new Date(earliest).toISOString()}`
      );
    }
    const known = (HISTORICAL_INTERVALS as readonly string[]).includes(interval)
      ? (interval as HistoricalInterval)
      : undefined;
    if (known && toMs > fromMs) {
      const limit = maxRangeSeconds(known) * 1000;
      const splittable = options.splits && known !== 'TOTAL';
      if (toMs - fromMs >= limit && !splittable) {
        add(
          'range',
          'range.max',
          `with ${known} the range must be shorter than ${limit / DAY_MS} days (got ${Math.round(((toMs - fromMs) / DAY_MS) * 10) / 10})`
        );
      }
    }
  }
  return out;
}

export function formatHistoricalViolation(v: HistoricalViolation): string {
  return `${v.field}: ${v.text}`;
}
