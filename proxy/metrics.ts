import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The proxy's own Prometheus metrics (GET /metrics). One registry per app instance, so tests can build several.
 */
export interface ProxyMetrics {
  registry: Registry;
  httpDuration: Histogram<'route' | 'method' | 'status'>;
  upstreamCalls: Counter<'service' | 'operation' | 'outcome'>;
  upstreamDuration: Histogram<'service' | 'operation'>;
  upstreamThrottles: Counter<'service' | 'operation'>;
  cacheLookups: Counter<'cache' | 'outcome'>;
  rateLimiterWait: Histogram<'api'>;
  cloudwatchMetricsRequested: Counter<'region'>;
}

export function createMetrics(options: { defaultMetrics?: boolean } = {}): ProxyMetrics {
  const registry = new Registry();
  if (options.defaultMetrics ?? true) {
    collectDefaultMetrics({ register: registry, prefix: 'switchboard_proxy_' });
  }
  const registers = [registry];
  return {
    registry,
    httpDuration: new Histogram({
      name: 'switchboard_http_request_duration_seconds',
      help: 'Duration of HTTP requests served by the proxy.',
      labelNames: ['route', 'method', 'status'],
      // Fine below 5 ms: cached answers take well under a millisecond, and the benchmark reads their p99 here.
      buckets: [0.0005, 0.001, 0.002, 0.003, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    upstreamCalls: new Counter({
      name: 'switchboard_upstream_calls_total',
      help: 'Calls to AWS by service, operation and outcome (ok, throttled, client_error, server_error, network_error, rate_limited).',
      labelNames: ['service', 'operation', 'outcome'],
      registers,
    }),
    upstreamDuration: new Histogram({
      name: 'switchboard_upstream_call_duration_seconds',
      help: 'Duration of calls to AWS, SDK retries included.',
      labelNames: ['service', 'operation'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    }),
    upstreamThrottles: new Counter({
      name: 'switchboard_upstream_throttles_total',
      help: 'AWS throttling errors that reached the proxy (after the SDK gave up retrying).',
      labelNames: ['service', 'operation'],
      registers,
    }),
    cacheLookups: new Counter({
      name: 'switchboard_cache_lookups_total',
      help: 'Cache lookups by cache and outcome (hit, miss, coalesced: joined a call in flight, stale: an old answer served because the refresh failed or was slow).',
      labelNames: ['cache', 'outcome'],
      registers,
    }),
    rateLimiterWait: new Histogram({
      name: 'switchboard_rate_limiter_wait_seconds',
      help: 'Time calls waited for the client-side rate limiter (only calls that waited).',
      labelNames: ['api'],
      buckets: [0.01, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10],
      registers,
    }),
    cloudwatchMetricsRequested: new Counter({
      name: 'switchboard_cloudwatch_metrics_requested_total',
      help: 'Metrics requested from CloudWatch GetMetricData (each MetricStat query of each page of each call), what CloudWatch bills GetMetricData by (docs/real-aws.md).',
      labelNames: ['region'],
      registers,
    }),
  };
}
