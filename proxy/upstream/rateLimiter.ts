import type { SharedBuckets } from './shared';

/**
 * Client-side request quotas: one token bucket per (credentials, region, API), set to AWS's quotas, with a bounded
 * wait. AWS meters per account, region and API; the SDK's retries alone fail under bursts (wire spec: 20 concurrent
 * GetCurrentMetricData calls against 5/s burst 8 lose some even with retries), so calls queue here instead.
 */
export interface Quota {
  /** Sustained calls per second. */
  rate: number;
  /** Calls allowed at once after a quiet period. */
  burst: number;
}

/** AWS's quotas for the APIs the proxy calls (aws-wire-spec.md "Limits & rules"). */
export const DEFAULT_UPSTREAM_QUOTAS: Record<string, Quota> = {
  GetCurrentMetricData: { rate: 5, burst: 8 },
  GetMetricDataV2: { rate: 10, burst: 10 },
  GetCurrentUserData: { rate: 2, burst: 5 },
  ListInstances: { rate: 2, burst: 5 },
  ListQueues: { rate: 2, burst: 5 },
  ListRoutingProfiles: { rate: 2, burst: 5 },
  DescribeQueue: { rate: 2, burst: 5 },
  // CloudWatch documents 500 TPS for GetMetricData today (50 in older docs); we stay at the older figure, well
  // above what one proxy needs after batching.
  GetMetricData: { rate: 50, burst: 50 },
  ListMetrics: { rate: 25, burst: 25 },
  ListVoiceConnectors: { rate: 10, burst: 10 },
  ListDomains: { rate: 10, burst: 10 },
  AssumeRole: { rate: 10, burst: 10 },
};

export class RateLimitedError extends Error {
  constructor(
    readonly api: string,
    readonly quota: Quota,
    readonly waitMs: number
  ) {
    super(
      `${api} is limited to ${quota.rate} requests per second (burst ${quota.burst}); the wait would be ${Math.ceil(waitMs)} ms`
    );
    this.name = 'RateLimitedError';
  }
}

interface Bucket {
  /** Tokens available; negative while callers wait (each waiting caller owes one). */
  tokens: number;
  lastMs: number;
}

export interface RateLimiterOptions {
  quotas?: Record<string, Quota>;
  /** Longest a call may wait for a token before it fails fast (ms). */
  maxWaitMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Observes every wait (for /metrics). */
  onWait?: (api: string, waitMs: number) => void;
  /**
   * Buckets shared by the proxy's replicas (Redis, REDIS_URL), so that together they stay within AWS's quota. When
   * the shared store cannot answer, this replica's own bucket applies.
   */
  shared?: SharedBuckets;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly quotas: Record<string, Quota>;
  readonly maxWaitMs: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: RateLimiterOptions = {}) {
    this.quotas = { ...DEFAULT_UPSTREAM_QUOTAS, ...options.quotas };
    this.maxWaitMs = options.maxWaitMs ?? 5000;
    this.now = options.now ?? (() => performance.now());
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  quotaOf(api: string): Quota {
    return this.quotas[api] ?? { rate: 2, burst: 5 };
  }

  /**
   * Waits for a token of (key, api). Callers are served in arrival order: each reserves the next free slot, so a
   * burst spreads out at the quota's rate. Throws RateLimitedError when the wait would exceed maxWaitMs.
   */
  async acquire(key: string, api: string): Promise<number> {
    const quota = this.quotaOf(api);
    const id = `${key}|${api}`;
    const shared = this.options.shared ? await this.options.shared.take(id, quota, this.maxWaitMs) : undefined;
    if (shared) {
      if (shared.refused) {
        throw new RateLimitedError(api, quota, shared.waitMs);
      }
      if (shared.waitMs > 0) {
        this.options.onWait?.(api, shared.waitMs);
        await this.sleep(shared.waitMs);
      }
      return shared.waitMs;
    }
    const now = this.now();
    let b = this.buckets.get(id);
    if (!b) {
      b = { tokens: quota.burst, lastMs: now };
      this.buckets.set(id, b);
    }
    b.tokens = Math.min(quota.burst, b.tokens + ((now - b.lastMs) / 1000) * quota.rate);
    b.lastMs = now;
    // Waiting callers hold negative tokens, so the wait of the next one includes everybody ahead of it (FIFO).
    const waitMs = b.tokens >= 1 ? 0 : ((1 - b.tokens) * 1000) / quota.rate;
    if (waitMs > this.maxWaitMs) {
      throw new RateLimitedError(api, quota, waitMs);
    }
    b.tokens -= 1;
    if (waitMs > 0) {
      this.options.onWait?.(api, waitMs);
      await this.sleep(waitMs);
    }
    return waitMs;
  }
}
