import type { ServiceName } from './awsError';

/**
 * Call counters per service, operation and outcome, with latency totals: what benchmarks read to see how many
 * AWS calls a dashboard refresh costs, and tests read to see that a retry or a fault really happened.
 */

export const OUTCOMES = [
  'ok',
  'throttled',
  'client_error',
  'server_error',
  'fault_throttle',
  'fault_error',
  'fault_malformed',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Requests that never reached a known operation (unknown target or path) are counted under this name. */
export const UNKNOWN_OPERATION = '(unknown)';

export interface OperationStats {
  requests: number;
  outcomes: Record<Outcome, number>;
  /** Wall-clock ms from request to response, injected latency included. */
  latencyMs: { total: number; max: number; mean: number };
}

export interface StatsSnapshot {
  /** When counting started (real time). */
  since: string;
  totals: { requests: number } & Record<Outcome, number>;
  services: Partial<Record<ServiceName, Record<string, OperationStats>>>;
}

const zeroOutcomes = (): Record<Outcome, number> =>
  Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;

export class Stats {
  private readonly byKey = new Map<string, { service: ServiceName; operation: string; stats: OperationStats }>();
  private sinceMs = Date.now();

  record(service: ServiceName, operation: string, outcome: Outcome, latencyMs: number): void {
    const key = `${service}:${operation}`;
    let entry = this.byKey.get(key);
    if (!entry) {
      entry = {
        service,
        operation,
        stats: { requests: 0, outcomes: zeroOutcomes(), latencyMs: { total: 0, max: 0, mean: 0 } },
      };
      this.byKey.set(key, entry);
    }
    const s = entry.stats;
    s.requests++;
    s.outcomes[outcome]++;
    s.latencyMs.total += latencyMs;
    s.latencyMs.max = Math.max(s.latencyMs.max, latencyMs);
  }

  /** Calls of one operation, optionally of one outcome. */
  count(service: ServiceName, operation: string, outcome?: Outcome): number {
    const s = this.byKey.get(`${service}:${operation}`)?.stats;
    return s ? (outcome ? s.outcomes[outcome] : s.requests) : 0;
  }

  snapshot(): StatsSnapshot {
    const totals = { requests: 0, ...zeroOutcomes() };
    const services: StatsSnapshot['services'] = {};
    const round = (ms: number) => Math.round(ms * 1000) / 1000;
    for (const { service, operation, stats } of this.byKey.values()) {
      totals.requests += stats.requests;
      for (const o of OUTCOMES) {
        totals[o] += stats.outcomes[o];
      }
      (services[service] ??= {})[operation] = {
        requests: stats.requests,
        outcomes: { ...stats.outcomes },
        latencyMs: {
          total: round(stats.latencyMs.total),
          max: round(stats.latencyMs.max),
          mean: round(stats.requests ? stats.latencyMs.total / stats.requests : 0),
        },
      };
    }
    return { since: new Date(this.sinceMs).toISOString(), totals, services };
  }

  reset(): void {
    this.byKey.clear();
    this.sinceMs = Date.now();
  }
}
