import autocannon from 'autocannon';
import { BENCH_TOKEN, type Child } from './proxyProcesses';
import type { PanelRequest } from './viewerLoad';

/**
 * The cached /api/query in a tight loop: autocannon repeats one real-time panel's request against a warm proxy.
 *
 * Autocannon runs in this process, on the same 2 cores as the proxy, so what it sees at p99 is mostly its own
 * queueing: with C connections always busy, a request waits for the C - 1 ahead of it (Little's law: mean latency
 * = C / throughput). Two passes tell the proxy's cost apart from that: 10 connections (throughput at saturation)
 * and 4 connections (enough to pass 3,000 requests/s, little queueing). Each pass also reads the proxy's own
 * duration histogram (switchboard_http_request_duration_seconds, from receiving the request to sending the
 * answer) before and after, so the time spent inside the proxy is printed next to what the client saw.
 */

const CONNECTIONS = [4, 10];
const ROUTE = 'route="/api/query",method="POST",status="200"';

export interface LoopPass {
  connections: number;
  requestsPerSecond: number;
  client: { p50: number; p90: number; p99: number; max: number };
  /** The proxy's own p99 as the upper bound of the histogram bucket that holds it, ms. */
  proxyP99UpperMs: number;
  /** Share of the pass's requests the proxy answered within 1 ms by its own clock. */
  proxyWithin1Ms: number;
  non2xx: number;
  errors: number;
}

/** Cumulative bucket counts of the query route from the proxy's /metrics, by upper bound in seconds. */
async function queryBuckets(url: string): Promise<Map<number, number>> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const buckets = new Map<number, number>();
  for (const line of text.split('\n')) {
    if (line.startsWith('switchboard_http_request_duration_seconds_bucket{') && line.includes(ROUTE)) {
      const le = /le="([^"]+)"/.exec(line)![1];
      buckets.set(le === '+Inf' ? Infinity : Number(le), Number(line.slice(line.lastIndexOf(' ') + 1)));
    }
  }
  return buckets;
}

/** The smallest bucket bound holding quantile q of the requests between two readings of the histogram. */
export function quantileBound(before: Map<number, number>, after: Map<number, number>, q: number): number {
  const bounds = [...after.keys()].sort((a, b) => a - b);
  const delta = (le: number) => (after.get(le) ?? 0) - (before.get(le) ?? 0);
  const total = delta(Infinity);
  return bounds.find((le) => delta(le) >= q * total) ?? Infinity;
}

export async function cachedLoop(proxy: Child, wall: PanelRequest, seconds: number): Promise<LoopPass[]> {
  const now = Date.now();
  const body = JSON.stringify({
    range: { from: new Date(now - wall.rangeMs).toISOString(), to: new Date(now).toISOString() },
    maxDataPoints: 1000,
    queries: wall.queries,
  });
  const headers = { authorization: `Bearer ${BENCH_TOKEN}`, 'content-type': 'application/json' };
  const warm = await fetch(`${proxy.url}/api/query`, { method: 'POST', headers, body });
  if (!warm.ok) {
    throw new Error(`the warm-up request failed with HTTP ${warm.status}: ${await warm.text()}`);
  }
  await warm.text();
  // One discarded second under load, so that the first pass is not the one paying for the JIT's warm-up.
  await autocannon({ url: `${proxy.url}/api/query`, method: 'POST', headers, body, connections: 4, duration: 1 });

  const passes: LoopPass[] = [];
  for (const connections of CONNECTIONS) {
    const before = await queryBuckets(proxy.url);
    const result = await autocannon({
      url: `${proxy.url}/api/query`,
      method: 'POST',
      headers,
      body,
      connections,
      duration: seconds,
    });
    const after = await queryBuckets(proxy.url);
    const count = (le: number) => (after.get(le) ?? 0) - (before.get(le) ?? 0);
    passes.push({
      connections,
      requestsPerSecond: result.requests.average,
      client: {
        p50: result.latency.p50,
        p90: result.latency.p90,
        p99: result.latency.p99,
        max: result.latency.max,
      },
      proxyP99UpperMs: quantileBound(before, after, 0.99) * 1000,
      proxyWithin1Ms: count(Infinity) ? count(0.001) / count(Infinity) : 0,
      non2xx: result.non2xx,
      errors: result.errors,
    });
  }
  return passes;
}
