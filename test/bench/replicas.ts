import { startTestRedis, type TestRedis } from '../support/redis';
import { startProxyProcess, type Child } from './proxyProcesses';
import { percentile, runViewers, type LoadResult, type PanelRequest } from './viewerLoad';
import { simJson, simStats, upstreamOf, type UpstreamCounts } from './simStats';

/**
 * Replicas behind Grafana (issue 6, HA): the same viewers served by 1 proxy, by 3 proxies each on its own, and by
 * 3 proxies sharing a redis-server (REDIS_URL), viewers spread round-robin over the replicas as a load balancer
 * does. Each configuration starts cold (new proxies, an empty Redis prefix) against the same simulator, one after
 * the other; the simulator's counters (reset per configuration) give the upstream calls and throttles.
 */

export interface ReplicaConfig {
  name: string;
  replicas: number;
  redis: boolean;
}

export const REPLICA_CONFIGS: ReplicaConfig[] = [
  { name: '1 replica', replicas: 1, redis: false },
  { name: '3 replicas, no Redis', replicas: 3, redis: false },
  { name: '3 replicas + Redis', replicas: 3, redis: true },
];

export interface ReplicaPhase {
  config: ReplicaConfig;
  viewers: number;
  load: LoadResult;
  upstream: UpstreamCounts;
  /** Calls the proxies' own limiters refused (the wait would have been too long), all replicas together. */
  refused: number;
  /** switchboard_shared_cache_lookups_total by outcome, all replicas and caches together. */
  shared: Record<string, number>;
}

/** Sums of a counter's samples whose labels match, over the replicas' /metrics. */
async function counterSum(proxies: Child[], name: string, match: RegExp): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const p of proxies) {
    const text = await (await fetch(`${p.url}/metrics`)).text();
    for (const m of text.matchAll(new RegExp(`^${name}\\{([^}]*)\\} (\\d+(?:\\.\\d+)?)$`, 'gm'))) {
      const key = match.exec(m[1])?.[1];
      if (key !== undefined) {
        out[key] = (out[key] ?? 0) + Number(m[2]);
      }
    }
  }
  return out;
}

/** Merges the load results of the replicas' viewer groups into one. */
function merged(parts: LoadResult[]): LoadResult {
  return {
    requests: parts.reduce((n, p) => n + p.requests, 0),
    failedRequests: parts.reduce((n, p) => n + p.failedRequests, 0),
    queryErrors: parts.reduce((n, p) => n + p.queryErrors, 0),
    throttleErrors: parts.reduce((n, p) => n + p.throttleErrors, 0),
    errorSamples: parts.flatMap((p) => p.errorSamples).slice(0, 5),
    staleQueries: parts.reduce((n, p) => n + p.staleQueries, 0),
    latenciesMs: parts.flatMap((p) => p.latenciesMs),
    dataAgesMs: parts.flatMap((p) => p.dataAgesMs),
    elapsedMs: Math.max(...parts.map((p) => p.elapsedMs)),
  };
}

/** Viewer v goes to replica v mod N: the replicas get ceil or floor of V / N viewers each. */
export const viewersOf = (viewers: number, replicas: number, i: number) =>
  Math.floor(viewers / replicas) + (i < viewers % replicas ? 1 : 0);

async function runConfig(
  simUrl: string,
  redis: TestRedis | undefined,
  config: ReplicaConfig,
  panels: { panels: PanelRequest[]; refreshMs: number },
  viewers: number,
  seconds: number,
  run: number
): Promise<ReplicaPhase> {
  const env: Record<string, string> =
    config.redis && redis ? { REDIS_URL: redis.url, REDIS_KEY_PREFIX: `bench${run}:` } : {};
  const proxies = await Promise.all(Array.from({ length: config.replicas }, () => startProxyProcess(simUrl, env)));
  try {
    await simJson(simUrl, '/_sim/stats', 'DELETE');
    const loads = await Promise.all(
      proxies.map((p, i) =>
        runViewers(p.url, panels.panels, viewersOf(viewers, config.replicas, i), panels.refreshMs, seconds * 1000)
      )
    );
    const upstream = upstreamOf(await simStats(simUrl));
    const refused = await counterSum(proxies, 'switchboard_upstream_calls_total', /outcome="(rate_limited)"/);
    const shared = await counterSum(proxies, 'switchboard_shared_cache_lookups_total', /outcome="(\w+)"/);
    return { config, viewers, load: merged(loads), upstream, refused: refused.rate_limited ?? 0, shared };
  } finally {
    await Promise.all(proxies.map((p) => p.stop()));
  }
}

/** Runs every configuration in turn; a redis-server child process serves the Redis one. */
export async function replicaComparison(
  simUrl: string,
  panels: { panels: PanelRequest[]; refreshMs: number },
  options: { viewers: number; seconds: number; log?: (line: string) => void }
): Promise<ReplicaPhase[]> {
  const redis = await startTestRedis();
  const phases: ReplicaPhase[] = [];
  try {
    for (const [i, config] of REPLICA_CONFIGS.entries()) {
      if (i > 0) {
        // Connect's bucket (burst 8 at 5/s) fills up again between configurations.
        await new Promise((r) => setTimeout(r, 1600));
      }
      const phase = await runConfig(simUrl, redis, config, panels, options.viewers, options.seconds, i);
      phases.push(phase);
      options.log?.(`replicas: ${config.name}, ${phase.load.requests} requests`);
    }
  } finally {
    await redis.stop();
  }
  return phases;
}

const fmt = (n: number, digits = 0) =>
  Number.isFinite(n)
    ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : '–';
const perMin = (count: number, ms: number) => (count * 60_000) / ms;

/** Markdown for docs/benchmarks.md. */
export function replicaReport(phases: ReplicaPhase[], seconds: number): string[] {
  const lines: string[] = [];
  const viewers = phases[0]?.viewers ?? 0;
  lines.push(
    `\n### Replicas: ${viewers} viewers round-robin over the replicas, ${seconds} s per configuration, each starting cold\n`
  );
  lines.push(
    "| configuration | panel requests | GetCurrentMetricData calls (/min) | GetMetricData calls (/min) | upstream throttles | refused by the proxies' limiters | query errors (throttles) | latency p50 / p99 (ms) | shared lookups: hit / filled / waited / timeout / unavailable |"
  );
  lines.push('|---|---|---|---|---|---|---|---|---|');
  // Counts, and per minute of the phase: every configuration runs the same viewers' schedule for `seconds`, so the
  // counts compare directly (a slower configuration's longer tail of answers does not dilute its rate).
  const gcmd = (p: ReplicaPhase) => p.upstream.GetCurrentMetricData?.requests ?? 0;
  const gmd = (p: ReplicaPhase) => p.upstream.GetMetricData?.requests ?? 0;
  const counted = (n: number) => `${fmt(n)} (${fmt(perMin(n, seconds * 1000), 1)})`;
  const sorted = (p: ReplicaPhase) => [...p.load.latenciesMs].sort((a, b) => a - b);
  for (const p of phases) {
    const throttles = Object.values(p.upstream).reduce((n, u) => n + u.throttled, 0);
    const s = p.shared;
    const shared = p.config.redis
      ? ['hit', 'filled', 'waited', 'timeout', 'unavailable'].map((o) => fmt(s[o] ?? 0)).join(' / ')
      : '–';
    lines.push(
      `| ${p.config.name} | ${fmt(p.load.requests)} | ${counted(gcmd(p))} | ${counted(gmd(p))} | ${fmt(throttles)} | ${fmt(p.refused)} | ${fmt(p.load.queryErrors + p.load.failedRequests)} (${fmt(p.load.throttleErrors)}) | ${fmt(percentile(sorted(p), 50), 1)} / ${fmt(percentile(sorted(p), 99), 1)} | ${shared} |`
    );
  }
  const one = phases.find((p) => p.config.replicas === 1);
  const ratio = (a: number, b: number) => (b === 0 ? (a === 0 ? '1' : '∞') : `${fmt(a / b, 2)}×`);
  if (one) {
    lines.push('\nRatios to 1 replica (upstream calls):\n');
    lines.push('| configuration | GetCurrentMetricData | GetMetricData |');
    lines.push('|---|---|---|');
    for (const p of phases.filter((x) => x !== one)) {
      lines.push(`| ${p.config.name} ÷ 1 replica | ${ratio(gcmd(p), gcmd(one))} | ${ratio(gmd(p), gmd(one))} |`);
    }
  }
  const samples = phases
    .flatMap((p) => p.load.errorSamples.map((e) => `${p.config.name}: ${e}`))
    .slice(0, 6)
    .map((e) => `- ${e}`);
  if (samples.length) {
    lines.push(`\nSample errors:\n${samples.join('\n')}`);
  }
  return lines;
}
