import {
  CloudWatchClient,
  GetMetricDataCommand,
  ListMetricsCommand,
  paginateGetMetricData,
  paginateListMetrics,
  type Metric,
  type MetricDataQuery,
} from '@aws-sdk/client-cloudwatch';
import { ConnectClient, GetCurrentMetricDataCommand } from '@aws-sdk/client-connect';
import { allCatalogMetrics } from '../../src/connect/cloudwatchCatalog';
import { startTestSimulator, type TestSimulator } from '../support/simulator';

describe('simulator: CloudWatch through the real SDK, data from the model', () => {
  let sim: TestSimulator;
  let cw: CloudWatchClient;
  const now = Date.parse('2026-11-18T17:00:00Z') / 1000;
  const queueSize = (queueName: string, instanceId: string): Metric => ({
    Namespace: 'AWS/Connect',
    MetricName: 'QueueSize',
    Dimensions: [
      { Name: 'InstanceId', Value: instanceId },
      { Name: 'MetricGroup', Value: 'Queue' },
      { Name: 'QueueName', Value: queueName },
    ],
  });

  beforeAll(async () => {
    sim = await startTestSimulator();
    cw = new CloudWatchClient(sim.config());
  });
  afterAll(async () => {
    cw.destroy();
    await sim.close();
  });

  it('lists every metric of the region across pages, all of them in the catalogue', async () => {
    const metrics: Metric[] = [];
    for await (const page of paginateListMetrics({ client: cw }, {})) {
      metrics.push(...(page.Metrics ?? []));
    }
    const known = new Set(allCatalogMetrics().map((m) => `${m.namespace}/${m.name}`));
    expect(metrics.length).toBeGreaterThan(300);
    expect(metrics.every((m) => known.has(`${m.Namespace}/${m.MetricName}`))).toBe(true);
    const namespaces = new Set(metrics.map((m) => m.Namespace));
    expect([...namespaces].sort()).toEqual([
      'AWS/AppIntegrations',
      'AWS/ChimeVoiceConnector',
      'AWS/Connect',
      'VoiceID',
    ]);
    const eu = new CloudWatchClient(sim.config('eu-west-2'));
    const euMetrics = await eu.send(new ListMetricsCommand({ Namespace: 'AWS/Connect', MetricName: 'QueueSize' }));
    expect(euMetrics.Metrics?.map((m) => m.Dimensions?.find((d) => d.Name === 'QueueName')?.Value).sort()).toEqual([
      'EU Renewals',
      'EU Sales',
    ]);
    eu.destroy();
  });

  it('filters ListMetrics by dimension', async () => {
    const res = await cw.send(
      new ListMetricsCommand({ Namespace: 'AWS/Connect', Dimensions: [{ Name: 'QueueName', Value: 'VIP' }] })
    );
    expect(res.Metrics?.map((m) => m.MetricName).sort()).toEqual([
      'LongestQueueWaitTime',
      'QueueCapacityExceededError',
      'QueueSize',
    ]);
  });

  it('reads QueueSize that matches the real-time view at a minute start', async () => {
    const inst = sim.context.world.instances[0];
    const connect = new ConnectClient(sim.config());
    const minute = now - 120;
    const res = await cw.send(
      new GetMetricDataCommand({
        MetricDataQueries: inst.queues.map((q, i) => ({
          Id: `q${i}`,
          MetricStat: { Metric: queueSize(q.name, inst.id), Period: 60, Stat: 'Maximum' },
        })),
        StartTime: new Date(minute * 1000),
        EndTime: new Date((minute + 60) * 1000),
      })
    );
    sim.clock.set(minute * 1000); // the real-time view at the first sample of that minute
    const live = await connect.send(
      new GetCurrentMetricDataCommand({
        InstanceId: inst.id,
        Filters: { Queues: inst.queues.map((q) => q.id) },
        Groupings: ['QUEUE'],
        CurrentMetrics: [{ Name: 'CONTACTS_IN_QUEUE', Unit: 'COUNT' }],
      })
    );
    sim.clock.set(now * 1000);
    inst.queues.forEach((q, i) => {
      const result = res.MetricDataResults!.find((r) => r.Id === `q${i}`)!;
      expect(result.Timestamps).toEqual([new Date(minute * 1000)]);
      const rt = live.MetricResults!.find((r) => r.Dimensions?.Queue?.Id === q.id)!.Collections![0].Value!;
      expect(result.Values![0]).toBeGreaterThanOrEqual(rt); // the maximum of the minute's six samples, the first of which is rt
    });
    connect.destroy();
  });

  it('computes statistics, math, dynamic labels and pages over the real data', async () => {
    const inst = sim.context.world.instances[0];
    const queries: MetricDataQuery[] = [
      {
        Id: 'calls',
        MetricStat: {
          Metric: {
            Namespace: 'AWS/Connect',
            MetricName: 'ConcurrentCalls',
            Dimensions: [
              { Name: 'InstanceId', Value: inst.id },
              { Name: 'MetricGroup', Value: 'VoiceCalls' },
            ],
          },
          Period: 300,
          Stat: 'Maximum',
        },
        ReturnData: false,
      },
      {
        Id: 'pct',
        MetricStat: {
          Metric: {
            Namespace: 'AWS/Connect',
            MetricName: 'ConcurrentCallsPercentage',
            Dimensions: [
              { Name: 'InstanceId', Value: inst.id },
              { Name: 'MetricGroup', Value: 'VoiceCalls' },
            ],
          },
          Period: 300,
          Stat: 'Maximum',
        },
        ReturnData: false,
      },
      { Id: 'quota', Expression: 'calls / pct', Label: 'derived voice quota' },
      {
        Id: 'tech',
        MetricStat: { Metric: queueSize('Tech Support', inst.id), Period: 300, Stat: 'p90' },
        Label: "${PROP('Dim.QueueName')} p90",
      },
    ];
    const res = await cw.send(
      new GetMetricDataCommand({
        MetricDataQueries: queries,
        StartTime: new Date((now - 6 * 3600) * 1000),
        EndTime: new Date(now * 1000),
        ScanBy: 'TimestampAscending',
      })
    );
    const quota = res.MetricDataResults!.find((r) => r.Id === 'quota')!;
    expect(quota.Label).toBe('derived voice quota');
    expect(quota.Values!.length).toBeGreaterThan(50);
    // ConcurrentCallsPercentage is a decimal: calls / percentage gives the instance quota back
    quota.Values!.forEach((v) => expect(v).toBeCloseTo(inst.quotas.VOICE, 6));
    const tech = res.MetricDataResults!.find((r) => r.Id === 'tech')!;
    expect(tech.Label).toBe('Tech Support p90');
    expect(tech.Timestamps!.map((d) => d.getTime())).toEqual(
      [...tech.Timestamps!.map((d) => d.getTime())].sort((a, b) => a - b)
    );
    expect(res.MetricDataResults!.map((r) => r.Id)).toEqual(['quota', 'tech']);

    // the same request in pages of 20 points concatenates to the whole
    const pages: Record<string, number[]> = {};
    let calls = 0;
    for await (const page of paginateGetMetricData(
      { client: cw, pageSize: 20 },
      {
        MetricDataQueries: queries,
        StartTime: new Date((now - 6 * 3600) * 1000),
        EndTime: new Date(now * 1000),
        ScanBy: 'TimestampAscending',
      }
    )) {
      calls++;
      for (const r of page.MetricDataResults ?? []) {
        (pages[r.Id!] ??= []).push(...(r.Values ?? []));
      }
    }
    expect(calls).toBeGreaterThan(5);
    expect(pages.quota).toEqual(quota.Values);
    expect(pages.tech).toEqual(tech.Values);
  });

  it('serves Voice Connector, Voice ID and AppIntegrations metrics', async () => {
    const vc = sim.context.world.voiceConnectors[0];
    const domain = sim.context.world.voiceIdDomains[0];
    const res = await cw.send(
      new GetMetricDataCommand({
        MetricDataQueries: [
          {
            Id: 'mos',
            MetricStat: {
              Metric: {
                Namespace: 'AWS/ChimeVoiceConnector',
                MetricName: 'MOSBetweenVcAndCustomer',
                Dimensions: [{ Name: 'VoiceConnectorId', Value: vc.id }],
              },
              Period: 300,
              Stat: 'Average',
            },
          },
          {
            Id: 'speakers',
            MetricStat: {
              Metric: {
                Namespace: 'VoiceID',
                MetricName: 'Speakers',
                Dimensions: [{ Name: 'Domain', Value: domain.id }],
              },
              Period: 900,
              Stat: 'Maximum',
            },
          },
          {
            Id: 'latency',
            MetricStat: {
              Metric: {
                Namespace: 'VoiceID',
                MetricName: 'RequestLatency',
                Dimensions: [{ Name: 'API', Value: 'EvaluateSession' }],
              },
              Period: 300,
              Stat: 'p99',
            },
          },
          {
            Id: 'records',
            MetricStat: {
              Metric: {
                Namespace: 'AWS/AppIntegrations',
                MetricName: 'RecordsDownloaded',
                Dimensions: [{ Name: 'IntegrationType', Value: 'DataIntegration' }],
              },
              Period: 3600,
              Stat: 'Sum',
            },
          },
        ],
        StartTime: new Date((now - 6 * 3600) * 1000),
        EndTime: new Date(now * 1000),
      })
    );
    const byId = Object.fromEntries(res.MetricDataResults!.map((r) => [r.Id!, r.Values!]));
    expect(byId.mos.length).toBeGreaterThan(50);
    byId.mos.forEach((v) => expect(v).toBeLessThanOrEqual(4.4));
    expect(byId.speakers.length).toBe(24); // every 15 minutes
    expect(byId.latency.length).toBeGreaterThan(50);
    expect(byId.records.every((v) => v > 0)).toBe(true);
  });

  it('answers the AWS error classes for broken requests', async () => {
    const base = { StartTime: new Date((now - 3600) * 1000), EndTime: new Date(now * 1000) };
    await expect(
      cw.send(new GetMetricDataCommand({ ...base, MetricDataQueries: [{ Id: 'Bad', Expression: '1+1' }] }))
    ).rejects.toMatchObject({ name: 'InvalidParameterValueException' });
    await expect(
      cw.send(
        new GetMetricDataCommand({
          ...base,
          MetricDataQueries: [{ Id: 'e', Expression: "SEARCH('{AWS/Connect} QueueSize', 'Maximum')" }],
        })
      )
    ).rejects.toMatchObject({
      // metric-math errors are ValidationException (query code ValidationError), as in CloudWatch's model
      name: 'ValidationException',
      message: expect.stringContaining('SEARCH'),
    });
    await expect(
      cw.send(
        new GetMetricDataCommand({
          ...base,
          MetricDataQueries: [{ Id: 'm', MetricStat: { Metric: queueSize('VIP', 'x'), Period: 45, Stat: 'Sum' } }],
        })
      )
    ).rejects.toMatchObject({
      name: 'InvalidParameterValueException',
    });
    await expect(
      cw.send(
        new GetMetricDataCommand({ ...base, MetricDataQueries: [{ Id: 'e', Expression: '2' }], NextToken: 'garbage' })
      )
    ).rejects.toMatchObject({ name: 'InvalidNextToken' });
    const many = Array.from({ length: 501 }, (_, i) => ({ Id: `e${i}`, Expression: '1' }));
    await expect(cw.send(new GetMetricDataCommand({ ...base, MetricDataQueries: many }))).rejects.toMatchObject({
      name: 'InvalidParameterValueException',
    });
  });
});
