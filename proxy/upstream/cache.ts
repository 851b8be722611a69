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
  fallbackGroup?: string;
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

/** How long a value lives, and what it weighs. */
export interface StoreOptions<T> {
  /** Lifetime; a function of the value when it depends on it. */
  ttlMs: number | ((value: T) => number);
  /** How long after expiry the value may still be served when a refresh fails or is slow (0: never). */
  staleMs?: number;
  /** Bytes of the value when JSON would be slow or wrong. */
  size?: (value: T) => number;
  /**
   * Keys of one fallback group answer the same question at different moments (a CloudWatch batch for the range ending this
   * minute, then the next): without an old entry of its own, a key falls back on the group's latest entry.
   */
  fallbackGroup?: string;
}

export interface LoadOptions<T, B = undefined> extends StoreOptions<T> {
  /** With a stale value at hand, a refresh slower than this answers with the stale value (it keeps running). */
  slowMs?: number;
  /** Whether a stored value answers this caller (default: any value of the key). */
  answers?: (value: T) => boolean;
  /** Loads that gather several callers' wants before they go out (the real-time union calls). */
  batching?: Batching<T, B>;
}

/**
 * How callers of one key share loads when they want different parts of it (the real-time calls of one shape, each
 * caller with its metrics): a load is a batch that callers join while it is open, and it loads what they asked.
 */
export interface Batching<T, B> {
  /** The batch in flight that answers this caller (widened if the caller joins an open one), if any. */
  join(inFlight: readonly B[]): B | undefined;
  /** A new batch for this caller. */
  start(): B;
  /** Waits for the others to join (the merge window) and closes the batch. */
  gather(batch: B): Promise<void>;
  /** Whether a value answers all the batch asked for (another replica's shared value, for one). */
  answers(batch: B, value: T): boolean;
  /** Whether a new value replaces the stored fresh one (a narrower answer does not replace a wider one). */
  replaces(stored: T, value: T): boolean;
}

interface Flight<T, B> {
  batch: B;
  promise: Promise<Loaded<T>>;
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

const ttlOf = <T>(ttlMs: number | ((value: T) => number), value: T) =>
  typeof ttlMs === 'function' ? ttlMs(value) : ttlMs;

export class TtlCache<T = unknown> {
  private readonly entries = new Map<string, Entry<T>>();
  private readonly inFlight = new Map<string, Array<Flight<T, unknown>>>();
  /** fallback group -> its latest stored key. */
  private readonly latest = new Map<string, string>();
  /** key -> until when (ms) its last failed refresh stands in for a new one, and why it failed. */
  private readonly failures = new Map<string, { until: number; reason: unknown }>();
  private bytes = 0;
  /** Upper bound of the stored values' estimated size (bytes). */
  readonly maxBytes: number;
  private readonly now: () => number;
  private readonly counts: Record<LookupOutcome, number> = { hit: 0, miss: 0, coalesced: 0, stale: 0 };
  readonly passthrough: boolean;
  private readonly shared?: SharedTier;

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

  /** Stores a value; `storedAt` (by this cache's clock) when it was loaded earlier, e.g. by another replica. */
  set(key: string, value: T, options: StoreOptions<T> & { bytes?: number; storedAt?: number }): void {
    const ttlMs = ttlOf(options.ttlMs, value);
    const staleMs = options.staleMs ?? 0;
    const bytes = options.bytes ?? (options.size ? options.size(value) : estimateBytes(value));
    if (this.passthrough || (ttlMs <= 0 && staleMs <= 0) || bytes > this.maxBytes) {
      return;
    }
    this.delete(key);
    const now = this.now();
    const expiresAt = now + Math.max(0, ttlMs);
    const keepUntil = expiresAt + Math.max(0, staleMs);
    const fallbackGroup = options.fallbackGroup;
    this.entries.set(key, { value, storedAt: options.storedAt ?? now, expiresAt, keepUntil, bytes, fallbackGroup });
    this.bytes += bytes;
    if (fallbackGroup !== undefined) {
      this.latest.set(fallbackGroup, key);
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
      if (e.fallbackGroup !== undefined && this.latest.get(e.fallbackGroup) === key) {
        this.latest.delete(e.fallbackGroup);
      }
    }
  }

  clear(): void {
    this.entries.clear();
    this.latest.clear();
    this.bytes = 0;
  }

  /** Counts a lookup answered for this cache elsewhere (the answer memo's hits stand for this cache's hits). */
  record(outcome: LookupOutcome): void {
    this.counts[outcome]++;
    this.options.onLookup?.(this.name, outcome);
  }

  /** The cached value, or the result of `load` (run once for all concurrent callers of the key); see load(). */
  async getOrLoad(key: string, options: StoreOptions<T>, load: () => Promise<T>): Promise<T> {
    return (await this.load(key, options, load)).value;
  }

  /**
   * The fresh value of a key, or the result of `load`, run once for all concurrent callers of the key (or of a
   * batch, with `batching`) and kept for `ttlMs`; failures are not kept. Stale while revalidate: when the refresh
   * of an expired value fails (or, with `slowMs`, takes too long) and the value is at most `staleMs` past its
   * expiry, the old value answers with `stale: true` and the reason; without one the failure is thrown. After a
   * failure the old value stands in for new calls for retryAfterFailureMs.
   */
  async load<B = undefined>(
    key: string,
    options: LoadOptions<T, B>,
    load: (batch: B) => Promise<T>
  ): Promise<Loaded<T>> {
    const batching = options.batching;
    if (this.passthrough) {
      return { value: await load(batching?.start() as B), storedAt: this.now(), stale: false };
    }
    const answers = (e: Readonly<Entry<T>> | undefined) =>
      e && (!options.answers || options.answers(e.value)) ? e : undefined;
    const entry = answers(this.peek(key));
    if (entry && entry.expiresAt > this.now()) {
      this.record('hit');
      return { value: entry.value, storedAt: entry.storedAt, stale: false };
    }
    const latestKey = options.fallbackGroup !== undefined ? this.latest.get(options.fallbackGroup) : undefined;
    const old = entry ?? (latestKey !== undefined ? answers(this.peek(latestKey)) : undefined);
    const failed = old ? this.recentFailure(key) : undefined;
    if (old && failed) {
      return this.staleAnswer(old, failed.reason);
    }
    const flights = (this.inFlight.get(key) ?? []) as Array<Flight<T, B>>;
    const batch = batching ? batching.join(flights.map((f) => f.batch)) : undefined;
    const joined = batching ? flights.find((f) => f.batch === batch) : flights[0];
    if (joined) {
      this.record('coalesced');
      return this.withFallback(joined.promise, old, options.slowMs);
    }
    this.record('miss');
    const flight: Flight<T, B> = { batch: batching?.start() as B, promise: undefined as never };
    flight.promise = this.refresh(key, options, flight, load);
    this.inFlight.set(key, [...flights, flight] as Array<Flight<T, unknown>>);
    return this.withFallback(flight.promise, old, options.slowMs);
  }

  /** One load of a key: gathered (batching), through the shared tier, stored; its failure remembered. */
  private async refresh<B>(
    key: string,
    options: LoadOptions<T, B>,
    flight: Flight<T, B>,
    load: (batch: B) => Promise<T>
  ): Promise<Loaded<T>> {
    const batching = options.batching;
    try {
      await batching?.gather(flight.batch);
      const filled = await this.fill(
        key,
        options.ttlMs,
        () => load(flight.batch),
        batching ? (value) => batching.answers(flight.batch, value) : undefined
      );
      const stored = batching ? this.entries.get(key) : undefined;
      if (!stored || stored.expiresAt <= this.now() || batching!.replaces(stored.value, filled.value)) {
        this.set(key, filled.value, { ...options, ttlMs: filled.ttlMs, storedAt: filled.storedAt });
      }
      this.failures.delete(key);
      return { value: filled.value, storedAt: filled.storedAt, stale: false };
    } catch (err) {
      this.noteFailure(key, err, options.ttlMs);
      throw err;
    } finally {
      const left = (this.inFlight.get(key) ?? []).filter((f) => f !== flight);
      if (left.length > 0) {
        this.inFlight.set(key, left);
      } else {
        this.inFlight.delete(key);
      }
    }
  }

  /**
   * Remembers that refreshing `key` failed: for retryAfterFailureMs (at most `ttlMs`, so that recovery after an
   * outage still takes at most one lifetime), recentFailure() answers instead of a new call.
   */
  private noteFailure(key: string, reason: unknown, ttlMs: number | ((value: T) => number)): void {
    const backoff = Math.min(this.options.retryAfterFailureMs ?? 0, typeof ttlMs === 'number' ? ttlMs : Infinity);
    if (backoff <= 0) {
      return;
    }
    this.failures.delete(key);
    this.failures.set(key, { until: this.now() + backoff, reason });
    if (this.failures.size > MAX_FAILURES) {
      this.failures.delete(this.failures.keys().next().value as string);
    }
  }

  /** The failure of `key`'s last refresh while it still stands in for a new call (see noteFailure). */
  private recentFailure(key: string): { reason: unknown } | undefined {
    const f = this.failures.get(key);
    if (f && f.until <= this.now()) {
      this.failures.delete(key);
      return undefined;
    }
    return f;
  }

  /** The stale answer of an old value, counted. */
  private staleAnswer(old: Readonly<{ value: T; storedAt: number }>, reason: unknown): Loaded<T> {
    this.record('stale');
    return {
      value: old.value,
      storedAt: old.storedAt,
      stale: true,
      reason,
      ageMs: Math.max(0, this.now() - old.storedAt),
    };
  }

  /**
   * Runs a load for a local miss: through the shared tier when there is one (another replica's recent value, or this
   * replica loads and shares), else `load` itself. Returns the value with its load time and the lifetime it has
   * left, by this cache's clock: a value another replica loaded 4 s ago with a 10 s lifetime has 6 s left here too,
   * so replicas never extend each other's data. `usable` rejects a shared value that does not answer this load.
   */
  private async fill(
    key: string,
    ttlMs: number | ((value: T) => number),
    load: () => Promise<T>,
    usable?: (value: T) => boolean
  ): Promise<{ value: T; storedAt: number; ttlMs: number }> {
    // Nothing to share when nothing is kept (REALTIME_CACHE_TTL_MS=0): replicas would only queue behind each other.
    if (!this.shared || (typeof ttlMs === 'number' && ttlMs <= 0)) {
      const value = await load();
      return { value, storedAt: this.now(), ttlMs: ttlOf(ttlMs, value) };
    }
    const e = await this.shared.fetch(this.name, key, { ttlMs: (value: T) => ttlOf(ttlMs, value), usable }, load);
    // The shared times are wall-clock; this cache's clock may be another one (tests).
    const wall = Date.now();
    return { value: e.value, storedAt: this.now() - Math.max(0, wall - e.storedAt), ttlMs: e.expiresAt - wall };
  }

  /** Awaits a refresh; with an old entry at hand, its failure or (after slowMs) its slowness answers with the old value. */
  private async withFallback(
    pending: Promise<Loaded<T>>,
    old: Readonly<{ value: T; storedAt: number }> | undefined,
    slowMs?: number
  ): Promise<Loaded<T>> {
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
        ? new Promise<Loaded<T>>((resolve) => {
            timer = setTimeout(() => resolve({ ...staleOf(), reason: 'slow' }), slowMs);
            timer.unref?.();
          })
        : undefined;
    const refreshed = pending.catch((reason: unknown): Loaded<T> => ({ ...staleOf(), reason }));
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
