/**
 * GetMetricDataV2 as the simulator reads the API reference (aws-wire-spec.md, "GetMetricDataV2"): the intervals,
 * the range each allows, the groupings it serves and the metrics the simulator computes from its contact records.
 * The simulator's own copy: it plays AWS and must not borrow Switchboard's reading of it.
 */

export const INTERVAL_PERIODS = ['FIFTEEN_MIN', 'THIRTY_MIN', 'HOUR', 'DAY', 'WEEK', 'TOTAL'] as const;
export type IntervalPeriod = (typeof INTERVAL_PERIODS)[number];

/** Interval lengths in seconds (TOTAL: the whole range). */
export const INTERVAL_SECONDS: Record<Exclude<IntervalPeriod, 'TOTAL'>, number> = {
  FIFTEEN_MIN: 900,
  THIRTY_MIN: 1800,
  HOUR: 3600,
  DAY: 86400,
  WEEK: 604800,
};

/** "FIFTEEN_MIN/THIRTY_MIN/HOUR => range < 3 days; DAY/WEEK/TOTAL => < 35 days". */
export function longestRangeSeconds(period: IntervalPeriod): number {
  return period === 'FIFTEEN_MIN' || period === 'THIRTY_MIN' || period === 'HOUR' ? 3 * 86400 : 35 * 86400;
}

/** The groupings of the API that the model can answer. */
export const V2_GROUPINGS = ['QUEUE', 'CHANNEL', 'ROUTING_PROFILE', 'AGENT'] as const;

/** The metrics the simulator computes; SERVICE_LEVEL takes a threshold ("answered within N seconds"). */
export const V2_METRICS: ReadonlyArray<{ name: string; needsThreshold?: boolean }> = [
  { name: 'CONTACTS_CREATED' },
  { name: 'CONTACTS_QUEUED' },
  { name: 'CONTACTS_HANDLED' },
  { name: 'CONTACTS_ABANDONED' },
  { name: 'AVG_HANDLE_TIME' },
  { name: 'AVG_QUEUE_ANSWER_TIME' },
  { name: 'AVG_ABANDON_TIME' },
  { name: 'AVG_AFTER_CONTACT_WORK_TIME' },
  { name: 'MAX_QUEUED_TIME' },
  { name: 'ABANDONMENT_RATE' },
  { name: 'SERVICE_LEVEL', needsThreshold: true },
];
