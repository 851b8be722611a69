import { FakeMetricSource, dim, points } from '../../simulator/services/cloudwatch/testSource';
import type { QueryRequest } from '../../src/connect/proxyApi';
import type { DataFrameJSON } from '../../proxy/frames';
import { runQueries } from '../../proxy/queries/run';
import { testAws, testContext } from '../support/proxy';
import { dataClockOf, startTestSimulator, type TestSimulator } from '../support/simulator';

/**
 * Facts through the proxy, against an AWS-compatible endpoint (the simulator's protocols) that publishes fixed values
 * instead of its model: AWS's own worked examples and the other readings the register records. Expected values are
 * AWS's arithmetic, written here by hand.
 *
 * fact: quota-scales, quota-derivation, connect-5-minute-metrics, email-metric-group
 * - calls: ConcurrentCalls 30 at ConcurrentCallsPercentage 0.3 -> 100
 * - chats: ConcurrentActiveChats 45 at ConcurrentActiveChatsPercentage 30 -> 150
 * - tasks: ConcurrentTasks 20 at ConcurrentTasksPercentage 50 -> 40 (every 5 minutes)
 * - emails: ConcurrentEmails 20 at ConcurrentEmailsPercentage 50 -> 40 (MetricGroup "Email", the 2025 spelling)
 */

const AT = '2026-11-18T17:00:00Z';
const NOW = Date.parse(AT) / 1000;
const INSTANCE = '3f2c9a1e-7b4d-4e2a-9c61-5d8e0f4a2b17';

function examples(): FakeMetricSource {
  const source = new FakeMetricSource();
  const publish = (group: string, name: string, value: number, step = 60) =>
    source.add(
      {
        namespace: 'AWS/Connect',
        metricName: name,
        dimensions: [dim('InstanceId', INSTANCE), dim('MetricGroup', group)],
      },
      points(NOW - 3600, 3600 / step, () => value, step),
      { resolution: step }
    );
  publish('VoiceCalls', 'ConcurrentCalls', 30);
  publish('VoiceCalls', 'ConcurrentCallsPercentage', 0.3);
  publish('Chats', 'ConcurrentActiveChats', 45);
  publish('Chats', 'ConcurrentActiveChatsPercentage', 30);
  publish('Tasks', 'ConcurrentTasks', 20, 300);
  publish('Tasks', 'ConcurrentTasksPercentage', 50, 300);
  publish('Email', 'ConcurrentEmails', 20, 300);
  publish('Email', 'ConcurrentEmailsPercentage', 50, 300);
  // An instance that publishes ToInstancePacketLossRate from 0 to 100 (AWS's text since 2023-02): 2.5 = 2.5 %.
  source.add(
    {
      namespace: 'AWS/Connect',
      metricName: 'ToInstancePacketLossRate',
      dimensions: [
        dim('Instance ID', INSTANCE),
        dim('Participant', 'Agent'),
        dim('Stream Type', 'Voice'),
        dim('Type of Connection', 'WebRTC'),
      ],
    },
    points(NOW - 600, 60, (i) => (i % 2 ? 2.5 : 0.5), 10),
    { resolution: 10 }
  );
  // Voice ID's domain counters every 15 minutes.
  source.add(
    { namespace: 'VoiceID', metricName: 'Speakers', dimensions: [dim('Domain', 'dom-1')] },
    points(NOW - 3600, 4, (i) => 1000 + i, 900),
    { resolution: 900 }
  );
  return source;
}

describe("AWS's worked examples and readings, through the proxy", () => {
  let sim: TestSimulator;
  let aws: ReturnType<typeof testAws>;
  beforeAll(async () => {
    sim = await startTestSimulator({ at: AT, metrics: examples() });
    aws = testAws(sim.url);
  });
  afterAll(async () => {
    aws.destroy();
    await sim.close();
  });

  const column = (f: DataFrameJSON, name: string) => f.data.values[f.schema.fields.findIndex((x) => x.name === name)];

  it('derives 100 calls, 150 chats, 40 tasks and 40 emails', async () => {
    const request: QueryRequest = {
      range: { from: new Date((NOW - 3600) * 1000).toISOString(), to: AT },
      maxDataPoints: 500,
      queries: [{ refId: 'Q', queryType: 'quota', instanceId: INSTANCE }] as unknown as QueryRequest['queries'],
    };
    const res = await runQueries(testContext({}, dataClockOf(sim)), aws, request);
    expect(res.results.Q.status).toBe(200);
    const f = res.results.Q.frames![0];
    const rows = (column(f, 'Channel') as string[]).map((channel, i) => ({
      channel,
      quota: column(f, 'Quota')[i],
      precision: column(f, 'Quota ±')[i],
      used: column(f, 'Used')[i],
      headroom: column(f, 'Headroom')[i],
    }));
    expect(rows).toEqual([
      { channel: 'VOICE', quota: 100, precision: 0, used: 30, headroom: 70 },
      // whole percent: 45 of 148..152 all read 30 %
      { channel: 'CHAT', quota: 150, precision: 2, used: 30, headroom: 105 },
      { channel: 'TASK', quota: 40, precision: 0, used: 50, headroom: 20 },
      { channel: 'EMAIL', quota: 40, precision: 0, used: 50, headroom: 20 },
    ]);
    // Tasks and emails are asked for at their 5-minute publishing period.
    expect(f.schema.meta?.custom?.periods).toEqual({ VOICE: 60, CHAT: 60, TASK: 300, EMAIL: 300 });
  });

  const cw = (query: Record<string, unknown>, fromSeconds = NOW - 3600): QueryRequest => ({
    range: { from: new Date(fromSeconds * 1000).toISOString(), to: AT },
    maxDataPoints: 1000,
    queries: [{ refId: 'A', queryType: 'cloudwatch', ...query }] as unknown as QueryRequest['queries'],
  });

  // fact: packet-loss-rate-scale
  it('reads a ToInstancePacketLossRate published from 0 to 100 as a share, and says so', async () => {
    const res = await runQueries(
      testContext({}, dataClockOf(sim)),
      aws,
      cw(
        {
          namespace: 'AWS/Connect',
          metricName: 'ToInstancePacketLossRate',
          dimensions: {
            'Instance ID': [INSTANCE],
            Participant: ['Agent'],
            'Stream Type': ['Voice'],
            'Type of Connection': ['WebRTC'],
          },
          statistic: 'Maximum',
          period: 60,
        },
        NOW - 600
      )
    );
    const f = res.results.A.frames![0];
    // Each minute holds 0.5 and 2.5: the maximum, 2.5, is 2.5 % = 0.025.
    expect(new Set(column(f, 'Value') as number[])).toEqual(new Set([0.025]));
    expect(f.schema.fields[1].config?.unit).toBe('percentunit');
    expect(f.schema.meta?.notices).toEqual([
      { severity: 'info', text: expect.stringContaining('publishes it from 0 to 100: divided by 100') },
    ]);
  });

  // fact: publishing-frequency
  it('raises a period finer than AWS publishes the metric, and says so', async () => {
    const res = await runQueries(
      testContext({}, dataClockOf(sim)),
      aws,
      cw({
        namespace: 'VoiceID',
        metricName: 'Speakers',
        dimensions: { Domain: ['dom-1'] },
        statistic: 'Maximum',
        period: 60,
      })
    );
    const f = res.results.A.frames![0];
    // One point per 15 minutes, not 4 points among 56 empty minutes.
    expect(column(f, 'Value')).toEqual([1000, 1001, 1002, 1003]);
    expect(f.schema.meta?.custom?.period).toBe(900);
    expect(f.schema.meta?.notices).toEqual([
      {
        severity: 'info',
        text: 'period: AWS publishes VoiceID Speakers every 15 minutes: a 60-second period would show empty periods between its points, so 900 seconds is used.',
      },
    ]);
    // auto starts at the publishing frequency too
    const auto = await runQueries(
      testContext({}, dataClockOf(sim)),
      aws,
      cw({ namespace: 'VoiceID', metricName: 'Speakers', dimensions: { Domain: ['dom-1'] }, statistic: 'Maximum' })
    );
    expect(auto.results.A.frames![0].schema.meta?.custom?.period).toBe(900);
  });
});
