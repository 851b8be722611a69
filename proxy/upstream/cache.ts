/**
 * A byte-bounded TTL cache with coalescing of identical in-flight loads: however many panels and viewers ask for
 * the same thing at once, the loader runs once and everybody gets its answer.
 */
export interface CacheStats {
  hits: number;
  misses: number;
  coalesced: number;
  entries: number;
  bytes: number;
}

interface Entry<T> {
  value: T;
  expiresAt: number;
  bytes: number;
}

export interface CacheOptions {
  /** Upper bound of the cached values' estimated size. */
  maxBytes?: number;
  now?: () => number;
  /** Observes hits and misses (for /metrics), with the cache name. */
  onLookup?: (cache: string, outcome: 'hit' | 'miss' | 'coalesced') => void;
}

/** Rough size of a JSON-like value in bytes (strings count two bytes a character, as V8 may store them). */
export function estimateBytes(value: unknown): number {
  try {
    return 2 * JSON.stringify(value).length + 64;
  } catch {
    return 1024;
  }
}

export class TtlCache<T = unknown> {
  private readonly entries = new Map<string, Entry<T>>();
  private readonly inflight = new Map<string, Promise<T>>();
  private bytes = 0;
  private readonly maxBytes: number;
  private readonly now: () => number;
  private hits = 0;
  private misses = 0;
  private coalesced = 0;

  constructor(
    readonly name: string,
    private readonly options: CacheOptions = {}
  ) {
    this.maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
    this.now = options.now ?? Date.now;
  }

  get(key: string): T | undefined {
    const e = this.entries.get(key);
    if (!e) {
      return undefined;
    }
    if (e.expiresAt <= this.now()) {
      this.delete(key);
      return undefined;
    }
    // least recently used goes first
    this.entries.delete(key);
    this.entries.set(key, e);
    return e.value;
  }

  set(key: string, value: T, ttlMs: number, bytes = estimateBytes(value)): void {
    if (ttlMs <= 0 || bytes > this.maxBytes) {
      return;
    }
    this.delete(key);
    this.entries.set(key, { value, expiresAt: this.now() + ttlMs, bytes });
    this.bytes += bytes;
    while (this.bytes > this.maxBytes) {
      this.delete(this.entries.keys().next().value as string);
    }
  }

  delete(key: string): void {
    const e = this.entries.get(key);
    if (e) {
      this.bytes -= e.bytes;
      this.entries.delete(key);
    }
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  /**
   * The cached value, or the result of `load` (run once for all concurrent callers of the same key), kept for
   * `ttlMs` (a function of the value when the lifetime depends on it). Failures are not cached. `size` estimates
   * the value's bytes when JSON would be slow or wrong (typed arrays, Maps).
   */
  async getOrLoad(
    key: string,
    ttlMs: number | ((value: T) => number),
    load: () => Promise<T>,
    size?: (value: T) => number
  ): Promise<T> {
    const cached = this.get(key);
    if (cached !== undefined) {
      this.hits++;
      this.options.onLookup?.(this.name, 'hit');
      return cached;
    }
    const pending = this.inflight.get(key);
    if (pending) {
      this.coalesced++;
      this.options.onLookup?.(this.name, 'coalesced');
      return pending;
    }
    this.misses++;
    this.options.onLookup?.(this.name, 'miss');
    const promise = load().then(
      (value) => {
        this.inflight.delete(key);
        this.set(
          key,
          value,
          typeof ttlMs === 'function' ? ttlMs(value) : ttlMs,
          size ? size(value) : estimateBytes(value)
        );
        return value;
      },
      (err: unknown) => {
        this.inflight.delete(key);
        throw err;
      }
    );
    this.inflight.set(key, promise);
    return promise;
  }

  stats(): CacheStats {
    return {
      hits: this.hits,
      misses: this.misses,
      coalesced: this.coalesced,
      entries: this.entries.size,
      bytes: this.bytes,
    };
  }
}
