import { REALTIME_METRIC_NAMES, type RealtimeMetricName } from '../../src/connect/realtimeMetrics';
import type { Loaded, TtlCache } from '../upstream/cache';

/**
 * Merging of compatible GetCurrentMetricData calls. Panels of a dashboard (and of other dashboards on other
 * screens) often ask the same instance with the same filters and groupings for different metrics; Connect answers
 * any set of metrics in one call, and its quota (5 calls a second per account and region) counts calls, not
 * metrics. So calls are keyed by their *shape* (credentials, region, instance, filters, groupings) and fetched
 * with the union of the metrics asked for that shape:
 *
 * - within one /api/query request and across concurrent requests, a call waits `windowMs` before it goes out and
 *   every call of the same shape arriving meanwhile adds its metrics and shares the answer;
 * - across refreshes, the shape remembers the metrics asked for in the last `rememberMs`, so the next call fetches
 *   them all at once and the other panels find them in the cache;
 * - the union is only used when Connect accepts it (`accepts`); otherwise the call goes out with its own metrics.
 *
 * The cached union answer is byte-bounded like every cache entry, and kept `staleMs` past its lifetime for the
 * stale fallback (a failed or slow refresh serves it, marked stale).
 */

export interface UnionAnswer<R> {
  /** The metrics the call fetched, in catalogue order. */
  metrics: RealtimeMetricName[];
  result: R;
}

export interface MergeOptions<R> {
  ttlMs: number;
  staleMs: number;
  slowMs: number;
  /** Whether Connect accepts these metrics together for this shape (its per-metric rules). */
  accepts: (metrics: RealtimeMetricName[]) => boolean;
  size?: (answer: UnionAnswer<R>) => number;
}

interface Pending<R> {
  metrics: Set<RealtimeMetricName>;
  /** Still taking metrics: the call has not gone out yet. */
  open: boolean;
  promise: Promise<Loaded<UnionAnswer<R>>>;
}

const ORDER = new Map(REALTIME_METRIC_NAMES.map((m, i) => [m, i]));
const ordered = (metrics: Iterable<RealtimeMetricName>) =>
  [...new Set(metrics)].sort((a, b) => ORDER.get(a)! - ORDER.get(b)!);
const covers = (have: readonly RealtimeMetricName[] | Set<RealtimeMetricName>, need: RealtimeMetricName[]) => {
  const set = have instanceof Set ? have : new Set(have);
  return need.every((m) => set.has(m));
};

/** Most shapes whose metrics are remembered; beyond it the least recently asked shapes are forgotten. */
const MAX_SHAPES = 10_000;

export class RealtimeCallMerger<R> {
  /** shape -> metric -> when it was last asked for (ms). Map order: least recently asked shape first. */
  private readonly wanted = new Map<string, Map<RealtimeMetricName, number>>();
  private readonly pending = new Map<string, Array<Pending<R>>>();
  private readonly now: () => number;

  constructor(
    private readonly cache: TtlCache,
    private readonly options: { windowMs: number; rememberMs: number; now?: () => number }
  ) {
    this.now = options.now ?? Date.now;
  }

  /** The metrics of a shape asked for within rememberMs. */
  remembered(shape: string): RealtimeMetricName[] {
    const byMetric = this.wanted.get(shape);
    if (!byMetric) {
      return [];
    }
    const since = this.now() - this.options.rememberMs;
    for (const [m, at] of byMetric) {
      if (at < since) {
        byMetric.delete(m);
      }
    }
    return ordered(byMetric.keys());
  }

  private remember(shape: string, metrics: RealtimeMetricName[]): void {
    const byMetric = this.wanted.get(shape) ?? new Map<RealtimeMetricName, number>();
    this.wanted.delete(shape);
    this.wanted.set(shape, byMetric);
    const now = this.now();
    metrics.forEach((m) => byMetric.set(m, now));
    if (this.wanted.size > MAX_SHAPES) {
      this.wanted.delete(this.wanted.keys().next().value as string);
    }
  }

  /**
   * An answer for `metrics` of a shape: from the cached union, from a call of that shape in flight or about to go
   * out, or from a new call with the union. `load` fetches the metrics it is given (in catalogue order).
   */
  async get(
    shape: string,
    metrics: RealtimeMetricName[],
    options: MergeOptions<R>,
    load: (metrics: RealtimeMetricName[]) => Promise<R>
  ): Promise<Loaded<UnionAnswer<R>>> {
    if (this.cache.passthrough) {
      const own = ordered(metrics);
      return { value: { metrics: own, result: await load(own) }, storedAt: this.now(), stale: false };
    }
    this.remember(shape, metrics);
    const entry = this.cache.peek(shape) as { value: UnionAnswer<R>; storedAt: number; expiresAt: number } | undefined;
    const usable = entry && covers(entry.value.metrics, metrics) ? entry : undefined;
    if (usable && usable.expiresAt > this.now()) {
      this.cache.record('hit');
      return { value: usable.value, storedAt: usable.storedAt, stale: false };
    }
    // The last refresh of this shape failed moments ago: the old answer stands in for a new call (cache.noteFailure).
    const failed = usable ? this.cache.recentFailure(shape) : undefined;
    if (usable && failed) {
      return this.cache.staleAnswer(usable, failed.reason);
    }
    const list = this.pending.get(shape) ?? [];
    let joined = list.find((p) => covers(p.metrics, metrics));
    if (!joined) {
      joined = list.find((p) => p.open && options.accepts(ordered([...p.metrics, ...metrics])));
      metrics.forEach((m) => joined?.metrics.add(m));
    }
    if (joined) {
      this.cache.record('coalesced');
      return this.cache.withFallback(joined.promise, usable, options.slowMs);
    }
    this.cache.record('miss');
    const union = ordered([...this.remembered(shape), ...metrics]);
    const p: Pending<R> = {
      metrics: new Set(options.accepts(union) ? union : metrics),
      open: true,
      // set just below: send() needs the record itself to close the window and to leave the pending list
      promise: undefined as unknown as Pending<R>['promise'],
    };
    p.promise = this.send(shape, p, options, load);
    list.push(p);
    this.pending.set(shape, list);
    return this.cache.withFallback(p.promise, usable, options.slowMs);
  }

  private async send(
    shape: string,
    p: Pending<R>,
    options: MergeOptions<R>,
    load: (metrics: RealtimeMetricName[]) => Promise<R>
  ): Promise<Loaded<UnionAnswer<R>>> {
    try {
      // The merge window: the other panels of the same refresh join before the call goes out.
      await new Promise((resolve) => setTimeout(resolve, this.options.windowMs));
      p.open = false;
      const metrics = ordered(p.metrics);
      // Through the cache's shared tier when replicas share one (REDIS_URL): another replica's answer of this shape
      // serves if it covers these metrics.
      const filled = await this.cache.fill<UnionAnswer<R>>(
        shape,
        options.ttlMs,
        async () => ({ metrics, result: await load(metrics) }),
        (answer) => covers(answer.metrics, metrics)
      );
      const value = filled.value;
      const current = this.cache.peek(shape) as { value: UnionAnswer<R>; expiresAt: number } | undefined;
      // A narrower answer does not replace a fresh wider one (two calls of a shape can overlap).
      if (!current || current.expiresAt <= this.now() || covers(value.metrics, current.value.metrics)) {
        this.cache.set(shape, value, filled.ttlMs, options.size?.(value), options.staleMs, undefined, filled.storedAt);
      }
      this.cache.clearFailure(shape);
      return { value, storedAt: filled.storedAt, stale: false };
    } catch (err) {
      this.cache.noteFailure(shape, err, options.ttlMs);
      throw err;
    } finally {
      const list = (this.pending.get(shape) ?? []).filter((x) => x !== p);
      if (list.length > 0) {
        this.pending.set(shape, list);
      } else {
        this.pending.delete(shape);
      }
    }
  }
}

const mergers = new WeakMap<TtlCache, RealtimeCallMerger<unknown>>();

/** The merger of a real-time cache (one per proxy: the cache holds the union answers). */
export function mergerFor<R>(
  cache: TtlCache,
  options: { windowMs: number; rememberMs: number }
): RealtimeCallMerger<R> {
  let m = mergers.get(cache);
  if (!m) {
    m = new RealtimeCallMerger<unknown>(cache, options);
    mergers.set(cache, m);
  }
  return m as RealtimeCallMerger<R>;
}
