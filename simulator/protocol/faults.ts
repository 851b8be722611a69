import { hashString, Rng } from '../model/random';
import type { Fault } from '../scenario/schema';
import type { ServiceName } from './awsError';

/**
 * Fault injection: per operation name (or "service:Operation", or "*" for every operation) a share of calls
 * answered with the service's throttling error, with its 5xx, or with a 200 whose body is not JSON, plus added
 * latency. Decisions are a pure function of (seed, operation, how many calls of that operation came before since
 * the fault table was last set), so a test or benchmark that replays the same call sequence sees the same faults.
 */

export type FaultKind = 'none' | 'throttle' | 'error' | 'malformed';

export interface FaultDecision {
  kind: FaultKind;
  latencyMs: number;
}

export type FaultTable = Record<string, Fault>;

/** setTimeout cannot wait longer than 2^31-1 ms; anything near that is a mistake anyway. */
export const MAX_LATENCY_MS = 600_000;

export class FaultInjector {
  private faults: FaultTable;
  private readonly counters = new Map<string, number>();

  constructor(
    private readonly seed: number,
    initial: FaultTable = {}
  ) {
    this.faults = { ...initial };
  }

  /** Replaces the whole table and restarts every operation's call count (so decisions replay from the start). */
  set(table: FaultTable): void {
    this.faults = { ...table };
    this.counters.clear();
  }

  clear(): void {
    this.set({});
  }

  table(): FaultTable {
    return { ...this.faults };
  }

  /** The fault in force for an operation: "*" fields, overridden by the operation's, overridden by "service:Op"'s. */
  faultFor(service: ServiceName, operation: string): Fault {
    return { ...this.faults['*'], ...this.faults[operation], ...this.faults[`${service}:${operation}`] };
  }

  decide(service: ServiceName, operation: string): FaultDecision {
    const fault = this.faultFor(service, operation);
    const latencyMs = Math.min(MAX_LATENCY_MS, Math.max(0, fault.latencyMs ?? 0));
    const throttle = fault.throttleRate ?? 0;
    const error = fault.errorRate ?? 0;
    const malformed = fault.malformedRate ?? 0;
    if (throttle + error + malformed <= 0) {
      return { kind: 'none', latencyMs };
    }
    const key = `${service}:${operation}`;
    const n = this.counters.get(key) ?? 0;
    this.counters.set(key, n + 1);
    // One uniform draw per call against cumulative thresholds: each rate is exactly its share of calls
    // (as long as they add up to at most 1; beyond that the later kinds get what is left).
    const u = Rng.of(this.seed, hashString(key), n).next();
    const kind: FaultKind =
      u < throttle
        ? 'throttle'
        : u < throttle + error
          ? 'error'
          : u < throttle + error + malformed
            ? 'malformed'
            : 'none';
    return { kind, latencyMs };
  }
}

/**
 * Injected delays that the server can cut short when it closes, so that a 10-minute latency fault never holds
 * up a shutdown.
 */
export class Delays {
  private readonly pending = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();

  wait(ms: number): Promise<void> {
    if (ms <= 0) {
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const entry = {
        timer: setTimeout(() => {
          this.pending.delete(entry);
          resolve();
        }, ms),
        resolve,
      };
      this.pending.add(entry);
    });
  }

  cancelAll(): void {
    for (const entry of this.pending) {
      clearTimeout(entry.timer);
      entry.resolve();
    }
    this.pending.clear();
  }

  get size(): number {
    return this.pending.size;
  }
}
