import type { GetMetricDataRequest } from './request';
import { lowerBound, upperBound, type Series } from './series';

/**
 * Cutting GetMetricData results into pages of MaxDatapoints. Every result (see resultRows.ts) is computed in full
 * when a page reaches it (cheap: the model is in memory), then the page takes what the NextToken has not sent
 * yet. Pages concatenate to exactly the unpaginated result.
 */

/** Where a page starts: the first result not finished (index into the rows) and its last timestamp already sent. */
export interface Cursor {
  q: number;
  t: number | null;
}

export interface PageResult {
  Timestamps: number[];
  Values: number[];
  StatusCode: 'Complete' | 'PartialData';
}

/**
 * One page: up to `maxDatapoints` points over all results, in order, each result's points ordered per ScanBy.
 * Results finished on earlier pages come back empty and Complete; the result that was cut and those not reached
 * yet are PartialData (and not computed); `next` is where the following page starts.
 */
export function pageOfResults(
  req: Pick<GetMetricDataRequest, 'scanBy' | 'maxDatapoints'>,
  rowCount: number,
  seriesOfRow: (k: number) => Series,
  cursor: Cursor | undefined
): { results: PageResult[]; next?: Cursor } {
  const ascending = req.scanBy === 'TimestampAscending';
  let budget = req.maxDatapoints;
  let next: Cursor | undefined;
  const results: PageResult[] = [];
  for (let k = 0; k < rowCount; k++) {
    let timestamps: number[] = [];
    let values: number[] = [];
    let complete = true;
    if (budget <= 0 && (!cursor || k >= cursor.q)) {
      // The page is full: this result is not computed now; the next page starts with it if nothing was cut before.
      next ??= { q: k, t: cursor && k === cursor.q ? cursor.t : null };
      results.push({ Timestamps: timestamps, Values: values, StatusCode: 'PartialData' });
      continue;
    }
    if (!cursor || k >= cursor.q) {
      const s = seriesOfRow(k);
      const ts = s.timestamps;
      const vs = s.values;
      const resumeAt = cursor && k === cursor.q ? cursor.t : null;
      // [lo, hi) = the points not sent yet, in ascending index space.
      const lo = ascending && resumeAt !== null ? upperBound(ts, resumeAt) : 0;
      const hi = !ascending && resumeAt !== null ? lowerBound(ts, resumeAt) : ts.length;
      const available = hi - lo;
      const take = Math.min(available, budget);
      budget -= take;
      // Native slice/reverse: these copies are the bulk of a large response.
      if (ascending) {
        timestamps = ts.slice(lo, lo + take);
        values = vs.slice(lo, lo + take);
      } else {
        timestamps = ts.slice(hi - take, hi).reverse();
        values = vs.slice(hi - take, hi).reverse();
      }
      if (take < available) {
        complete = false;
        next ??= { q: k, t: take > 0 ? timestamps[take - 1] : resumeAt };
      }
    }
    results.push({ Timestamps: timestamps, Values: values, StatusCode: complete ? 'Complete' : 'PartialData' });
  }
  return next ? { results, next } : { results };
}
