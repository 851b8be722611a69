import { connectErrors, type AwsError } from '../../protocol/awsError';
import { CURRENT_GROUPINGS, CURRENT_METRIC_UNITS, isCurrentMetricName } from './currentMetricNames';

/**
 * What GetCurrentMetricData refuses, read from the API reference (seed 002, "Filters", "Groupings", "CurrentMetrics",
 * "SortCriteria"; the wire spec's "Limits & rules") by the simulator on its own. Like Connect it answers with the
 * first problem it finds. Only documented rules are enforced: where the reference says "should" (a Channels filter
 * when grouping by CHANNEL) the request is served.
 */

export interface CurrentMetricRequest {
  queues: string[];
  routingProfiles: string[];
  channels: string[];
  routingStepExpressions: string[];
  agentStatuses: string[];
  subtypes: string[];
  validationTestTypes: string[];
  groupings: string[];
  metrics: Array<{ name: string; unit?: string }>;
  sort: Array<{ metric?: string; order?: string }>;
  maxResults?: number;
}

const FILTER_LIMITS: Array<[keyof CurrentMetricRequest, string, number]> = [
  ['queues', 'Filters.Queues', 100],
  ['routingProfiles', 'Filters.RoutingProfiles', 100],
  ['routingStepExpressions', 'Filters.RoutingStepExpressions', 50],
  ['agentStatuses', 'Filters.AgentStatuses', 50],
  ['subtypes', 'Filters.Subtypes', 10],
  ['validationTestTypes', 'Filters.ValidationTestTypes', 10],
];

const CHANNEL_VALUES = ['VOICE', 'CHAT', 'TASK', 'EMAIL'];
const NEEDS_ROUTING_PROFILE_FILTER = ['CONTACTS_SCHEDULED', 'CONTACTS_IN_QUEUE', 'OLDEST_CONTACT_AGE'];
const NOT_SORTABLE = ['SLOTS_ACTIVE', 'SLOTS_AVAILABLE'];

/** The first rule the request breaks, as the error Connect raises; undefined when Connect serves it. */
export function currentMetricProblem(r: CurrentMetricRequest): AwsError | undefined {
  const param = connectErrors.invalidParameter;
  const request = connectErrors.invalidRequest;

  if (r.metrics.length === 0) {
    return param('CurrentMetrics: at least one metric is required');
  }
  for (const [i, m] of r.metrics.entries()) {
    if (!isCurrentMetricName(m.name)) {
      return param(`CurrentMetrics.${i + 1}.Name: ${JSON.stringify(m.name)} is not a current metric`);
    }
    if (m.unit !== undefined && m.unit !== CURRENT_METRIC_UNITS[m.name]) {
      return param(
        `CurrentMetrics.${i + 1}.Unit: ${m.name} is reported in ${CURRENT_METRIC_UNITS[m.name]}, not ${m.unit}`
      );
    }
  }

  for (const [key, member, max] of FILTER_LIMITS) {
    const values = r[key] as string[];
    if (values.length > max) {
      return param(`${member}: up to ${max} values per request (got ${values.length})`);
    }
  }
  for (const c of r.channels) {
    if (!CHANNEL_VALUES.includes(c)) {
      return param(`Filters.Channels: ${JSON.stringify(c)} is not one of ${CHANNEL_VALUES.join(', ')}`);
    }
  }
  if (r.queues.length > 0 && r.routingProfiles.length > 0) {
    return request('Filters: you cannot filter by both queue and routing profile');
  }
  if (r.queues.length === 0 && r.routingProfiles.length === 0) {
    return param('Filters: a queue or routing profile filter is required');
  }
  for (const [values, member] of [
    [r.agentStatuses, 'Filters.AgentStatuses'],
    [r.subtypes, 'Filters.Subtypes'],
    [r.validationTestTypes, 'Filters.ValidationTestTypes'],
  ] as const) {
    if (values.length > 0 && r.queues.length === 0) {
      return request(`${member} can only be used with a Queues filter`);
    }
  }
  if (r.routingStepExpressions.length > 0) {
    if (r.queues.length !== 1) {
      return request(`Filters.RoutingStepExpressions: pass exactly one queue (got ${r.queues.length})`);
    }
    if (!r.groupings.includes('ROUTING_STEP_EXPRESSION')) {
      return request('Filters.RoutingStepExpressions: group by ROUTING_STEP_EXPRESSION to use this filter');
    }
  }

  if (r.groupings.length > 2) {
    return param(`Groupings: up to 2 groupings (got ${r.groupings.length})`);
  }
  for (const g of r.groupings) {
    if (!(CURRENT_GROUPINGS as readonly string[]).includes(g)) {
      return param(`Groupings: ${JSON.stringify(g)} is not a grouping`);
    }
  }
  const names = r.metrics.map((m) => m.name);
  if (r.groupings.includes('AGENT_STATUS')) {
    if (r.groupings[0] !== 'QUEUE' || r.queues.length === 0) {
      return request('Groupings: AGENT_STATUS needs QUEUE as the primary grouping and a Queues filter');
    }
    if (names.some((n) => n !== 'AGENTS_ONLINE')) {
      return request('CurrentMetrics: only AGENTS_ONLINE is available when grouping by AGENT_STATUS');
    }
  }
  for (const g of ['SUBTYPE', 'VALIDATION_TEST_TYPE']) {
    if (r.groupings.includes(g) && (r.groupings[0] !== 'QUEUE' || r.groupings[1] !== g || r.queues.length === 0)) {
      return request(`Groupings: ${g} is only available as the secondary grouping after QUEUE, with a Queues filter`);
    }
  }
  if (r.groupings.includes('ROUTING_PROFILE') && r.routingProfiles.length === 0) {
    const needing = names.filter((n) => NEEDS_ROUTING_PROFILE_FILTER.includes(n));
    if (needing.length > 0) {
      return request(`Groupings: grouped by ROUTING_PROFILE, ${needing.join(', ')} require a routing profile filter`);
    }
  }
  if (names.includes('ESTIMATED_WAIT_TIME') && !estimatedWaitServed(r)) {
    return request(
      'CurrentMetrics: ESTIMATED_WAIT_TIME is only available for Queues and Channels grouped by QUEUE and CHANNEL, or for one queue, one channel and RoutingStepExpressions grouped by ROUTING_STEP_EXPRESSION'
    );
  }

  if (r.sort.length > 1) {
    return param(`SortCriteria: only one sort criterion is allowed (got ${r.sort.length})`);
  }
  for (const s of r.sort) {
    if (s.metric !== undefined && !isCurrentMetricName(s.metric)) {
      return param(`SortCriteria.SortByMetric: ${JSON.stringify(s.metric)} is not a current metric`);
    }
    if (s.metric !== undefined && NOT_SORTABLE.includes(s.metric)) {
      return param(`SortCriteria.SortByMetric: sorting on ${s.metric} is not supported`);
    }
    if (s.order !== undefined && s.order !== 'ASCENDING' && s.order !== 'DESCENDING') {
      return param(`SortCriteria.SortOrder: ${JSON.stringify(s.order)} is not ASCENDING or DESCENDING`);
    }
  }
  if (r.maxResults !== undefined && (!Number.isInteger(r.maxResults) || r.maxResults < 1 || r.maxResults > 100)) {
    return param(`MaxResults: between 1 and 100 (got ${r.maxResults})`);
  }
  return undefined;
}

function estimatedWaitServed(r: CurrentMetricRequest): boolean {
  const g = r.groupings;
  const byQueueChannel =
    r.queues.length > 0 &&
    r.channels.length > 0 &&
    r.routingStepExpressions.length === 0 &&
    g.length === 2 &&
    g[0] === 'QUEUE' &&
    g[1] === 'CHANNEL';
  const byStep =
    r.queues.length === 1 &&
    r.channels.length === 1 &&
    r.routingStepExpressions.length > 0 &&
    g.length === 1 &&
    g[0] === 'ROUTING_STEP_EXPRESSION';
  return byQueueChannel || byStep;
}
