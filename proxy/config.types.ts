import type { ExporterSettings } from './exporter/settings';
import type { Quota } from './upstream/rateLimiter';

/** The proxy's settings (from the environment, see config.ts and docs/proxy.md). */
export interface ProxyConfig {
  port: number;
  host: string;
  /** Bearer token required on /api/*; never logged. In demo mode it defaults to switchboard-demo. */
  token: string;
  /** Bearer token /metrics requires (METRICS_TOKEN); unset: /metrics is public. Never logged. */
  metricsToken?: string;
  demo: boolean;
  /** Default region when neither the query nor the datasource names one. */
  awsRegion: string;
  /** Endpoint override for every AWS service (e.g. the simulator). */
  awsEndpointUrl?: string;
  /** Attempts per AWS call (SDK retries included). */
  sdkMaxAttempts: number;
  /** Lifetime of cached GetCurrentMetricData answers. */
  realtimeCacheTtlMs: number;
  /** Lifetime of cached resource lists (queues, routing profiles, ListMetrics...). */
  resourceCacheTtlMs: number;
  /** Memory for all caches together. */
  cacheMaxBytes: number;
  /**
   * `cache` (default): data caches, coalescing, real-time call merging and stale fallback. `passthrough`: none of
   * these for real-time and CloudWatch data (every panel refresh calls AWS), to measure what they save.
   */
  cacheMode: 'cache' | 'passthrough';
  /** How long past its lifetime a cached answer may still be served, marked stale, when AWS fails or throttles. */
  staleMaxAgeMs: number;
  /** With a stale answer at hand, a refresh slower than this answers with it instead (0: always wait). */
  staleIfSlowMs: number;
  /** After a failed refresh, how long the stale answer stands in without calling AWS again (capped at the TTL). */
  staleRetryMs: number;
  /** Longest a call waits for the client-side rate limiter before failing. */
  rateLimitMaxWaitMs: number;
  /** Overrides of the upstream quotas, per API. */
  upstreamQuotas: Record<string, Quota>;
  /** Largest request body accepted. */
  bodyLimitBytes: number;
  logLevel: string;
  /** The Prometheus exporter of Connect metrics on /metrics (docs/exporter.md); unset: off. */
  exporter?: ExporterSettings;
  /**
   * Redis shared by the proxy's replicas (redis:// or rediss:// URL, credentials in it): the data caches' second
   * tier and the rate limiter's buckets (docs/ha.md). Unset: each replica works alone.
   */
  redisUrl?: string;
  /** Prefix of every key the proxy writes in Redis (several deployments can share one Redis); default switchboard:. */
  redisKeyPrefix?: string;
}
