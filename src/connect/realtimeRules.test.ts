import {
  formatViolation,
  realtimeAdvice,
  validateRealtimeRequest,
  violationsIntroducedBy,
  type RealtimeRequestShape,
} from './realtimeRules';

const ok: RealtimeRequestShape = {
  filters: { queues: ['q1', 'q2'], channels: ['VOICE', 'CHAT'] },
  groupings: ['QUEUE', 'CHANNEL'],
  metrics: ['CONTACTS_IN_QUEUE', 'OLDEST_CONTACT_AGE', 'AGENTS_AVAILABLE'],
};
const rules = (req: RealtimeRequestShape, options = {}) => validateRealtimeRequest(req, options).map((v) => v.rule);
const ids = (n: number) => Array.from({ length: n }, (_, i) => `id-${i}`);

describe('GetCurrentMetricData rules', () => {
  it('accepts a valid request', () => {
    expect(validateRealtimeRequest(ok)).toEqual([]);
  });

  it('needs metrics, known and not repeated', () => {
    expect(rules({ ...ok, metrics: [] })).toEqual(['metrics.required']);
    expect(rules({ ...ok, metrics: ['QUEUE_SIZE'] })).toEqual(['metrics.unknown']);
    expect(rules({ ...ok, metrics: ['AGENTS_ONLINE', 'AGENTS_ONLINE'] })).toEqual(['metrics.duplicate']);
  });

  it('needs a queue or routing-profile filter, never both', () => {
    expect(rules({ ...ok, filters: { channels: ['VOICE'] }, groupings: ['CHANNEL'] })).toEqual(['filters.required']);
    const both = validateRealtimeRequest({
      ...ok,
      filters: { queues: ['q'], routingProfiles: ['r'], channels: ['VOICE'] },
    });
    expect(both.map((v) => v.rule)).toEqual(['filters.queues-and-routing-profiles']);
    expect(both[0].awsError).toBe('InvalidRequestException');
  });

  it('limits queues and routing profiles to 100 unless the caller splits them', () => {
    expect(rules({ ...ok, filters: { queues: ids(101), channels: ['VOICE'] } })).toEqual(['filters.queues.max']);
    expect(rules({ ...ok, filters: { queues: ids(101), channels: ['VOICE'] } }, { splitsLargeSets: true })).toEqual([]);
    expect(rules({ ...ok, filters: { queues: ids(100), channels: ['VOICE'] } })).toEqual([]);
    expect(rules({ metrics: ['AGENTS_ONLINE'], filters: { routingProfiles: ids(101) } })).toEqual([
      'filters.routingProfiles.max',
    ]);
  });

  it('limits the other filters', () => {
    const q = { queues: ['q'] };
    expect(rules({ metrics: ['AGENTS_ONLINE'], filters: { ...q, agentStatuses: ids(51) } })).toEqual([
      'filters.agentStatuses.max',
    ]);
    expect(rules({ metrics: ['AGENTS_ONLINE'], filters: { ...q, subtypes: ids(11) } })).toEqual([
      'filters.subtypes.max',
    ]);
    expect(rules({ metrics: ['AGENTS_ONLINE'], filters: { ...q, validationTestTypes: ids(11) } })).toEqual([
      'filters.validationTestTypes.max',
    ]);
    expect(
      rules({
        metrics: ['AGENTS_ONLINE'],
        filters: { ...q, routingStepExpressions: ids(51) },
        groupings: ['ROUTING_STEP_EXPRESSION'],
      })
    ).toEqual(['filters.routingStepExpressions.max']);
  });

  it('rejects unknown, repeated and empty filter values', () => {
    expect(rules({ ...ok, filters: { queues: ['q'], channels: ['SMS'] } })).toEqual(['filters.channels.unknown']);
    expect(rules({ ...ok, filters: { queues: ['q'], channels: ['VOICE', 'VOICE'] } })).toEqual([
      'filters.channels.duplicate',
    ]);
    expect(rules({ ...ok, filters: { queues: ['q', 'q'], channels: ['VOICE'] } })).toEqual([
      'filters.queues.duplicate',
    ]);
    expect(rules({ ...ok, filters: { queues: [' '], channels: ['VOICE'] } })).toEqual(['filters.queues.empty']);
  });

  it('needs a queue filter under agent-status, subtype and validation-test filters', () => {
    const base = { metrics: ['AGENTS_ONLINE'], filters: { routingProfiles: ['r'] } };
    expect(rules({ ...base, filters: { ...base.filters, agentStatuses: ['s'] } })).toEqual([
      'filters.agentStatuses.needs-queues',
    ]);
    expect(rules({ ...base, filters: { ...base.filters, subtypes: ['connect:Chat'] } })).toEqual([
      'filters.subtypes.needs-queues',
    ]);
    expect(rules({ ...base, filters: { ...base.filters, validationTestTypes: ['x'] } })).toEqual([
      'filters.validationTestTypes.needs-queues',
    ]);
  });

  it('ties routing-step expressions to exactly one queue and their grouping', () => {
    const rse = { metrics: ['CONTACTS_IN_QUEUE'], groupings: ['ROUTING_STEP_EXPRESSION'] };
    expect(rules({ ...rse, filters: { queues: ['q'], routingStepExpressions: ['e'] } })).toEqual([]);
    expect(rules({ ...rse, filters: { queues: ['q', 'r'], routingStepExpressions: ['e'] } })).toEqual([
      'filters.routingStepExpressions.one-queue',
    ]);
    expect(rules({ ...rse, groupings: ['QUEUE'], filters: { queues: ['q'], routingStepExpressions: ['e'] } })).toEqual([
      'filters.routingStepExpressions.needs-grouping',
    ]);
  });

  it('allows at most two known, distinct groupings', () => {
    expect(rules({ ...ok, groupings: ['QUEUE', 'CHANNEL', 'ROUTING_PROFILE'] })).toContain('groupings.max');
    expect(rules({ ...ok, groupings: ['QUEUE', 'QUEUE'] })).toEqual(['groupings.duplicate']);
    expect(rules({ ...ok, groupings: ['TEAM'] })).toEqual(['groupings.unknown']);
  });

  // fact: gcmd-channel-grouping: the API reference says "should include a Channels filter".
  it('takes CHANNEL grouping without a channel filter as advice, not a violation', () => {
    const noChannels = { ...ok, groupings: ['QUEUE', 'CHANNEL'], filters: { queues: ['q'] } };
    expect(rules(noChannels)).toEqual([]);
    expect(realtimeAdvice(noChannels).map((a) => [a.field, a.rule])).toEqual([
      ['filters.channels', 'groupings.channel-without-channels'],
    ]);
    expect(realtimeAdvice({ ...noChannels, filters: { queues: ['q'], channels: ['EMAIL'] } })).toEqual([]);
    expect(realtimeAdvice(ok)).toEqual([]);
  });

  it('serves AGENT_STATUS only after QUEUE, with a queue filter, for AGENTS_ONLINE', () => {
    const base = { filters: { queues: ['q'] }, metrics: ['AGENTS_ONLINE'] };
    expect(rules({ ...base, groupings: ['QUEUE', 'AGENT_STATUS'] })).toEqual([]);
    expect(rules({ ...base, groupings: ['AGENT_STATUS', 'QUEUE'] })).toEqual(['groupings.agent-status-needs-queue']);
    expect(
      rules({ ...base, groupings: ['QUEUE', 'AGENT_STATUS'], metrics: ['AGENTS_ONLINE', 'CONTACTS_IN_QUEUE'] })
    ).toEqual(['metrics.agent-status-only-online']);
  });

  it('serves SUBTYPE and VALIDATION_TEST_TYPE only as the second grouping after QUEUE', () => {
    const base = { filters: { queues: ['q'] }, metrics: ['CONTACTS_IN_QUEUE'] };
    expect(rules({ ...base, groupings: ['QUEUE', 'SUBTYPE'] })).toEqual([]);
    expect(rules({ ...base, groupings: ['SUBTYPE'] })).toEqual(['groupings.subtype-needs-queue']);
    expect(rules({ ...base, groupings: ['QUEUE', 'VALIDATION_TEST_TYPE'] })).toEqual([]);
    expect(
      rules({ ...base, filters: { routingProfiles: ['r'] }, groupings: ['QUEUE', 'VALIDATION_TEST_TYPE'] })
    ).toEqual(['groupings.validation-test-type-needs-queue']);
  });

  it('needs a routing-profile filter for queue metrics grouped by routing profile', () => {
    const byRp = {
      groupings: ['ROUTING_PROFILE'],
      metrics: ['AGENTS_ONLINE', 'CONTACTS_IN_QUEUE', 'OLDEST_CONTACT_AGE'],
    };
    const v = validateRealtimeRequest({ ...byRp, filters: { queues: ['q'] } });
    expect(v.map((x) => x.rule)).toEqual(['groupings.routing-profile-metrics-need-rp-filter']);
    expect(formatViolation(v[0])).toBe(
      'filters.routingProfiles: grouped by ROUTING_PROFILE, CONTACTS_IN_QUEUE, OLDEST_CONTACT_AGE need a routing-profile filter'
    );
    expect(rules({ ...byRp, filters: { routingProfiles: ['r'] } })).toEqual([]);
    expect(rules({ ...byRp, metrics: ['AGENTS_ONLINE'], filters: { queues: ['q'] } })).toEqual([]);
  });

  it('serves ESTIMATED_WAIT_TIME only in its two routing combinations', () => {
    expect(rules({ ...ok, metrics: ['ESTIMATED_WAIT_TIME'] })).toEqual([]);
    expect(
      rules({
        metrics: ['ESTIMATED_WAIT_TIME'],
        filters: { queues: ['q'], channels: ['VOICE'], routingStepExpressions: ['e'] },
        groupings: ['ROUTING_STEP_EXPRESSION'],
      })
    ).toEqual([]);
    expect(
      rules({
        ...ok,
        groupings: ['QUEUE'],
        filters: { queues: ['q'], channels: ['VOICE'] },
        metrics: ['ESTIMATED_WAIT_TIME'],
      })
    ).toEqual(['metrics.estimated-wait-time-combination']);
  });

  it('sorts by one sortable metric in a known order', () => {
    expect(rules({ ...ok, sort: [{ metric: 'OLDEST_CONTACT_AGE', order: 'DESCENDING' }] })).toEqual([]);
    expect(rules({ ...ok, sort: [{ metric: 'SLOTS_ACTIVE', order: 'ASCENDING' }] })).toEqual([
      'sort.metric.not-sortable',
    ]);
    expect(rules({ ...ok, sort: [{ metric: 'NOPE' }] })).toEqual(['sort.metric.unknown']);
    expect(rules({ ...ok, sort: [{ metric: 'AGENTS_ONLINE', order: 'UP' }] })).toEqual(['sort.order.unknown']);
    expect(rules({ ...ok, sort: [{ metric: 'AGENTS_ONLINE' }, { metric: 'AGENTS_AVAILABLE' }] })).toEqual(['sort.max']);
  });

  it('pages 1 to 100 results', () => {
    expect(rules({ ...ok, maxResults: 0 })).toEqual(['maxResults.range']);
    expect(rules({ ...ok, maxResults: 101 })).toEqual(['maxResults.range']);
    expect(rules({ ...ok, maxResults: 2.5 })).toEqual(['maxResults.range']);
    expect(rules({ ...ok, maxResults: 100 })).toEqual([]);
  });

  // fact: gcmd-channels
  it('takes the four channels of the API model, EMAIL included', () => {
    expect(rules({ ...ok, filters: { queues: ['q'], channels: ['VOICE', 'CHAT', 'TASK', 'EMAIL'] } })).toEqual([]);
    expect(rules({ ...ok, filters: { queues: ['q'], channels: ['FAX'] } })).toEqual(['filters.channels.unknown']);
  });

  // fact: gcmd-rules
  it('returns every violation, each naming its field', () => {
    const v = validateRealtimeRequest({
      filters: { queues: ['q'], routingProfiles: ['r'], channels: ['FAX'] },
      groupings: ['CHANNEL', 'QUEUE', 'ROUTING_PROFILE'],
      metrics: [],
    });
    expect(v.map((x) => x.rule)).toEqual([
      'metrics.required',
      'filters.queues-and-routing-profiles',
      'filters.channels.unknown',
      'groupings.max',
    ]);
    for (const violation of v) {
      expect(formatViolation(violation)).toMatch(new RegExp(`^${violation.field.replace('.', '\\.')}: `));
      expect(formatViolation(violation, 'wire')).not.toMatch(/^filters\./);
    }
  });

  it('tells which rules a change would newly break', () => {
    const after = { ...ok, groupings: ['QUEUE', 'AGENT_STATUS'] };
    expect(violationsIntroducedBy(ok, after).map((v) => v.rule)).toEqual(['metrics.agent-status-only-online']);
    expect(violationsIntroducedBy(after, after)).toEqual([]);
  });
});
