/**
 * Prints the proxy's answer to a few queries against the simulator, as JSON. The frames test runs this in a child
 * process: @grafana/data needs jsdom, and the AWS SDK does not work inside jsdom (its typed arrays come from another
 * realm), so the frames are made in plain Node and read back in jsdom.
 */
import { STANDARD_REALTIME_METRICS } from '../../src/connect/realtimeMetrics';
import { runQueries } from '../../proxy/queries/run';
import { testAws, testContext } from './proxy';
import { dataClockOf, startTestSimulator } from './simulator';

export const SAMPLE_AT = '2026-11-18T17:00:00Z';

async function main() {
  const sim = await startTestSimulator({ at: SAMPLE_AT });
  const aws = testAws(sim.url);
  const inst = sim.context.world.instances[0];
  const res = await runQueries(testContext({}, dataClockOf(sim)), aws, {
    range: { from: new Date(Date.parse(SAMPLE_AT) - 3600_000).toISOString(), to: SAMPLE_AT },
    maxDataPoints: 300,
    queries: [
      {
        refId: 'A',
        queryType: 'realtime',
        instanceId: inst.id,
        filters: { queues: inst.queues.map((q) => q.id) },
        groupings: ['QUEUE'],
        metrics: STANDARD_REALTIME_METRICS,
      },
      {
        refId: 'B',
        queryType: 'cloudwatch',
        namespace: 'AWS/Connect',
        metricName: 'LongestQueueWaitTime',
        statistic: 'Maximum',
        dimensions: { InstanceId: [inst.id], MetricGroup: ['Queue'], QueueName: ['Billing'] },
      },
      { refId: 'C', queryType: 'quota', instanceId: inst.id, format: 'timeseries' },
    ] as never,
  });
  process.stdout.write(JSON.stringify({ queues: inst.queues.length, results: res.results }));
  aws.destroy();
  await sim.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
