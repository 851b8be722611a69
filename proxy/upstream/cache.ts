/**
 * A byte-bounded TTL cache with coalescing of identical in-flight loads: however many panels and viewers ask for
 * the same thing at once, the loader runs once and everybody gets its answer. Expired entries are kept a while
 * longer (`staleMs`) so that a failed or slow refresh can fall back to the last good value, marked stale with its
 * age (stale-while-revalidate); they still count against the byte budget and leave first when it is full.
 */
import type { SharedTier } from './shared';

export interface CacheStats {
  hits: number;
  misses: number;
  coalesced: number;
  /** Answers served from an expired entry because the refresh failed or was slow. */
  stale: number;
  entries: number;
  bytes: number;
}

export type LookupOutcome = 'hit' | 'miss' | 'coalesced' | 'stale';

interface Entry<T> {
  value: T;
  storedAt: number;
  expiresAt: number;
  /** Until when the entry may still be served stale (>= expiresAt). */
  keepUntil: number;
  bytes: number;
  family?: string;
}

export interface CacheOptions {
  /** Upper bound of the cached values' estimated size. */
  maxBytes?: number;
  now?: () => number;
  /** Observes hits and misses (for /metrics), with the cache name. */
  onLookup?: (cache: string, outcome: LookupOutcome) => void;
  /**
   * No caching and no coalescing: every load runs (CACHE_MODE=passthrough, to measure what the cache saves).
   */
  passthrough?: boolean;
  /**
   * A second tier shared by the proxy's replicas (Redis, REDIS_URL): on a local miss the value another replica
   * loaded, or one replica loads for all (proxy/redis/sharedCache.ts).
   */
  shared?: SharedTier;
  /**
   * After a failed refresh of a key that has an old value, serve that value (stale, with the failure as reason)
   * without calling again for this long, capped at the key's lifetime (STALE_RETRY_MS). Without it every viewer
   * whose answer expired during an outage would call AWS again: a throttled API would get all of the quota the
   * proxy's limiter allows, which other tools of the account share. 0: retry on every request.
   */
  retryAfterFailureMs?: number;
}

/** Most keys whose last failure is remembered; beyond it the oldest are forgotten (they are retried sooner). */
const MAX_FAILURES = 10_000;

/** What a load answered: the value, when it was fetched, and whether it is a stale fallback (and why). */
export interface Loaded<T> {
  value: T;
  /** When the value was stored (ms); for a fresh load, now. */
  storedAt: number;
  stale: boolean;
  /** Why a stale value was served: the refresh's error, or 'slow'. */
  reason?: unknown;
  /** For a stale value: how old it is (ms, by the cache's clock). */
  ageMs?: number;
}

export interface LoadOptions<T> {
  /** Lifetime; a function of the value when it depends on it. */
  ttlMs: number | ((value: T) => number);
  /** How long after expiry the value may still be served when a refresh fails or is slow (0: never). */
  staleMs?: number;
  /** With a stale value at hand, a refresh slower than this answers with the stale value (it keeps running). */
  slowMs?: number;
  /** Bytes of the value when JSON would be slow or wrong. */
  size?: (value: T) => number;
  /**
   * Keys of one family answer the same question at different moments (a CloudWatch batch for the range ending this
   * minute, then the next): without an old entry of its own, a key falls back on the family's latest entry.
   */
  family?: string;
}

/**
 * Rough size of a JSON-like value in bytes (strings count two bytes a character, as V8 may store them). Maps and
 * Sets count their contents and typed arrays their bytes (plain JSON would see `{}`).
 */
export function estimateBytes(value: unknown): number {
  let binary = 0;
  const replacer = (_key: string, v: unknown): unknown => {
    if (v instanceof Map) {
      return [...v.entries()];
    }
    if (v instanceof Set) {
      return [...v.values()];
    }
    if (ArrayBuffer.isView(v)) {
      binary += v.byteLength;
      return null;
    }
    return v;
  };
  try {
    return 2 * (JSON.stringify(value, replacer)?.length ?? 0) + binary + 64;
  } catch {
    return 1024;
  }
}

export class TtlCache<T = unknown> {
  private readonly entries = new Map<string, Entry<T>>();
  private readonly inflight = new Map<string, Promise<Loaded<T>>>();
  /** family -> its latest stored key. */
  private readonly latest = new Map<string, string>();
  /** key -> until when (ms) its last failed refresh stands in for a new one, and why it failed. */
  private readonly failures = new Map<string, { until: number; reason: unknown }>();
  private bytes = 0;
  /** Upper bound of the stored values' estimated size (bytes). */
  readonly maxBytes: number;
  private readonly now: () => number;
  private readonly counts: Record<LookupOutcome, number> = { hit: 0, miss: 0, coalesced: 0, stale: 0 };
  readonly passthrough: boolean;
  readonly shared?: SharedTier;

  constructor(
    readonly name: string,
    private readonly options: CacheOptions = {}
  ) {
    this.maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
    this.now = options.now ?? Date.now;
    this.passthrough = options.passthrough ?? false;
    this.shared = this.passthrough ? undefined : options.shared;
  }

  /** The fresh value of a key (and marks it recently used). */
  get(key: string): T | undefined {
    const e = this.peek(key);
    return e && e.expiresAt > this.now() ? e.value : undefined;
  }

  /** The entry of a key, fresh or kept for stale fallback, with its times (and marks it recently used). */
  peek(key: string): Readonly<Entry<T>> | undefined {
    const e = this.entries.get(key);
    if (!e) {
      return undefined;
    }
    if (e.keepUntil <= this.now()) {
      this.delete(key);
      return undefined;
    }
    // least recently used goes first
    this.entries.delete(key);
    this.entries.set(key, e);
    return e;
  }

  /** `storedAt` (by this cache's clock) when the value was loaded earlier, e.g. by another replica. */
  set(
    key: string,
    value: T,
    ttlMs: number,
    bytes = estimateBytes(value),
    staleMs = 0,
    family?: string,
    storedAt?: number
  ): void {
    if (this.passthrough || (ttlMs <= 0 && staleMs <= 0) || bytes > this.maxBytes) {
      return;
    }
    this.delete(key);
    const now = this.now();
    const expiresAt = now + Math.max(0, ttlMs);
    const keepUntil = expiresAt + Math.max(0, staleMs);
    this.entries.set(key, { value, storedAt: storedAt ?? now, expiresAt, keepUntil, bytes, family });
    this.bytes += bytes;
    if (family !== undefined) {
      this.latest.set(family, key);
    }
    // Map iteration follows insertion order, and every use re-inserts: the first key is the least recently used.
    while (this.bytes > this.maxBytes) {
      this.delete(this.entries.keys().next().value as string);
    }
  }

  delete(key: string): void {
    const e = this.entries.get(key);
    if (e) {
      this.bytes -= e.bytes;
      this.entries.delete(key);
      if (e.family !== undefined && this.latest.get(e.family) === key) {
        this.latest.delete(e.family);
      }
    }
  }

  clear(): void {
    this.entries.clear();
    this.latest.clear();
    this.bytes = 0;
  }

  /**
   * Remembers that refreshing `key` failed: for retryAfterFailureMs (at most `ttlMs`, so that recovery after an
   * outage still takes at most one lifetime), recentFailure() answers instead of a new call.
   */
  noteFailure(key: string, reason: unknown, ttlMs: number | ((value: T) => number)): void {
    const backoff = Math.min(this.options.retryAfterFailureMs ?? 0, typeof ttlMs === 'number' ? ttlMs : Infinity);
    if (this.passthrough || backoff <= 0) {
      return;
    }
    this.failures.delete(key);
    this.failures.set(key, { until: this.now() + backoff, reason });
    if (this.failures.size > MAX_FAILURES) {
      this.failures.delete(this.failures.keys().next().value as string);
    }
  }

  /** The failure of `key`'s last refresh while it still stands in for a new call (see noteFailure). */
  recentFailure(key: string): { reason: unknown } | undefined {
    const f = this.failures.get(key);
    if (f && f.until <= this.now()) {
      this.failures.delete(key);
      return undefined;
    }
    return f;
  }

  clearFailure(key: string): void {
    this.failures.delete(key);
  }

  /** The stale answer of an old value, counted. */
  staleAnswer<V>(old: Readonly<{ value: V; storedAt: number }>, reason: unknown): Loaded<V> {
    this.record('stale');
    return {
      value: old.value,
      storedAt: old.storedAt,
      stale: true,
      reason,
      ageMs: Math.max(0, this.now() - old.storedAt),
    };
  }

  /** Counts a lookup made by a caller that keeps its own bookkeeping (the real-time call merger). */
  record(outcome: LookupOutcome): void {
    this.counts[outcome]++;
    this.options.onLookup?.(this.name, outcome);
  }

  /**
   * The cached value, or the result of `load` (run once for all concurrent callers of the same key), kept for
   * `ttlMs`. Failures are not cached. `size` estimates the value's bytes when JSON would be slow or wrong.
   */
  async getOrLoad(
    key: string,
    ttlMs: number | ((value: T) => number),
    load: () => Promise<T>,
    size?: (value: T) => number
  ): Promise<T> {
    return (await this.load(key, { ttlMs, size }, load)).value;
  }

  /**
   * Like getOrLoad, with stale-while-revalidate: when the refresh of an expired entry fails (or, with `slowMs`,
   * takes too long) and the entry is at most `staleMs` past its expiry, the old value is returned with
   * `stale: true` and the reason. Without such a value the failure is thrown as before.
   */
  async load(key: string, options: LoadOptions<T>, load: () => Promise<T>): Promise<Loaded<T>> {
    if (this.passthrough) {
      return { value: await load(), storedAt: this.now(), stale: false };
    }
    const entry = this.peek(key);
    if (entry && entry.expiresAt > this.now()) {
      this.record('hit');
      return { value: entry.value, storedAt: entry.storedAt, stale: false };
    }
    const latestKey = options.family !== undefined ? this.latest.get(options.family) : undefined;
    const old = entry ?? (latestKey !== undefined ? this.peek(latestKey) : undefined);
    const failed = old ? this.recentFailure(key) : undefined;
    if (old && failed) {
      return this.staleAnswer(old, failed.reason);
    }
    let pending = this.inflight.get(key);
    if (pending) {
      this.record('coalesced');
    } else {
      this.record('miss');
      pending = this.fill(key, options.ttlMs, load).then(
        ({ value, storedAt, ttlMs }) => {
          this.inflight.delete(key);
          this.clearFailure(key);
          const bytes = options.size ? options.size(value) : estimateBytes(value);
          this.set(key, value, ttlMs, bytes, options.staleMs ?? 0, options.family, storedAt);
          return { value, storedAt, stale: false };
        },
        (err: unknown) => {
          this.inflight.delete(key);
          this.noteFailure(key, err, options.ttlMs);
          throw err;
        }
      );
      this.inflight.set(key, pending);
    }
    return this.withFallback(pending, old, options.slowMs);
  }

  /**
   * Runs a load for a local miss: through the shared tier when there is one (another replica's recent value, or this
   * replica loads and shares), else `load` itself. Returns the value with its load time and the lifetime it has
   * left, by this cache's clock: a value another replica loaded 4 s ago with a 10 s lifetime has 6 s left here too,
   * so replicas never extend each other's data. `usable` rejects a shared value that does not answer this caller.
   * Used by load() and the real-time call merger.
   */
  async fill<V = T>(
    key: string,
    ttlMs: number | ((value: V) => number),
    load: () => Promise<V>,
    usable?: (value: V) => boolean
  ): Promise<{ value: V; storedAt: number; ttlMs: number }> {
    const ttlOf = (value: V) => (typeof ttlMs === 'function' ? ttlMs(value) : ttlMs);
    // Nothing to share when nothing is kept (REALTIME_CACHE_TTL_MS=0): replicas would only queue behind each other.
    if (!this.shared || (typeof ttlMs === 'number' && ttlMs <= 0)) {
      const value = await load();
      return { value, storedAt: this.now(), ttlMs: ttlOf(value) };
    }
    const e = await this.shared.fetch(this.name, key, { ttlMs: ttlOf, usable }, load);
    // The shared times are wall-clock; this cache's clock may be another one (tests).
    const wall = Date.now();
    return { value: e.value, storedAt: this.now() - Math.max(0, wall - e.storedAt), ttlMs: e.expiresAt - wall };
  }

  /**
   * Awaits a refresh; with an old entry at hand, its failure or (after slowMs) its slowness answers with the old
   * value instead. Shared by load() and the real-time call merger.
   */
  async withFallback<V>(
    pending: Promise<Loaded<V>>,
    old: Readonly<{ value: V; storedAt: number }> | undefined,
    slowMs?: number
  ): Promise<Loaded<V>> {
    if (!old) {
      return pending;
    }
    const staleOf = () => ({
      value: old.value,
      storedAt: old.storedAt,
      stale: true,
      ageMs: Math.max(0, this.now() - old.storedAt),
    });
    let timer: NodeJS.Timeout | undefined;
    const slow =
      slowMs !== undefined && slowMs > 0
        ? new Promise<Loaded<V>>((resolve) => {
            timer = setTimeout(() => resolve({ ...staleOf(), reason: 'slow' }), slowMs);
            timer.unref?.();
          })
        : undefined;
    const refreshed = pending.catch((reason: unknown): Loaded<V> => ({ ...staleOf(), reason }));
    // A refresh that fails after the slow answer was given must not become an unhandled rejection.
    pending.catch(() => undefined);
    try {
      const out = await (slow ? Promise.race([refreshed, slow]) : refreshed);
      if (out.stale) {
        this.record('stale');
      }
      return out;
    } finally {
      clearTimeout(timer);
    }
  }

  stats(): CacheStats {
    return {
      hits: this.counts.hit,
      misses: this.counts.miss,
      coalesced: this.counts.coalesced,
      stale: this.counts.stale,
      entries: this.entries.size,
      bytes: this.bytes,
    };
  }
}
