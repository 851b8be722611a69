import type { FastifyBaseLogger } from 'fastify';
import type { ProxyConfig } from './config.types';
import type { ProxyMetrics } from './metrics';
import type { RedisSharing } from './redis/sharing';
import { AnswerMemo } from './queries/realtime/answerMemo';
import type { CallResult } from './queries/realtime/fetch';
import { UnionCalls, type UnionAnswer } from './queries/realtime/unionCalls';
import type { ResourceLoaders } from './resources';
import type { TtlCache } from './upstream/cache';
import type { RateLimiter } from './upstream/rateLimiter';

/**
 * Everything the routes share, built once per proxy by buildProxy (app.ts): settings, metrics, the rate limiter, the
 * caches and the real-time stack. Nothing of it lives in module-level state (a test says so).
 */
export interface ProxyContext {
  config: ProxyConfig;
  /**
   * AWS's now, in ms, for what AWS still keeps: the age of a range's start decides the finest CloudWatch period
   * (retention). The wall clock in production; tests and the cost script give the simulator's frozen time, or a
   * fixed test date would turn 60-s periods into 5-min ones once it is 15 days old. Cache lifetimes and data ages
   * stay on the proxy's own clock.
   */
  dataClock: () => number;
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
  /** The real-time stack over caches.realtime: union calls per shape and the answer memo of repeated queries. */
  realtime: {
    calls: UnionCalls<CallResult>;
    answers: AnswerMemo;
  };
  /** The lists of GET /api/resources/{kind} and the query engine's names, built once (resources.ts). */
  resources: ResourceLoaders;
  /** Redis shared with the other replicas (REDIS_URL), behind the caches and the limiter; none without it. */
  redis?: RedisSharing;
}

/** Between the first call of a shape and its departure: time for the other panels of a refresh to join (ms). */
export const UNION_WINDOW_MS = 5;

/** The real-time stack of a proxy over its real-time cache (buildProxy, and tests' contexts). */
export function realtimeStack(config: ProxyConfig, cache: TtlCache): ProxyContext['realtime'] {
  return {
    calls: new UnionCalls<CallResult>(cache as TtlCache<UnionAnswer<CallResult>>, {
      windowMs: UNION_WINDOW_MS,
      // Metrics of panels refreshed within this span stay in the shape's union.
      rememberMs: Math.max(60_000, 4 * config.realtimeCacheTtlMs),
    }),
    answers: new AnswerMemo(cache),
  };
}

/** What calling AWS needs of the context (the resource loaders, built on it, are not part of it). */
export type UpstreamContext = Omit<ProxyContext, 'resources'>;
