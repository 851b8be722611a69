import { Counter, Gauge, type Registry } from 'prom-client';
import { EXPORTED_METRICS, HEALTH_METRICS, type HealthQuery } from './catalogue';
import type { Sample } from './samples';

/**
 * The exporter's gauges in the proxy's registry (GET /metrics). A scrape reads what the last poll left here and
 * never calls AWS. Every catalogue gauge is registered at start, so /metrics lists them (HELP and TYPE) before the
 * first poll lands, and alert rules can be checked against it.
 */
export class ExporterGauges {
  private readonly gauges = new Map<string, Gauge<string>>();
  private readonly healthSeries = new Map<string, { query: HealthQuery; target: string }>();
  readonly lastSuccess: Gauge<'query' | 'target'>;
  readonly errors: Counter<'query' | 'target'>;
  readonly duration: Gauge;

  constructor(registry: Registry) {
    const registers = [registry];
    for (const m of EXPORTED_METRICS) {
      this.gauges.set(m.name, new Gauge({ name: m.name, help: m.help, labelNames: [...m.labels], registers }));
    }
    this.lastSuccess = new Gauge({
      name: HEALTH_METRICS.lastSuccess.name,
      help: HEALTH_METRICS.lastSuccess.help,
      labelNames: [...HEALTH_METRICS.lastSuccess.labels],
      registers,
    });
    this.errors = new Counter({
      name: HEALTH_METRICS.errors.name,
      help: HEALTH_METRICS.errors.help,
      labelNames: [...HEALTH_METRICS.errors.labels],
      registers,
    });
    this.duration = new Gauge({ name: HEALTH_METRICS.duration.name, help: HEALTH_METRICS.duration.help, registers });
  }

  /**
   * Replaces every exported series with `samples`: a series not among them (a deleted queue, a channel gone quiet)
   * disappears from /metrics. Synchronous, so a scrape never sees half of a poll.
   */
  publish(samples: Iterable<Sample>): void {
    const all = [...samples];
    for (const s of all) {
      if (!this.gauges.has(s.name)) {
        throw new Error(`the exporter has no gauge ${s.name} (proxy/exporter/catalogue.ts)`);
      }
    }
    this.gauges.forEach((g) => g.reset());
    for (const s of all) {
      this.gauges.get(s.name)!.set(s.labels, s.value);
    }
  }

  succeeded(query: HealthQuery, target: string, atMs: number): void {
    this.healthSeries.set(healthKey(query, target), { query, target });
    this.lastSuccess.set({ query, target }, atMs / 1000);
    // A counter that exists at 0 lets increase() see the first failure.
    this.errors.inc({ query, target }, 0);
  }

  failed(query: HealthQuery, target: string): void {
    this.healthSeries.set(healthKey(query, target), { query, target });
    this.errors.inc({ query, target });
  }

  /** Forgets the health series of queries no longer polled (an instance gone from `all`); keys from healthKey(). */
  retain(current: Set<string>): void {
    for (const [key, labels] of this.healthSeries) {
      if (!current.has(key)) {
        this.lastSuccess.remove(labels);
        this.errors.remove(labels);
        this.healthSeries.delete(key);
      }
    }
  }
}

export const healthKey = (query: HealthQuery, target: string) => `${query}|${target}`;
