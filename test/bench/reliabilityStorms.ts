import { classifyAnswer, sampleText, type AnswerKind, type Problem } from './reliabilityAnswers';
import type { Child } from './proxyProcesses';
import { runViewers, type Observation, type PanelRequest } from './viewerLoad';
import { simJson, simStats, type SimStats } from './simStats';

/**
 * Fault storms against a running proxy (issue 7): viewers of the Queues and NOC overview dashboards refresh their
 * panels through a warm phase, a storm phase (the simulator's fault injection, PUT /_sim/faults) and a recovery
 * phase, and every answer is recorded with the moment it was sent and received. Meanwhile /healthz is polled and
 * the proxy's resident memory sampled.
 */

/** A fault table of the simulator (docs/simulator.md, "Faults"). */
export type FaultTable = Record<
  string,
  { throttleRate?: number; errorRate?: number; latencyMs?: number; malformedRate?: number }
>;

export interface Storm {
  name: string;
  faults: FaultTable;
}

/**
 * The storms of issue 7. Throttling and malformed bodies hit the two data APIs at 100 % (no data call succeeds for
 * the whole storm: the worst case for the stale fallback); 5xx and latency hit every operation, lists included,
 * as an AWS-side incident would.
 */
export const STORMS: Storm[] = [
  {
    name: 'throttling 100 %',
    faults: { GetCurrentMetricData: { throttleRate: 1 }, GetMetricData: { throttleRate: 1 } },
  },
  { name: '5xx 20 %', faults: { '*': { errorRate: 0.2 } } },
  { name: 'latency +2 s', faults: { '*': { latencyMs: 2000 } } },
  {
    name: 'malformed bodies 100 %',
    faults: { GetCurrentMetricData: { malformedRate: 1 }, GetMetricData: { malformedRate: 1 } },
  },
];

export type PhaseName = 'warm' | 'storm' | 'recovery';
export const PHASES: PhaseName[] = ['warm', 'storm', 'recovery'];

export interface StormTimes {
  warmMs: number;
  stormMs: number;
  recoveryMs: number;
}

export interface PhaseTally {
  requests: number;
  fresh: number;
  stale: number;
  errors: number;
  /** Errors and stale answers by the upstream problem they name. */
  problems: Partial<Record<Problem, number>>;
  /** Highest data age among the answers (real-time frames, stale CloudWatch frames), ms. */
  maxDataAgeMs: number;
}

export interface StormResult {
  storm: Storm;
  /** Panel requests over the three phases, by HTTP status (0: no HTTP answer at all). */
  httpStatuses: Record<number, number>;
  phases: Record<PhaseName, PhaseTally>;
  /** Distinct error messages and stale notices (numbers blurred) with their counts, most frequent first. */
  samples: Array<{ kind: AnswerKind; text: string; count: number }>;
  health: { checks: number; failures: number; maxLatencyMs: number };
  /**
   * Upstream calls the simulator received (SDK retries included) per minute, in the warm phase and in the storm,
   * and how many of the storm's got the injected fault.
   */
  upstream: { calmPerMin: number; stormPerMin: number; stormCalls: number; faulted: number };
  /**
   * From the end of the storm (faults cleared): when the first fresh answer of any query arrived, and when every
   * query that was fresh before the storm had been answered fresh again (ms); `notRecovered` lists the queries
   * that never were within the recovery phase.
   */
  recovery: { firstFreshMs?: number; allFreshMs?: number; queries: number; notRecovered: string[] };
  rss: { startBytes: number; peakBytes: number; endBytes: number };
  /** Set when the proxy process exited during the storm (exit code or signal). */
  exited?: number | string;
}

export const setFaults = (simUrl: string, faults: FaultTable) => simJson(simUrl, '/_sim/faults', 'PUT', faults);

function callsOf(stats: SimStats): { calls: number; faulted: number } {
  let calls = 0;
  let faulted = 0;
  for (const ops of Object.values(stats.services ?? {})) {
    for (const s of Object.values(ops)) {
      calls += s.requests;
      faulted += (s.outcomes.fault_throttle ?? 0) + (s.outcomes.fault_error ?? 0) + (s.outcomes.fault_malformed ?? 0);
    }
  }
  return { calls, faulted };
}

const emptyTally = (): PhaseTally => ({ requests: 0, fresh: 0, stale: 0, errors: 0, problems: {}, maxDataAgeMs: 0 });

/** Polls GET /healthz every `everyMs` (each check times out after 2 s) until stopped. */
function pollHealth(proxyUrl: string, everyMs: number) {
  const health = { checks: 0, failures: 0, maxLatencyMs: 0 };
  let running = true;
  const loop = (async () => {
    while (running) {
      const t0 = performance.now();
      try {
        const res = await fetch(`${proxyUrl}/healthz`, { signal: AbortSignal.timeout(2000) });
        await res.text();
        if (!res.ok) {
          health.failures++;
        }
      } catch {
        health.failures++;
      }
      health.checks++;
      health.maxLatencyMs = Math.max(health.maxLatencyMs, performance.now() - t0);
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    health,
    stop: async () => {
      running = false;
      await loop;
    },
  };
}

/** Samples the proxy's VmRSS every `everyMs` until stopped. */
function sampleRss(proxy: Child, everyMs: number) {
  const rss = { startBytes: proxy.rss(), peakBytes: proxy.rss(), endBytes: 0 };
  const timer = setInterval(() => (rss.peakBytes = Math.max(rss.peakBytes, proxy.rss())), everyMs);
  return {
    rss,
    stop: () => {
      clearInterval(timer);
      rss.endBytes = proxy.rss();
      rss.peakBytes = Math.max(rss.peakBytes, rss.endBytes);
    },
  };
}

/**
 * One storm: `viewers` viewers refresh every panel every `refreshMs` through the three phases; the faults go on
 * after the warm phase and are cleared after the storm phase. A request belongs to the phase in which it was sent.
 */
export async function runStorm(
  simUrl: string,
  proxy: Child,
  panels: PanelRequest[],
  storm: Storm,
  times: StormTimes,
  viewers: number,
  refreshMs: number
): Promise<StormResult> {
  const observations: Observation[] = [];
  const health = pollHealth(proxy.url, 500);
  const memory = sampleRss(proxy, 500);
  let stormStart = Infinity;
  let stormEnd = Infinity;
  const upstream: StormResult['upstream'] = { calmPerMin: 0, stormPerMin: 0, stormCalls: 0, faulted: 0 };
  let faultError: unknown;
  const stats = async () => callsOf(await simStats(simUrl));
  const schedule = (async () => {
    await simJson(simUrl, '/_sim/stats', 'DELETE');
    const warmStart = Date.now();
    await new Promise((r) => setTimeout(r, times.warmMs));
    const calm = await stats();
    await simJson(simUrl, '/_sim/stats', 'DELETE');
    stormStart = Date.now();
    upstream.calmPerMin = (calm.calls * 60_000) / (stormStart - warmStart);
    await setFaults(simUrl, storm.faults);
    await new Promise((r) => setTimeout(r, times.stormMs));
    await setFaults(simUrl, {});
    // Requests sent from here on see no new fault (a call delayed by the storm may still be on its way back).
    stormEnd = Date.now();
    const during = await stats();
    upstream.stormCalls = during.calls;
    upstream.faulted = during.faulted;
    upstream.stormPerMin = (during.calls * 60_000) / (stormEnd - stormStart);
  })().catch((err: unknown) => {
    faultError = err;
  });
  try {
    await runViewers(
      proxy.url,
      panels,
      viewers,
      refreshMs,
      times.warmMs + times.stormMs + times.recoveryMs,
      Math.random,
      (o) => observations.push(o)
    );
    await schedule;
  } finally {
    // whatever happened, the next storm (or the load run) starts without faults
    await setFaults(simUrl, {}).catch(() => undefined);
    await health.stop();
    memory.stop();
  }
  if (faultError) {
    throw faultError;
  }
  return summarise(storm, observations, panels, stormStart, stormEnd, {
    health: health.health,
    upstream,
    rss: memory.rss,
    exited: proxy.exited(),
  });
}

/** The tallies of a storm from its observations. */
export function summarise(
  storm: Storm,
  observations: Observation[],
  panels: PanelRequest[],
  stormStart: number,
  stormEnd: number,
  extra: Pick<StormResult, 'health' | 'upstream' | 'rss' | 'exited'>
): StormResult {
  const phases: Record<PhaseName, PhaseTally> = { warm: emptyTally(), storm: emptyTally(), recovery: emptyTally() };
  const httpStatuses: Record<number, number> = {};
  const samples = new Map<string, { kind: AnswerKind; text: string; count: number }>();
  const panelIndex = new Map(panels.map((p, i) => [p, i]));
  const keyOf = (o: Observation, refId: string) => `${panelIndex.get(o.panel)}:${o.panel.panel} / ${refId}`;
  const freshBefore = new Set<string>();
  const firstFreshAfter = new Map<string, number>();
  let firstFreshMs: number | undefined;

  for (const o of [...observations].sort((a, b) => a.receivedAt - b.receivedAt)) {
    const phase: PhaseName = o.sentAt < stormStart ? 'warm' : o.sentAt < stormEnd ? 'storm' : 'recovery';
    const tally = phases[phase];
    tally.requests++;
    httpStatuses[o.httpStatus] = (httpStatuses[o.httpStatus] ?? 0) + 1;
    for (const [refId, answer] of Object.entries(o.results ?? {})) {
      const c = classifyAnswer(answer);
      tally[c.kind === 'error' ? 'errors' : c.kind]++;
      if (c.problem) {
        tally.problems[c.problem] = (tally.problems[c.problem] ?? 0) + 1;
      }
      if (c.text) {
        const text = sampleText(c.text);
        const s = samples.get(`${c.kind}|${text}`) ?? { kind: c.kind, text, count: 0 };
        s.count++;
        samples.set(`${c.kind}|${text}`, s);
      }
      tally.maxDataAgeMs = Math.max(tally.maxDataAgeMs, c.dataAgeMs ?? 0);
      const key = keyOf(o, refId);
      if (c.kind !== 'fresh') {
        continue;
      }
      if (phase === 'warm') {
        freshBefore.add(key);
      } else if (phase === 'recovery') {
        const after = o.receivedAt - stormEnd;
        firstFreshMs ??= after;
        if (!firstFreshAfter.has(key)) {
          firstFreshAfter.set(key, after);
        }
      }
    }
  }
  const notRecovered = [...freshBefore].filter((k) => !firstFreshAfter.has(k));
  const allFreshMs =
    freshBefore.size > 0 && notRecovered.length === 0
      ? Math.max(...[...freshBefore].map((k) => firstFreshAfter.get(k)!))
      : undefined;
  return {
    storm,
    httpStatuses,
    phases,
    samples: [...samples.values()].sort((a, b) => b.count - a.count),
    recovery: { firstFreshMs, allFreshMs, queries: freshBefore.size, notRecovered },
    ...extra,
  };
}

/** Why a storm fails its goals (empty: it met them). */
export function stormFailures(r: StormResult, ttlMs: number): string[] {
  const out: string[] = [];
  const bad = Object.entries(r.httpStatuses).filter(([s]) => Number(s) >= 500 || Number(s) === 0);
  if (bad.length > 0) {
    out.push(`HTTP ${bad.map(([s, n]) => `${s === '0' ? 'no answer' : s} × ${n}`).join(', ')}`);
  }
  if (r.exited !== undefined) {
    out.push(`the proxy exited (${r.exited})`);
  }
  if (r.health.failures > 0) {
    out.push(`/healthz failed ${r.health.failures} of ${r.health.checks} times`);
  }
  const unexplained = PHASES.reduce((n, p) => n + (r.phases[p].problems.unexplained ?? 0), 0);
  if (unexplained > 0) {
    out.push(`${unexplained} answers neither fresh, stale with its notice, nor an error naming the upstream problem`);
  }
  if (r.recovery.allFreshMs === undefined) {
    out.push(
      `no fresh answer after the storm for ${r.recovery.notRecovered.length} of ${r.recovery.queries} queries (${r.recovery.notRecovered.slice(0, 3).join('; ')})`
    );
  } else if (r.recovery.allFreshMs > ttlMs) {
    out.push(
      `every query fresh again only after ${(r.recovery.allFreshMs / 1000).toFixed(1)} s (TTL ${ttlMs / 1000} s)`
    );
  }
  return out;
}
