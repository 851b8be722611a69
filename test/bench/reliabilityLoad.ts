import autocannon from 'autocannon';
import { BENCH_TOKEN, type Child } from './proxyProcesses';
import { panelBody, type PanelRequest } from './viewerLoad';

/**
 * The load run of issue 7: autocannon with C connections for T seconds against POST /api/query, each request the
 * next panel of the Queues and NOC overview dashboards in turn (real-time, CloudWatch and quota queries as the
 * dashboards mix them), with the range ending at the moment of sending, as Grafana sends it (the bodies are rebuilt
 * every second). Each answer is scanned for per-query errors; the proxy's resident memory is sampled every second.
 *
 * Autocannon runs in this process, on the same 2 cores as the proxy and the simulator: the latencies include its
 * own queueing (with 200 connections always busy a request waits for the 199 ahead of it).
 */

export interface LoadSummary {
  connections: number;
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  /**
   * The same requests by the proxy's own clock (from receiving a request to sending its answer), as the upper
   * bounds of the histogram buckets that hold p50 and p99, ms: what the proxy spent, without the queueing.
   */
  proxyMs: { p50: number; p99: number };
  /** Socket errors and timeouts (autocannon's `errors`, `timeouts`), and answers that were not 2xx. */
  errors: number;
  timeouts: number;
  non2xx: number;
  /** Queries answered with an error inside a 200 (their `status` is not 200), and a sample of them. */
  queryErrors: number;
  queryErrorSample?: string;
  /** VmRSS before the run, the highest sample (and VmHWM) during it, and at its end; bytes. */
  rss: { startBytes: number; peakBytes: number; endBytes: number; hwmBytes: number };
  /** VmRSS each second, bytes (for the memory-bounded check). */
  rssSamples: number[];
}

/** The proxy's own histogram of POST /api/query durations (cumulative counts by upper bound, seconds). */
async function proxyDurations(url: string): Promise<Map<number, number>> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const buckets = new Map<number, number>();
  for (const line of text.split('\n')) {
    if (line.startsWith('switchboard_http_request_duration_seconds_bucket{') && line.includes('route="/api/query"')) {
      const le = /le="([^"]+)"/.exec(line)![1];
      const bound = le === '+Inf' ? Infinity : Number(le);
      // summed over the status label
      buckets.set(bound, (buckets.get(bound) ?? 0) + Number(line.slice(line.lastIndexOf(' ') + 1)));
    }
  }
  return buckets;
}

/** The smallest bucket bound (ms) under which a share q of the requests between two readings finished. */
export function boundOf(before: Map<number, number>, after: Map<number, number>, q: number): number {
  const delta = (le: number) => (after.get(le) ?? 0) - (before.get(le) ?? 0);
  const total = delta(Infinity);
  const le = [...after.keys()].sort((a, b) => a - b).find((b) => delta(b) >= q * total) ?? Infinity;
  return le * 1000;
}

/** Per-query statuses in an answer without parsing it (the load generator shares the cores with the proxy). */
const QUERY_STATUS = /"status":(\d{3})/g;

export async function loadRun(
  proxy: Child,
  panels: PanelRequest[],
  connections: number,
  seconds: number
): Promise<LoadSummary> {
  let bodies = panels.map((p) => panelBody(p, Date.now()));
  const rebuild = setInterval(() => (bodies = panels.map((p) => panelBody(p, Date.now()))), 1000);
  let next = 0;
  let queryErrors = 0;
  let queryErrorSample: string | undefined;
  const rssSamples: number[] = [];
  const startBytes = proxy.rss();
  proxy.resetPeakRss();
  const sampler = setInterval(() => rssSamples.push(proxy.rss()), 1000);
  const before = await proxyDurations(proxy.url);
  try {
    const result = await autocannon({
      url: `${proxy.url}/api/query`,
      method: 'POST',
      headers: { authorization: `Bearer ${BENCH_TOKEN}`, 'content-type': 'application/json' },
      connections,
      duration: seconds,
      // a slow answer under 200 connections is not an error; one that takes this long is
      timeout: 30,
      requests: [
        {
          // round robin over the panels across all connections: every panel equally often
          setupRequest: (request) => ({ ...request, body: bodies[next++ % bodies.length] }),
          onResponse: (status, body) => {
            if (status !== 200) {
              return;
            }
            for (const m of body.matchAll(QUERY_STATUS)) {
              if (m[1] !== '200') {
                queryErrors++;
                queryErrorSample ??= body.slice(0, 300);
              }
            }
          },
        },
      ],
    });
    const endBytes = proxy.rss();
    const after = await proxyDurations(proxy.url);
    return {
      connections,
      seconds,
      requests: result.requests.total,
      requestsPerSecond: result.requests.average,
      latencyMs: {
        p50: result.latency.p50,
        p90: result.latency.p90,
        p99: result.latency.p99,
        max: result.latency.max,
      },
      proxyMs: { p50: boundOf(before, after, 0.5), p99: boundOf(before, after, 0.99) },
      errors: result.errors,
      timeouts: result.timeouts,
      non2xx: result.non2xx,
      queryErrors,
      queryErrorSample,
      rss: {
        startBytes,
        peakBytes: Math.max(startBytes, endBytes, ...rssSamples),
        endBytes,
        hwmBytes: proxy.peakRss(),
      },
      rssSamples,
    };
  } finally {
    clearInterval(rebuild);
    clearInterval(sampler);
  }
}

/**
 * Memory is bounded when the peak stays under `ceilingBytes` and the resident memory levels off. V8's heap rises
 * and falls between collections (a saw-tooth of tens of MB under this load), so the halves of the run are compared
 * by their median: at most 20 % more in the second half. A leak of a kilobyte per request (60 MB per 30 s at 2,000
 * requests a second) would break that; runs shorter than 20 samples are too short to tell and skip it. Returns
 * why memory is not bounded, or undefined.
 */
export function memoryProblem(samples: number[], ceilingBytes: number): string | undefined {
  const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;
  const peak = Math.max(0, ...samples);
  if (peak > ceilingBytes) {
    return `resident memory peaked at ${mb(peak)}, above ${mb(ceilingBytes)}`;
  }
  const [first, second] = halfMedians(samples);
  if (samples.length >= 20 && second > first * 1.2) {
    return `resident memory still growing: median ${mb(first)} in the first half of the run, ${mb(second)} in the second`;
  }
  return undefined;
}

/** The medians of the first and the second half of the samples. */
export function halfMedians(samples: number[]): [number, number] {
  const median = (xs: number[]) => {
    const sorted = [...xs].sort((a, b) => a - b);
    return sorted.length === 0 ? NaN : sorted[Math.floor((sorted.length - 1) / 2)];
  };
  const half = Math.floor(samples.length / 2);
  return [median(samples.slice(0, half)), median(samples.slice(half))];
}
