import { parseArgs } from 'node:util';
import { cachedLoop } from './cachedLoop';
import { microBenchmarks } from './proxyMicro';
import { BENCH_TOKEN, startProxyProcess, startSimulatorProcess, type Child } from './proxyProcesses';
import { replicaComparison, replicaReport } from './replicas';
import { panelRequests, percentile, runViewers, scenarioValues, type LoadResult } from './viewerLoad';
import { simJson, simStats, upstreamOf, type UpstreamCounts } from './simStats';

/**
 * npm run bench [-- --quick] [-- --seconds N] [-- --viewers 1,10,50,200] [-- --replicas] [-- --replica-viewers 50]
 *
 * The viewer-load benchmark of the proxy (issue 6): the simulator (AWS's request quotas) and the proxy run as child
 * processes; V viewers refresh every panel of the dashboards of viewerLoad.ts (Queues, NOC overview, and Service
 * level when dashboards/ has it) over HTTP for T seconds, once
 * with the proxy's caches (CACHE_MODE=cache) and once without (passthrough), one proxy per mode for all phases
 * (viewer counts ascending, as a running proxy meets more screens). Then the cached /api/query in a tight loop
 * (autocannon, on the cache-mode proxy), the replicas comparison (1 proxy, 3 proxies alone, 3 proxies sharing a
 * redis-server: replicas.ts) and the micro-benchmarks. Prints markdown tables for docs/benchmarks.md.
 * `--replicas` runs the replicas comparison only; `--quick` leaves it out unless `--replicas` is given.
 */

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    seconds: { type: 'string' },
    viewers: { type: 'string' },
    replicas: { type: 'boolean', default: false },
    'replica-viewers': { type: 'string' },
  },
});
const replicasOnly = args.replicas ?? false;
const withReplicas = replicasOnly || !(args.quick ?? false);
const replicaViewers = Number(args['replica-viewers'] ?? 50);
const quick = args.quick ?? false;
const seconds = Number(args.seconds ?? (quick ? 3 : 60));
const viewerCounts = (args.viewers ?? (quick ? '1,50,200' : '1,10,50,200')).split(',').map(Number);
const MODES = ['cache', 'passthrough'] as const;
type Mode = (typeof MODES)[number];

interface Phase {
  viewers: number;
  mode: Mode;
  load: LoadResult;
  /** Upstream requests per operation as the simulator counted them, and their throttles. */
  upstream: UpstreamCounts;
  /** GetCurrentMetricData calls the proxy wanted but refused itself (its rate limiter's wait would be too long). */
  gcmdRateLimited: number;
  peakRssBytes: number;
}

async function rateLimited(proxy: Child): Promise<number> {
  const text = await (await fetch(`${proxy.url}/metrics`)).text();
  const m =
    /switchboard_upstream_calls_total\{[^}]*operation="GetCurrentMetricData"[^}]*outcome="rate_limited"[^}]*\} (\d+)/.exec(
      text
    );
  return m ? Number(m[1]) : 0;
}

/**
 * One phase on a running proxy of its mode: the peak memory restarts from the current one, and the limiter's
 * refusals are counted from the phase's start. The proxy keeps its caches from the previous (smaller) phase, as a
 * proxy that has been running does; the first phase of each mode starts cold.
 */
async function phase(
  simUrl: string,
  proxy: Child,
  viewers: number,
  mode: Mode,
  panels: ReturnType<typeof panelRequests>,
  afterPassthrough: boolean
): Promise<Phase> {
  if (afterPassthrough) {
    // Let the simulator's token buckets refill after a passthrough phase (GetCurrentMetricData: burst 8 at 5/s).
    await new Promise((r) => setTimeout(r, 1600));
  }
  await simJson(simUrl, '/_sim/stats', 'DELETE');
  const refusedBefore = await rateLimited(proxy);
  proxy.resetPeakRss();
  const load = await runViewers(proxy.url, panels.panels, viewers, panels.refreshMs, seconds * 1000);
  const upstream = upstreamOf(await simStats(simUrl));
  return {
    viewers,
    mode,
    load,
    upstream,
    gcmdRateLimited: (await rateLimited(proxy)) - refusedBefore,
    peakRssBytes: proxy.peakRss(),
  };
}

const fmt = (n: number, digits = 0) =>
  Number.isFinite(n)
    ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : '–';
const perMin = (count: number, ms: number) => (count * 60_000) / ms;

function report(phases: Phase[]): void {
  const ops = [
    'GetCurrentMetricData',
    'GetMetricData',
    'GetMetricDataV2',
    'ListMetrics',
    'ListQueues',
    'ListInstances',
  ];
  console.log(
    `\n### Viewer load: ${seconds} s per phase, refresh 10 s, REALTIME_CACHE_TTL_MS=${process.env.REALTIME_CACHE_TTL_MS ?? 10_000}\n`
  );
  console.log(
    `| viewers | mode | panel requests | req/s | ${ops.map((o) => `${o} /min`).join(' | ')} | upstream throttles | GCMD refused by the proxy's limiter | query errors (throttles) | stale answers | latency p50 / p95 / p99 (ms) | data age p50 / max (s) | proxy peak RSS (MB) |`
  );
  console.log(`|${'---|'.repeat(12 + ops.length)}`);
  for (const p of phases) {
    const lat = [...p.load.latenciesMs].sort((a, b) => a - b);
    const ages = [...p.load.dataAgesMs].sort((a, b) => a - b);
    const throttles = Object.values(p.upstream).reduce((n, u) => n + u.throttled, 0);
    console.log(
      `| ${p.viewers} | ${p.mode} | ${fmt(p.load.requests)} | ${fmt((p.load.requests * 1000) / p.load.elapsedMs, 1)} | ${ops
        .map((o) => fmt(perMin(p.upstream[o]?.requests ?? 0, p.load.elapsedMs), 1))
        .join(
          ' | '
        )} | ${fmt(throttles)} | ${fmt(p.gcmdRateLimited)} | ${fmt(p.load.queryErrors + p.load.failedRequests)} (${fmt(p.load.throttleErrors)}) | ${fmt(p.load.staleQueries)} | ${fmt(percentile(lat, 50), 1)} / ${fmt(percentile(lat, 95), 1)} / ${fmt(percentile(lat, 99), 1)} | ${fmt(percentile(ages, 50) / 1000, 1)} / ${fmt(ages[ages.length - 1] / 1000, 1)} | ${fmt(p.peakRssBytes / 1024 / 1024)} |`
    );
  }
  console.log(
    '\nRatios, passthrough ÷ cache (GetCurrentMetricData calls per minute: reaching AWS; and wanted = reaching AWS + refused by the proxy limiter):\n'
  );
  console.log(
    '| viewers | GCMD reaching AWS | GCMD wanted | GetMetricData | GetMetricDataV2 | p99 latency | query errors |'
  );
  console.log('|---|---|---|---|---|---|---|');
  for (const v of viewerCounts) {
    const c = phases.find((p) => p.viewers === v && p.mode === 'cache');
    const x = phases.find((p) => p.viewers === v && p.mode === 'passthrough');
    if (!c || !x) {
      continue;
    }
    const gcmd = (p: Phase) => perMin(p.upstream.GetCurrentMetricData?.requests ?? 0, p.load.elapsedMs);
    const wanted = (p: Phase) => gcmd(p) + perMin(p.gcmdRateLimited, p.load.elapsedMs);
    const gmd = (p: Phase) => perMin(p.upstream.GetMetricData?.requests ?? 0, p.load.elapsedMs);
    const gmdv2 = (p: Phase) => perMin(p.upstream.GetMetricDataV2?.requests ?? 0, p.load.elapsedMs);
    const p99 = (p: Phase) =>
      percentile(
        [...p.load.latenciesMs].sort((a, b) => a - b),
        99
      );
    const errors = (p: Phase) => p.load.queryErrors + p.load.failedRequests;
    const ratio = (a: number, b: number) => (b === 0 ? (a === 0 ? '1' : '∞') : `${fmt(a / b, 1)}×`);
    console.log(
      `| ${v} | ${ratio(gcmd(x), gcmd(c))} | ${ratio(wanted(x), wanted(c))} | ${ratio(gmd(x), gmd(c))} | ${ratio(gmdv2(x), gmdv2(c))} | ${ratio(p99(x), p99(c))} | ${fmt(errors(x))} vs ${fmt(errors(c))} |`
    );
  }
  const samples = phases.flatMap((p) => p.load.errorSamples.map((s) => `${p.viewers} ${p.mode}: ${s}`)).slice(0, 8);
  if (samples.length) {
    console.log(`\nSample errors:\n${samples.map((s) => `- ${s}`).join('\n')}`);
  }
}

async function tightLoop(proxy: Child, panels: ReturnType<typeof panelRequests>): Promise<void> {
  proxy.resetPeakRss();
  const wall = panels.panels.find((p) => p.queries.every((q) => q.queryType === 'realtime'))!;
  const duration = quick ? 2 : 15;
  const passes = await cachedLoop(proxy, wall, duration);
  console.log(`\n### Cached /api/query in a tight loop (autocannon in the bench process, ${duration} s per pass)\n`);
  console.log(
    `Request: the "${wall.panel}" panel (${wall.dashboard}). "client" is what autocannon measured (its own queueing on the shared 2 cores included); "proxy" is the proxy's own duration histogram over the same requests.\n`
  );
  console.log(
    '| connections | requests/s (mean) | client latency p50 / p90 / p99 / max (ms) | proxy p99 (ms, bucket bound) | proxy ≤ 1 ms | non-2xx | errors |'
  );
  console.log('|---|---|---|---|---|---|---|');
  for (const p of passes) {
    console.log(
      `| ${p.connections} | ${fmt(p.requestsPerSecond)} | ${p.client.p50} / ${p.client.p90} / ${p.client.p99} / ${p.client.max} | ≤ ${p.proxyP99UpperMs} | ${fmt(p.proxyWithin1Ms * 100, 1)} % | ${p.non2xx} | ${p.errors} |`
    );
  }
  console.log(`\nProxy peak RSS over both passes: ${fmt(proxy.peakRss() / 1024 / 1024)} MB.`);
}

async function main(): Promise<void> {
  const started = Date.now();
  const simulator = await startSimulatorProcess();
  try {
    const values = await scenarioValues(simulator.url);
    const panels = panelRequests(values);
    console.log(
      `Simulator ${simulator.url} (AWS request quotas), ${panels.panels.length} panels (${panels.panels.reduce((n, p) => n + p.queries.length, 0)} queries) per viewer every ${panels.refreshMs / 1000} s; ${replicasOnly ? `replicas comparison only, ${replicaViewers} viewers` : `viewers ${viewerCounts.join(', ')}`}; ${seconds} s per phase.`
    );
    // One proxy per mode for every phase (started together; a start costs about 1.5 s).
    const proxies = Object.fromEntries(
      await Promise.all(
        (replicasOnly ? [] : MODES).map(async (mode) => [
          mode,
          await startProxyProcess(simulator.url, { CACHE_MODE: mode }),
        ])
      )
    ) as Record<Mode, Child>;
    try {
      // Warm-up: the simulator computes the day on its first calls; no phase should pay for it. (A throwaway proxy,
      // so that the cache phases start cold.)
      const warm = await startProxyProcess(simulator.url);
      await runViewers(warm.url, panels.panels, 1, panels.refreshMs, 1, () => 0);
      await warm.stop();
      process.stderr.write(`warm-up done at ${((Date.now() - started) / 1000).toFixed(1)} s\n`);

      const phases: Phase[] = [];
      let afterPassthrough = false;
      for (const v of replicasOnly ? [] : viewerCounts) {
        for (const mode of MODES) {
          const p = await phase(simulator.url, proxies[mode], v, mode, panels, afterPassthrough);
          afterPassthrough = mode === 'passthrough';
          phases.push(p);
          process.stderr.write(
            `phase ${v} viewers ${mode}: ${p.load.requests} requests, load ${(p.load.elapsedMs / 1000).toFixed(1)} s (at ${((Date.now() - started) / 1000).toFixed(1)} s)\n`
          );
        }
      }
      if (!replicasOnly) {
        report(phases);
        await tightLoop(proxies.cache, panels);
        process.stderr.write(`tight loop done at ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
      }
    } finally {
      await Promise.all(Object.values(proxies).map((p) => p.stop()));
    }

    if (withReplicas) {
      const replicaPhases = await replicaComparison(simulator.url, panels, {
        viewers: replicaViewers,
        seconds,
        log: (line) => process.stderr.write(`${line} (at ${((Date.now() - started) / 1000).toFixed(1)} s)\n`),
      });
      replicaReport(replicaPhases, seconds).forEach((line) => console.log(line));
    }
    if (replicasOnly) {
      console.log(`\nTotal ${((Date.now() - started) / 1000).toFixed(0)} s.`);
      return;
    }

    console.log('\n### Micro-benchmarks (no network)\n');
    console.log('| measurement | median (ms) | worst (ms) | goal | note |');
    console.log('|---|---|---|---|---|');
    for (const m of await microBenchmarks(quick)) {
      console.log(
        `| ${m.name} | ${fmt(m.medianMs, 2)} | ${fmt(m.maxMs, 2)} | ${m.goalMs ? `≤ ${m.goalMs} ms` : ''} | ${m.note} |`
      );
    }
    console.log(`\nTotal ${((Date.now() - started) / 1000).toFixed(0)} s.`);
  } finally {
    await simulator.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
