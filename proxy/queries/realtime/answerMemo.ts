import type { AwsContext } from '../../aws/context';
import type { DataFrameJSON, FrameMeta } from '../../frames';
import { estimateBytes, TtlCache } from '../../upstream/cache';

/**
 * The answer memo of real-time queries: the frames of a query, kept while every cached GetCurrentMetricData answer
 * they were built from is still the fresh entry of its shape. Viewers and panels ask the same query over and over
 * within a cache lifetime; without the memo each of those cache hits would still resolve its queue names, plan its
 * calls and rebuild (and re-sort) the frame, which is most of a cached request's time (docs/benchmarks.md measures
 * it: the memo roughly doubles the cached requests a second).
 *
 * The answer is the same as a rebuild: a lookup checks, with the real-time cache's own clock, that each source entry
 * is still fresh and is the very value the frames came from (a wider union call may have replaced it), and the
 * data age is recomputed for the moment of the answer. Stale answers are never memoised, so a refresh after expiry
 * goes through the union calls with their stale-while-revalidate as before. The queue names in a memoised frame are
 * those of when it was built; the memo lives at most one real-time cache lifetime, while the name lists themselves
 * are cached for RESOURCE_CACHE_TTL_MS.
 */

/** The cached GetCurrentMetricData answer a frame was built from: its cache key and the value object. */
export interface AnswerSource {
  unionKey: string;
  value: unknown;
}

interface Memo {
  frames: DataFrameJSON[];
  sources: AnswerSource[];
}

/** Share of the real-time cache's byte budget that the memo may use on top of it. */
const MEMO_SHARE = 0.25;

/** The memo key of a query: the credentials, the default region and the query as sent. */
export function answerKey(aws: AwsContext, query: unknown): string {
  return JSON.stringify([aws.credentialsKey, aws.defaultRegion, query]);
}

/** The frames of a data age measured now: the memoised ones share everything but their meta. */
function withAgeAt(frames: DataFrameJSON[], nowMs: number): DataFrameJSON[] {
  const metas = new Map<FrameMeta | undefined, FrameMeta | undefined>();
  const aged = (meta: FrameMeta | undefined) => {
    const snapshotMs = meta?.custom?.snapshotTime;
    if (!meta || typeof snapshotMs !== 'number') {
      return meta;
    }
    let out = metas.get(meta);
    if (!out) {
      out = { ...meta, custom: { ...meta.custom, dataAgeMs: Math.max(0, nowMs - snapshotMs) } };
      metas.set(meta, out);
    }
    return out;
  };
  return frames.map((f) => ({ schema: { ...f.schema, meta: aged(f.schema.meta) }, data: f.data }));
}

export class AnswerMemo {
  private readonly memo: TtlCache<Memo>;

  constructor(private readonly realtime: TtlCache) {
    this.memo = new TtlCache<Memo>('realtime-answers', {
      maxBytes: Math.floor(realtime.maxBytes * MEMO_SHARE),
      passthrough: realtime.passthrough,
    });
  }

  private isCurrent(sources: AnswerSource[]): boolean {
    return sources.every((s) => this.realtime.get(s.unionKey) === s.value);
  }

  /**
   * The memoised frames of a query, if each source is still the fresh cached answer of its shape. A hit counts as a
   * hit of the real-time cache per source, as the calls it stands for would have.
   */
  lookup(key: string, nowMs = Date.now()): DataFrameJSON[] | undefined {
    if (this.realtime.passthrough) {
      return undefined;
    }
    const m = this.memo.get(key);
    if (!m) {
      return undefined;
    }
    if (!this.isCurrent(m.sources)) {
      this.memo.delete(key);
      return undefined;
    }
    m.sources.forEach(() => this.realtime.record('hit'));
    return withAgeAt(m.frames, nowMs);
  }

  /** Keeps the frames of a fresh answer whose sources are all the current cache entries of their shapes. */
  keep(key: string, ttlMs: number, frames: DataFrameJSON[], sources: AnswerSource[]): void {
    if (this.realtime.passthrough || ttlMs <= 0 || sources.length === 0 || !this.isCurrent(sources)) {
      return;
    }
    // the sources' rows are counted by the real-time cache already
    this.memo.set(key, { frames, sources }, { ttlMs, bytes: estimateBytes(frames) + 64 * sources.length });
  }
}
