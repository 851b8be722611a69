import type { QueueRow } from './queueRows';

/**
 * The oldest contact's age between refreshes. Connect's value was true at the frame's snapshotTime; while the queue
 * still has contacts that contact keeps waiting, so the age shown is value + (now - snapshotTime). A new snapshot
 * restarts from Connect's new value.
 */

export const OLDEST_FIELD = 'OLDEST_CONTACT_AGE';
export const CONTACTS_FIELD = 'CONTACTS_IN_QUEUE';

/**
 * After this long without a new snapshot the values are stale (a real-time dashboard refreshes every 10 s, so two
 * minutes without a new snapshot means the refreshes fail or stopped): ages stop counting (a wall must not show a contact
 * waiting for hours because the dashboard stopped refreshing) and the panel says how old the data is.
 */
export const STALE_AFTER_MS = 2 * 60_000;

/** Contacts are waiting: CONTACTS_IN_QUEUE > 0, or without that column, an oldest age above 0. */
export function hasContacts(row: QueueRow): boolean {
  const contacts = row.values[CONTACTS_FIELD];
  if (typeof contacts === 'number') {
    return contacts > 0;
  }
  const oldest = row.values[OLDEST_FIELD];
  return typeof oldest === 'number' && oldest > 0;
}

export function isStale(snapshotTime: number | undefined, now: number): boolean {
  return snapshotTime !== undefined && now - snapshotTime > STALE_AFTER_MS;
}

/** The age (seconds) to show at `now`; the value unchanged when it must not count (see above). */
export function tickingAge(
  value: number | null,
  snapshotTime: number | undefined,
  now: number,
  contactsWaiting: boolean
): number | null {
  if (value === null || !contactsWaiting || snapshotTime === undefined) {
    return value;
  }
  const elapsed = now - snapshotTime;
  // A browser clock behind the snapshot's (elapsed < 0) must not count backwards.
  if (elapsed <= 0 || elapsed > STALE_AFTER_MS) {
    return value;
  }
  return value + elapsed / 1000;
}

/** Whether a row's oldest age is counting at `now` (the panel only runs its clock when one is). */
export function isTicking(row: QueueRow, now: number): boolean {
  const snapshot = row.snapshots[OLDEST_FIELD];
  return (
    typeof row.values[OLDEST_FIELD] === 'number' &&
    snapshot !== undefined &&
    hasContacts(row) &&
    !isStale(snapshot, now)
  );
}
