/**
 * The GetMetricDataV2 (historical) metrics Switchboard understands. Connect has many more; these are the ones the
 * simulator computes from its contact records and the ones a NOC asks for first.
 */
export interface HistoricalMetricInfo {
  name: string;
  unit: 'COUNT' | 'SECONDS' | 'PERCENT';
  description: string;
  /** SERVICE_LEVEL needs a threshold ("answered within N seconds"). */
  needsThreshold?: boolean;
}

export const HISTORICAL_METRICS: HistoricalMetricInfo[] = [
  {
    name: 'CONTACTS_CREATED',
    unit: 'COUNT',
    description: 'Contacts that arrived (including those rejected by a full queue).',
  },
  { name: 'CONTACTS_QUEUED', unit: 'COUNT', description: 'Contacts put in a queue.' },
  {
    name: 'CONTACTS_HANDLED',
    unit: 'COUNT',
    description: 'Contacts answered by an agent whose handling ended in the interval.',
  },
  { name: 'CONTACTS_ABANDONED', unit: 'COUNT', description: 'Contacts that hung up while waiting in the queue.' },
  {
    name: 'AVG_HANDLE_TIME',
    unit: 'SECONDS',
    description: 'Average talk plus after-contact work time of handled contacts.',
  },
  {
    name: 'AVG_QUEUE_ANSWER_TIME',
    unit: 'SECONDS',
    description: 'Average time answered contacts waited in the queue.',
  },
  {
    name: 'AVG_ABANDON_TIME',
    unit: 'SECONDS',
    description: 'Average time abandoned contacts waited before hanging up.',
  },
  {
    name: 'AVG_AFTER_CONTACT_WORK_TIME',
    unit: 'SECONDS',
    description: 'Average after-contact work time of handled contacts.',
  },
  { name: 'MAX_QUEUED_TIME', unit: 'SECONDS', description: 'The longest time a contact waited in the queue.' },
  { name: 'ABANDONMENT_RATE', unit: 'PERCENT', description: 'Abandoned contacts as a percentage of queued contacts.' },
  {
    name: 'SERVICE_LEVEL',
    unit: 'PERCENT',
    description: 'Percentage of queued contacts answered within the threshold.',
    needsThreshold: true,
  },
];

export const HISTORICAL_INTERVALS = ['FIFTEEN_MIN', 'THIRTY_MIN', 'HOUR', 'DAY', 'WEEK', 'TOTAL'] as const;
export type HistoricalInterval = (typeof HISTORICAL_INTERVALS)[number];

/** Interval lengths in seconds (TOTAL: the whole range). */
export const HISTORICAL_INTERVAL_SECONDS: Record<Exclude<HistoricalInterval, 'TOTAL'>, number> = {
  FIFTEEN_MIN: 900,
  THIRTY_MIN: 1800,
  HOUR: 3600,
  DAY: 86400,
  WEEK: 604800,
};

/** The longest range each interval allows (GetMetricDataV2: < 3 days for sub-day intervals, < 35 days otherwise). */
export function maxRangeSeconds(interval: HistoricalInterval): number {
  return interval === 'FIFTEEN_MIN' || interval === 'THIRTY_MIN' || interval === 'HOUR' ? 3 * 86400 : 35 * 86400;
}

export const HISTORICAL_GROUPINGS = ['QUEUE', 'CHANNEL', 'ROUTING_PROFILE', 'AGENT'] as const;
export const HISTORICAL_FILTER_KEYS = ['QUEUE', 'CHANNEL', 'ROUTING_PROFILE', 'AGENT'] as const;
