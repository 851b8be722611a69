import { readdirSync, readFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Dashboard } from '@grafana/schema';
import { buildSimulator } from '../simulator/app';
import { Clock } from '../simulator/clock';
import { ModelMetricSource } from '../simulator/model/cloudwatch/source';
import { loadScenario } from '../simulator/scenario/load';
import { AwsClients } from '../proxy/aws/clients';
import { buildProxy } from '../proxy/app';
import { loadConfig } from '../proxy/config';
import { runQueries } from '../proxy/queries/run';
import { testAws, testContext } from '../test/support/proxy';
import { bigScenario } from '../test/bench/bigScenario';
import { instanceValues, interpolatedTargets, panelsOf } from '../test/support/dashboards';

/**
 * What the shipped dashboards and the exporter cost in AWS calls and money (docs/real-aws.md, "What it costs"):
 * `npx tsx scripts/awsCosts.ts` runs every panel of every dashboard once, and one exporter poll as the compose stack
 * configures it, through the proxy against the simulator, and counts the calls AWS would receive and the metrics each
 * GetMetricData call requests (CloudWatch bills GetMetricData per metric requested). `-- --queues N`: an instance of
 * N queues (test/bench/bigScenario.ts) instead of the default scenario's eight, to see what grows with queues. One cold run is one minute of
 * a dashboard left open: the proxy answers the other refreshes of the minute from its CloudWatch cache, and
 * GetCurrentMetricData again every REALTIME_CACHE_TTL_MS (10 s). Viewers do not multiply any of it.
 */

/** CloudWatch GetMetricData, US East (N. Virginia), per 1,000 metrics requested (aws.amazon.com/cloudwatch/pricing). */
export const USD_PER_1000_METRICS = 0.01;
/** 365.25 days of 1,440 minutes over 12 months. */
export const MINUTES_PER_MONTH = 43_830;
const AT = '2026-11-18T17:00:00Z';

/** The operation of a request: AWS JSON names it in X-Amz-Target; Connect and Chime SDK Voice are REST. */
const REST: Array<[RegExp, string]> = [
  [/^\/metrics\/current\//, 'GetCurrentMetricData'],
  [/^\/instance(\?|$)/, 'ListInstances'],
  [/^\/queues-summary\//, 'ListQueues'],
  [/^\/routing-profiles-summary\//, 'ListRoutingProfiles'],
  [/^\/agent-status\//, 'ListAgentStatuses'],
  [/^\/voice-connectors(\?|$)/, 'ListVoiceConnectors'],
];
function operationOf(target: string, url: string): string {
  return target.split('.').pop() || REST.find(([re]) => re.test(url))?.[1] || url.split('?')[0];
}

interface Counts {
  calls: Record<string, number>;
  metrics: number;
}

async function main() {
  const root = path.resolve(__dirname, '..');
  const clock = new Clock();
  clock.freeze(Date.parse(AT));
  const queuesArg = process.argv.indexOf('--queues');
  const sim = await buildSimulator({
    scenario:
      queuesArg > 0
        ? bigScenario(1, Number(process.argv[queuesArg + 1]), 10 * Number(process.argv[queuesArg + 1]))
        : loadScenario(),
    clock,
    enforceQuotas: false,
    metrics: ({ world, model }) => new ModelMetricSource(world, model, clock),
  });
  await sim.app.listen({ port: 0, host: '127.0.0.1' });
  const simPort = (sim.app.server.address() as AddressInfo).port;
  // Count what reaches "AWS" on its way there: each operation, and the MetricStat queries (metrics) of each
  // GetMetricData, in a pass-through server in front of the simulator.
  let counts: Counts = { calls: {}, metrics: 0 };
  const counter = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const operation = operationOf(String(req.headers['x-amz-target'] ?? ''), String(req.url));
      counts.calls[operation] = (counts.calls[operation] ?? 0) + 1;
      if (operation === 'GetMetricData') {
        const queries = (JSON.parse(body.toString('utf8')) as { MetricDataQueries?: Array<{ MetricStat?: unknown }> })
          .MetricDataQueries;
        counts.metrics += (queries ?? []).filter((q) => q.MetricStat).length;
      }
      const forward = request(
        { host: '127.0.0.1', port: simPort, method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        }
      );
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => counter.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(counter.address() as AddressInfo).port}`;
  const instance = sim.context.world.instances[0];
  const values = instanceValues(instance);
  const standardQueues = values.queue.length;

  const rows: string[] = [];
  const money = (metricsPerMinute: number) =>
    `$${((metricsPerMinute * MINUTES_PER_MONTH * USD_PER_1000_METRICS) / 1000).toFixed(2)}`;
  const refreshSeconds = (r: unknown) => {
    const m = /^(\d+)(s|m)$/.exec(String(r ?? ''));
    return m ? Number(m[1]) * (m[2] === 'm' ? 60 : 1) : 60;
  };
  /** List calls (variables, "*" expansions, empty-answer notices): cached for RESOURCE_CACHE_TTL_MS, 5 minutes. */
  const lists = (c: Counts) =>
    Object.entries(c.calls)
      .filter(([op]) => op.startsWith('List'))
      .reduce((n, [, k]) => n + k, 0);
  const describe = (c: Counts) =>
    Object.entries(c.calls)
      .sort()
      .map(([op, n]) => `${op} ${n}`)
      .join(', ');

  for (const file of readdirSync(path.join(root, 'dashboards'))
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const dashboard = JSON.parse(readFileSync(path.join(root, 'dashboards', file), 'utf8')) as Dashboard;
    const aws = testAws(url);
    const ctx = testContext();
    counts = { calls: {}, metrics: 0 };
    const to = Date.parse(AT);
    for (const panel of panelsOf(dashboard)) {
      const queries = interpolatedTargets(panel, values);
      if (queries.length === 0) {
        continue;
      }
      await runQueries(ctx, aws, {
        range: { from: new Date(to - 3_600_000).toISOString(), to: AT },
        maxDataPoints: 500,
        queries,
      });
    }
    aws.destroy();
    const refresh = refreshSeconds(dashboard.refresh);
    // CloudWatch answers are cached until the next minute: one GetMetricData round per minute (or per refresh, when
    // the refresh is slower). Real-time calls come back every 10 s (REALTIME_CACHE_TTL_MS) while refreshes ask.
    const cwRounds = 60 / Math.max(60, refresh);
    const metricsPerMinute = counts.metrics * cwRounds;
    const gcmdPerMinute = (counts.calls.GetCurrentMetricData ?? 0) * (60 / Math.max(10, refresh));
    rows.push(
      `| ${dashboard.title} | ${dashboard.refresh} | ${(counts.calls.GetMetricData ?? 0) * cwRounds} | ${metricsPerMinute} | ${money(metricsPerMinute)} | ${gcmdPerMinute} | ${lists(counts)} |`
    );
    process.stderr.write(`${file}: one run: ${describe(counts)}; ${counts.metrics} metrics\n`);
  }

  // The exporter as docker-compose.yaml turns it on: the datasource's instance, every queue and channel, quotas, MOS.
  const config = loadConfig(
    {
      PROXY_TOKEN: 'cost-measure-token-0123456789',
      AWS_ENDPOINT_URL: url,
      EXPORTER_INSTANCES: instance.id,
      EXPORTER_VOICE_CONNECTORS: 'all',
      LOG_LEVEL: 'silent',
    },
    []
  );
  const awsClients = new AwsClients(config, { baseCredentials: { accessKeyId: 'AKIDCOSTS', secretAccessKey: 'x' } });
  const proxy = await buildProxy(config, { logger: false, awsClients, dataClock: () => clock.nowMs() });
  counts = { calls: {}, metrics: 0 };
  await proxy.exporter!.pollNow();
  const first = { ...counts, calls: { ...counts.calls } };
  counts = { calls: {}, metrics: 0 };
  await proxy.exporter!.pollNow();
  const second = counts;
  await proxy.close();
  awsClients.close();
  const polls = 60_000 / config.exporter!.intervalMs;
  const exporterMetrics = first.metrics;
  rows.push(
    `| exporter (every ${config.exporter!.intervalMs / 1000} s) | — | ${first.calls.GetMetricData ?? 0} | ${exporterMetrics} | ${money(exporterMetrics)} | ${(first.calls.GetCurrentMetricData ?? 0) * Math.min(polls, 6)} | ${lists(first)} |`
  );
  process.stderr.write(
    `exporter: first poll ${describe(first)}; ${first.metrics} metrics; a second poll within the minute: ${describe(second) || 'no call'}\n`
  );
  counter.close();
  await sim.app.close();

  process.stdout.write(
    [
      `Measured against the simulator's instance (${standardQueues} standard queues, ${sim.context.world.voiceConnectors.length} Voice Connectors), ${AT}.`,
      '',
      '| open | refresh | GetMetricData calls / min | metrics / min | GetMetricData / month | GetCurrentMetricData calls / min | List calls / 5 min |',
      '|---|---|---|---|---|---|---|',
      ...rows,
      '',
    ].join('\n')
  );
}

void main();
