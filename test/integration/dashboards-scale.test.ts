import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Dashboard, Panel } from '@grafana/schema';
import type { QueryRequest } from '../../src/connect/proxyApi';
import { runQueries } from '../../proxy/queries/run';
import { testAws, testContext } from '../support/proxy';
import { resolveRequest } from '../../simulator/services/connect/currentMetricData';
import type { CurrentMetricName } from '../../simulator/services/connect/currentMetricNames';
import { computeRealtime } from '../../simulator/model/realtime';
import { interpolatedTargets, panelsOf, type VariableValues } from '../support/dashboards';
import { dataClockOf, startTestSimulator, type TestSimulator } from '../support/simulator';
import { WALL_CONNECTORS, wallScenario } from '../support/wallScenario';

/**
 * Issue 15: every panel of every shipped dashboard answers at the NOC wall's scale, 160 queues (140 routing profiles)
 * and 24 voice connectors (test/support/wallScenario.ts), with the variables listed as the dashboards list them.
 * A panel either gets numbers or says why not (an empty event counter says "None in this range"); no query fails,
 * not even the ones that must be split above 100 queues and merged again.
 */
const AT = '2026-11-18T19:00:00Z';
const root = path.resolve(__dirname, '../..');
const dashboards = readdirSync(path.join(root, 'dashboards'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => [f, JSON.parse(readFileSync(path.join(root, 'dashboards', f), 'utf8')) as Dashboard] as const);

function rangeOf(d: Dashboard) {
  const hours = Number(/now-(\d+)h/.exec(d.time?.from ?? '')?.[1] ?? 1);
  return { from: new Date(Date.parse(AT) - hours * 3600_000).toISOString(), to: AT };
}

describe('every dashboard panel with 160 queues and 24 voice connectors', () => {
  let sim: TestSimulator;
  let aws: ReturnType<typeof testAws>;
  let values: VariableValues;

  beforeAll(async () => {
    sim = await startTestSimulator({ at: AT, scenario: wallScenario() });
    aws = testAws(sim.url);
    const { loaders } = testContext({}, dataClockOf(sim)).resources;
    const region = 'us-east-1';
    const instance = (await loaders.instances(aws, region, {}))[0].value;
    const list = async (items: Promise<Array<{ value: string; text: string }>>, by: 'value' | 'text' = 'value') =>
      (await items).map((i) => i[by]);
    values = {
      datasource: ['switchboard'],
      region: [region],
      instance: [instance],
      queue: await list(loaders.queues(aws, region, { instanceId: instance, queueTypes: 'STANDARD' }), 'text'),
      channel: ['VOICE', 'CHAT', 'TASK', 'EMAIL'],
      voice_connector: await list(loaders['voice-connectors'](aws, region, {})),
      domain: await list(loaders['voiceid-domains'](aws, region, {})),
    };
  }, 60_000);
  afterAll(async () => {
    aws?.destroy();
    await sim?.close();
  });

  it('lists 160 queues and 24 voice connectors, as the variables would', () => {
    expect(values.queue).toHaveLength(160);
    expect(new Set(values.queue).size).toBe(160);
    expect(values.voice_connector).toHaveLength(WALL_CONNECTORS);
    expect(sim.context.world.instances[0].routingProfiles.length).toBeGreaterThan(100);
  });

  const cases = dashboards.flatMap(([file, d]) =>
    panelsOf(d).map((p) => [`${file} / ${p.title}`, d, p] as [string, Dashboard, Panel])
  );

  it.each(cases)(
    '%s answers',
    async (where, d, p) => {
      const runs: VariableValues[] = p.repeat
        ? values[p.repeat].map((v) => ({ ...values, [p.repeat!]: [v] }))
        : [values];
      for (const vars of runs) {
        const queries = interpolatedTargets(p, vars);
        const request = { range: rangeOf(d), maxDataPoints: 800, queries } as unknown as QueryRequest;
        const res = await runQueries(testContext({}, dataClockOf(sim)), aws, request);
        const visible = queries.filter((q) => !q.hide);
        for (const q of visible) {
          const r = res.results[q.refId];
          expect([where, q.refId, r.status, r.error]).toEqual([where, q.refId, 200, undefined]);
        }
        const numbers = visible.flatMap((q) =>
          (res.results[q.refId].frames ?? []).flatMap((f) =>
            f.schema.fields
              .map((field, i) => (field.type === 'number' ? f.data.values[i] : []))
              .flat()
              .filter((v) => typeof v === 'number')
          )
        );
        const onlyCounters = visible.every(
          (q) => q.queryType === 'cloudwatch' && (q.statistic === 'Sum' || q.expression)
        );
        const saysNone = typeof p.fieldConfig?.defaults?.noValue === 'string';
        expect([where, numbers.length > 0 || (onlyCounters && saysNone)]).toEqual([where, true]);
      }
    },
    60_000
  );

  it('"Selected queues now" over 160 queues: the agents the simulator counts in one request of all of them', async () => {
    const d = dashboards.find(([f]) => f === 'queues.json')![1];
    const p = panelsOf(d).find((x) => x.title === 'Selected queues now')!;
    const queries = interpolatedTargets(p, values);
    const res = await runQueries(testContext({}, dataClockOf(sim)), aws, {
      range: rangeOf(d),
      maxDataPoints: 800,
      queries,
    } as unknown as QueryRequest);
    const frame = res.results.A.frames![0];
    const shown = Object.fromEntries(frame.schema.fields.map((f, i) => [f.name, frame.data.values[i][0]]));
    // Expected: the simulator's model answering all 160 queues at once (AWS caps a call at 100; the model does not),
    // not the proxy's split-and-merge.
    const inst = sim.context.world.instances[0];
    const metrics = ['AGENTS_ONLINE', 'AGENTS_AVAILABLE', 'AGENTS_ON_CONTACT', 'CONTACTS_IN_QUEUE'];
    const [row] = computeRealtime(
      sim.context.model.snapshot(inst, Date.parse(AT) / 1000),
      resolveRequest(
        inst,
        { queues: inst.queues.map((q) => q.id), channels: ['VOICE', 'CHAT', 'TASK', 'EMAIL'] },
        [],
        metrics as CurrentMetricName[]
      )
    );
    const want = Object.fromEntries(metrics.map((m, i) => [m, row.values[i]]));
    expect(want.AGENTS_ONLINE).toBeGreaterThan(100);
    for (const m of metrics) {
      expect([m, shown[m]]).toEqual([m, want[m]]);
    }
  });
});
