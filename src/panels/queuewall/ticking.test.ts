import type { QueueRow } from './queueRows';
import { hasContacts, isStale, isTicking, STALE_AFTER_MS, tickingAge } from './ticking';

const T0 = Date.parse('2026-11-18T19:05:00Z');

/** A row whose values were true at `snapshot` (null: a frame without snapshotTime). */
const row = (values: QueueRow['values'], snapshot: number | null = T0): QueueRow => ({
  name: 'Billing',
  values,
  snapshots: Object.fromEntries(Object.keys(values).map((k) => [k, snapshot ?? undefined])),
});

describe('tickingAge', () => {
  it('adds the time since the snapshot while contacts wait', () => {
    expect(tickingAge(42, T0, T0, true)).toBe(42);
    expect(tickingAge(42, T0, T0 + 7_500, true)).toBe(49.5);
  });

  it('does not count for an empty queue, an empty value or an unknown snapshot time', () => {
    expect(tickingAge(0, T0, T0 + 7_000, false)).toBe(0);
    expect(tickingAge(null, T0, T0 + 7_000, true)).toBeNull();
    expect(tickingAge(42, undefined, T0 + 7_000, true)).toBe(42);
  });

  it('never counts backwards when the browser clock is behind the snapshot', () => {
    expect(tickingAge(42, T0, T0 - 3_000, true)).toBe(42);
  });

  it('stops counting once the data is stale', () => {
    expect(tickingAge(42, T0, T0 + STALE_AFTER_MS, true)).toBe(42 + STALE_AFTER_MS / 1000);
    expect(tickingAge(42, T0, T0 + STALE_AFTER_MS + 1, true)).toBe(42);
    expect(isStale(T0, T0 + STALE_AFTER_MS + 1)).toBe(true);
    expect(isStale(T0, T0 + STALE_AFTER_MS)).toBe(false);
    expect(isStale(undefined, T0)).toBe(false);
  });
});

describe('hasContacts and isTicking', () => {
  it('contacts waiting: CONTACTS_IN_QUEUE above 0, else an oldest age above 0', () => {
    expect(hasContacts(row({ CONTACTS_IN_QUEUE: 2, OLDEST_CONTACT_AGE: 30 }))).toBe(true);
    expect(hasContacts(row({ CONTACTS_IN_QUEUE: 0, OLDEST_CONTACT_AGE: 30 }))).toBe(false);
    expect(hasContacts(row({ OLDEST_CONTACT_AGE: 30 }))).toBe(true);
    expect(hasContacts(row({ OLDEST_CONTACT_AGE: 0 }))).toBe(false);
    expect(hasContacts(row({ AGENTS_AVAILABLE: 3 }))).toBe(false);
  });

  it('ticks with an oldest age, contacts and a fresh snapshot', () => {
    expect(isTicking(row({ CONTACTS_IN_QUEUE: 2, OLDEST_CONTACT_AGE: 30 }), T0 + 1000)).toBe(true);
    expect(isTicking(row({ CONTACTS_IN_QUEUE: 2 }), T0 + 1000)).toBe(false);
    expect(isTicking(row({ CONTACTS_IN_QUEUE: 0, OLDEST_CONTACT_AGE: 0 }), T0 + 1000)).toBe(false);
    expect(isTicking(row({ CONTACTS_IN_QUEUE: 2, OLDEST_CONTACT_AGE: 30 }, null), T0 + 1000)).toBe(false);
    expect(isTicking(row({ CONTACTS_IN_QUEUE: 2, OLDEST_CONTACT_AGE: 30 }), T0 + STALE_AFTER_MS + 1)).toBe(false);
  });
});
