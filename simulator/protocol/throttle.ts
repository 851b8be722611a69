import { performance } from 'node:perf_hooks';
import type { ServiceName } from './awsError';

/**
 * API request quotas: one token bucket per (access key, region, operation), as AWS meters them ("per account per
 * Region per API"; the access key stands in for the account). Buckets run on real time, not the virtual clock:
 * a test that jumps the simulated clock forward by an hour must not refill every bucket, and a client's rate
 * limiter lives in real time too.
 */

export interface Quota {
  /** Sustained requests per second. */
  rate: number;
  /** Bucket size: requests allowed at once after a quiet period. */
  burst: number;
}

export type QuotaSource = 'default' | 'scenario' | 'runtime';

/** Defaults, per service and operation (aws-wire-spec.md "Limits & rules"). */
export const DEFAULT_QUOTAS: Record<ServiceName, Record<string, Quota>> = {
  connect: {
    // Old SDK service docs: 5 rps, burst 8 (Service Quotas L-ED2B0490 default 5).
    GetCurrentMetricData: { rate: 5, burst: 8 },
    // L-2E719449: 10 rps.
    GetMetricDataV2: { rate: 10, burst: 10 },
    // "Other APIs" historically 2 rps / burst 5; current public dumps show 2 or 10 for some, we keep the low value.
    GetCurrentUserData: { rate: 2, burst: 5 },
    ListQueues: { rate: 2, burst: 5 },
    ListRoutingProfiles: { rate: 2, burst: 5 },
    ListInstances: { rate: 2, burst: 5 },
    DescribeQueue: { rate: 2, burst: 5 },
  },
  cloudwatch: {
    // The older documented quota (50 TPS). Current docs say 500 TPS; the lower figure makes client-side
    // batching and rate limiting observable in tests and benchmarks. Override with apiQuotas to model 500.
    GetMetricData: { rate: 50, burst: 50 },
    GetMetricStatistics: { rate: 400, burst: 400 },
    ListMetrics: { rate: 25, burst: 25 },
  },
  chime: {
    // Not documented anywhere we could find: an assumption, not an AWS figure.
    ListVoiceConnectors: { rate: 10, burst: 10 },
  },
  voiceid: {
    // Not documented anywhere we could find: an assumption, not an AWS figure.
    ListDomains: { rate: 10, burst: 10 },
  },
};

/** Connect operations without their own entry get the historical default of every Connect API. */
export const CONNECT_FALLBACK_QUOTA: Quota = { rate: 2, burst: 5 };

interface Bucket {
  tokens: number;
  lastMs: number;
}

export interface QuotaRow {
  service: ServiceName;
  operation: string;
  /** null: not limited. */
  quota: Quota | null;
  source: QuotaSource | 'none';
}

export interface RequestThrottleOptions {
  /** scenario.apiQuotas: keyed by operation name, or "service:Operation" to pick one service. */
  scenario?: Record<string, Quota>;
  /** Monotonic milliseconds. */
  now?: () => number;
  /** Callers are keyed by access key; cap the table so random keys (fuzzing) cannot grow it without bound. */
  maxBuckets?: number;
  /** false: quotas are reported but never enforced (functional tests that call faster than AWS allows). */
  enforce?: boolean;
}

export class RequestThrottle {
  private readonly buckets = new Map<string, Bucket>();
  private readonly scenario: Record<string, Quota>;
  private runtime: Record<string, Quota> = {};
  private readonly now: () => number;
  private readonly maxBuckets: number;
  readonly enforced: boolean;

  constructor(options: RequestThrottleOptions = {}) {
    this.enforced = options.enforce ?? true;
    this.scenario = { ...options.scenario };
    this.now = options.now ?? (() => performance.now());
    this.maxBuckets = options.maxBuckets ?? 10_000;
  }

  /** The quota in force: runtime override, then scenario, then default; "service:Op" keys beat plain "Op" keys. */
  quotaFor(service: ServiceName, operation: string): { quota: Quota; source: QuotaSource } | undefined {
    const qualified = `${service}:${operation}`;
    for (const [table, source] of [
      [this.runtime, 'runtime'],
      [this.scenario, 'scenario'],
    ] as const) {
      const quota = table[qualified] ?? table[operation];
      if (quota) {
        return { quota, source };
      }
    }
    const quota = DEFAULT_QUOTAS[service][operation] ?? (service === 'connect' ? CONNECT_FALLBACK_QUOTA : undefined);
    return quota ? { quota, source: 'default' } : undefined;
  }

  /** Takes one token; false means the call is throttled. */
  take(service: ServiceName, operation: string, accessKeyId: string, region: string): boolean {
    const found = this.enforced ? this.quotaFor(service, operation) : undefined;
    if (!found) {
      return true;
    }
    const { rate, burst } = found.quota;
    const key = `${service}\u0000${operation}\u0000${accessKeyId}\u0000${region}`;
    const now = this.now();
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size >= this.maxBuckets) {
        // Oldest first (Map keeps insertion order); a dropped caller simply starts with a full bucket again.
        this.buckets.delete(this.buckets.keys().next().value as string);
      }
      bucket = { tokens: burst, lastMs: now };
      this.buckets.set(key, bucket);
    } else {
      bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.lastMs) / 1000) * rate);
      bucket.lastMs = now;
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return true;
    }
    return false;
  }

  /** Sets runtime quotas (merged over the current ones); null removes an operation's runtime override. */
  setRuntime(quotas: Record<string, Quota | null>): void {
    const next = { ...this.runtime };
    for (const [key, quota] of Object.entries(quotas)) {
      if (quota === null) {
        delete next[key];
      } else {
        next[key] = { rate: quota.rate, burst: quota.burst };
      }
    }
    this.runtime = next;
    // New limits apply at once, from full buckets.
    this.buckets.clear();
  }

  resetRuntime(): void {
    this.runtime = {};
    this.buckets.clear();
  }

  runtimeOverrides(): Record<string, Quota> {
    return { ...this.runtime };
  }

  /** Empties every bucket's history (each caller starts with a full burst). */
  resetBuckets(): void {
    this.buckets.clear();
  }

  table(operations: Array<{ service: ServiceName; name: string }>): QuotaRow[] {
    return operations.map(({ service, name }) => {
      const found = this.quotaFor(service, name);
      return { service, operation: name, quota: found?.quota ?? null, source: found?.source ?? 'none' };
    });
  }
}
