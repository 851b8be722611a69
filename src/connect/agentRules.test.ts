import { AGENT_COLUMNS, slotColumnKey } from './agentColumns';
import {
  AGENT_LIMITS,
  agentStateOf,
  CONTACT_STATES,
  countsInAgentsOnContact,
  formatAgentsViolation,
  secondsSince,
  statusTypeOf,
  USER_NAME_LOOKUP,
  userLookupCalls,
  validateAgentsRequest,
  type AgentRowShape,
  type AgentsRequestShape,
} from './agentRules';

/**
 * GetCurrentUserData's rules as Switchboard reads them (fact: gcud-request-rules, connect-api-quotas), how a row maps
 * to a state (fact: agent-activity, gcud-user-data) and how names are read (fact: user-name-lookup). Expected values
 * are literals from AWS's pages, not computed with the module.
 */

const rules = (req: AgentsRequestShape, splits = false) =>
  validateAgentsRequest(req, { splits }).map((v) => `${v.field} ${v.rule}`);
const ids = (n: number, p: string) => Array.from({ length: n }, (_, i) => `${p}${i}`);

describe('validateAgentsRequest (fact: gcud-request-rules)', () => {
  it('accepts one resource filter of up to 100 values, or one hierarchy group', () => {
    expect(validateAgentsRequest({ filters: { queues: ['q1', 'q2'] } })).toEqual([]);
    expect(rules({ filters: { queues: ids(100, 'q') } })).toEqual([]);
    expect(rules({ filters: { routingProfiles: ids(100, 'r') } })).toEqual([]);
    expect(rules({ filters: { agents: ids(100, 'a') } })).toEqual([]);
    expect(rules({ filters: { hierarchyGroups: ['g'] } })).toEqual([]);
  });

  it('needs a resource filter: contact states or statuses alone are not one', () => {
    expect(rules({})).toEqual(['filters filters.required']);
    expect(rules({ filters: { contactStates: ['CONNECTED'], agentStatuses: ['Lunch'] } })).toEqual([
      'filters filters.required',
    ]);
  });

  it('"A maximum of one filter can be passed from queues, routing profiles, agents, and user hierarchy groups"', () => {
    const [v] = validateAgentsRequest({ filters: { queues: ['q'], agents: ['a'] } });
    expect(v).toEqual({
      field: 'filters',
      rule: 'filters.one-resource-filter',
      text: 'only one of queues, routing profiles, agents and hierarchy groups can be used per query (got queues and agents)',
      awsError: 'InvalidRequestException',
    });
    expect(rules({ filters: { routingProfiles: ['r'], hierarchyGroups: ['g'] } })).toEqual([
      'filters filters.one-resource-filter',
    ]);
  });

  it('Queues, RoutingProfiles and Agents: 100 each; UserHierarchyGroups: "Fixed number of 1 item"', () => {
    expect(rules({ filters: { queues: ids(101, 'q') } })).toEqual(['filters.queues filters.queues.max']);
    expect(rules({ filters: { routingProfiles: ids(101, 'r') } })).toEqual([
      'filters.routingProfiles filters.routingProfiles.max',
    ]);
    expect(rules({ filters: { agents: ids(101, 'a') } })).toEqual(['filters.agents filters.agents.max']);
    expect(rules({ filters: { hierarchyGroups: ['g1', 'g2'] } })).toEqual([
      'filters.hierarchyGroups filters.hierarchyGroups.max',
    ]);
    expect(formatAgentsViolation(validateAgentsRequest({ filters: { queues: ids(101, 'q') } })[0])).toBe(
      'filters.queues: at most 100 queues per request (got 101)'
    );
    // the proxy splits larger sets into calls
    expect(rules({ filters: { queues: ids(500, 'q') } }, true)).toEqual([]);
    expect(rules({ filters: { hierarchyGroups: ['g1', 'g2'] } }, true)).toEqual([]);
  });

  it('refuses empty and repeated values', () => {
    expect(rules({ filters: { queues: ['q', 'q', ''] } })).toEqual([
      'filters.queues filters.queues.empty',
      'filters.queues filters.queues.duplicate',
    ]);
    expect(rules({ filters: { queues: ['q'], agentStatuses: ['Lunch', 'Lunch'] } })).toEqual([
      'filters.agentStatuses filters.agentStatuses.duplicate',
    ]);
  });

  it('ContactStates: up to 9 of INCOMING | PENDING | CONNECTING | CONNECTED | CONNECTED_ONHOLD | MISSED | ERROR | ENDED | REJECTED', () => {
    expect([...CONTACT_STATES]).toEqual([
      'INCOMING',
      'PENDING',
      'CONNECTING',
      'CONNECTED',
      'CONNECTED_ONHOLD',
      'MISSED',
      'ERROR',
      'ENDED',
      'REJECTED',
    ]);
    const all = [
      'INCOMING',
      'PENDING',
      'CONNECTING',
      'CONNECTED',
      'CONNECTED_ONHOLD',
      'MISSED',
      'ERROR',
      'ENDED',
      'REJECTED',
    ];
    expect(rules({ filters: { queues: ['q'], contactStates: all } })).toEqual([]);
    expect(rules({ filters: { queues: ['q'], contactStates: ['CONNECTED', 'PAUSED'] } })).toEqual([
      'filters.contactStates filters.contactStates.unknown',
    ]);
    expect(rules({ filters: { queues: ['q'], contactStates: [...all, 'ENDED'] } })).toEqual([
      'filters.contactStates filters.contactStates.max',
      'filters.contactStates filters.contactStates.duplicate',
    ]);
  });

  it('MaxResults: "Minimum value of 1. Maximum value of 100."', () => {
    expect(rules({ filters: { queues: ['q'] }, maxResults: 100 })).toEqual([]);
    expect(rules({ filters: { queues: ['q'] }, maxResults: 1 })).toEqual([]);
    for (const maxResults of [0, 101, 2.5]) {
      expect(rules({ filters: { queues: ['q'] }, maxResults })).toEqual(['maxResults maxResults.range']);
    }
  });

  it('reports every broken rule, in a stable order', () => {
    expect(
      rules({
        filters: { queues: ids(101, 'q'), agents: ['a', 'a'], contactStates: ['RINGING'], agentStatuses: [''] },
        maxResults: 0,
      })
    ).toEqual([
      'filters filters.one-resource-filter',
      'filters.queues filters.queues.max',
      'filters.agents filters.agents.duplicate',
      'filters.contactStates filters.contactStates.unknown',
      'filters.agentStatuses filters.agentStatuses.empty',
      'maxResults maxResults.range',
    ]);
  });

  it('pages 100 at a time at the default quota, 2 a second with bursts of 5 (fact: connect-api-quotas)', () => {
    expect(AGENT_LIMITS.pageSize).toBe(100);
    expect(AGENT_LIMITS.quota).toEqual({ ratePerSecond: 2, burst: 5 });
  });
});

describe('agentStateOf (fact: agent-activity)', () => {
  const at = (iso: string) => Date.parse(iso);
  const available: AgentRowShape = { status: { name: 'Available', startMs: at('2026-12-03T09:00:00Z') } };

  it('without contacts, the status decides: Available, Offline, anything else custom (NPT)', () => {
    expect(agentStateOf(available)).toEqual({
      activity: 'AVAILABLE',
      family: 'available',
      sinceMs: at('2026-12-03T09:00:00Z'),
    });
    expect(agentStateOf({ status: { name: 'Offline' } })).toMatchObject({ activity: 'OFFLINE', family: 'offline' });
    expect(agentStateOf({ status: { name: 'Lunch' } })).toMatchObject({ activity: 'CUSTOM', family: 'nonProductive' });
    // a status renamed by the instance: the type from ListAgentStatuses wins over the name
    expect(agentStateOf({ status: { name: 'Ready', type: 'ROUTABLE' } })).toMatchObject({ family: 'available' });
    expect(statusTypeOf({ name: 'Break' })).toBe('CUSTOM');
  });

  it('contact states: CONNECTED and on hold are On contact, ENDED is ACW, CONNECTING inbound is Incoming', () => {
    const one = (state: string, initiationMethod = 'INBOUND') =>
      agentStateOf({ ...available, contacts: [{ state, initiationMethod, stateStartMs: at('2026-12-03T09:10:00Z') }] });
    expect(one('CONNECTED')).toEqual({
      activity: 'ON_CONTACT',
      family: 'onContact',
      sinceMs: at('2026-12-03T09:10:00Z'),
    });
    expect(one('CONNECTED_ONHOLD').activity).toBe('ON_CONTACT');
    expect(one('ENDED')).toMatchObject({ activity: 'AFTER_CONTACT_WORK', family: 'afterContactWork' });
    expect(one('CONNECTING')).toMatchObject({ activity: 'INCOMING', family: 'onContact' });
    expect(one('INCOMING', 'CALLBACK').activity).toBe('INCOMING');
    expect(one('PENDING', 'CALLBACK').activity).toBe('INCOMING');
    // "Outbound contact/Outbound callback" is On contact
    expect(one('CONNECTING', 'OUTBOUND').activity).toBe('ON_CONTACT');
    expect(one('MISSED')).toMatchObject({ activity: 'MISSED', family: 'error' });
    expect(one('REJECTED')).toMatchObject({ activity: 'REJECTED', family: 'error' });
    expect(one('ERROR')).toMatchObject({ activity: 'ERROR', family: 'error' });
  });

  it("concurrent contacts: Error, then Missed, Rejected, On contact, ACW, Incoming (Connect's order)", () => {
    const row = (...states: string[]) =>
      agentStateOf({ status: { name: 'Available' }, contacts: states.map((state) => ({ state })) }).activity;
    expect(row('CONNECTED', 'ERROR')).toBe('ERROR');
    expect(row('REJECTED', 'MISSED')).toBe('MISSED');
    expect(row('CONNECTED', 'REJECTED')).toBe('REJECTED');
    expect(row('ENDED', 'CONNECTED')).toBe('ON_CONTACT');
    expect(row('CONNECTING', 'ENDED')).toBe('AFTER_CONTACT_WORK');
    // a custom status with a contact: the contact decides (counted On contact and NPT by Connect)
    expect(agentStateOf({ status: { name: 'Training' }, contacts: [{ state: 'CONNECTED' }] }).family).toBe('onContact');
  });

  it('time in state starts at the earliest state start of the deciding contacts (fact: gcud-user-data)', () => {
    const state = agentStateOf({
      status: { name: 'Available', startMs: at('2026-12-03T08:00:00Z') },
      contacts: [
        { state: 'ENDED', stateStartMs: at('2026-12-03T09:05:00Z') },
        { state: 'ENDED', stateStartMs: at('2026-12-03T09:01:00Z') },
        { state: 'CONNECTING', stateStartMs: at('2026-12-03T09:06:00Z') },
      ],
    });
    expect(state).toEqual({
      activity: 'AFTER_CONTACT_WORK',
      family: 'afterContactWork',
      sinceMs: at('2026-12-03T09:01:00Z'),
    });
    expect(secondsSince(at('2026-12-03T09:01:00Z'), at('2026-12-03T09:21:00.900Z'))).toBe(1200);
    expect(secondsSince(at('2026-12-03T09:01:01Z'), at('2026-12-03T09:01:00Z'))).toBe(0);
    expect(secondsSince(undefined, at('2026-12-03T09:01:00Z'))).toBeNull();
  });

  it('AGENTS_ON_CONTACT counts Connected, on hold, ACW and outbound ring, whatever the activity', () => {
    expect(countsInAgentsOnContact({ contacts: [{ state: 'ENDED' }] })).toBe(true);
    expect(countsInAgentsOnContact({ contacts: [{ state: 'CONNECTED_ONHOLD' }] })).toBe(true);
    expect(countsInAgentsOnContact({ contacts: [{ state: 'CONNECTING', initiationMethod: 'OUTBOUND' }] })).toBe(true);
    expect(countsInAgentsOnContact({ contacts: [{ state: 'MISSED' }, { state: 'CONNECTED' }] })).toBe(true);
    expect(countsInAgentsOnContact({ contacts: [{ state: 'CONNECTING', initiationMethod: 'INBOUND' }] })).toBe(false);
    expect(countsInAgentsOnContact({ status: { name: 'Available' } })).toBe(false);
  });
});

describe('names for 2,000 agents (fact: user-name-lookup)', () => {
  it('SearchUsers (500 a page, names included) costs the fewest calls', () => {
    expect(userLookupCalls(2000, 'SearchUsers')).toBe(4);
    expect(userLookupCalls(2000, 'DescribeUser')).toBe(2000);
    expect(userLookupCalls(2000, 'ListUsers')).toBe(2); // logins only, no first or last name
    expect(userLookupCalls(2000, 'ListUsers+DescribeUser')).toBe(2002);
    expect(USER_NAME_LOOKUP).toBe('SearchUsers');
  });
});

describe('the columns of an agents answer (fact: gcud-user-data)', () => {
  it('has each column once, durations in seconds, slots per channel', () => {
    const names = AGENT_COLUMNS.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    expect(new Set(AGENT_COLUMNS.map((c) => c.key)).size).toBe(AGENT_COLUMNS.length);
    for (const key of [
      'name',
      'login',
      'status',
      'state',
      'timeInStatus',
      'timeInState',
      'routingProfile',
      'hierarchyPath',
      'contacts',
      'nextStatus',
    ]) {
      expect(AGENT_COLUMNS.some((c) => c.key === key)).toBe(true);
    }
    expect(AGENT_COLUMNS.filter((c) => c.unit === 's').map((c) => c.name)).toEqual(['Time in status', 'Time in state']);
    expect(AGENT_COLUMNS.find((c) => c.key === slotColumnKey('VOICE', 'active'))?.name).toBe('Voice active');
    expect(AGENT_COLUMNS.filter((c) => c.key.startsWith('slots.'))).toHaveLength(12);
  });
});
