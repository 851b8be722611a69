import type { Quota } from './rateLimiter';

/**
 * What replicas of the proxy can share (proxy/redis/ implements it over Redis; without REDIS_URL there is none and
 * every replica works alone, as one proxy always did). The caches and the rate limiter only see these interfaces.
 */

/** A value loaded by some replica, with its lifetime in wall-clock time (ms since the epoch: replicas share it). */
export interface SharedEntry<V> {
  value: V;
  storedAt: number;
  expiresAt: number;
}

export interface SharedFetchOptions<V> {
  /** Lifetime of a value this replica loads. */
  ttlMs: (value: V) => number;
  /** Whether a shared value answers this caller (a merged real-time call must cover the caller's metrics). */
  usable?: (value: V) => boolean;
}

/**
 * The second tier of a cache: on a local miss, a value another replica loaded recently; otherwise one replica
 * loads while the others wait for its value (bounded), so that N replicas make about as many upstream calls as one.
 * Never fails because of the shared store: when it is unreachable the caller's own `load` runs. Only `load`'s own
 * failures reach the caller.
 */
export interface SharedTier {
  fetch<V>(cache: string, key: string, options: SharedFetchOptions<V>, load: () => Promise<V>): Promise<SharedEntry<V>>;
}

/** What a shared token bucket said: wait that long (ms) for the reserved token, or refused (the wait is too long). */
export type SharedReservation = { waitMs: number; refused: boolean };

/**
 * Token buckets shared by the replicas, one per (credentials, region, API), so that all of them together stay
 * within AWS's quota. `undefined` when the shared store cannot answer: the caller uses its own bucket instead.
 */
export interface SharedBuckets {
  take(bucket: string, quota: Quota, maxWaitMs: number): Promise<SharedReservation | undefined>;
}
