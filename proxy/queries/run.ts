import type {
  CloudWatchQuery,
  QueryRequest,
  QuotaQuery,
  RealtimeQuery,
  SwitchboardQuery,
} from '../../src/connect/query';
import type { AwsContext } from '../aws/context';
import type { ProxyContext } from '../context';
import type { DataFrameJSON } from '../frames';
import { asQueryError, runCloudWatch, type TimeRange } from './cloudwatch';
import { runQuota } from './quota';
import { runRealtime } from './realtime';
import { answerKey, memoisedAnswer } from './realtimeAnswers';
import { QueryError, validateQuery } from './validate';

export interface QueryResult {
  status: number;
  frames?: DataFrameJSON[];
  error?: string;
}

export interface QueryResponse {
  results: Record<string, QueryResult>;
}

const DEFAULT_MAX_DATA_POINTS = 1000;

/** A time from the request: ISO-8601, or epoch milliseconds as a string. */
export function parseTime(value: string, field: string): number {
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isFinite(ms)) {
    throw new QueryError(`${field}: must be an ISO-8601 time or epoch milliseconds (got ${JSON.stringify(value)})`);
  }
  return ms;
}

export function parseRange(body: QueryRequest): TimeRange {
  const fromMs = parseTime(body.range.from, 'range.from');
  const toMs = parseTime(body.range.to, 'range.to');
  if (toMs <= fromMs) {
    throw new QueryError('range: "to" must be after "from"');
  }
  return { fromMs, toMs, maxDataPoints: body.maxDataPoints ?? DEFAULT_MAX_DATA_POINTS };
}

/**
 * Answers every query of a request. Each query stands alone: one that is invalid or fails upstream gets its own
 * status and message, and the others are still answered. The request itself fails (throws) only for a bad range.
 */
export async function runQueries(ctx: ProxyContext, aws: AwsContext, body: QueryRequest): Promise<QueryResponse> {
  const range = parseRange(body);
  const results: Record<string, QueryResult> = {};
  const fail = (refId: string, err: unknown) => {
    const e = asQueryError(err);
    results[refId] = { status: e.status, error: e.message };
  };

  const valid: SwitchboardQuery[] = [];
  const seen = new Set<string>();
  const memoKeys = new Map<string, string>();
  for (const raw of body.queries) {
    if (seen.has(raw.refId)) {
      // the first query with a refId keeps it; a later one cannot be told apart in the response
      continue;
    }
    seen.add(raw.refId);
    if (raw.queryType === 'realtime') {
      // A query asked a moment ago whose cached calls are still fresh: its frames as they were, aged to now.
      memoKeys.set(raw.refId, answerKey(aws, raw));
      const frames = memoisedAnswer(ctx.caches.realtime, memoKeys.get(raw.refId)!);
      if (frames) {
        results[raw.refId] = { status: 200, frames };
        continue;
      }
    }
    try {
      valid.push(validateQuery(raw));
    } catch (err) {
      fail(raw.refId, err);
    }
  }

  const cloudwatch = valid.filter((q): q is CloudWatchQuery => q.queryType === 'cloudwatch');
  const work: Array<Promise<void>> = [];
  for (const q of valid) {
    if (q.queryType === 'realtime') {
      work.push(
        runRealtime(ctx, aws, q as RealtimeQuery, memoKeys.get(q.refId)).then(
          (frames) => void (results[q.refId] = { status: 200, frames }),
          (err) => fail(q.refId, err)
        )
      );
    } else if (q.queryType === 'quota') {
      work.push(
        runQuota(ctx, aws, q as QuotaQuery, range).then(
          (frames) => void (results[q.refId] = { status: 200, frames }),
          (err) => fail(q.refId, err)
        )
      );
    }
  }
  if (cloudwatch.length > 0) {
    work.push(
      runCloudWatch(ctx, aws, cloudwatch, range).then(
        (run) =>
          run.results.forEach((r, refId) => {
            results[refId] = r.error
              ? { status: r.error.status, error: r.error.message }
              : { status: 200, frames: r.frames };
          }),
        (err) => cloudwatch.forEach((q) => fail(q.refId, err))
      )
    );
  }
  await Promise.all(work);
  return { results };
}
