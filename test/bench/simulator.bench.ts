/**
 * Simulator benchmark: prints numbers and their ratio to the goals of issue 2 in one run.
 *
 *   npm run bench:sim            (full)
 *   npm run bench:sim -- --quick (fewer repetitions)
 *
 * The simulator runs as its own process (npm run sim) with 5 instances x 500 queues x 2,000 agents; the real SDK
 * clients call it over loopback. The goals apply to the simulator: its time per call (from /_sim/stats) and its
 * peak resident memory (VmHWM); round trips through the SDK are printed too.
 * 1. GetCurrentMetricData for 500 queues x 13 metrics (goal <= 20 ms).
 * 2. GetMetricData for 500 queries x 1,440 points (goal <= 200 ms per call).
 * 3. Peak memory (goal <= 500 MB).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CloudWatchClient, GetMetricDataCommand, type MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import { ConnectClient, GetCurrentMetricDataCommand, type CurrentMetricName } from '@aws-sdk/client-connect';
import { REALTIME_METRICS, STANDARD_REALTIME_METRICS } from '../../src/connect/realtimeMetrics';
import { resolveWorld } from '../../simulator/scenario/world';
import { parseScenario } from '../../simulator/scenario/load';
import { bigScenario } from './bigScenario';
import { freePort } from '../support/ports';

const quick = process.argv.includes('--quick');
const REPS = quick ? 10 : 50;
const AT = '2026-11-18T16:00:00Z';
const AT_MS = Date.parse(AT);

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const out = await fn();
  return [performance.now() - t0, out];
}

function row(name: string, value: number, unit: string, goal: number) {
  const ratio = value / goal;
  console.log(
    `${name.padEnd(58)} ${value.toFixed(1).padStart(9)} ${unit.padEnd(3)} goal <= ${String(goal).padStart(4)} ${unit.padEnd(3)} ratio ${ratio.toFixed(2)} ${ratio <= 1 ? 'ok' : 'OVER'}`
  );
}

/** Peak and current resident set of a process, from /proc (Linux), in MB. */
function memoryOf(pid: number): { peak: number; now: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN);
  return { peak: kb('VmHWM') / 1024, now: kb('VmRSS') / 1024 };
}

/** Starts the simulator (npm run sim) in its own process, so that its memory is its own. */
async function startSimulatorProcess(scenarioFile: string): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'simulator/cli.ts', '--port', String(port), '--scenario', scenarioFile],
    {
      cwd: path.resolve(__dirname, '../..'),
      stdio: ['ignore', 'ignore', 'inherit'],
    }
  );
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    try {
      const res = await fetch(`${url}/_sim/health`);
      if (res.ok) {
        return { child, url };
      }
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error('the simulator did not start');
}

interface StatsBody {
  services: Record<string, Record<string, { latencyMs: { mean: number } }>>;
}
const admin = (url: string, route: string, init?: RequestInit): Promise<StatsBody> =>
  fetch(`${url}/_sim/${route}`, init).then((r) => r.json() as Promise<StatsBody>);

async function main() {
  const scenario = parseScenario(bigScenario(5, 500, 2000));
  scenario.apiQuotas = { GetCurrentMetricData: { rate: 1e6, burst: 1e6 }, GetMetricData: { rate: 1e6, burst: 1e6 } };
  const dir = mkdtempSync(path.join(tmpdir(), 'switchboard-bench-'));
  const scenarioFile = path.join(dir, 'scenario.json');
  writeFileSync(scenarioFile, JSON.stringify(scenario));
  const { child, url: endpoint } = await startSimulatorProcess(scenarioFile);
  await admin(endpoint, 'clock', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ freeze: AT }),
  });
  const config = {
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
    maxAttempts: 1,
  };
  const connect = new ConnectClient(config);
  const cloudwatch = new CloudWatchClient(config);
  const world = resolveWorld(scenario);
  console.log(
    `scenario: ${world.instances.length} instances x ${world.instances[0].queues.length} queues x ${world.instances[0].agents.length} agents, ${quick ? 'quick' : 'full'} run, Node ${process.version}\n`
  );

  // --- 1. GetCurrentMetricData
  const inst = world.instances[0];
  const gcmd = () =>
    connect.send(
      new GetCurrentMetricDataCommand({
        InstanceId: inst.id,
        Filters: { RoutingProfiles: inst.routingProfiles.map((r) => r.id), Channels: ['VOICE', 'CHAT'] },
        Groupings: ['QUEUE'],
        CurrentMetrics: STANDARD_REALTIME_METRICS.map((Name) => ({
          Name: Name as CurrentMetricName,
          Unit: REALTIME_METRICS[Name].unit,
        })),
        MaxResults: 100,
      })
    );
  const [coldMs, first] = await timed(gcmd);
  if (first.ApproximateTotalCount !== 500) {
    throw new Error(`expected 500 queue rows, got ${first.ApproximateTotalCount}`);
  }
  for (let i = 0; i < 10; i++) {
    await gcmd(); // JIT warm-up
  }
  await admin(endpoint, 'stats', { method: 'DELETE' });
  const gcmdTimes: number[] = [];
  for (let i = 0; i < REPS; i++) {
    gcmdTimes.push((await timed(gcmd))[0]);
  }
  const served = (await admin(endpoint, 'stats')).services.connect.GetCurrentMetricData.latencyMs;
  console.log(
    `GetCurrentMetricData, 500 queues (rows) x 13 metrics, one request (computes all 500 rows, returns a page of 100), ${REPS} calls`
  );
  console.log(`  first call ${coldMs.toFixed(0)} ms (it simulates the instance-day)`);
  row('  simulator time per call, mean (warm)', served.mean, 'ms', 20);
  console.log(
    `  round trip through the SDK client (same machine, client parsing included): p50 ${percentile(gcmdTimes, 50).toFixed(1)} ms, p95 ${percentile(gcmdTimes, 95).toFixed(1)} ms`
  );

  // --- 2. GetMetricData
  const end = Math.floor(AT_MS / 1000 / 60) * 60;
  const queries: MetricDataQuery[] = inst.queues.map((q, i) => ({
    Id: `m${i}`,
    MetricStat: {
      Metric: {
        Namespace: 'AWS/Connect',
        MetricName: 'QueueSize',
        Dimensions: [
          { Name: 'InstanceId', Value: inst.id },
          { Name: 'MetricGroup', Value: 'Queue' },
          { Name: 'QueueName', Value: q.name },
        ],
      },
      Period: 60,
      Stat: 'Maximum',
    },
  }));
  const gmdPage = (NextToken?: string) =>
    cloudwatch.send(
      new GetMetricDataCommand({
        MetricDataQueries: queries,
        StartTime: new Date((end - 86400) * 1000),
        EndTime: new Date(end * 1000),
        NextToken,
      })
    );
  const [gmdColdMs] = await timed(() => gmdPage());
  await admin(endpoint, 'stats', { method: 'DELETE' });
  const gmdTimes: number[] = [];
  const allPagesTimes: number[] = [];
  let points = 0;
  for (let i = 0; i < Math.max(3, REPS / 5); i++) {
    const t0 = performance.now();
    let token: string | undefined;
    let pages = 0;
    points = 0;
    do {
      const [ms, res] = await timed(() => gmdPage(token));
      gmdTimes.push(ms);
      token = res.NextToken;
      points += (res.MetricDataResults ?? []).reduce((s, r) => s + (r.Values?.length ?? 0), 0);
      pages++;
    } while (token);
    allPagesTimes.push(performance.now() - t0);
    if (i === 0) {
      console.log(
        `\nGetMetricData, 500 queries x 1,440 points (QueueSize, Maximum, 60 s, 24 h): ${points} points in ${pages} calls (100,800 per call)`
      );
    }
  }
  const gmdServed = (await admin(endpoint, 'stats')).services.cloudwatch.GetMetricData.latencyMs;
  console.log(`  first call ${gmdColdMs.toFixed(0)} ms (simulates the day(s) it needs)`);
  row('  simulator time per call, mean (warm)', gmdServed.mean, 'ms', 200);
  console.log(
    `  round trip through the SDK client (same machine, client parsing included): p50 ${percentile(gmdTimes, 50).toFixed(1)} ms, p95 ${percentile(gmdTimes, 95).toFixed(1)} ms`
  );
  console.log(`  all ${points} points, every page: p50 ${percentile(allPagesTimes, 50).toFixed(0)} ms`);

  // --- 3. memory: every instance's day simulated and queried
  for (const other of world.instances) {
    await connect.send(
      new GetCurrentMetricDataCommand({
        InstanceId: other.id,
        Filters: { RoutingProfiles: other.routingProfiles.slice(0, 10).map((r) => r.id) },
        Groupings: ['QUEUE'],
        CurrentMetrics: [{ Name: 'AGENTS_ONLINE', Unit: 'COUNT' }],
      })
    );
  }
  const mem = memoryOf(child.pid!);
  console.log(
    `\nMemory of the simulator process, 5 instances x 500 queues x 2,000 agents (each instance's day simulated, 24 h of CloudWatch read)`
  );
  row('  peak RSS (VmHWM)', mem.peak, 'MB', 500);
  console.log(`  RSS at the end ${mem.now.toFixed(0)} MB`);

  connect.destroy();
  cloudwatch.destroy();
  child.kill('SIGTERM');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
