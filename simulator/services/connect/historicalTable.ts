/**
 * GetMetricDataV2 as the simulator reads the API reference (aws-wire-spec.md, "GetMetricDataV2"; docs/aws-facts.md,
 * the gmdv2-* facts): the intervals, the range each allows, the filters and groupings it takes, and per metric the
 * groupings and filters AWS lists as valid. The simulator's own copy: it plays AWS and must not borrow Switchboard's
 * reading of it.
 */
import { CHANNELS } from '../../../src/connect/channels';

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

/**
 * The range a request may span: EndTime - StartTime must be *less than* this (fact: gmdv2-request-rules). AWS: "The
 * difference between StartTime and EndTime must be less than 3 days" (FIFTEEN_MIN, THIRTY_MIN, HOUR), "less than 35
 * days" (DAY, WEEK, TOTAL); so exactly 3 days with HOUR is refused.
 */
export function rangeLimitSeconds(period: IntervalPeriod): number {
  return period === 'FIFTEEN_MIN' || period === 'THIRTY_MIN' || period === 'HOUR' ? 3 * 86400 : 35 * 86400;
}

/**
 * How far back StartTime may go. AWS: "Historical metrics are available for 3 months" and defines "3 months" no more
 * exactly; 93 days (three 31-day months) is the simulator's own reading, the most generous one, so any stricter
 * client reading (three calendar months, 90 days) stays inside it. fact: gmdv2-request-rules
 */
export const RETENTION_SECONDS = 93 * 86400;

export const HIERARCHY_LEVELS = [
  'AGENT_HIERARCHY_LEVEL_ONE',
  'AGENT_HIERARCHY_LEVEL_TWO',
  'AGENT_HIERARCHY_LEVEL_THREE',
  'AGENT_HIERARCHY_LEVEL_FOUR',
  'AGENT_HIERARCHY_LEVEL_FIVE',
] as const;

/**
 * The filter keys of which a request needs at least one: "The following filter keys correspond to … resources and
 * are used for authorizing requests. A GetMetricDataV2 request requires at least one of these filters".
 * fact: gmdv2-request-rules
 */
export const RESOURCE_FILTER_KEYS: readonly string[] = [
  'QUEUE',
  'ROUTING_PROFILE',
  'AGENT',
  ...HIERARCHY_LEVELS,
  'CAMPAIGN',
  'EVALUATION_FORM',
  'EVALUATOR_ID',
];

/** The filter keys the simulator takes: the resource keys and CHANNEL (AWS lists many more the model cannot answer). */
export const V2_FILTER_KEYS: readonly string[] = [...RESOURCE_FILTER_KEYS, 'CHANNEL'];

/** The groupings of the API that the model can answer (no agent belongs to a hierarchy group in the model). */
export const V2_GROUPINGS: readonly string[] = ['QUEUE', 'CHANNEL', 'ROUTING_PROFILE', 'AGENT', ...HIERARCHY_LEVELS];

/** Request limits (fact: gmdv2-request-rules). CHANNEL values do not count towards MAX_FILTER_VALUES. */
export const MAX_FILTER_KEYS = 5;
export const MAX_VALUES_PER_FILTER = 100;
export const MAX_FILTER_VALUES = 100;
export const MAX_GROUPINGS = 4;
/** "VOICE, CHAT, TASK, and EMAIL are valid filter values for the CHANNEL filter key." */
export const CHANNEL_VALUES: readonly string[] = CHANNELS;

/**
 * SERVICE_LEVEL's threshold (fact: gmdv2-metric-groupings): "For ThresholdValue, enter any whole number from 1 to 604800
 * (inclusive), in seconds. For Comparison, you can use LT (for "Less than") or LTE (for "Less than equal")"; at most
 * one threshold per metric, up to 20 SERVICE_LEVEL metrics per request.
 */
export const THRESHOLD = { comparisons: ['LT', 'LTE'], min: 1, max: 604800, maxServiceLevelMetrics: 20 } as const;

const Q = 'QUEUE';
const C = 'CHANNEL';
const RP = 'ROUTING_PROFILE';
const A = 'AGENT';
const H = HIERARCHY_LEVELS;

export interface V2Metric {
  name: string;
  /** Takes a threshold (SERVICE_LEVEL). */
  needsThreshold?: boolean;
  /**
   * "Valid groupings and filters" of the API reference, restricted to the keys the simulator serves; a grouping or
   * filter key outside it is refused for this metric. fact: gmdv2-metric-groupings
   */
  groupingsAndFilters: readonly string[];
}

/** The metrics the simulator computes and what each may be grouped and filtered by. */
export const V2_METRICS: readonly V2Metric[] = [
  // "Queue, Channel, Routing Profile, Feature, contact/segmentAttributes/connect:Subtype, Q in Connect": no Agent.
  { name: 'CONTACTS_CREATED', groupingsAndFilters: [Q, C, RP] },
  { name: 'CONTACTS_QUEUED', groupingsAndFilters: [Q, C, RP, A, ...H] },
  // "Queue, Channel, Agent, Agent Hierarchy, contact/segmentAttributes/connect:Subtype": no Routing Profile.
  { name: 'CONTACTS_QUEUED_BY_ENQUEUE', groupingsAndFilters: [Q, C, A, ...H] },
  { name: 'CONTACTS_HANDLED', groupingsAndFilters: [Q, C, RP, A, ...H] },
  { name: 'CONTACTS_ABANDONED', groupingsAndFilters: [Q, C, RP, A, ...H] },
  { name: 'AVG_HANDLE_TIME', groupingsAndFilters: [Q, C, RP, A, ...H] },
  // "Queue, Channel, Routing Profile, Feature, contact/segmentAttributes/connect:Subtype, Q in Connect": no Agent.
  { name: 'AVG_QUEUE_ANSWER_TIME', groupingsAndFilters: [Q, C, RP] },
  { name: 'AVG_ABANDON_TIME', groupingsAndFilters: [Q, C, RP, A, ...H] },
  { name: 'AVG_AFTER_CONTACT_WORK_TIME', groupingsAndFilters: [Q, C, RP, A, ...H] },
  { name: 'MAX_QUEUED_TIME', groupingsAndFilters: [Q, C, RP, A, ...H] },
  { name: 'ABANDONMENT_RATE', groupingsAndFilters: [Q, C, RP, A, ...H] },
  // "Queue, Channel, Routing Profile, Q in Connect": no Agent.
  { name: 'SERVICE_LEVEL', needsThreshold: true, groupingsAndFilters: [Q, C, RP] },
];
