import type { QueryRequest } from '../../src/connect/proxyApi';
import { runQueries } from '../../proxy/queries/run';
import { testAws, testContext } from '../support/proxy';
import { resolveRequest } from '../../simulator/services/connect/currentMetricData';
import type { CurrentMetricName } from '../../simulator/services/connect/currentMetricNames';
import { computeRealtime } from '../../simulator/model/realtime';
import {
  expectPanelAnswers,
  interpolatedTargets,
  listedValues,
  panelCases,
  panelsOf,
  rangeAt,
  shippedDashboards,
  type VariableValues,
} from '../support/dashboards';
import { dataClockOf, startTestSimulator, type TestSimulator } from '../support/simulator';
import { WALL_CONNECTORS, wallScenario } from '../support/wallScenario';

/**
 * Issue 15: every panel of every shipped dashboard answers at the NOC wall's scale, 160 queues (140 routing profiles)
 * and 24 voice connectors (test/support/wallScenario.ts), with the variables listed as the dashboards list them.
 * A panel either gets numbers or says why not (an empty event counter says "None in this range"); no query fails,
 * not even the ones that must be split above 100 queues and merged again.
 */
const AT = '2026-11-18T19:00:00Z';
const dashboards = shippedDashboards();

describe('every dashboard panel with 160 queues and 24 voice connectors', () => {
  let sim: TestSimulator;
  let aws: ReturnType<typeof testAws>;
  let values: VariableValues;

  beforeAll(async () => {
    sim = await startTestSimulator({ at: AT, scenario: wallScenario() });
    aws = testAws(sim.url);
    values = await listedValues(testContext({}, dataClockOf(sim)).resources.loaders, aws);
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

  it.each(panelCases(dashboards))(
    '%s answers',
    (where, d, p) =>
      expectPanelAnswers(where, d, p, values, AT, (request) =>
        runQueries(testContext({}, dataClockOf(sim)), aws, request)
      ),
    60_000
  );

  it('"Selected queues now" over 160 queues: the agents the simulator counts in one request of all of them', async () => {
    const d = dashboards.find(([f]) => f === 'queues.json')![1];
    const p = panelsOf(d).find((x) => x.title === 'Selected queues now')!;
    const queries = interpolatedTargets(p, values);
    const res = await runQueries(testContext({}, dataClockOf(sim)), aws, {
      range: rangeAt(d, AT),
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
