import { REALTIME_METRIC_NAMES, type RealtimeMetricName } from '../../../src/connect/realtimeMetrics';
import type { Batching, Loaded, TtlCache } from '../../upstream/cache';

/**
 * Union calls: GetCurrentMetricData calls of one shape share one call with the union of their metrics. Panels of a
 * dashboard (and of other dashboards on other screens) often ask the same instance with the same filters and
 * groupings for different metrics; Connect answers any set of metrics in one call, and its quota (5 calls a second
 * per account and region) counts calls, not metrics. So calls are keyed by their *shape*, the union key (credentials,
 * region, instance, filters, groupings) and fetched with the union of the metrics asked for that shape:
 *
 * - within one /api/query request and across concurrent requests, a call waits `windowMs` before it goes out and
 *   every call of the same shape arriving meanwhile adds its metrics and shares the answer;
 * - across refreshes, the shape remembers the metrics asked for in the last `rememberMs`, so the next call fetches
 *   them all at once and the other panels find them in the cache;
 * - the union is only used when Connect accepts it (`accepts`); otherwise the call goes out with its own metrics.
 *
 * (Not to be confused with combining the rows of a query split over more than 100 queues: combine.ts.) The answers
 * live in the real-time cache, with its stale-while-revalidate; this class only decides which call answers whom.
 */

export interface UnionAnswer<R> {
  /** The metrics the call fetched, in catalogue order. */
  metrics: RealtimeMetricName[];
  result: R;
}

export interface UnionCallOptions<R> {
  ttlMs: number;
  staleMs: number;
  slowMs: number;
  /** Whether Connect accepts these metrics together for this shape (its per-metric rules). */
  accepts: (metrics: RealtimeMetricName[]) => boolean;
  size?: (answer: UnionAnswer<R>) => number;
}

/** A call of a shape before it returns: the metrics it fetches, and whether it still takes more. */
interface Pending {
  metrics: Set<RealtimeMetricName>;
  open: boolean;
}

const ORDER = new Map(REALTIME_METRIC_NAMES.map((m, i) => [m, i])) as ReadonlyMap<RealtimeMetricName, number>;
const ordered = (metrics: Iterable<RealtimeMetricName>) =>
  [...new Set(metrics)].sort((a, b) => ORDER.get(a)! - ORDER.get(b)!);
const covers = (have: readonly RealtimeMetricName[] | Set<RealtimeMetricName>, need: RealtimeMetricName[]) => {
  const set = have instanceof Set ? have : new Set(have);
  return need.every((m) => set.has(m));
};

/** Most shapes whose metrics are remembered; beyond it the least recently asked shapes are forgotten. */
const MAX_SHAPES = 10_000;

export class UnionCalls<R> {
  /** union key -> metric -> when it was last asked for (ms). Map order: least recently asked shape first. */
  private readonly wanted = new Map<string, Map<RealtimeMetricName, number>>();
  private readonly now: () => number;

  constructor(
    private readonly cache: TtlCache<UnionAnswer<R>>,
    private readonly options: { windowMs: number; rememberMs: number; now?: () => number }
  ) {
    this.now = options.now ?? Date.now;
  }

  /** The metrics of a shape asked for within rememberMs. */
  remembered(unionKey: string): RealtimeMetricName[] {
    const byMetric = this.wanted.get(unionKey);
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

  private remember(unionKey: string, metrics: RealtimeMetricName[]): void {
    const byMetric = this.wanted.get(unionKey) ?? new Map<RealtimeMetricName, number>();
    this.wanted.delete(unionKey);
    this.wanted.set(unionKey, byMetric);
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
    unionKey: string,
    metrics: RealtimeMetricName[],
    options: UnionCallOptions<R>,
    load: (metrics: RealtimeMetricName[]) => Promise<R>
  ): Promise<Loaded<UnionAnswer<R>>> {
    if (this.cache.passthrough) {
      const own = ordered(metrics);
      return { value: { metrics: own, result: await load(own) }, storedAt: this.now(), stale: false };
    }
    this.remember(unionKey, metrics);
    const batching: Batching<UnionAnswer<R>, Pending> = {
      // A call that already fetches these metrics, else one still open that Connect lets take them too.
      join: (inFlight) => {
        const joined =
          inFlight.find((p) => covers(p.metrics, metrics)) ??
          inFlight.find((p) => p.open && options.accepts(ordered([...p.metrics, ...metrics])));
        metrics.forEach((m) => joined?.metrics.add(m));
        return joined;
      },
      start: () => {
        const union = ordered([...this.remembered(unionKey), ...metrics]);
        return { metrics: new Set(options.accepts(union) ? union : metrics), open: true };
      },
      // The merge window: the other panels of the same refresh join before the call goes out.
      gather: async (p) => {
        await new Promise((resolve) => setTimeout(resolve, this.options.windowMs));
        p.open = false;
      },
      // Another replica's answer of this shape serves if it covers the call's metrics (REDIS_URL).
      answers: (p, answer) => covers(answer.metrics, [...p.metrics]),
      // A narrower answer does not replace a fresh wider one (two calls of a shape can overlap).
      replaces: (stored, answer) => covers(answer.metrics, stored.metrics),
    };
    return this.cache.load(
      unionKey,
      {
        ttlMs: options.ttlMs,
        staleMs: options.staleMs,
        slowMs: options.slowMs,
        size: options.size,
        answers: (answer) => covers(answer.metrics, metrics),
        batching,
      },
      async (p) => {
        const fetched = ordered(p.metrics);
        return { metrics: fetched, result: await load(fetched) };
      }
    );
  }
}
