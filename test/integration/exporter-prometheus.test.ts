import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildProxy, type Proxy } from '../../proxy/app';
import { AwsClients } from '../../proxy/aws/clients';
import type { DataFrameJSON } from '../../proxy/frames';
import { TEST_ACCESS_KEY, TEST_SECRET_KEY, TEST_TOKEN, testConfig } from '../support/proxy';
import type { Channel } from '../../src/connect/channels';
import { startTestSimulator, type TestSimulator } from '../support/simulator';
import { freePort } from '../support/ports';

/**
 * The exporter as a NOC uses it: a real Prometheus (Debian's `prometheus`, which .ci/run installs) scrapes the proxy
 * in front of the simulator, and PromQL over its HTTP API finds the series with the labels and values the proxy's
 * POST /api/query answers for the same queue. Prometheus also loads the example alert rules and evaluates them on
 * those series; promtool checks the rule files and runs their unit tests.
 */

const PROMETHEUS_DIR = path.join(__dirname, '..', '..', 'provisioning', 'prometheus');

/** A missing tool fails the suite with the way to install it, never skips it. */
function requireTool(name: 'prometheus' | 'promtool'): void {
  const probe = spawnSync(name, ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error(
      `${name} is not installed or does not run (${probe.error?.message ?? probe.stderr}). Install Debian's Prometheus: ` +
        'apt-get install -y prometheus (it brings promtool; .ci/run installs it in CI).'
    );
  }
}

/** Polls until `check` returns a value (not undefined), or fails after `timeoutMs` with `what`. */
async function until<T>(what: string, timeoutMs: number, check: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) {
        return value;
      }
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}${last ? ` (last error: ${(last as Error).message})` : ''}`);
}

interface PromSeries {
  metric: Record<string, string>;
  value: [number, string];
}

let sim: TestSimulator;
let awsClients: AwsClients;
let proxy: Proxy;
let proxyUrl: string;
let prometheus: ChildProcess | undefined;
let prometheusLog = '';
let promUrl: string;
let dir: string;
let instanceId: string;

async function promQuery(query: string): Promise<PromSeries[]> {
  const res = await fetch(`${promUrl}/api/v1/query?query=${encodeURIComponent(query)}`);
  const body = (await res.json()) as { status: string; error?: string; data: { result: PromSeries[] } };
  if (body.status !== 'success') {
    throw new Error(`PromQL ${query}: ${body.error}`);
  }
  return body.data.result;
}

/** POST /api/query as the Grafana datasource of auth type default sends it (the proxy's own identity). */
async function apiQuery(
  queries: object[]
): Promise<Record<string, { status: number; frames?: DataFrameJSON[]; error?: string }>> {
  const now = sim.clock.nowMs();
  const res = await fetch(`${proxyUrl}/api/query`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      range: { from: new Date(now - 3_600_000).toISOString(), to: new Date(now).toISOString() },
      queries,
    }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { results: Record<string, { status: number; frames?: DataFrameJSON[] }> }).results;
}

/** VOICE, CHAT and TASK: at the simulator's 17:00 a task has waited over 5 minutes (the alert test needs one). */
const CHANNELS: Channel[] = ['VOICE', 'CHAT', 'TASK'];

/** The standard queues as the queues resource lists them (by name): the order the exporter asks them in. */
async function queueIdsInListOrder(): Promise<string[]> {
  const list = await fetch(`${proxyUrl}/api/resources/queues?instanceId=${instanceId}`, {
    headers: { authorization: `Bearer ${TEST_TOKEN}` },
  });
  return ((await list.json()) as Array<{ value: string }>).map((q) => q.value);
}

const column = (frame: DataFrameJSON, name: string) =>
  frame.data.values[frame.schema.fields.findIndex((f) => f.name === name)];

beforeAll(async () => {
  requireTool('prometheus');
  requireTool('promtool');
  sim = await startTestSimulator();
  instanceId = sim.context.world.instances[0].id;
  const config = testConfig({
    awsEndpointUrl: sim.url,
    logLevel: 'silent',
    // Longer than the test: every poll after the first, and the dashboard's query, read the exporter's call.
    realtimeCacheTtlMs: 120_000,
    exporter: {
      instances: [{ id: instanceId, region: 'us-east-1' }],
      queues: 'all',
      channels: CHANNELS,
      intervalMs: 1000,
      region: 'us-east-1',
      quotas: true,
      voiceConnectors: 'all',
      historical: true,
      timeZone: 'UTC',
      serviceLevelSeconds: 20,
    },
  });
  awsClients = new AwsClients(config, {
    baseCredentials: { accessKeyId: TEST_ACCESS_KEY, secretAccessKey: TEST_SECRET_KEY },
  });
  proxy = await buildProxy(config, { logger: false, awsClients, dataClock: () => sim.clock.nowMs() });
  proxyUrl = await proxy.app.listen({ port: 0, host: '127.0.0.1' });

  dir = mkdtempSync(path.join(tmpdir(), 'switchboard-prometheus-'));
  const port = await freePort();
  promUrl = `http://127.0.0.1:${port}`;
  writeFileSync(
    path.join(dir, 'prometheus.yml'),
    [
      'global:',
      '  scrape_interval: 1s',
      '  evaluation_interval: 1s',
      'rule_files:',
      `  - ${JSON.stringify(path.join(PROMETHEUS_DIR, 'connect-alerts.yml'))}`,
      'scrape_configs:',
      '  - job_name: switchboard-proxy',
      '    static_configs:',
      `      - targets: ['${new URL(proxyUrl).host}']`,
      '',
    ].join('\n')
  );
  prometheus = spawn(
    'prometheus',
    [
      `--config.file=${path.join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${path.join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] }
  );
  prometheus.stderr?.on('data', (chunk: Buffer) => (prometheusLog = (prometheusLog + chunk.toString()).slice(-4000)));
  try {
    await until('Prometheus to be ready', 15_000, async () =>
      (await fetch(`${promUrl}/-/ready`)).ok ? true : undefined
    );
    await until("a scrape with the exporter's series", 15_000, async () =>
      (await promQuery('connect_queue_contacts_in_queue')).length > 0 ? true : undefined
    );
  } catch (err) {
    throw new Error(`${(err as Error).message}\nPrometheus said:\n${prometheusLog}`);
  }
}, 40_000);

afterAll(async () => {
  if (prometheus && prometheus.exitCode === null) {
    const exited = new Promise((resolve) => prometheus!.once('exit', resolve));
    prometheus.kill('SIGTERM');
    const timer = setTimeout(() => prometheus?.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
  await proxy?.close();
  awsClients?.close();
  await sim?.close();
  if (dir) {
    rmSync(dir, { recursive: true, force: true });
  }
});

describe('Prometheus scraping the exporter', () => {
  it('finds every queue and channel with the labels and values POST /api/query answers', async () => {
    const results = await apiQuery([
      {
        refId: 'A',
        queryType: 'realtime',
        instanceId,
        filters: { queues: await queueIdsInListOrder(), channels: CHANNELS },
        groupings: ['QUEUE', 'CHANNEL'],
        metrics: ['CONTACTS_IN_QUEUE', 'OLDEST_CONTACT_AGE'],
      },
    ]);
    const table = results.A.frames![0];
    const expected = column(table, 'Queue').map((queue, i) => ({
      queue,
      queue_id: column(table, 'Queue ID')[i],
      channel: column(table, 'Channel')[i],
      inQueue: column(table, 'CONTACTS_IN_QUEUE')[i],
      oldest: column(table, 'OLDEST_CONTACT_AGE')[i],
    }));
    expect(expected).toHaveLength(sim.context.world.instances[0].queues.length * CHANNELS.length);

    const inQueue = await promQuery(`connect_queue_contacts_in_queue{instance_id="${instanceId}"}`);
    const oldest = await promQuery(`connect_queue_oldest_contact_age_seconds{instance_id="${instanceId}"}`);
    const byKey = (series: PromSeries[]) => new Map(series.map((s) => [`${s.metric.queue_id}|${s.metric.channel}`, s]));
    const inQueueByKey = byKey(inQueue);
    const oldestByKey = byKey(oldest);
    expect(inQueue).toHaveLength(expected.length);
    for (const e of expected) {
      const s = inQueueByKey.get(`${e.queue_id}|${e.channel}`);
      // Prometheus' own labels (job, and instance: the scrape target, hence instance_id for Connect's).
      expect(s?.metric).toEqual({
        __name__: 'connect_queue_contacts_in_queue',
        job: 'switchboard-proxy',
        instance: new URL(proxyUrl).host,
        instance_id: instanceId,
        instance_alias: 'acme-support',
        queue: e.queue,
        queue_id: e.queue_id,
        channel: e.channel,
      });
      expect([e.queue, e.channel, Number(s?.value[1])]).toEqual([e.queue, e.channel, e.inQueue]);
      const age = oldestByKey.get(`${e.queue_id}|${e.channel}`);
      expect([e.queue, e.channel, Number(age?.value[1])]).toEqual([e.queue, e.channel, e.oldest]);
    }
    // The sums a NOC wallboard would graph agree too, and are not trivially zero at 17:00.
    const [sum] = await promQuery(`sum(connect_queue_contacts_in_queue{instance_id="${instanceId}"})`);
    const total = expected.reduce((n, e) => n + (e.inQueue as number), 0);
    expect(Number(sum.value[1])).toBe(total);
    expect(total).toBeGreaterThan(0);
  });

  it('shares the upstream call: the same query from a dashboard costs no GetCurrentMetricData call', async () => {
    const calls = () => sim.stats.snapshot().services.connect?.GetCurrentMetricData?.requests ?? 0;
    const before = calls();
    // The exporter asks every standard queue in the list's order, as a dashboard with its queue variable at All.
    const queues = await queueIdsInListOrder();
    const results = await apiQuery([
      {
        refId: 'W',
        queryType: 'realtime',
        instanceId,
        filters: { queues, channels: CHANNELS },
        groupings: ['QUEUE', 'CHANNEL'],
        metrics: ['CONTACTS_IN_QUEUE', 'AGENTS_AVAILABLE'],
      },
    ]);
    expect(results.W.status).toBe(200);
    expect(calls()).toBe(before);
    // One call so far served every exporter poll (one per second since the start) and the first test's query too.
    await until('a second exporter poll seen by Prometheus', 10_000, async () => {
      const [changes] = await promQuery(
        'changes(switchboard_exporter_last_success_timestamp_seconds{query="realtime"}[1m])'
      );
      return Number(changes?.value[1]) >= 1 ? true : undefined;
    });
    expect(before).toBe(1);
  });

  it('has the quota and Voice Connector series the example alerts read', async () => {
    const [limit] = await promQuery(`connect_quota_contacts_limit{instance_id="${instanceId}",channel="VOICE"}`);
    // The scenario's voice quota, derived from in-use and percentage as the quota dashboard does.
    expect(Number(limit.value[1])).toBe(100);
    const used = await promQuery('connect_quota_used_ratio');
    for (const s of used) {
      expect(Number(s.value[1])).toBeGreaterThanOrEqual(0);
      expect(Number(s.value[1])).toBeLessThanOrEqual(1);
    }
    const mos = await promQuery('connect_voice_connector_mos');
    expect(mos.map((s) => `${s.metric.voice_connector}/${s.metric.side}`).sort()).toEqual([
      'acme-sbc-backup/customer',
      'acme-sbc-backup/remote',
      'acme-sbc-primary/customer',
      'acme-sbc-primary/remote',
    ]);
    const fresh = await promQuery('time() - switchboard_exporter_last_success_timestamp_seconds < 10');
    expect(fresh.map((s) => s.metric.query).sort()).toEqual([
      'historical',
      'instances',
      'quota',
      'realtime',
      'voice_connector_mos',
    ]);
  });

  it("has today's service level and abandonment per queue, as ratios, with the labels the alert reads", async () => {
    const sl = await promQuery('connect_queue_today_service_level_ratio');
    expect(sl.length).toBeGreaterThan(0);
    for (const s of sl) {
      expect(s.metric).toMatchObject({
        instance_id: instanceId,
        instance_alias: 'acme-support',
        threshold_seconds: '20',
      });
      expect(s.metric.queue_id).toMatch(/^[0-9a-f-]{36}$/);
      expect(s.metric.channel).toBeUndefined();
      expect(Number(s.value[1])).toBeGreaterThanOrEqual(0);
      expect(Number(s.value[1])).toBeLessThanOrEqual(1);
    }
    const abandonment = await promQuery('connect_queue_today_abandonment_ratio');
    expect(abandonment.length).toBeGreaterThan(0);
    // The alert's join: every service level has the volume it is guarded by.
    const joined = await promQuery(
      'connect_queue_today_service_level_ratio and on (instance_id, queue_id) connect_queue_today_contacts_queued'
    );
    expect(joined.length).toBe(sl.length);
  });

  it('loads the example alert rules and evaluates them on the exported series', async () => {
    const rules = await until('every rule evaluated without error', 15_000, async () => {
      const res = await fetch(`${promUrl}/api/v1/rules`);
      const body = (await res.json()) as {
        data: { groups: Array<{ name: string; rules: Array<{ name: string; health: string; lastError?: string }> }> };
      };
      const all = body.data.groups.flatMap((g) => g.rules.map((r) => ({ group: g.name, ...r })));
      return all.length > 0 && all.every((r) => r.health === 'ok') ? all : undefined;
    });
    expect(rules.map((r) => r.name)).toEqual([
      'ConnectOldestContactWaiting',
      'ConnectNoAgentAvailable',
      'ConnectQuotaHeadroomLow',
      'ConnectVoiceConnectorMosLow',
      'ConnectServiceLevelBelowTarget',
      'SwitchboardExporterStale',
    ]);

    // The queues where a contact has waited more than 5 minutes, by the proxy's own answer, are the ones the rule
    // holds pending (it fires after 2 minutes, longer than this test).
    const waiting = (await promQuery('connect_queue_oldest_contact_age_seconds > 300'))
      .map((s) => `${s.metric.queue}|${s.metric.channel}`)
      .sort();
    expect(waiting.length).toBeGreaterThan(0);
    const pending = await until('the alert to be pending', 10_000, async () => {
      const res = await fetch(`${promUrl}/api/v1/alerts`);
      const body = (await res.json()) as {
        data: { alerts: Array<{ labels: Record<string, string>; state: string }> };
      };
      const mine = body.data.alerts.filter((a) => a.labels.alertname === 'ConnectOldestContactWaiting');
      return mine.length > 0 ? mine : undefined;
    });
    expect(pending.map((a) => `${a.labels.queue}|${a.labels.channel}`).sort()).toEqual(waiting);
    expect(new Set(pending.map((a) => a.state))).toEqual(new Set(['pending']));
  });
});

describe('promtool on provisioning/prometheus', () => {
  const promtool = (...args: string[]) => spawnSync('promtool', args, { cwd: PROMETHEUS_DIR, encoding: 'utf8' });

  it('accepts the configuration and both rule files', () => {
    const rules = promtool('check', 'rules', 'switchboard-rules.yml', 'connect-alerts.yml');
    expect([rules.status, rules.stdout + rules.stderr]).toEqual([0, expect.stringContaining('SUCCESS: 6 rules found')]);
    const config = promtool('check', 'config', 'prometheus.yml');
    expect([config.status, config.stdout + config.stderr]).toEqual([0, expect.stringContaining('connect-alerts.yml')]);
  });

  it('passes the alert unit tests: each alert fires on troubled series and not on healthy ones', () => {
    const run = promtool('test', 'rules', 'connect-alerts.test.yml');
    expect([run.status, run.stdout + run.stderr]).toEqual([0, expect.stringContaining('SUCCESS')]);
  });
});
