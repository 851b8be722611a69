import { isChannel } from './channels';
import { isRealtimeMetricName, REALTIME_METRICS, type RealtimeMetricName } from './realtimeMetrics';

/**
 * The rules of GetCurrentMetricData, written once. The simulator answers a broken request with the AWS error
 * class below, the proxy answers it with a per-query 400, and the query editor shows the same sentence inline.
 */

export const GROUPINGS = [
  'QUEUE',
  'CHANNEL',
  'ROUTING_PROFILE',
  'ROUTING_STEP_EXPRESSION',
  'AGENT_STATUS',
  'SUBTYPE',
  'VALIDATION_TEST_TYPE',
] as const;
export type Grouping = (typeof GROUPINGS)[number];

export const SORT_ORDERS = ['ASCENDING', 'DESCENDING'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

/** Connect's per-request limits. */
export const REALTIME_LIMITS = {
  queues: 100,
  routingProfiles: 100,
  routingStepExpressions: 50,
  agentStatuses: 50,
  subtypes: 10,
  validationTestTypes: 10,
  groupings: 2,
  sortCriteria: 1,
  maxResultsMin: 1,
  maxResultsMax: 100,
} as const;

/** Metrics that need a routing-profile filter when grouped by ROUTING_PROFILE. */
export const METRICS_NEEDING_RP_FILTER_BY_RP: RealtimeMetricName[] = [
  'CONTACTS_SCHEDULED',
  'CONTACTS_IN_QUEUE',
  'OLDEST_CONTACT_AGE',
];

/** A request to GetCurrentMetricData in the vocabulary of a Switchboard query (arrays may be absent). */
export interface RealtimeRequestShape {
  filters?: {
    queues?: string[];
    routingProfiles?: string[];
    channels?: string[];
    routingStepExpressions?: string[];
    agentStatuses?: string[];
    subtypes?: string[];
    validationTestTypes?: string[];
  };
  groupings?: string[];
  metrics?: string[];
  sort?: Array<{ metric?: string; order?: string }>;
  maxResults?: number;
}

export type RealtimeField =
  | 'filters'
  | 'filters.queues'
  | 'filters.routingProfiles'
  | 'filters.channels'
  | 'filters.routingStepExpressions'
  | 'filters.agentStatuses'
  | 'filters.subtypes'
  | 'filters.validationTestTypes'
  | 'groupings'
  | 'metrics'
  | 'sort'
  | 'sort.metric'
  | 'sort.order'
  | 'maxResults';

/** How each field is spelled on the wire (GetCurrentMetricData JSON), for messages the simulator returns. */
export const WIRE_FIELD_NAMES: Record<RealtimeField, string> = {
  filters: 'Filters',
  'filters.queues': 'Filters.Queues',
  'filters.routingProfiles': 'Filters.RoutingProfiles',
  'filters.channels': 'Filters.Channels',
  'filters.routingStepExpressions': 'Filters.RoutingStepExpressions',
  'filters.agentStatuses': 'Filters.AgentStatuses',
  'filters.subtypes': 'Filters.Subtypes',
  'filters.validationTestTypes': 'Filters.ValidationTestTypes',
  groupings: 'Groupings',
  metrics: 'CurrentMetrics',
  sort: 'SortCriteria',
  'sort.metric': 'SortCriteria.SortByMetric',
  'sort.order': 'SortCriteria.SortOrder',
  maxResults: 'MaxResults',
};

/** Which exception Connect raises: bad values and limits vs. combinations Connect does not serve. */
export type ConnectErrorClass = 'InvalidParameterException' | 'InvalidRequestException';

export interface RuleViolation {
  field: RealtimeField;
  /** A stable id, e.g. `filters.queues.max`, for tests and for the editor to know which control to flag. */
  rule: string;
  /** The rule in words, without the field name. */
  text: string;
  awsError: ConnectErrorClass;
}

export function formatViolation(v: RuleViolation, naming: 'query' | 'wire' = 'query'): string {
  const field = naming === 'wire' ? WIRE_FIELD_NAMES[v.field] : v.field;
  return `${field}: ${v.text}`;
}

export interface RealtimeValidationOptions {
  /** The proxy splits queue and routing-profile sets above 100 into several calls, so it lifts those two limits. */
  splitsLargeSets?: boolean;
}

const list = (value: string[] | undefined): string[] => (Array.isArray(value) ? value : []);

function duplicates(values: string[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const v of values) {
    if (seen.has(v)) {
      dup.add(v);
    }
    seen.add(v);
  }
  return [...dup];
}

/** Every rule the request breaks, in a stable order (empty when Connect would accept it). */
export function validateRealtimeRequest(
  req: RealtimeRequestShape,
  options: RealtimeValidationOptions = {}
): RuleViolation[] {
  const out: RuleViolation[] = [];
  const add = (
    field: RealtimeField,
    rule: string,
    text: string,
    awsError: ConnectErrorClass = 'InvalidParameterException'
  ) => out.push({ field, rule, text, awsError });

  const f = req.filters ?? {};
  const queues = list(f.queues);
  const rps = list(f.routingProfiles);
  const channels = list(f.channels);
  const rses = list(f.routingStepExpressions);
  const agentStatuses = list(f.agentStatuses);
  const subtypes = list(f.subtypes);
  const vtts = list(f.validationTestTypes);
  const groupings = list(req.groupings);
  const metrics = list(req.metrics);
  const known = metrics.filter(isRealtimeMetricName);

  // --- metrics
  if (metrics.length === 0) {
    add('metrics', 'metrics.required', 'choose at least one metric');
  }
  for (const name of metrics) {
    if (!isRealtimeMetricName(name)) {
      add('metrics', 'metrics.unknown', `${JSON.stringify(name)} is not a real-time metric of GetCurrentMetricData`);
    }
  }
  for (const name of duplicates(metrics)) {
    add('metrics', 'metrics.duplicate', `${name} is requested more than once`);
  }

  // --- filters: presence and limits
  if (queues.length === 0 && rps.length === 0) {
    add('filters', 'filters.required', 'filter by at least one queue or one routing profile');
  }
  if (queues.length > 0 && rps.length > 0) {
    add(
      'filters',
      'filters.queues-and-routing-profiles',
      'queues and routing profiles cannot be used as filters together',
      'InvalidRequestException'
    );
  }
  const limit = (field: RealtimeField, values: string[], max: number, what: string, skip = false) => {
    if (!skip && values.length > max) {
      add(field, `${field}.max`, `at most ${max} ${what} per request (got ${values.length})`);
    }
    if (values.some((v) => typeof v !== 'string' || v.trim() === '')) {
      add(field, `${field}.empty`, 'values must be non-empty strings');
    }
    for (const d of duplicates(values)) {
      add(field, `${field}.duplicate`, `${JSON.stringify(d)} is listed more than once`);
    }
  };
  limit('filters.queues', queues, REALTIME_LIMITS.queues, 'queues', options.splitsLargeSets);
  limit('filters.routingProfiles', rps, REALTIME_LIMITS.routingProfiles, 'routing profiles', options.splitsLargeSets);
  limit('filters.routingStepExpressions', rses, REALTIME_LIMITS.routingStepExpressions, 'routing-step expressions');
  limit('filters.agentStatuses', agentStatuses, REALTIME_LIMITS.agentStatuses, 'agent statuses');
  limit('filters.subtypes', subtypes, REALTIME_LIMITS.subtypes, 'subtypes');
  limit('filters.validationTestTypes', vtts, REALTIME_LIMITS.validationTestTypes, 'validation test types');
  for (const c of channels) {
    if (!isChannel(c)) {
      add(
        'filters.channels',
        'filters.channels.unknown',
        `${JSON.stringify(c)} is not a channel (VOICE, CHAT, TASK or EMAIL)`
      );
    }
  }
  for (const d of duplicates(channels)) {
    add('filters.channels', 'filters.channels.duplicate', `${d} is listed more than once`);
  }

  // --- filters that only work on top of a queue filter
  const needsQueues = (field: RealtimeField, values: string[], what: string) => {
    if (values.length > 0 && queues.length === 0) {
      add(field, `${field}.needs-queues`, `filtering by ${what} needs a queue filter`, 'InvalidRequestException');
    }
  };
  needsQueues('filters.agentStatuses', agentStatuses, 'agent status');
  needsQueues('filters.subtypes', subtypes, 'subtype');
  needsQueues('filters.validationTestTypes', vtts, 'validation test type');

  if (rses.length > 0) {
    if (queues.length !== 1) {
      add(
        'filters.routingStepExpressions',
        'filters.routingStepExpressions.one-queue',
        `a routing-step expression filter needs exactly one queue in the queue filter (got ${queues.length})`,
        'InvalidRequestException'
      );
    }
    if (!groupings.includes('ROUTING_STEP_EXPRESSION')) {
      add(
        'filters.routingStepExpressions',
        'filters.routingStepExpressions.needs-grouping',
        'a routing-step expression filter needs grouping by ROUTING_STEP_EXPRESSION',
        'InvalidRequestException'
      );
    }
  }

  // --- groupings
  if (groupings.length > REALTIME_LIMITS.groupings) {
    add('groupings', 'groupings.max', `at most ${REALTIME_LIMITS.groupings} groupings (got ${groupings.length})`);
  }
  for (const g of groupings) {
    if (!(GROUPINGS as readonly string[]).includes(g)) {
      add('groupings', 'groupings.unknown', `${JSON.stringify(g)} is not a grouping (${GROUPINGS.join(', ')})`);
    }
  }
  for (const d of duplicates(groupings)) {
    add('groupings', 'groupings.duplicate', `${d} is listed more than once`);
  }
  if (groupings.includes('AGENT_STATUS')) {
    if (groupings[0] !== 'QUEUE' || queues.length === 0) {
      add(
        'groupings',
        'groupings.agent-status-needs-queue',
        'grouping by AGENT_STATUS needs QUEUE as the first grouping and a queue filter',
        'InvalidRequestException'
      );
    }
    const others = known.filter((name) => name !== 'AGENTS_ONLINE');
    if (others.length > 0) {
      add(
        'metrics',
        'metrics.agent-status-only-online',
        `grouped by AGENT_STATUS only AGENTS_ONLINE is available (remove ${others.join(', ')})`,
        'InvalidRequestException'
      );
    }
  }
  for (const g of ['SUBTYPE', 'VALIDATION_TEST_TYPE'] as const) {
    if (groupings.includes(g) && (groupings[0] !== 'QUEUE' || groupings[1] !== g || queues.length === 0)) {
      add(
        'groupings',
        `groupings.${g.toLowerCase().replace(/_/g, '-')}-needs-queue`,
        `${g} can only be the second grouping, after QUEUE, with a queue filter`,
        'InvalidRequestException'
      );
    }
  }
  if (groupings.includes('ROUTING_PROFILE')) {
    const needRp = known.filter((name) => METRICS_NEEDING_RP_FILTER_BY_RP.includes(name));
    if (needRp.length > 0 && rps.length === 0) {
      add(
        'filters.routingProfiles',
        'groupings.routing-profile-metrics-need-rp-filter',
        `grouped by ROUTING_PROFILE, ${needRp.join(', ')} need${needRp.length === 1 ? 's' : ''} a routing-profile filter`,
        'InvalidRequestException'
      );
    }
  }

  // --- ESTIMATED_WAIT_TIME only serves two routing combinations
  if (known.includes('ESTIMATED_WAIT_TIME') && !isEstimatedWaitTimeCombination(queues, channels, rses, groupings)) {
    add(
      'metrics',
      'metrics.estimated-wait-time-combination',
      'ESTIMATED_WAIT_TIME needs either queues and channels grouped by [QUEUE, CHANNEL], or one queue, one channel and routing-step expressions grouped by [ROUTING_STEP_EXPRESSION]',
      'InvalidRequestException'
    );
  }

  // --- sort
  const sort = Array.isArray(req.sort) ? req.sort : [];
  if (sort.length > REALTIME_LIMITS.sortCriteria) {
    add('sort', 'sort.max', `at most ${REALTIME_LIMITS.sortCriteria} sort criterion (got ${sort.length})`);
  }
  for (const s of sort) {
    if (s.metric !== undefined && !isRealtimeMetricName(s.metric)) {
      add('sort.metric', 'sort.metric.unknown', `${JSON.stringify(s.metric)} is not a real-time metric`);
    } else if (s.metric !== undefined && !REALTIME_METRICS[s.metric].sortable) {
      add('sort.metric', 'sort.metric.not-sortable', `Connect cannot sort by ${s.metric}`);
    }
    if (s.order !== undefined && !(SORT_ORDERS as readonly string[]).includes(s.order)) {
      add('sort.order', 'sort.order.unknown', `${JSON.stringify(s.order)} is not ASCENDING or DESCENDING`);
    }
  }

  // --- page size
  if (req.maxResults !== undefined) {
    const n = req.maxResults;
    if (!Number.isInteger(n) || n < REALTIME_LIMITS.maxResultsMin || n > REALTIME_LIMITS.maxResultsMax) {
      add(
        'maxResults',
        'maxResults.range',
        `must be a whole number from ${REALTIME_LIMITS.maxResultsMin} to ${REALTIME_LIMITS.maxResultsMax} (got ${n})`
      );
    }
  }

  return out;
}

/**
 * Advice the API reference gives with "should" rather than "must" (facts register, "GetCurrentMetricData: CHANNEL
 * grouping"): Connect accepts such a request, so it is not a violation; the editor shows it as a warning and the
 * proxy answers with an info notice.
 */
export interface RuleAdvice {
  field: RealtimeField;
  rule: string;
  text: string;
}

export function realtimeAdvice(req: RealtimeRequestShape): RuleAdvice[] {
  const out: RuleAdvice[] = [];
  if (list(req.groupings).includes('CHANNEL') && list(req.filters?.channels).length === 0) {
    out.push({
      field: 'filters.channels',
      rule: 'groupings.channel-without-channels',
      text: 'grouped by CHANNEL, AWS advises a channel filter too ("you should include a Channels filter"); without one, Connect chooses which channels get a row',
    });
  }
  return out;
}

function isEstimatedWaitTimeCombination(
  queues: string[],
  channels: string[],
  rses: string[],
  groupings: string[]
): boolean {
  const byQueueAndChannel =
    queues.length > 0 &&
    channels.length > 0 &&
    rses.length === 0 &&
    groupings.length === 2 &&
    groupings[0] === 'QUEUE' &&
    groupings[1] === 'CHANNEL';
  const byStep =
    queues.length === 1 &&
    channels.length === 1 &&
    rses.length > 0 &&
    groupings.length === 1 &&
    groupings[0] === 'ROUTING_STEP_EXPRESSION';
  return byQueueAndChannel || byStep;
}

/**
 * The rules a change would newly break: what the editor shows as the reason an option is disabled.
 * Compared by rule id and field so that existing problems are not blamed on the option.
 */
export function violationsIntroducedBy(
  before: RealtimeRequestShape,
  after: RealtimeRequestShape,
  options: RealtimeValidationOptions = {}
): RuleViolation[] {
  const key = (v: RuleViolation) => `${v.field}|${v.rule}`;
  const existing = new Set(validateRealtimeRequest(before, options).map(key));
  return validateRealtimeRequest(after, options).filter((v) => !existing.has(key(v)));
}
