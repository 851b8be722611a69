import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Dashboard, Panel } from '@grafana/schema';
import type { QueryRequest } from '../../src/connect/query';
import { runQueries } from '../../proxy/queries/run';
import { resourceLoaders } from '../../proxy/resources';
import { testAws, testContext } from '../../proxy/testing';
import { interpolatedTargets, panelsOf, type VariableValues } from '../support/dashboards';
import { startTestSimulator, type TestSimulator } from '../support/simulator';

/**
 * Every panel of every provisioned dashboard, run through the proxy against the simulator with the variables'
 * values listed the way the dashboard lists them (the proxy's resource lists): each query answers 200 and each panel
 * gets numbers. At 14:00 local time on a weekday, when the contact center is busy.
 */
const AT = '2026-11-18T19:00:00Z';
const root = path.resolve(__dirname, '../..');
const dashboards = readdirSync(path.join(root, 'dashboards'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => [f, JSON.parse(readFileSync(path.join(root, 'dashboards', f), 'utf8')) as Dashboard] as const);

/** Grafana's relative range ("now-3h") at the simulator's instant. */
function rangeOf(d: Dashboard) {
  const hours = Number(/now-(\d+)h/.exec(d.time?.from ?? '')?.[1] ?? 1);
  return { from: new Date(Date.parse(AT) - hours * 3600_000).toISOString(), to: AT };
}

describe('every dashboard query against proxy and simulator', () => {
  let sim: TestSimulator;
  let aws: ReturnType<typeof testAws>;
  let values: VariableValues;

  beforeAll(async () => {
    sim = await startTestSimulator({ at: AT });
    aws = testAws(sim.url);
    const { loaders } = resourceLoaders(testContext());
    const region = 'us-east-1';
    const instances = await loaders.instances(aws, region, {});
    const instance = instances[0].value;
    const list = async (items: Promise<Array<{ value: string; text: string }>>, by: 'value' | 'text' = 'value') =>
      (await items).map((i) => i[by]);
    values = {
      datasource: ['switchboard'],
      region: [region],
      instance: [instance],
      // The dashboards' queue variable lists names (valueField: name).
      queue: await list(loaders.queues(aws, region, { instanceId: instance, queueTypes: 'STANDARD' }), 'text'),
      channel: ['VOICE', 'CHAT', 'TASK', 'EMAIL'],
      voice_connector: await list(loaders['voice-connectors'](aws, region, {})),
      domain: await list(loaders['voiceid-domains'](aws, region, {})),
    };
  });
  afterAll(async () => {
    aws.destroy();
    await sim.close();
  });

  const cases = dashboards.flatMap(([file, d]) =>
    panelsOf(d).map((p) => [`${file} / ${p.title}`, d, p] as [string, Dashboard, Panel])
  );

  it.each(cases)('%s answers with data', async (where, d, p) => {
    expect(values.voice_connector.length).toBeGreaterThan(0);
    const runs: VariableValues[] = p.repeat ? values[p.repeat].map((v) => ({ ...values, [p.repeat!]: [v] })) : [values];
    for (const vars of runs) {
      const queries = interpolatedTargets(p, vars);
      const request = { range: rangeOf(d), maxDataPoints: 800, queries } as unknown as QueryRequest;
      const res = await runQueries(testContext(), aws, request);
      const visible = queries.filter((q) => !q.hide);
      for (const q of visible) {
        const r = res.results[q.refId];
        expect([where, q.refId, r.status, r.error]).toEqual([where, q.refId, 200, undefined]);
      }
      // At least one number in the panel. AWS publishes event counters (ThrottledCalls, flow errors...) only when
      // the event happens: a panel of such counters may be empty, and then says so (noValue), never a bare "No data".
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
  });
});
