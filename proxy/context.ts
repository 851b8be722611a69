import type { FastifyBaseLogger } from 'fastify';
import type { ProxyConfig } from './config.types';
import type { ProxyMetrics } from './metrics';
import type { RedisSharing } from './redis/sharing';
import type { TtlCache } from './upstream/cache';
import type { RateLimiter } from './upstream/rateLimiter';

/** Everything the routes share: settings, metrics, the rate limiter and the caches. */
export interface ProxyContext {
  config: ProxyConfig;
  log: FastifyBaseLogger;
  metrics: ProxyMetrics;
  limiter: RateLimiter;
  caches: {
    /** GetCurrentMetricData pages, a few seconds. */
    realtime: TtlCache;
    /** CloudWatch GetMetricData results, aligned to the period (see queries/cloudwatch). */
    cloudwatch: TtlCache;
    /** Lists (instances, queues, routing profiles, ListMetrics...), minutes. */
    resources: TtlCache;
  };
  /** Redis shared with the other replicas (REDIS_URL), behind the caches and the limiter; none without it. */
  redis?: RedisSharing;
}
