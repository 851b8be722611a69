import { randomUUID } from 'node:crypto';
import type { SharedEntry, SharedFetchOptions, SharedTier } from '../upstream/shared';
import { RedisUnavailable, type RedisConnection } from './connection';
import type { RedisKeys } from './keys';
import type { RedisMetrics, SharedOutcome } from './metrics';
import { decodeEntry, encodeEntry } from './serialize';

/**
 * The caches' second tier in Redis. On a local miss a replica:
 * 1. reads the entry from Redis: a fresh one (that answers the caller) is the answer;
 * 2. otherwise takes the entry's lock (SET NX PX), in the same script as the read, so that no replica can miss a
 *    value stored between its read and its lock: the holder calls AWS, stores the value with its remaining
 *    lifetime as the key's expiry, releases the lock and announces the key on a pub/sub channel;
 * 3. a replica that finds the lock taken waits for that notice (or looks again every pollMs, in case a notice is
 *    missed), then reads the value; a holder that failed releases the lock, and the next waiter takes it;
 * 4. after waitMs without a value it calls AWS itself: a slow or crashed holder delays the others, never blocks them.
 *
 * A value is stored for what is left of its lifetime only: replicas never extend each other's data. Any Redis
 * failure makes this replica call AWS itself (its own cache keeps working); only AWS's own failures reach the
 * caller.
 */

export interface SharedCacheTimings {
  /** Lease of the lock a loading replica holds: a holder that died delays the others at most this long (ms). */
  lockMs: number;
  /** Longest a replica waits for another replica's value before it calls AWS itself (ms). */
  waitMs: number;
  /** How often a waiting replica looks again when no notice came (ms). */
  pollMs: number;
}

/** Values larger than this are not shared (each replica keeps its own): Redis is for answers, not bulk data. */
export const MAX_SHARED_VALUE_BYTES = 32 * 1024 * 1024;

/**
 * Stores the value (unless px is 0), releases the lock if this replica's token still holds it, and announces the
 * key, in one round trip. KEYS: value, lock. ARGV: bytes, px, token ('' for none), channel.
 */
const SETTLE = `
if tonumber(ARGV[2]) > 0 then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
end
if ARGV[3] ~= '' and redis.call('GET', KEYS[2]) == ARGV[3] then
  redis.call('DEL', KEYS[2])
end
redis.call('PUBLISH', ARGV[4], KEYS[1])
return 1
`;

/**
 * Reads the value and, when there is none (or when `look` is 0: the caller saw it and cannot use it), takes the
 * lock, atomically. KEYS: value, lock. ARGV: token, lock px, look (1 or 0).
 * Returns {1, bytes} (a value), {2} (locked for the caller) or {0} (another replica holds the lock).
 */
const READ_OR_LOCK = `
if ARGV[3] == '1' then
  local v = redis.call('GET', KEYS[1])
  if v then
    return {1, v}
  end
end
if redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[2], 'NX') then
  return {2}
end
return {0}
`;

type ReadOrLockCommand = (
  valueKey: string,
  lockKey: string,
  token: string,
  px: number,
  look: 0 | 1
) => Promise<[number, Buffer?]>;

type SettleCommand = (
  valueKey: string,
  lockKey: string,
  bytes: Buffer | string,
  px: number,
  token: string,
  channel: string
) => Promise<number>;

/** A waiting caller's wake-up: resolves at the next notice for its key, or after ms. */
interface Waiter {
  next(ms: number): Promise<void>;
  cancel(): void;
}

export class RedisSharedCache implements SharedTier {
  /** value key -> the wake-ups of the callers waiting for it. */
  private readonly waiting = new Map<string, Set<() => void>>();
  private readonly settleCommand: SettleCommand;
  private readonly readOrLockCommand: ReadOrLockCommand;

  constructor(
    private readonly conn: RedisConnection,
    private readonly keys: RedisKeys,
    private readonly metrics: RedisMetrics,
    private readonly timings: SharedCacheTimings
  ) {
    conn.client.defineCommand('switchboardSettle', { numberOfKeys: 2, lua: SETTLE });
    conn.client.defineCommand('switchboardReadOrLock', { numberOfKeys: 2, lua: READ_OR_LOCK });
    const commands = conn.client as unknown as {
      switchboardSettle: SettleCommand;
      // ioredis's Buffer variant of the command: the value's bytes as they are
      switchboardReadOrLockBuffer: ReadOrLockCommand;
    };
    this.settleCommand = commands.switchboardSettle.bind(conn.client);
    this.readOrLockCommand = commands.switchboardReadOrLockBuffer.bind(conn.client);
    conn.subscriber.on('message', (channel: string, key: string) => {
      if (channel === keys.filledChannel) {
        this.waiting.get(key)?.forEach((wake) => wake());
      }
    });
    // Queued until the first connection; ioredis subscribes again after every reconnection.
    conn.subscriber.subscribe(keys.filledChannel).catch(() => undefined);
  }

  async fetch<V>(
    cache: string,
    key: string,
    options: SharedFetchOptions<V>,
    load: () => Promise<V>
  ): Promise<SharedEntry<V>> {
    const count = (outcome: SharedOutcome) => this.metrics.lookups.inc({ cache, outcome });
    if (!this.conn.usable()) {
      count('unavailable');
      return this.entryOf(await load(), options);
    }
    const valueKey = this.keys.value(cache, key);
    const lockKey = this.keys.lock(valueKey);
    // Listening before the first read: a notice between the read and the wait is not lost.
    const waiter = this.waiterFor(valueKey);
    let token = '';
    try {
      const deadline = Date.now() + this.timings.waitMs;
      let waited = false;
      for (;;) {
        const candidate = randomUUID();
        let r = await this.readOrLock<V>(valueKey, lockKey, candidate, true);
        if (r.found) {
          const found = r.found;
          if (found.expiresAt > Date.now() && (options.usable?.(found.value) ?? true)) {
            count(waited ? 'waited' : 'hit');
            return found;
          }
          // there, but not for this caller: load a value that is, under the lock
          r = await this.readOrLock<V>(valueKey, lockKey, candidate, false);
        }
        if (r.locked) {
          token = candidate;
          count('filled');
          break;
        }
        const left = deadline - Date.now();
        if (left <= 0) {
          count('timeout');
          break;
        }
        waited = true;
        await waiter.next(Math.min(left, this.timings.pollMs));
      }
    } catch (err) {
      if (!(err instanceof RedisUnavailable)) {
        throw err;
      }
      count('unavailable');
      return this.entryOf(await load(), options);
    } finally {
      waiter.cancel();
    }

    let value: V;
    try {
      value = await load();
    } catch (err) {
      if (token) {
        // Let the next waiter try at once rather than after the lease.
        await this.settle(valueKey, lockKey, undefined, token);
      }
      throw err;
    }
    const entry = this.entryOf(value, options);
    await this.settle(valueKey, lockKey, entry, token);
    return entry;
  }

  private entryOf<V>(value: V, options: SharedFetchOptions<V>): SharedEntry<V> {
    const storedAt = Date.now();
    return { value, storedAt, expiresAt: storedAt + options.ttlMs(value) };
  }

  /** The stored entry (undefined when the bytes are not one: a miss), or whether the lock is now the caller's. */
  private async readOrLock<V>(
    valueKey: string,
    lockKey: string,
    token: string,
    look: boolean
  ): Promise<{ found?: SharedEntry<V>; locked: boolean }> {
    const [kind, bytes] = await this.conn.run('cache_read', () =>
      this.readOrLockCommand(valueKey, lockKey, token, this.timings.lockMs, look ? 1 : 0)
    );
    if (kind === 1 && bytes) {
      const found = decodeEntry<V>(bytes);
      // bytes that are not an entry count as no value: lock and replace them
      return found ? { found, locked: false } : this.readOrLock(valueKey, lockKey, token, false);
    }
    return { locked: kind === 2 };
  }

  /** Stores the entry (if any and worth keeping), releases the lock, announces the key. Never throws. */
  private async settle(
    valueKey: string,
    lockKey: string,
    entry: SharedEntry<unknown> | undefined,
    token: string
  ): Promise<void> {
    if (!this.conn.usable() && !token) {
      return;
    }
    let bytes: Buffer | string = '';
    let px = 0;
    if (entry) {
      const encoded = encodeEntry(entry);
      const left = Math.floor(entry.expiresAt - Date.now());
      if (left > 0 && encoded.length <= MAX_SHARED_VALUE_BYTES) {
        bytes = encoded;
        px = left;
      }
    }
    try {
      await this.conn.run('cache_store', () =>
        this.settleCommand(valueKey, lockKey, bytes, px, token, this.keys.filledChannel)
      );
    } catch {
      // counted and logged by the connection; the lock expires by itself
    }
  }

  private waiterFor(valueKey: string): Waiter {
    let pinged = false;
    let wake: (() => void) | undefined;
    const onNotice = () => {
      pinged = true;
      wake?.();
    };
    const set = this.waiting.get(valueKey) ?? new Set<() => void>();
    set.add(onNotice);
    this.waiting.set(valueKey, set);
    return {
      next: (ms) =>
        new Promise<void>((resolve) => {
          if (pinged) {
            pinged = false;
            resolve();
            return;
          }
          const timer = setTimeout(done, ms);
          function done() {
            clearTimeout(timer);
            wake = undefined;
            pinged = false;
            resolve();
          }
          wake = done;
        }),
      cancel: () => {
        set.delete(onNotice);
        if (set.size === 0 && this.waiting.get(valueKey) === set) {
          this.waiting.delete(valueKey);
        }
      },
    };
  }
}
