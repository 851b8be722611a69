import type { Quota } from './upstream/rateLimiter';

/** The proxy's settings (from the environment, see config.ts and docs/proxy.md). */
export interface ProxyConfig {
  port: number;
  host: string;
  /** Bearer token required on /api/*; never logged. In demo mode it defaults to switchboard-demo. */
  token: string;
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
  /** Longest a call waits for the client-side rate limiter before failing. */
  rateLimitMaxWaitMs: number;
  /** Overrides of the upstream quotas, per API. */
  upstreamQuotas: Record<string, Quota>;
  /** Largest request body accepted. */
  bodyLimitBytes: number;
  logLevel: string;
}
