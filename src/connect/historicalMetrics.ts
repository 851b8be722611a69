/**
 * The GetMetricDataV2 (historical) metrics Switchboard understands. Connect has many more; these are the ones the
 * simulator computes from its contact records and the ones a NOC asks for first. Units, groupings and thresholds per
 * the API reference (fact: gmdv2-metric-groupings).
 */

/** The dimensions Switchboard groups and filters historical metrics by (Connect has many more). */
export const HISTORICAL_DIMENSIONS = [
  'QUEUE',
  'CHANNEL',
  'ROUTING_PROFILE',
  'AGENT',
  'AGENT_HIERARCHY_LEVEL_ONE',
  'AGENT_HIERARCHY_LEVEL_TWO',
  'AGENT_HIERARCHY_LEVEL_THREE',
  'AGENT_HIERARCHY_LEVEL_FOUR',
  'AGENT_HIERARCHY_LEVEL_FIVE',
] as const;
export type HistoricalDimension = (typeof HISTORICAL_DIMENSIONS)[number];

/** How a dimension is named to people: the editor's grouping options and the frames' column and label names. */
export const HISTORICAL_DIMENSION_LABELS: Record<HistoricalDimension, string> = {
  QUEUE: 'Queue',
  CHANNEL: 'Channel',
  ROUTING_PROFILE: 'Routing profile',
  AGENT: 'Agent',
  AGENT_HIERARCHY_LEVEL_ONE: 'Hierarchy level 1',
  AGENT_HIERARCHY_LEVEL_TWO: 'Hierarchy level 2',
  AGENT_HIERARCHY_LEVEL_THREE: 'Hierarchy level 3',
  AGENT_HIERARCHY_LEVEL_FOUR: 'Hierarchy level 4',
  AGENT_HIERARCHY_LEVEL_FIVE: 'Hierarchy level 5',
};

const AGENT_HIERARCHY: HistoricalDimension[] = HISTORICAL_DIMENSIONS.filter((d) => d.startsWith('AGENT_HIERARCHY'));
/** "Queue, Channel, Routing Profile" in the API reference's "Valid groupings and filters". */
const CONTACT_DIMENSIONS: HistoricalDimension[] = ['QUEUE', 'CHANNEL', 'ROUTING_PROFILE'];
/** "Queue, Channel, Routing Profile, Agent, Agent Hierarchy". */
const AGENT_DIMENSIONS: HistoricalDimension[] = [...CONTACT_DIMENSIONS, 'AGENT', ...AGENT_HIERARCHY];

export interface HistoricalMetricInfo {
  name: string;
  unit: 'COUNT' | 'SECONDS' | 'PERCENT';
  description: string;
  /** The dimensions the metric can be grouped and filtered by ("Valid groupings and filters"). */
  dimensions: HistoricalDimension[];
  /** SERVICE_LEVEL needs a threshold ("answered within N seconds"): a whole number of seconds, LT or LTE. */
  needsThreshold?: boolean;
  /**
   * How per-queue values make the value of the queues together (fact: gmdv2-combining), when a query names more
   * queues than one call takes: added (counts), the largest (MAX_QUEUED_TIME), or weighted by CONTACTS_QUEUED (the
   * rates whose documented denominator it is). None: Connect documents no weight for the averages.
   */
  combine?: 'sum' | 'max' | 'per-queued';
}

export const HISTORICAL_METRICS: HistoricalMetricInfo[] = [
  {
    name: 'CONTACTS_CREATED',
    unit: 'COUNT',
    description: 'Contacts created in the interval, inbound and outbound, on every channel.',
    dimensions: CONTACT_DIMENSIONS,
    combine: 'sum',
  },
  {
    name: 'CONTACTS_QUEUED',
    unit: 'COUNT',
    description: 'Contacts put in a queue (counted when the contact ends).',
    dimensions: AGENT_DIMENSIONS,
    combine: 'sum',
  },
  {
    name: 'CONTACTS_HANDLED',
    unit: 'COUNT',
    description: 'Contacts an agent answered (counted when the contact ends).',
    dimensions: AGENT_DIMENSIONS,
    combine: 'sum',
  },
  {
    name: 'CONTACTS_ABANDONED',
    unit: 'COUNT',
    description: 'Contacts the customer hung up on while waiting in the queue (callbacks excluded).',
    dimensions: AGENT_DIMENSIONS,
    combine: 'sum',
  },
  {
    name: 'AVG_HANDLE_TIME',
    unit: 'SECONDS',
    description: 'Average talk, hold and after-contact work time of handled contacts.',
    dimensions: AGENT_DIMENSIONS,
  },
  {
    name: 'AVG_QUEUE_ANSWER_TIME',
    unit: 'SECONDS',
    description: 'Average time answered contacts waited in the queue.',
    dimensions: CONTACT_DIMENSIONS,
  },
  {
    name: 'AVG_ABANDON_TIME',
    unit: 'SECONDS',
    description: 'Average time abandoned contacts waited before hanging up.',
    dimensions: AGENT_DIMENSIONS,
  },
  {
    name: 'AVG_AFTER_CONTACT_WORK_TIME',
    unit: 'SECONDS',
    description: 'Average after-contact work time of handled contacts.',
    dimensions: AGENT_DIMENSIONS,
  },
  {
    name: 'MAX_QUEUED_TIME',
    unit: 'SECONDS',
    description: 'The longest time a contact waited in the queue, abandoned ones included.',
    dimensions: AGENT_DIMENSIONS,
    combine: 'max',
  },
  {
    name: 'ABANDONMENT_RATE',
    unit: 'PERCENT',
    description: 'Abandoned contacts as a percentage of queued contacts.',
    dimensions: AGENT_DIMENSIONS,
    combine: 'per-queued',
  },
  {
    name: 'SERVICE_LEVEL',
    unit: 'PERCENT',
    description: 'Percentage of queued contacts answered or abandoned within the threshold.',
    dimensions: CONTACT_DIMENSIONS,
    combine: 'per-queued',
    needsThreshold: true,
  },
];

export const findHistoricalMetric = (name: string): HistoricalMetricInfo | undefined =>
  HISTORICAL_METRICS.find((m) => m.name === name);

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
