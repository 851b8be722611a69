/**
 * GetCurrentMetricData's metrics and the unit each is requested and reported in, as the API reference lists them
 * (CurrentMetrics: Name and Unit; seed 002). ESTIMATED_WAIT_TIME is the routing metric of the newer API model.
 * The simulator keeps its own copy: it plays AWS and must not borrow Switchboard's reading of it.
 */
export const CURRENT_METRIC_UNITS = {
  AGENTS_ONLINE: 'COUNT',
  AGENTS_AVAILABLE: 'COUNT',
  AGENTS_ON_CALL: 'COUNT',
  AGENTS_NON_PRODUCTIVE: 'COUNT',
  AGENTS_AFTER_CONTACT_WORK: 'COUNT',
  AGENTS_ERROR: 'COUNT',
  AGENTS_STAFFED: 'COUNT',
  CONTACTS_IN_QUEUE: 'COUNT',
  OLDEST_CONTACT_AGE: 'SECONDS',
  CONTACTS_SCHEDULED: 'COUNT',
  AGENTS_ON_CONTACT: 'COUNT',
  SLOTS_ACTIVE: 'COUNT',
  SLOTS_AVAILABLE: 'COUNT',
  ESTIMATED_WAIT_TIME: 'SECONDS',
} as const;

export type CurrentMetricName = keyof typeof CURRENT_METRIC_UNITS;

export function isCurrentMetricName(value: unknown): value is CurrentMetricName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(CURRENT_METRIC_UNITS, value);
}

/** The groupings of the API reference's enum (QUEUE ... VALIDATION_TEST_TYPE). */
export const CURRENT_GROUPINGS = [
  'QUEUE',
  'CHANNEL',
  'ROUTING_PROFILE',
  'ROUTING_STEP_EXPRESSION',
  'AGENT_STATUS',
  'SUBTYPE',
  'VALIDATION_TEST_TYPE',
] as const;

export type CurrentGrouping = (typeof CURRENT_GROUPINGS)[number];
