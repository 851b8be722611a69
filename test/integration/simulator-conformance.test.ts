/**
 * Conformance: clients other than the project's own SDK against the simulator, over loopback.
 * - Debian's botocore 1.29 with boto3 (test/conformance/botocore_conformance.py) and the AWS CLI 2.9 speak
 *   CloudWatch's query protocol (form-encoded, XML), and Connect, Chime SDK Voice and Voice ID as the SDKs do;
 * - @aws-sdk/client-cloudwatch 3.948.0 (the devDependency alias client-cloudwatch-query, the last release before
 *   the JSON switch) speaks the query protocol from JavaScript;
 * - the current @aws-sdk/client-cloudwatch speaks AWS JSON 1.0.
 * The same requests through every client must give the same timestamps and values. The tests fail, naming the
 * program, when python3/botocore/boto3 or aws are missing (.ci/run installs them).
 *
 * fact: cloudwatch-query-protocol
 */
import path from 'node:path';
import {
  CloudWatchClient,
  GetMetricDataCommand,
  GetMetricStatisticsCommand,
  paginateListMetrics,
  type Datapoint,
  type GetMetricDataCommandInput,
  type GetMetricStatisticsCommandInput,
  type Metric,
} from '@aws-sdk/client-cloudwatch';
import * as queryClient from '@aws-sdk/client-cloudwatch-query';
import {
  AWS_CLI,
  clientEnv,
  CONFORMANCE_DIR,
  PYTHON,
  requireAwsCli,
  requirePythonBotocore,
  run,
} from '../conformance/programs';
import { startTestSimulator, type TestSimulator } from '../support/simulator';

jest.setTimeout(120_000);

interface Result {
  Id: string;
  Label: string;
  Timestamps: number[];
  Values: number[];
  StatusCode: string;
}
type Point = Record<string, unknown> & { Timestamp: number };
interface Report {
  botocore: string;
  boto3: string | null;
  cloudwatchResolvedProtocol: string;
  connect: { instanceId: string; queues: string[]; currentRows: number };
  chime: { voiceConnectors: string[] };
  voiceid: { domains: string[] };
  cloudwatch: {
    requests: {
      getMetricData: Record<string, unknown> & { StartTime: string; EndTime: string };
      getMetricStatistics: Record<string, unknown> & {
        StartTime: string;
        EndTime: string;
        Dimensions: Array<{ Name: string; Value: string }>;
      };
      getMetricStatisticsPercentiles: Record<string, unknown> & { StartTime: string; EndTime: string };
    };
    getMetricData: Result[];
    getMetricStatistics: Point[];
    getMetricStatisticsPercentiles: Point[];
    listMetrics: { pages: number; count: number };
    errors: Record<string, { code: string; status: number; message: string }>;
  };
}

const seconds = (d: Date | string) => (typeof d === 'string' ? Date.parse(d) : d.getTime()) / 1000;

/** A request of the report (ISO strings) as SDK input (Dates). */
function withDates<T>(request: Record<string, unknown> & { StartTime: string; EndTime: string }): T {
  return { ...request, StartTime: new Date(request.StartTime), EndTime: new Date(request.EndTime) } as T;
}

function sdkResults(
  results: Array<{ Id?: string; Label?: string; Timestamps?: Date[]; Values?: number[]; StatusCode?: string }>
): Result[] {
  return results.map((r) => ({
    Id: r.Id!,
    Label: r.Label!,
    Timestamps: (r.Timestamps ?? []).map(seconds),
    Values: r.Values ?? [],
    StatusCode: r.StatusCode!,
  }));
}

/** Datapoints sorted by time, timestamps in seconds, undefined members dropped (as JSON drops them). */
function sortedPoints(points: Array<Datapoint | Record<string, unknown>>): Point[] {
  return points
    .map((p) => JSON.parse(JSON.stringify({ ...p, Timestamp: seconds(p.Timestamp as Date | string) })) as Point)
    .sort((a, b) => a.Timestamp - b.Timestamp);
}

describe('simulator conformance: botocore, the AWS CLI and both JavaScript protocols agree', () => {
  let sim: TestSimulator;
  let report: Report;
  let versions: { botocore: string; boto3: string };

  beforeAll(async () => {
    sim = await startTestSimulator({
      // 511 metrics in us-east-1, so that ListMetrics (500 a page) has two pages
      edit: (s) => {
        const connectors = s.voiceConnectors ?? [];
        const [vc] = connectors;
        connectors.push({ ...vc, name: 'conformance-sbc-1' }, { ...vc, name: 'conformance-sbc-2' });
      },
    });
  });
  afterAll(async () => {
    await sim?.close();
  });

  describe('Python botocore (boto3)', () => {
    beforeAll(async () => {
      versions = await requirePythonBotocore();
      const script = path.join(CONFORMANCE_DIR, 'botocore_conformance.py');
      const res = await run(PYTHON, [script, '--endpoint', sim.url], clientEnv());
      if (res.code !== 0) {
        throw new Error(`${PYTHON} ${script} failed (exit ${res.code}):\n${res.stderr}`);
      }
      report = JSON.parse(res.stdout) as Report;
    });

    it('speaks the query protocol to CloudWatch (Debian botocore; any protocol with CONFORMANCE_PYTHONPATH)', () => {
      if (!process.env.CONFORMANCE_PYTHONPATH) {
        expect(report.cloudwatchResolvedProtocol).toBe('query');
      }
      expect(report.botocore).toBe(versions.botocore);
    });

    it('reads Connect, Chime SDK Voice and Voice ID', () => {
      const world = sim.context.world;
      const instance = world.instances.find((i) => i.region === 'us-east-1')!;
      expect(report.connect.instanceId).toBe(instance.id);
      expect(report.connect.queues).toEqual(
        instance.queues
          .filter((q) => q.type !== 'AGENT')
          .map((q) => q.name)
          .sort()
      );
      expect(report.connect.currentRows).toBe(report.connect.queues.length);
      expect(report.chime.voiceConnectors).toEqual(
        world.voiceConnectors
          .filter((v) => v.region === 'us-east-1')
          .map((v) => v.name)
          .sort()
      );
      expect(report.voiceid.domains).toEqual(
        world.voiceIdDomains
          .filter((d) => d.region === 'us-east-1')
          .map((d) => d.name)
          .sort()
      );
    });

    it('pages ListMetrics and gets the modelled error codes', () => {
      expect(report.cloudwatch.listMetrics).toEqual({ pages: 2, count: 511 });
      expect(report.cloudwatch.errors.badPeriod).toMatchObject({ code: 'InvalidParameterValue', status: 400 });
      expect(report.cloudwatch.errors.badExpression).toMatchObject({ code: 'ValidationError', status: 400 });
      expect(report.cloudwatch.errors.missingStatistics).toMatchObject({
        code: 'InvalidParameterCombination',
        status: 400,
      });
    });

    it('gets from the current JavaScript SDK (AWS JSON) exactly what botocore got', async () => {
      const cw = new CloudWatchClient(sim.config());
      const { requests } = report.cloudwatch;
      const gmd = await cw.send(new GetMetricDataCommand(withDates<GetMetricDataCommandInput>(requests.getMetricData)));
      expect(sdkResults(gmd.MetricDataResults ?? [])).toEqual(report.cloudwatch.getMetricData);
      const gms = await cw.send(
        new GetMetricStatisticsCommand(withDates<GetMetricStatisticsCommandInput>(requests.getMetricStatistics))
      );
      expect(sortedPoints(gms.Datapoints ?? [])).toEqual(report.cloudwatch.getMetricStatistics);
      const percentiles = await cw.send(
        new GetMetricStatisticsCommand(
          withDates<GetMetricStatisticsCommandInput>(requests.getMetricStatisticsPercentiles)
        )
      );
      expect(sortedPoints(percentiles.Datapoints ?? [])).toEqual(report.cloudwatch.getMetricStatisticsPercentiles);
      cw.destroy();
    });

    it('gets from the JavaScript SDK 3.948 (query protocol) exactly what botocore got', async () => {
      const cw = new queryClient.CloudWatchClient(sim.config());
      const { requests } = report.cloudwatch;
      const gmd = await cw.send(
        new queryClient.GetMetricDataCommand(withDates<queryClient.GetMetricDataCommandInput>(requests.getMetricData))
      );
      expect(sdkResults(gmd.MetricDataResults ?? [])).toEqual(report.cloudwatch.getMetricData);
      const gms = await cw.send(
        new queryClient.GetMetricStatisticsCommand(
          withDates<queryClient.GetMetricStatisticsCommandInput>(requests.getMetricStatistics)
        )
      );
      expect(sortedPoints(gms.Datapoints ?? [])).toEqual(report.cloudwatch.getMetricStatistics);
      cw.destroy();
    });
  });

  describe('JavaScript SDK 3.948 (query protocol)', () => {
    const sent: Array<{ contentType: string; body: string }> = [];
    let cw: queryClient.CloudWatchClient;
    const now = Date.parse('2026-11-18T17:00:00Z') / 1000;

    beforeAll(() => {
      cw = new queryClient.CloudWatchClient(sim.config());
      // What goes on the wire: proves this client speaks awsQuery, not JSON.
      cw.middlewareStack.add(
        (next) => async (args) => {
          const request = args.request as { headers: Record<string, string>; body: string };
          sent.push({ contentType: request.headers['content-type'], body: String(request.body) });
          return next(args);
        },
        { step: 'finalizeRequest', name: 'recordRequest' }
      );
    });
    afterAll(() => cw.destroy());

    it('sends form-encoded Action=...&Version=2010-08-01', async () => {
      await cw.send(new queryClient.ListMetricsCommand({ Namespace: 'VoiceID' }));
      expect(sent.at(-1)?.contentType).toBe('application/x-www-form-urlencoded');
      expect(sent.at(-1)?.body).toMatch(/^Action=ListMetrics&Version=2010-08-01&Namespace=VoiceID$/);
    });

    it('pages ListMetrics like the JSON client', async () => {
      const keys = (metrics: Array<Metric | queryClient.Metric>) => metrics.map((m) => JSON.stringify(m)).sort();
      const viaQuery: queryClient.Metric[] = [];
      let pages = 0;
      for await (const page of queryClient.paginateListMetrics({ client: cw }, {})) {
        viaQuery.push(...(page.Metrics ?? []));
        pages++;
      }
      const json = new CloudWatchClient(sim.config());
      const viaJson: Metric[] = [];
      for await (const page of paginateListMetrics({ client: json }, {})) {
        viaJson.push(...(page.Metrics ?? []));
      }
      json.destroy();
      expect(pages).toBe(2);
      expect(viaQuery).toHaveLength(511);
      expect(keys(viaQuery)).toEqual(keys(viaJson));
    });

    it('runs metric math with functions and returns arrays as several results', async () => {
      const instance = sim.context.world.instances[0];
      const queues: queryClient.MetricDataQuery[] = ['Billing', 'VIP'].map((queue, i) => ({
        Id: `q${i}`,
        Label: queue,
        ReturnData: false,
        MetricStat: {
          Metric: {
            Namespace: 'AWS/Connect',
            MetricName: 'QueueSize',
            Dimensions: [
              { Name: 'InstanceId', Value: instance.id },
              { Name: 'MetricGroup', Value: 'Queue' },
              { Name: 'QueueName', Value: queue },
            ],
          },
          Period: 60,
          Stat: 'Maximum',
        },
      }));
      const res = await cw.send(
        new queryClient.GetMetricDataCommand({
          MetricDataQueries: [
            ...queues,
            { Id: 'all', Expression: 'METRICS()', Label: 'Waiting:' },
            { Id: 'total', Expression: 'SUM(METRICS())' },
          ],
          StartTime: new Date((now - 600) * 1000),
          EndTime: new Date(now * 1000),
        })
      );
      const results = res.MetricDataResults ?? [];
      expect(results.map((r) => [r.Id, r.Label])).toEqual([
        ['all', 'Waiting: Billing'],
        ['all', 'Waiting: VIP'],
        ['total', 'total'],
      ]);
      expect(results[2].Values).toEqual(results[0].Values!.map((v, i) => v + results[1].Values![i]));
      expect(results[2].Timestamps).toHaveLength(10);
    });

    it('gets the error classes of the model, with the query error code', async () => {
      const base = { StartTime: new Date((now - 3600) * 1000), EndTime: new Date(now * 1000) };
      await expect(
        cw.send(
          new queryClient.GetMetricStatisticsCommand({
            ...base,
            Namespace: 'AWS/Connect',
            MetricName: 'QueueSize',
            Period: 45,
            Statistics: ['Maximum'],
          })
        )
      ).rejects.toMatchObject({
        name: 'InvalidParameterValueException',
        Code: 'InvalidParameterValue',
        $metadata: { httpStatusCode: 400 },
        message: expect.stringContaining('Period'),
      });
      await expect(
        cw.send(
          new queryClient.GetMetricDataCommand({ ...base, MetricDataQueries: [{ Id: 'e1', Expression: 'NOPE(1)' }] })
        )
      ).rejects.toMatchObject({
        // ValidationException in the current model (awsQueryError ValidationError); the query code is what counts
        Code: 'ValidationError',
        $metadata: { httpStatusCode: 400 },
        message: expect.stringContaining("Function 'NOPE' not found"),
      });
      await expect(
        cw.send(
          new queryClient.GetMetricDataCommand({
            ...base,
            MetricDataQueries: [{ Id: 'e1', Expression: '1' }],
            NextToken: 'x',
          })
        )
      ).rejects.toBeInstanceOf(queryClient.InvalidNextToken);
    });

    it('is throttled with Throttling, counted per API', async () => {
      sim.stats.reset();
      sim.faults.set({ GetMetricStatistics: { throttleRate: 1 } });
      try {
        await expect(
          cw.send(
            new queryClient.GetMetricStatisticsCommand({
              Namespace: 'AWS/Connect',
              MetricName: 'QueueSize',
              StartTime: new Date((now - 3600) * 1000),
              EndTime: new Date(now * 1000),
              Period: 60,
              Statistics: ['Sum'],
            })
          )
        ).rejects.toMatchObject({ name: 'Throttling', $metadata: { httpStatusCode: 400 } });
      } finally {
        sim.faults.clear();
      }
      expect(sim.stats.count('cloudwatch', 'GetMetricStatistics', 'fault_throttle')).toBe(1);
    });
  });

  describe('AWS CLI', () => {
    let cliVersion: string;
    const aws = async (...args: string[]) => {
      const res = await run(AWS_CLI, ['--endpoint-url', sim.url, '--output', 'json', ...args], clientEnv());
      return { ...res, json: res.code === 0 ? (JSON.parse(res.stdout || '{}') as Record<string, unknown>) : undefined };
    };

    beforeAll(async () => {
      cliVersion = await requireAwsCli();
      if (!report) {
        throw new Error('the botocore report is missing: the Python botocore tests failed first');
      }
    });

    it('is AWS CLI 2', () => {
      expect(cliVersion).toMatch(/^aws-cli\/2\./);
    });

    it('gets CloudWatch data identical to botocore and the JavaScript SDKs (query protocol)', async () => {
      const { requests } = report.cloudwatch;
      const gmd = await aws(
        'cloudwatch',
        'get-metric-data',
        '--metric-data-queries',
        JSON.stringify(requests.getMetricData.MetricDataQueries),
        '--start-time',
        requests.getMetricData.StartTime,
        '--end-time',
        requests.getMetricData.EndTime,
        '--scan-by',
        'TimestampAscending'
      );
      expect(gmd.stderr).toBe('');
      const results = (gmd.json!.MetricDataResults as Array<{ Timestamps: string[] } & Omit<Result, 'Timestamps'>>).map(
        (r) => ({
          ...r,
          Timestamps: r.Timestamps.map(seconds),
        })
      );
      expect(results).toEqual(report.cloudwatch.getMetricData);

      const r = requests.getMetricStatistics;
      const gms = await aws(
        'cloudwatch',
        'get-metric-statistics',
        '--namespace',
        String(r.Namespace),
        '--metric-name',
        String(r.MetricName),
        '--dimensions',
        ...r.Dimensions.map((d) => `Name=${d.Name},Value=${d.Value}`),
        '--start-time',
        String(r.StartTime),
        '--end-time',
        String(r.EndTime),
        '--period',
        String(r.Period),
        '--statistics',
        ...(r.Statistics as string[])
      );
      expect(sortedPoints(gms.json!.Datapoints as Array<Record<string, unknown>>)).toEqual(
        report.cloudwatch.getMetricStatistics
      );
    });

    it('pages list-metrics and reports InvalidParameterValue for a bad period', async () => {
      const list = await aws('cloudwatch', 'list-metrics');
      expect((list.json!.Metrics as unknown[]).length).toBe(511);
      const bad = await aws(
        'cloudwatch',
        'get-metric-statistics',
        '--namespace',
        'AWS/Connect',
        '--metric-name',
        'QueueSize',
        '--statistics',
        'Maximum',
        '--period',
        '45',
        '--start-time',
        '2026-11-18T16:00:00Z',
        '--end-time',
        '2026-11-18T17:00:00Z'
      );
      expect(bad.code).not.toBe(0);
      expect(bad.stderr).toContain(
        'An error occurred (InvalidParameterValue) when calling the GetMetricStatistics operation'
      );
    });

    it('reads Connect, Chime SDK Voice and Voice ID', async () => {
      const instance = sim.context.world.instances.find((i) => i.region === 'us-east-1')!;
      const instances = await aws('connect', 'list-instances');
      expect((instances.json!.InstanceSummaryList as Array<{ Id: string }>).map((i) => i.Id)).toEqual([instance.id]);
      const queues = await aws('connect', 'list-queues', '--instance-id', instance.id, '--queue-types', 'STANDARD');
      const queueList = queues.json!.QueueSummaryList as Array<{ Id: string; Name: string }>;
      expect(queueList.map((q) => q.Name).sort()).toEqual(report.connect.queues);
      const current = await aws(
        'connect',
        'get-current-metric-data',
        '--instance-id',
        instance.id,
        '--filters',
        JSON.stringify({ Queues: queueList.map((q) => q.Id), Channels: ['VOICE'] }),
        '--groupings',
        'QUEUE',
        '--current-metrics',
        JSON.stringify([{ Name: 'AGENTS_ONLINE', Unit: 'COUNT' }])
      );
      expect((current.json!.MetricResults as unknown[]).length).toBe(report.connect.currentRows);
      const connectors = await aws('chime-sdk-voice', 'list-voice-connectors');
      expect((connectors.json!.VoiceConnectors as Array<{ Name: string }>).map((v) => v.Name).sort()).toEqual(
        report.chime.voiceConnectors
      );
      const domains = await aws('voice-id', 'list-domains');
      expect((domains.json!.DomainSummaries as Array<{ Name: string }>).map((d) => d.Name).sort()).toEqual(
        report.voiceid.domains
      );
    });
  });
});
