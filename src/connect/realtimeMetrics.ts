import type { RealtimeUnit } from './units';

/**
 * The real-time metrics of GetCurrentMetricData: the 13 standard ones plus ESTIMATED_WAIT_TIME,
 * which Connect only answers for routing-style requests (see realtimeRules.ts).
 */
export const REALTIME_METRIC_NAMES = [
  'AGENTS_ONLINE',
  'AGENTS_AVAILABLE',
  'AGENTS_ON_CALL',
  'AGENTS_ON_CONTACT',
  'AGENTS_NON_PRODUCTIVE',
  'AGENTS_AFTER_CONTACT_WORK',
  'AGENTS_ERROR',
  'AGENTS_STAFFED',
  'CONTACTS_IN_QUEUE',
  'OLDEST_CONTACT_AGE',
  'CONTACTS_SCHEDULED',
  'SLOTS_ACTIVE',
  'SLOTS_AVAILABLE',
  'ESTIMATED_WAIT_TIME',
] as const;
export type RealtimeMetricName = (typeof REALTIME_METRIC_NAMES)[number];

export interface RealtimeMetricInfo {
  name: RealtimeMetricName;
  /** The unit Connect expects in the request and echoes in the response. */
  unit: RealtimeUnit;
  /** The column title of Connect's own real-time metrics report. */
  reportName: string;
  description: string;
  /** Connect refuses SortCriteria on some metrics. */
  sortable: boolean;
  /** Metrics that describe agents (counted per agent), as opposed to contacts. */
  kind: 'agents' | 'contacts' | 'slots';
  /** Not one of the 13 standard metrics: only valid in the routing combinations of ESTIMATED_WAIT_TIME. */
  routingOnly?: boolean;
  /** Kept by Connect for compatibility; prefer `replacedBy`. */
  replacedBy?: RealtimeMetricName;
}

const m = (
  name: RealtimeMetricName,
  unit: RealtimeUnit,
  kind: RealtimeMetricInfo['kind'],
  reportName: string,
  description: string,
  extra: Partial<RealtimeMetricInfo> = {}
): RealtimeMetricInfo => ({ name, unit, kind, reportName, description, sortable: true, ...extra });

export const REALTIME_METRICS: Record<RealtimeMetricName, RealtimeMetricInfo> = {
  AGENTS_ONLINE: m('AGENTS_ONLINE', 'COUNT', 'agents', 'Online', 'Agents logged in with a status other than Offline.'),
  AGENTS_AVAILABLE: m(
    'AGENTS_AVAILABLE',
    'COUNT',
    'agents',
    'Available',
    'Agents in the Available status, ready to be routed a contact.'
  ),
  AGENTS_ON_CALL: m('AGENTS_ON_CALL', 'COUNT', 'agents', 'On contact', 'Agents on a contact.', {
    replacedBy: 'AGENTS_ON_CONTACT',
  }),
  AGENTS_ON_CONTACT: m(
    'AGENTS_ON_CONTACT',
    'COUNT',
    'agents',
    'On contact',
    'Agents connecting to, connected to, or on hold with a contact.'
  ),
  AGENTS_NON_PRODUCTIVE: m(
    'AGENTS_NON_PRODUCTIVE',
    'COUNT',
    'agents',
    'NPT',
    'Agents in a custom (non-productive) status such as Break or Lunch.'
  ),
  AGENTS_AFTER_CONTACT_WORK: m('AGENTS_AFTER_CONTACT_WORK', 'COUNT', 'agents', 'ACW', 'Agents in after-contact work.'),
  AGENTS_ERROR: m(
    'AGENTS_ERROR',
    'COUNT',
    'agents',
    'Error',
    'Agents in an error state, e.g. after missing a contact.'
  ),
  AGENTS_STAFFED: m(
    'AGENTS_STAFFED',
    'COUNT',
    'agents',
    'Staffed',
    'Agents Available, on contact, in ACW or in an error state (online minus NPT).'
  ),
  CONTACTS_IN_QUEUE: m('CONTACTS_IN_QUEUE', 'COUNT', 'contacts', 'In queue', 'Contacts waiting in the queue.'),
  OLDEST_CONTACT_AGE: m(
    'OLDEST_CONTACT_AGE',
    'SECONDS',
    'contacts',
    'Oldest',
    'How long the contact that has waited longest has been in the queue.'
  ),
  CONTACTS_SCHEDULED: m(
    'CONTACTS_SCHEDULED',
    'COUNT',
    'contacts',
    'Scheduled',
    'Scheduled callbacks waiting for their time.'
  ),
  SLOTS_ACTIVE: m(
    'SLOTS_ACTIVE',
    'COUNT',
    'slots',
    'Active',
    'Contact slots in use by agents (including after-contact work).',
    { sortable: false }
  ),
  SLOTS_AVAILABLE: m(
    'SLOTS_AVAILABLE',
    'COUNT',
    'slots',
    'Availability',
    'Contact slots agents have free for new contacts.',
    { sortable: false }
  ),
  ESTIMATED_WAIT_TIME: m(
    'ESTIMATED_WAIT_TIME',
    'SECONDS',
    'contacts',
    'Estimated wait',
    'Estimated time a new contact would wait.',
    {
      routingOnly: true,
    }
  ),
};

export function isRealtimeMetricName(value: unknown): value is RealtimeMetricName {
  return typeof value === 'string' && value in REALTIME_METRICS;
}

/** The 13 standard real-time metrics (everything but the routing-only ones). */
export const STANDARD_REALTIME_METRICS: RealtimeMetricName[] = REALTIME_METRIC_NAMES.filter(
  (name) => !REALTIME_METRICS[name].routingOnly
);

/**
 * Connect's documented quirk: without groupings OLDEST_CONTACT_AGE comes back in milliseconds while its
 * Unit still says SECONDS; with groupings it is in seconds. Returns the value in seconds either way.
 */
export function realtimeValueInSeconds(name: RealtimeMetricName, value: number, groupingCount: number): number {
  if (name === 'OLDEST_CONTACT_AGE' && groupingCount === 0) {
    return value / 1000;
  }
  return value;
}

/** The inverse of realtimeValueInSeconds: what Connect puts on the wire for a value in seconds. */
export function realtimeWireValue(name: RealtimeMetricName, seconds: number, groupingCount: number): number {
  if (name === 'OLDEST_CONTACT_AGE' && groupingCount === 0) {
    return Math.round(seconds * 1000);
  }
  return seconds;
}
