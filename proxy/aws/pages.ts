import type { UpstreamContext } from '../context';
import { callAws } from '../upstream/call';
import type { AwsContext } from './context';
import type { UpstreamCall } from './errors';

/**
 * Follows an SDK paginator (paginateListQueues and friends) to its last page, each page being one AWS call through
 * callAws: rate-limited, timed, counted and described like any other. The paginator is advanced only while the
 * previous page had a NextToken, so the limiter never counts the paginator's final, call-less step.
 */

/** A runaway guard: lists longer than this many pages (250,000 CloudWatch metrics) are cut, and the cut is logged. */
export const MAX_PAGES = 500;

export async function followPages<P extends { NextToken?: string }>(
  ctx: UpstreamContext,
  aws: AwsContext,
  call: UpstreamCall,
  paginator: AsyncIterable<P>,
  maxPages = MAX_PAGES
): Promise<P[]> {
  const iterator = paginator[Symbol.asyncIterator]();
  const pages: P[] = [];
  for (;;) {
    const step = await callAws(ctx, aws, call, () => iterator.next());
    if (step.done) {
      break;
    }
    pages.push(step.value);
    if (!step.value.NextToken) {
      break;
    }
    if (pages.length >= maxPages) {
      ctx.log.warn(
        { operation: call.operation, region: call.region, pages: pages.length },
        'list cut after too many pages'
      );
      break;
    }
  }
  return pages;
}
