import { STANDARD_REALTIME_METRICS } from './realtimeMetrics';
import { mergeRule, mergeValues } from './splitMerge';

// fact: split-merge (docs/aws-facts.md): a contact waits in one queue, an agent has one routing profile.
describe('mergeRule', () => {
  it('a query grouped by what the calls split has rows that each belong to one call', () => {
    for (const m of STANDARD_REALTIME_METRICS) {
      expect(mergeRule(m, 'queues', ['QUEUE', 'CHANNEL']).rule).toBe('disjoint');
      expect(mergeRule(m, 'routingProfiles', ['ROUTING_PROFILE']).rule).toBe('disjoint');
    }
  });

  it('split over queues: contacts add up, agents only per routing-profile row', () => {
    expect(mergeRule('CONTACTS_IN_QUEUE', 'queues', []).rule).toBe('sum');
    expect(mergeRule('CONTACTS_SCHEDULED', 'queues', ['CHANNEL']).rule).toBe('sum');
    expect(mergeRule('OLDEST_CONTACT_AGE', 'queues', []).rule).toBe('max');
    expect(mergeRule('AGENTS_ONLINE', 'queues', []).rule).toBe('refuse');
    expect(mergeRule('SLOTS_AVAILABLE', 'queues', ['CHANNEL']).rule).toBe('refuse');
    expect(mergeRule('AGENTS_ONLINE', 'queues', ['ROUTING_PROFILE']).rule).toBe('same');
  });

  it('split over routing profiles: agents and slots add up, contacts only per queue row', () => {
    expect(mergeRule('AGENTS_ONLINE', 'routingProfiles', []).rule).toBe('sum');
    expect(mergeRule('AGENTS_ONLINE', 'routingProfiles', ['QUEUE']).rule).toBe('sum');
    expect(mergeRule('SLOTS_ACTIVE', 'routingProfiles', ['CHANNEL']).rule).toBe('sum');
    expect(mergeRule('CONTACTS_IN_QUEUE', 'routingProfiles', ['QUEUE']).rule).toBe('same');
    expect(mergeRule('CONTACTS_IN_QUEUE', 'routingProfiles', []).rule).toBe('refuse');
    expect(mergeRule('OLDEST_CONTACT_AGE', 'routingProfiles', []).rule).toBe('max');
  });

  it('gives a reason a user can act on when refusing', () => {
    expect(mergeRule('AGENTS_ONLINE', 'queues', []).reason).toMatch(/agent serves queues of several calls/);
    expect(mergeRule('CONTACTS_IN_QUEUE', 'routingProfiles', ['CHANNEL']).reason).toMatch(/counted once per call/);
  });
});

describe('mergeValues', () => {
  it('sums, keeps the maximum, takes a shared value once, and ignores values Connect could not compute', () => {
    expect(mergeValues('sum', 3, 4)).toBe(7);
    expect(mergeValues('max', 30, 95)).toBe(95);
    expect(mergeValues('same', 6, 6)).toBe(6);
    expect(mergeValues('sum', null, 4)).toBe(4);
    expect(mergeValues('sum', 4, null)).toBe(4);
    expect(mergeValues('same', null, null)).toBeNull();
    expect(() => mergeValues('refuse', 1, 2)).toThrow();
  });
});
