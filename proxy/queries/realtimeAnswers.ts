import type { AwsContext } from '../aws/context';
import type { DataFrameJSON, FrameMeta } from '../frames';
import { estimateBytes, TtlCache } from '../upstream/cache';

/**
 * The answer memo of real-time queries: the frames of a query, kept while every cached GetCurrentMetricData answer
 * they were built from is still the fresh entry of its shape. Viewers and panels ask the same query over and over
 * within a cache lifetime; without the memo each of those cache hits would still validate the query, resolve its
 * queue names, plan its calls and rebuild (and re-sort) the frame, which is most of a cached request's time.
 *
 * The answer is the same as a rebuild: a lookup checks, with the real-time cache's own clock, that each source entry
 * is still fresh and is the very value the frames came from (a wider merged call may have replaced it), and the
 * data age is recomputed for the moment of the answer. Stale answers are never memoised, so a refresh after expiry
 * goes through the merger with its stale-while-revalidate as before. The queue names in a memoised frame are those
 * of when it was built; the memo lives at most one real-time cache lifetime, while the name lists themselves are
 * cached for RESOURCE_CACHE_TTL_MS.
 */

/** The cached GetCurrentMetricData answer a frame was built from: its cache key and the value object. */
export interface AnswerSource {
  shape: string;
  value: unknown;
}

interface Memo {
  frames: DataFrameJSON[];
  sources: AnswerSource[];
}

/** Share of the real-time cache's byte budget that the memo may use on top of it. */
const MEMO_SHARE = 0.25;

const memos = new WeakMap<TtlCache, TtlCache<Memo>>();

function memoOf(realtime: TtlCache): TtlCache<Memo> {
  let memo = memos.get(realtime);
  if (!memo) {
    memo = new TtlCache<Memo>('realtime-answers', {
      maxBytes: Math.floor(realtime.maxBytes * MEMO_SHARE),
      passthrough: realtime.passthrough,
    });
    memos.set(realtime, memo);
  }
  return memo;
}

/** The memo key of a query as received (before validation: only valid queries are ever stored under it). */
export function answerKey(aws: AwsContext, raw: unknown): string {
  return JSON.stringify([aws.credentialsKey, aws.defaultRegion, raw]);
}

const isCurrent = (realtime: TtlCache, sources: AnswerSource[]) =>
  sources.every((s) => realtime.get(s.shape) === s.value);

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

/**
 * The memoised frames of a query, if each source is still the fresh cached answer of its shape. A hit counts as a
 * hit of the real-time cache per source, as the calls it stands for would have.
 */
export function memoisedAnswer(realtime: TtlCache, key: string, nowMs = Date.now()): DataFrameJSON[] | undefined {
  if (realtime.passthrough) {
    return undefined;
  }
  const memo = memoOf(realtime);
  const m = memo.get(key);
  if (!m) {
    return undefined;
  }
  if (!isCurrent(realtime, m.sources)) {
    memo.delete(key);
    return undefined;
  }
  m.sources.forEach(() => realtime.record('hit'));
  return withAgeAt(m.frames, nowMs);
}

/** Keeps the frames of a fresh answer whose sources are all the current cache entries of their shapes. */
export function memoiseAnswer(
  realtime: TtlCache,
  key: string,
  ttlMs: number,
  frames: DataFrameJSON[],
  sources: AnswerSource[]
): void {
  if (realtime.passthrough || ttlMs <= 0 || sources.length === 0 || !isCurrent(realtime, sources)) {
    return;
  }
  // the sources' rows are counted by the real-time cache already
  memoOf(realtime).set(key, { frames, sources }, ttlMs, estimateBytes(frames) + 64 * sources.length);
}
