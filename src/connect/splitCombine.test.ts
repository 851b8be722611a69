import { STANDARD_REALTIME_METRICS } from './realtimeMetrics';
import { combineRule, combineValues } from './splitCombine';

// fact: split-merge (docs/aws-facts.md): a contact waits in one queue, an agent has one routing profile.
describe('combineRule', () => {
  it('a query grouped by what the calls split has rows that each belong to one call', () => {
    for (const m of STANDARD_REALTIME_METRICS) {
      expect(combineRule(m, 'queues', ['QUEUE', 'CHANNEL']).rule).toBe('disjoint');
      expect(combineRule(m, 'routingProfiles', ['ROUTING_PROFILE']).rule).toBe('disjoint');
    }
  });

  it('split over queues: contacts add up, agents only per routing-profile row', () => {
    expect(combineRule('CONTACTS_IN_QUEUE', 'queues', []).rule).toBe('sum');
    expect(combineRule('CONTACTS_SCHEDULED', 'queues', ['CHANNEL']).rule).toBe('sum');
    expect(combineRule('OLDEST_CONTACT_AGE', 'queues', []).rule).toBe('max');
    expect(combineRule('AGENTS_ONLINE', 'queues', []).rule).toBe('refuse');
    expect(combineRule('SLOTS_AVAILABLE', 'queues', ['CHANNEL']).rule).toBe('refuse');
    expect(combineRule('AGENTS_ONLINE', 'queues', ['ROUTING_PROFILE']).rule).toBe('same');
  });

  it('split over routing profiles: agents and slots add up, contacts only per queue row', () => {
    expect(combineRule('AGENTS_ONLINE', 'routingProfiles', []).rule).toBe('sum');
    expect(combineRule('AGENTS_ONLINE', 'routingProfiles', ['QUEUE']).rule).toBe('sum');
    expect(combineRule('SLOTS_ACTIVE', 'routingProfiles', ['CHANNEL']).rule).toBe('sum');
    expect(combineRule('CONTACTS_IN_QUEUE', 'routingProfiles', ['QUEUE']).rule).toBe('same');
    expect(combineRule('CONTACTS_IN_QUEUE', 'routingProfiles', []).rule).toBe('refuse');
    expect(combineRule('OLDEST_CONTACT_AGE', 'routingProfiles', []).rule).toBe('max');
  });

  it('gives a reason a user can act on when refusing', () => {
    expect(combineRule('AGENTS_ONLINE', 'queues', []).reason).toMatch(/agent serves queues of several calls/);
    expect(combineRule('CONTACTS_IN_QUEUE', 'routingProfiles', ['CHANNEL']).reason).toMatch(/counted once per call/);
  });
});

describe('combineValues', () => {
  it('sums, keeps the maximum, takes a shared value once, and ignores values Connect could not compute', () => {
    expect(combineValues('sum', 3, 4)).toBe(7);
    expect(combineValues('max', 30, 95)).toBe(95);
    expect(combineValues('same', 6, 6)).toBe(6);
    expect(combineValues('sum', null, 4)).toBe(4);
    expect(combineValues('sum', 4, null)).toBe(4);
    expect(combineValues('same', null, null)).toBeNull();
    expect(() => combineValues('refuse', 1, 2)).toThrow();
  });
});
