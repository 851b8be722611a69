import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Dashboard } from '@grafana/schema';
import type { SwitchboardQuery } from '../../src/connect/proxyApi';
import { instanceValues, interpolatedTargets, panelsOf, type VariableValues } from '../support/dashboards';
import { BENCH_TOKEN, ROOT } from './proxyProcesses';

/**
 * Viewers of the Queues, NOC overview and (once it exists) Service level dashboards, as Grafana runs them: every
 * refresh interval each panel's targets go in one POST /api/query (one request per panel), the dashboard's relative
 * range (or the panel's own, "Today" = now/d) taken at that moment. Viewers start at random offsets within the
 * interval, as screens switched on at different times do.
 */

/**
 * The dashboards a viewer keeps open, an explicit list (so that a new dashboard does not silently change the load the
 * benchmarks compare run to run); a file not (yet) under dashboards/ is left out, so the list can name the Service
 * level dashboard before it is written.
 */
export const DASHBOARD_CANDIDATES = ['queues.json', 'noc-overview.json', 'service-level.json'];
export const DASHBOARDS = DASHBOARD_CANDIDATES.filter((f) => existsSync(path.join(ROOT, 'dashboards', f)));

export interface PanelRequest {
  dashboard: string;
  panel: string;
  /** The dashboard's range length (now-3h -> 3 h), ms. */
  rangeMs: number;
  /** The panel's own relative time (Grafana's "timeFrom", e.g. now/d for a "Today" table), replacing the range. */
  timeFrom?: string;
  /** The dashboard's own relative start (now-3h, now/d). */
  dashboardFrom?: string;
  queries: SwitchboardQuery[];
}

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/**
 * The range a panel asks for at `now`: from its own relative time (Grafana's "timeFrom": now/d for a "Today" table,
 * now-30d/d) or else the dashboard's (now-3h, now/d), to now. Day boundaries are UTC's: the dashboards' time zone is
 * the browser's, and the benchmark's browser is taken to run in UTC.
 */
export function panelRange(p: PanelRequest, now: number): { fromMs: number; toMs: number } {
  const expr = p.timeFrom ?? p.dashboardFrom ?? `now-${p.rangeMs / 3_600_000}h`;
  const m = /^now(?:-(\d+)([mhd]))?(\/d)?$/.exec(expr);
  if (!m) {
    throw new Error(`${p.dashboard} / ${p.panel}: relative time "${expr}" is not one the benchmark reads`);
  }
  const back = m[1] ? now - Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS] : now;
  return { fromMs: m[3] ? Math.floor(back / UNIT_MS.d) * UNIT_MS.d : back, toMs: now };
}

const refreshMs = (d: Dashboard) => {
  const m = /^(\d+)(s|m)$/.exec(d.refresh ?? '');
  return m ? Number(m[1]) * (m[2] === 'm' ? 60_000 : 1000) : 10_000;
};

/** The panels' requests with the variables' values (the panels of a repeated row once per value). */
export function panelRequests(values: VariableValues): { panels: PanelRequest[]; refreshMs: number } {
  const panels: PanelRequest[] = [];
  let refresh = Infinity;
  for (const file of DASHBOARDS) {
    const d = JSON.parse(readFileSync(path.join(ROOT, 'dashboards', file), 'utf8')) as Dashboard;
    refresh = Math.min(refresh, refreshMs(d));
    const hours = Number(/now-(\d+)h/.exec(d.time?.from ?? '')?.[1] ?? 1);
    for (const p of panelsOf(d)) {
      const runs = p.repeat ? values[p.repeat].map((v) => ({ ...values, [p.repeat!]: [v] })) : [values];
      for (const vars of runs) {
        const timeFrom = (p as { timeFrom?: string }).timeFrom;
        panels.push({
          dashboard: file,
          panel: p.title ?? '',
          rangeMs: hours * 3600_000,
          dashboardFrom: d.time?.from,
          ...(timeFrom ? { timeFrom } : {}),
          queries: interpolatedTargets(p, vars),
        });
      }
    }
  }
  return { panels, refreshMs: refresh };
}

export interface LoadResult {
  requests: number;
  /** Requests that failed as a whole (non-200, network). */
  failedRequests: number;
  /** Queries answered with an error, and those of them that are throttles (429 or a throttling message). */
  queryErrors: number;
  throttleErrors: number;
  errorSamples: string[];
  /** Queries answered from an old answer (meta.custom.stale). */
  staleQueries: number;
  latenciesMs: number[];
  /** Real-time frames' meta.custom.dataAgeMs at the response. */
  dataAgesMs: number[];
  elapsedMs: number;
}

export interface Frame {
  schema?: { meta?: { custom?: { dataAgeMs?: number; stale?: boolean }; notices?: Array<{ text?: string }> } };
}

export interface QueryAnswer {
  status: number;
  error?: string;
  frames?: Frame[];
}

/** One panel request as its viewer saw it, for callers that look at every answer (the reliability storms). */
export interface Observation {
  panel: PanelRequest;
  /** Epoch ms when the request was sent and when its answer (or failure) came. */
  sentAt: number;
  receivedAt: number;
  /** The HTTP status; 0 when the request failed without one (connection refused or reset). */
  httpStatus: number;
  results?: Record<string, QueryAnswer>;
  /** The network error, or a body that was not the API's JSON. */
  error?: string;
}

/** A panel's POST /api/query body as Grafana sends it at `now`: the dashboard's (or the panel's) range ending then. */
export function panelBody(p: PanelRequest, now: number): string {
  const { fromMs, toMs } = panelRange(p, now);
  return JSON.stringify({
    range: { from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString() },
    maxDataPoints: 1000,
    intervalMs: Math.max(10_000, Math.round((toMs - fromMs) / 1000)),
    queries: p.queries,
  });
}

/** V viewers refreshing every panel for durationMs; returns when the last request has answered. */
export async function runViewers(
  proxyUrl: string,
  panels: PanelRequest[],
  viewers: number,
  refresh: number,
  durationMs: number,
  random: () => number = Math.random,
  observe?: (o: Observation) => void
): Promise<LoadResult> {
  const out: LoadResult = {
    requests: 0,
    failedRequests: 0,
    queryErrors: 0,
    throttleErrors: 0,
    errorSamples: [],
    staleQueries: 0,
    latenciesMs: [],
    dataAgesMs: [],
    elapsedMs: 0,
  };
  const inflight = new Set<Promise<void>>();
  const one = async (p: PanelRequest) => {
    const now = Date.now();
    const body = panelBody(p, now);
    const t0 = performance.now();
    out.requests++;
    let httpStatus = 0;
    try {
      const res = await fetch(`${proxyUrl}/api/query`, {
        method: 'POST',
        headers: { authorization: `Bearer ${BENCH_TOKEN}`, 'content-type': 'application/json' },
        body,
      });
      httpStatus = res.status;
      const json = (await res.json()) as { results?: Record<string, QueryAnswer> };
      out.latenciesMs.push(performance.now() - t0);
      observe?.({ panel: p, sentAt: now, receivedAt: Date.now(), httpStatus, results: json.results });
      if (!res.ok || !json.results) {
        out.failedRequests++;
        return;
      }
      for (const [refId, r] of Object.entries(json.results)) {
        if (r.status !== 200) {
          out.queryErrors++;
          if (r.status === 429 || /throttl/i.test(r.error ?? '')) {
            out.throttleErrors++;
          }
          if (out.errorSamples.length < 5) {
            out.errorSamples.push(`${p.dashboard} / ${p.panel} / ${refId}: ${r.status} ${r.error}`);
          }
          continue;
        }
        const custom = r.frames?.[0]?.schema?.meta?.custom;
        if (custom?.stale) {
          out.staleQueries++;
        }
        const q = p.queries.find((x) => x.refId === refId);
        if (q?.queryType === 'realtime' && typeof custom?.dataAgeMs === 'number') {
          out.dataAgesMs.push(custom.dataAgeMs);
        }
      }
    } catch (err) {
      out.latenciesMs.push(performance.now() - t0);
      out.failedRequests++;
      observe?.({ panel: p, sentAt: now, receivedAt: Date.now(), httpStatus, error: (err as Error).message });
      if (out.errorSamples.length < 5) {
        out.errorSamples.push(`${p.dashboard} / ${p.panel}: ${(err as Error).message}`);
      }
    }
  };
  const started = Date.now();
  const timers: NodeJS.Timeout[] = [];
  const refreshAll = () => {
    for (const p of panels) {
      const task = one(p).finally(() => inflight.delete(task));
      inflight.add(task);
    }
  };
  for (let v = 0; v < viewers; v++) {
    // within the interval, or within a run shorter than it (--quick) so that every viewer refreshes at least once
    const offset = random() * Math.min(refresh, durationMs);
    timers.push(
      setTimeout(() => {
        refreshAll();
        const every = setInterval(() => {
          if (Date.now() - started + 1 < durationMs) {
            refreshAll();
          }
        }, refresh);
        timers.push(every);
      }, offset)
    );
  }
  await new Promise((r) => setTimeout(r, durationMs));
  timers.forEach((t) => clearTimeout(t));
  while (inflight.size > 0) {
    await Promise.all([...inflight]);
  }
  out.elapsedMs = Date.now() - started;
  return out;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) {
    return NaN;
  }
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** The dashboards' variables for the simulator's first us-east-1 instance: every standard queue, every channel. */
export async function scenarioValues(simUrl: string): Promise<VariableValues> {
  const scenario = (await (await fetch(`${simUrl}/_sim/scenario`)).json()) as {
    instances: Array<{ id: string; region: string; queues: Array<{ name: string; type: string }> }>;
  };
  return instanceValues(scenario.instances.find((i) => i.region === 'us-east-1')!);
}
