import type { ConnectErrorClass } from './realtimeRules';

/**
 * The rules of GetCurrentUserData, written once for Switchboard (fact: gcud-request-rules): the query editor shows
 * each broken rule inline and the proxy answers it with a per-query 400 before any AWS call. The simulator does not
 * use them: it reads AWS's pages on its own. And how one row of its answer (fact: gcud-user-data) maps to the state
 * family the agent board colours by (fact: agent-activity).
 */

export const AGENT_LIMITS = {
  /** "Queues: 100", "Routing profiles: 100", "Agents: 100" per request. */
  queues: 100,
  routingProfiles: 100,
  agents: 100,
  /** "User hierarchy groups: 1" ("Array Members: Fixed number of 1 item"). */
  hierarchyGroups: 1,
  /** "Contact states: 9" (every value of ContactState once). */
  contactStates: 9,
  /** MaxResults "Minimum value of 1. Maximum value of 100.": the proxy pages with the largest. */
  maxResultsMin: 1,
  maxResultsMax: 100,
  pageSize: 100,
  /**
   * GetCurrentUserData has no exception in the quotas table, so the default of every Connect API applies, per account
   * and Region and shared by every caller of the account (fact: connect-api-quotas).
   */
  quota: { ratePerSecond: 2, burst: 5 },
} as const;

/** ContactFilter.ContactStates' values, in the API reference's order (fact: gcud-request-rules). */
export const CONTACT_STATES = [
  'INCOMING',
  'PENDING',
  'CONNECTING',
  'CONNECTED',
  'CONNECTED_ONHOLD',
  'MISSED',
  'ERROR',
  'ENDED',
  'REJECTED',
] as const;
export type ContactState = (typeof CONTACT_STATES)[number];

export function isContactState(value: unknown): value is ContactState {
  return typeof value === 'string' && (CONTACT_STATES as readonly string[]).includes(value);
}

/**
 * The filters that choose whose data comes back; Connect takes one of them per request ("A maximum of one filter can
 * be passed from queues, routing profiles, agents, and user hierarchy groups").
 */
export const AGENT_RESOURCE_FILTERS = ['queues', 'routingProfiles', 'agents', 'hierarchyGroups'] as const;
export type AgentResourceFilter = (typeof AGENT_RESOURCE_FILTERS)[number];

/** How each resource filter is spelled in UserDataFilters, and its limit per call. */
export const AGENT_FILTER_WIRE: Record<AgentResourceFilter, { wire: string; max: number; what: string }> = {
  queues: { wire: 'Queues', max: AGENT_LIMITS.queues, what: 'queues' },
  routingProfiles: { wire: 'RoutingProfiles', max: AGENT_LIMITS.routingProfiles, what: 'routing profiles' },
  agents: { wire: 'Agents', max: AGENT_LIMITS.agents, what: 'agents' },
  hierarchyGroups: { wire: 'UserHierarchyGroups', max: AGENT_LIMITS.hierarchyGroups, what: 'hierarchy group' },
};

/** An agents query in Switchboard's vocabulary (arrays may be absent). */
export interface AgentsRequestShape {
  filters?: {
    queues?: string[];
    routingProfiles?: string[];
    agents?: string[];
    hierarchyGroups?: string[];
    /**
     * Agent status names or ids. Not a filter of GetCurrentUserData (its UserDataFilters have none): the proxy keeps
     * the rows whose Status matches, after the call (fact: gcud-request-rules).
     */
    agentStatuses?: string[];
    contactStates?: string[];
  };
  /** The page size of a call (the proxy's; a query does not set it). */
  maxResults?: number;
}

export type AgentsField =
  | 'filters'
  | 'filters.queues'
  | 'filters.routingProfiles'
  | 'filters.agents'
  | 'filters.hierarchyGroups'
  | 'filters.agentStatuses'
  | 'filters.contactStates'
  | 'maxResults';

export interface AgentsViolation {
  field: AgentsField;
  /** A stable id, e.g. `filters.queues.max`, for tests and for the editor to know which control to flag. */
  rule: string;
  /** The rule in words, without the field name. */
  text: string;
  awsError: ConnectErrorClass;
}

export interface AgentsValidationOptions {
  /**
   * The proxy splits a filter above its per-call limit into several calls (100 queues, routing profiles or agents;
   * one hierarchy group) and keeps each agent once, so it lifts those limits.
   */
  splits?: boolean;
}

const list = (value: string[] | undefined): string[] => (Array.isArray(value) ? value : []);

function duplicates(values: string[]): string[] {
  return [...new Set(values.filter((v, i) => values.indexOf(v) !== i))];
}

/** The resource filters a request uses (with values), in AGENT_RESOURCE_FILTERS' order. */
export function agentResourceFiltersOf(req: AgentsRequestShape): AgentResourceFilter[] {
  const f = req.filters ?? {};
  return AGENT_RESOURCE_FILTERS.filter((k) => list(f[k]).length > 0);
}

/** Every rule the request breaks, in a stable order (empty when Connect would accept it). */
export function validateAgentsRequest(
  req: AgentsRequestShape,
  options: AgentsValidationOptions = {}
): AgentsViolation[] {
  const out: AgentsViolation[] = [];
  const add = (
    field: AgentsField,
    rule: string,
    text: string,
    awsError: ConnectErrorClass = 'InvalidParameterException'
  ) => out.push({ field, rule, text, awsError });
  const f = req.filters ?? {};

  // --- which agents: exactly one resource filter
  const used = agentResourceFiltersOf(req);
  if (used.length === 0) {
    add('filters', 'filters.required', 'filter by queues, routing profiles, agents or one hierarchy group');
  }
  if (used.length > 1) {
    add(
      'filters',
      'filters.one-resource-filter',
      `only one of queues, routing profiles, agents and hierarchy groups can be used per query (got ${used
        .map((k) => AGENT_FILTER_WIRE[k].what.replace(/^hierarchy group$/, 'hierarchy groups'))
        .join(' and ')})`,
      'InvalidRequestException'
    );
  }
  const values = (field: AgentsField, vs: string[]) => {
    if (vs.some((v) => typeof v !== 'string' || v.trim() === '')) {
      add(field, `${field}.empty`, 'values must be non-empty strings');
    }
    for (const d of duplicates(vs)) {
      add(field, `${field}.duplicate`, `${JSON.stringify(d)} is listed more than once`);
    }
  };
  for (const key of AGENT_RESOURCE_FILTERS) {
    const vs = list(f[key]);
    const field = `filters.${key}` as AgentsField;
    const { max, what } = AGENT_FILTER_WIRE[key];
    if (!options.splits && vs.length > max) {
      add(field, `${field}.max`, `at most ${max} ${what} per request (got ${vs.length})`);
    }
    values(field, vs);
  }

  // --- contact states
  const states = list(f.contactStates);
  if (states.length > AGENT_LIMITS.contactStates) {
    add(
      'filters.contactStates',
      'filters.contactStates.max',
      `at most ${AGENT_LIMITS.contactStates} contact states (got ${states.length})`
    );
  }
  for (const s of states) {
    if (!isContactState(s)) {
      add(
        'filters.contactStates',
        'filters.contactStates.unknown',
        `${JSON.stringify(s)} is not a contact state (${CONTACT_STATES.join(', ')})`
      );
    }
  }
  for (const d of duplicates(states)) {
    add('filters.contactStates', 'filters.contactStates.duplicate', `${d} is listed more than once`);
  }

  // --- agent statuses (applied by the proxy to the answer)
  values('filters.agentStatuses', list(f.agentStatuses));

  // --- page size
  if (req.maxResults !== undefined) {
    const n = req.maxResults;
    const { maxResultsMin: min, maxResultsMax: max } = AGENT_LIMITS;
    if (!Number.isInteger(n) || n < min || n > max) {
      add('maxResults', 'maxResults.range', `must be a whole number from ${min} to ${max} (got ${n})`);
    }
  }
  return out;
}

export function formatAgentsViolation(v: AgentsViolation): string {
  return `${v.field}: ${v.text}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Names (fact: user-name-lookup)

/**
 * How a user's first and last name and login can be read, and how many users one call gives: SearchUsers pages
 * through every user of the instance with IdentityInfo (FirstName, LastName) and Username, 500 a page; ListUsers
 * gives 1,000 a page but only Id, Arn and Username, so names need DescribeUser, one user a call.
 */
export const USER_LOOKUPS = {
  SearchUsers: { usersPerCall: 500, names: true },
  ListUsers: { usersPerCall: 1000, names: false },
  DescribeUser: { usersPerCall: 1, names: true },
} as const;
export type UserLookup = keyof typeof USER_LOOKUPS | 'ListUsers+DescribeUser';

/** Calls to read the names of `users` users one way; SearchUsers is the fewest. */
export function userLookupCalls(users: number, how: UserLookup): number {
  const pages = (per: number) => Math.max(1, Math.ceil(users / per));
  switch (how) {
    case 'SearchUsers':
      return pages(USER_LOOKUPS.SearchUsers.usersPerCall);
    case 'ListUsers':
      return pages(USER_LOOKUPS.ListUsers.usersPerCall);
    case 'DescribeUser':
      return users;
    case 'ListUsers+DescribeUser':
      return pages(USER_LOOKUPS.ListUsers.usersPerCall) + users;
  }
}

/** The API Switchboard reads names with: every user of the instance in the fewest calls, names included. */
export const USER_NAME_LOOKUP = 'SearchUsers' as const;

// ---------------------------------------------------------------------------------------------------------------
// State of a row (fact: agent-activity)

/** The types of agent status (AgentStatusSummary.Type, from ListAgentStatuses; GetCurrentUserData gives none). */
export const AGENT_STATUS_TYPES = ['ROUTABLE', 'CUSTOM', 'OFFLINE'] as const;
export type AgentStatusType = (typeof AGENT_STATUS_TYPES)[number];

/**
 * Connect's "Agent Activity" of the real-time metrics report, in the order it decides between them for an agent with
 * concurrent contacts: the first that applies wins.
 */
export const AGENT_ACTIVITIES = [
  'ERROR',
  'MISSED',
  'REJECTED',
  'ON_CONTACT',
  'AFTER_CONTACT_WORK',
  'INCOMING',
  'CUSTOM',
  'AVAILABLE',
  'OFFLINE',
] as const;
export type AgentActivity = (typeof AGENT_ACTIVITIES)[number];

/** The families the agent board colours by, in the order its summary strip shows them. */
export const AGENT_STATE_FAMILIES = [
  'available',
  'onContact',
  'afterContactWork',
  'nonProductive',
  'offline',
  'error',
] as const;
export type AgentStateFamily = (typeof AGENT_STATE_FAMILIES)[number];

export const AGENT_STATE_FAMILY_LABELS: Record<AgentStateFamily, string> = {
  available: 'Available',
  onContact: 'On contact',
  afterContactWork: 'ACW',
  nonProductive: 'Break / NPT',
  offline: 'Offline',
  error: 'Error',
};

/**
 * The family of each activity. Missed and Rejected are Error (Connect's "Agent error": an agent enters it when they
 * "Miss a call", "Reject a chat/task", "Experience a connection failure"). Incoming (a contact offered, ringing) is
 * On contact: ours, the agent is no longer available ("The agent has at least one contact ongoing") and is about to
 * talk; Connect's AGENTS_ON_CONTACT does not count it (countsInAgentsOnContact).
 */
export const ACTIVITY_FAMILY: Record<AgentActivity, AgentStateFamily> = {
  ERROR: 'error',
  MISSED: 'error',
  REJECTED: 'error',
  ON_CONTACT: 'onContact',
  AFTER_CONTACT_WORK: 'afterContactWork',
  INCOMING: 'onContact',
  CUSTOM: 'nonProductive',
  AVAILABLE: 'available',
  OFFLINE: 'offline',
};

/** One contact of a row, as AgentContactReference gives it (timestamps in epoch milliseconds). */
export interface AgentContactShape {
  state?: string;
  initiationMethod?: string;
  stateStartMs?: number;
}

/** The parts of a GetCurrentUserData row the state is decided from. */
export interface AgentRowShape {
  status?: { name?: string; type?: string; startMs?: number };
  contacts?: AgentContactShape[];
}

/**
 * The type of a status: the one ListAgentStatuses gives when known; else from the name, as Connect's two system
 * statuses are named ("Available", "Offline"), any other name being a custom status.
 */
export function statusTypeOf(status: { name?: string; type?: string } | undefined): AgentStatusType {
  const type = status?.type;
  if (type === 'ROUTABLE' || type === 'CUSTOM' || type === 'OFFLINE') {
    return type;
  }
  const name = (status?.name ?? '').trim().toLowerCase();
  return name === 'available' ? 'ROUTABLE' : name === 'offline' ? 'OFFLINE' : 'CUSTOM';
}

/** An outbound ring: Connect counts it as On contact, not Incoming ("Outbound contact/Outbound callback"). */
function isOutboundRing(c: AgentContactShape): boolean {
  return c.state === 'CONNECTING' && (c.initiationMethod === 'OUTBOUND' || c.initiationMethod === 'CALLBACK');
}

/** The activity a contact alone would give its agent (undefined: a state that decides nothing). */
export function contactActivity(c: AgentContactShape): AgentActivity | undefined {
  switch (c.state) {
    case 'ERROR':
      return 'ERROR';
    case 'MISSED':
      return 'MISSED';
    case 'REJECTED':
      return 'REJECTED';
    case 'CONNECTED':
    case 'CONNECTED_ONHOLD':
      return 'ON_CONTACT';
    case 'ENDED':
      return 'AFTER_CONTACT_WORK';
    case 'CONNECTING':
      return isOutboundRing(c) ? 'ON_CONTACT' : 'INCOMING';
    case 'INCOMING':
    case 'PENDING':
      return 'INCOMING';
    default:
      return undefined;
  }
}

export interface AgentState {
  activity: AgentActivity;
  family: AgentStateFamily;
  /**
   * Since when the agent is in this activity (epoch ms): the earliest StateStartTimestamp of the contacts that decide
   * it, else the status's StatusStartTimestamp; undefined when AWS gave none.
   */
  sinceMs?: number;
}

/** The activity and family of a row: its contacts first, in Connect's order, then its status. */
export function agentStateOf(row: AgentRowShape): AgentState {
  const contacts = Array.isArray(row.contacts) ? row.contacts : [];
  const byContact = contacts
    .map((c) => ({ c, a: contactActivity(c) }))
    .filter((x): x is { c: AgentContactShape; a: AgentActivity } => x.a !== undefined);
  for (const activity of AGENT_ACTIVITIES) {
    const deciding = byContact.filter((x) => x.a === activity);
    if (deciding.length > 0) {
      const starts = deciding.map((x) => x.c.stateStartMs).filter((t): t is number => typeof t === 'number');
      return {
        activity,
        family: ACTIVITY_FAMILY[activity],
        sinceMs: starts.length > 0 ? Math.min(...starts) : undefined,
      };
    }
  }
  const type = statusTypeOf(row.status);
  const activity: AgentActivity = type === 'ROUTABLE' ? 'AVAILABLE' : type === 'OFFLINE' ? 'OFFLINE' : 'CUSTOM';
  return { activity, family: ACTIVITY_FAMILY[activity], sinceMs: row.status?.startMs };
}

/**
 * Whether Connect's AGENTS_ON_CONTACT counts the agent: "handling a contact that is either: Connected, On hold, In
 * After Contact Work (ACW), Paused, In outbound ring state", whatever the activity the report shows (an agent with
 * a missed contact and a connected one is Error and on contact). The check that rows agree with the real-time
 * metrics of the same moment counts with this, not with the family.
 */
export function countsInAgentsOnContact(row: AgentRowShape): boolean {
  return (row.contacts ?? []).some(
    (c) => c.state === 'CONNECTED' || c.state === 'CONNECTED_ONHOLD' || c.state === 'ENDED' || isOutboundRing(c)
  );
}

/**
 * Whole seconds from a start to now, for "time in status" and "time in state", computed when the proxy answers (and
 * again by the panel as its clock ticks); never negative (a start a little ahead of the proxy's clock reads 0).
 */
export function secondsSince(startMs: number | undefined, nowMs: number): number | null {
  if (typeof startMs !== 'number' || !Number.isFinite(startMs)) {
    return null;
  }
  return Math.max(0, Math.floor((nowMs - startMs) / 1000));
}
