/**
 * The simulator's admin API as the benchmarks use it: JSON calls to /_sim/*, and the request counters of
 * /_sim/stats per operation (upstream calls and their throttles, as AWS would have counted them).
 */

export interface SimStats {
  services?: Record<string, Record<string, { requests: number; outcomes: Record<string, number> }>>;
}

/** Requests and throttles (the quota's and the injected ones) per operation. */
export type UpstreamCounts = Record<string, { requests: number; throttled: number }>;

/** A JSON call to the simulator's admin API; a non-2xx answer throws with its body. */
export async function simJson(simUrl: string, path: string, method = 'GET', body?: unknown): Promise<unknown> {
  const res = await fetch(`${simUrl}${path}`, {
    method,
    headers: body === undefined ? undefined : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) {
    throw new Error(`${method} ${path} on the simulator answered ${res.status}: ${await res.text()}`);
  }
  return res.json();
}

export async function simStats(simUrl: string): Promise<SimStats> {
  return (await simJson(simUrl, '/_sim/stats')) as SimStats;
}

export function upstreamOf(stats: SimStats): UpstreamCounts {
  const out: UpstreamCounts = {};
  for (const ops of Object.values(stats.services ?? {})) {
    for (const [op, s] of Object.entries(ops)) {
      out[op] = {
        requests: s.requests,
        throttled: (s.outcomes.throttled ?? 0) + (s.outcomes.fault_throttle ?? 0),
      };
    }
  }
  return out;
}
