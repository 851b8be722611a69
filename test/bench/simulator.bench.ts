/**
 * Simulator benchmark: prints numbers and their ratio to the goals of issue 2 in one run.
 *
 *   npm run bench:sim            (full)
 *   npm run bench:sim -- --quick (fewer repetitions)
 *
 * 1. GetCurrentMetricData for 500 queues x 13 metrics (goal <= 20 ms), through the real SDK over loopback.
 * 2. GetMetricData for 500 queries x 1,440 points (goal <= 200 ms per call).
 * 3. Peak memory for 5 instances x 500 queues x 2,000 agents (goal <= 500 MB RSS).
 */
import type { AddressInfo } from 'node:net';
import { CloudWatchClient, GetMetricDataCommand, type MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import { ConnectClient, GetCurrentMetricDataCommand, type CurrentMetricName } from '@aws-sdk/client-connect';
import { REALTIME_METRICS, STANDARD_REALTIME_METRICS } from '../../src/connect/realtimeMetrics';
import { buildSimulator } from '../../simulator/app';
import { Clock } from '../../simulator/clock';
import { ModelMetricSource } from '../../simulator/model/cloudwatch/source';
import { parseScenario } from '../../simulator/scenario/load';
import { connectOperations } from '../../simulator/services/connect';
import { cloudWatchOperations } from '../../simulator/services/cloudwatch';
import { bigScenario } from './bigScenario';

const quick = process.argv.includes('--quick');
const REPS = quick ? 10 : 50;
const AT = Date.parse('2026-11-18T16:00:00Z');

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const mb = (bytes: number) => Math.round(bytes / 1e6);
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const out = await fn();
  return [performance.now() - t0, out];
}

function row(name: string, value: number, unit: string, goal: number) {
  const ratio = value / goal;
  console.log(`${name.padEnd(58)} ${value.toFixed(1).padStart(9)} ${unit.padEnd(3)} goal <= ${String(goal).padStart(4)} ${unit.padEnd(3)} ratio ${ratio.toFixed(2)} ${ratio <= 1 ? 'ok' : 'OVER'}`);
}

async function main() {
  const scenario = parseScenario(bigScenario(5, 500, 2000));
  scenario.apiQuotas = { GetCurrentMetricData: { rate: 1e6, burst: 1e6 }, GetMetricData: { rate: 1e6, burst: 1e6 } };
  const clock = new Clock();
  clock.freeze(AT);
  const sim = await buildSimulator({
    scenario,
    clock,
    operations: [...connectOperations(), ...cloudWatchOperations()],
    metrics: ({ world, model }) => new ModelMetricSource(world, model, clock),
  });
  await sim.app.listen({ port: 0, host: '127.0.0.1' });
  const endpoint = `http://127.0.0.1:${(sim.app.server.address() as AddressInfo).port}`;
  const config = { endpoint, region: 'us-east-1', credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' }, maxAttempts: 1 };
  const connect = new ConnectClient(config);
  const cloudwatch = new CloudWatchClient(config);
  const world = sim.context.world;
  console.log(`scenario: ${world.instances.length} instances x ${world.instances[0].queues.length} queues x ${world.instances[0].agents.length} agents, ${quick ? 'quick' : 'full'} run, Node ${process.version}\n`);

  // --- 1. GetCurrentMetricData
  const inst = world.instances[0];
  const gcmd = () =>
    connect.send(
      new GetCurrentMetricDataCommand({
        InstanceId: inst.id,
        Filters: { RoutingProfiles: inst.routingProfiles.map((r) => r.id), Channels: ['VOICE', 'CHAT'] },
        Groupings: ['QUEUE'],
        CurrentMetrics: STANDARD_REALTIME_METRICS.map((Name) => ({ Name: Name as CurrentMetricName, Unit: REALTIME_METRICS[Name].unit })),
        MaxResults: 100,
      })
    );
  const [coldMs, first] = await timed(gcmd);
  const epochMs = sim.context.model.epochAt(inst, AT / 1000).stats.buildMs;
  if (first.ApproximateTotalCount !== 500) {
    throw new Error(`expected 500 queue rows, got ${first.ApproximateTotalCount}`);
  }
  const gcmdTimes: number[] = [];
  for (let i = 0; i < REPS; i++) {
    gcmdTimes.push((await timed(gcmd))[0]);
  }
  console.log(`GetCurrentMetricData, 500 queues (rows) x 13 metrics, one request (computes all 500 rows, returns a page of 100)`);
  console.log(`  first call ${coldMs.toFixed(0)} ms, of which simulating the instance-day: ${epochMs.toFixed(0)} ms`);
  row('  GetCurrentMetricData p50 (warm)', percentile(gcmdTimes, 50), 'ms', 20);
  row('  GetCurrentMetricData p95 (warm)', percentile(gcmdTimes, 95), 'ms', 20);

  // --- 2. GetMetricData
  const end = Math.floor(AT / 1000 / 60) * 60;
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
    cloudwatch.send(new GetMetricDataCommand({ MetricDataQueries: queries, StartTime: new Date((end - 86400) * 1000), EndTime: new Date(end * 1000), NextToken }));
  const [gmdColdMs] = await timed(() => gmdPage());
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
      console.log(`\nGetMetricData, 500 queries x 1,440 points (QueueSize, Maximum, 60 s, 24 h): ${points} points in ${pages} calls (100,800 per call)`);
    }
  }
  console.log(`  first call ${gmdColdMs.toFixed(0)} ms (simulates the day(s) it needs)`);
  row('  GetMetricData one call p50 (warm)', percentile(gmdTimes, 50), 'ms', 200);
  row('  GetMetricData one call p95 (warm)', percentile(gmdTimes, 95), 'ms', 200);
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
  global.gc?.();
  const rss = process.memoryUsage().rss;
  console.log(`\nMemory, 5 instances x 500 queues x 2,000 agents, ${sim.context.model.cachedEpochs()} instance-days simulated and cached`);
  row('  peak RSS (simulator and benchmark client, one process)', mb(peakRss), 'MB', 500);
  console.log(`  RSS after the run ${mb(rss)} MB, heap used ${mb(process.memoryUsage().heapUsed)} MB`);

  clearInterval(sampler);
  connect.destroy();
  cloudwatch.destroy();
  await sim.app.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
