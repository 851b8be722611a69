import { describeAwsError, UpstreamError, type UpstreamCall } from '../aws/errors';
import type { AwsContext } from '../aws/context';
import type { UpstreamContext } from '../context';

/**
 * Every AWS call goes through here: it waits for the rate limiter of (credentials, region, API), times the call,
 * counts it by outcome and turns failures into an UpstreamError with a clear message.
 */
export async function callAws<T>(
  ctx: UpstreamContext,
  aws: AwsContext,
  call: UpstreamCall,
  send: () => Promise<T>
): Promise<T> {
  const labels = { service: call.service, operation: call.operation };
  try {
    await ctx.limiter.acquire(`${aws.credentialsKey}|${call.region}`, call.operation);
  } catch (err) {
    ctx.metrics.upstreamCalls.inc({ ...labels, outcome: 'rate_limited' });
    throw new UpstreamError(describeAwsError(err, call));
  }
  const end = ctx.metrics.upstreamDuration.startTimer(labels);
  try {
    const out = await send();
    ctx.metrics.upstreamCalls.inc({ ...labels, outcome: 'ok' });
    return out;
  } catch (err) {
    const described = describeAwsError(err, call);
    const outcome =
      described.code === 'upstream_throttled'
        ? 'throttled'
        : described.code === 'network_error'
          ? 'network_error'
          : described.status >= 500
            ? 'server_error'
            : 'client_error';
    ctx.metrics.upstreamCalls.inc({ ...labels, outcome });
    if (outcome === 'throttled') {
      ctx.metrics.upstreamThrottles.inc(labels);
    }
    ctx.log.warn(
      {
        service: call.service,
        operation: call.operation,
        region: call.region,
        error: (err as Error)?.name,
        code: described.code,
      },
      'AWS call failed'
    );
    throw new UpstreamError(described);
  } finally {
    end();
  }
}
