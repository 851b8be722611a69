import { deserialize, serialize } from 'node:v8';
import type { SharedEntry } from '../upstream/shared';

/**
 * Cache values as bytes for Redis. The caches hold Maps (CloudWatch series by id), Dates, typed arrays and nested
 * plain objects: V8's structured serialisation keeps all of them, where JSON would turn a Map into `{}`. Class
 * instances come back as plain objects, which is what the caches hold anyway (answers, not behaviour).
 *
 * Only the proxy writes these keys: Redis must be private to the proxy's replicas (docs/ha.md).
 */

interface Stored {
  /** storedAt, ms since the epoch */
  s: number;
  /** expiresAt, ms since the epoch */
  e: number;
  v: unknown;
}

export function encodeEntry(entry: SharedEntry<unknown>): Buffer {
  const stored: Stored = { s: entry.storedAt, e: entry.expiresAt, v: entry.value };
  return serialize(stored);
}

/** The entry, or undefined for bytes that are not one (another release's format, a foreign key): a miss. */
export function decodeEntry<V>(bytes: Buffer): SharedEntry<V> | undefined {
  try {
    const stored = deserialize(bytes) as Partial<Stored> | null;
    if (!stored || typeof stored.s !== 'number' || typeof stored.e !== 'number' || !('v' in stored)) {
      return undefined;
    }
    return { value: stored.v as V, storedAt: stored.s, expiresAt: stored.e };
  } catch {
    return undefined;
  }
}
