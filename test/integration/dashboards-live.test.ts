import type { Dashboard } from '@grafana/schema';
import type { CloudWatchQuery, QueryRequest } from '../../src/connect/proxyApi';
import type { DataFrameJSON } from '../../proxy/frames';
import { runQueries } from '../../proxy/queries/run';
import { testAws, testContext } from '../support/proxy';
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
import { taskExpiries } from '../../simulator/model/cloudwatch/connect';

/**
 * Every panel of every provisioned dashboard, run through the proxy against the simulator with the variables'
 * values listed the way the dashboard lists them (the proxy's resource lists): each query answers 200 and each panel
 * gets numbers. At 14:00 local time on a weekday, when the contact center is busy.
 */
const AT = '2026-11-18T19:00:00Z';
const dashboards = shippedDashboards();
const rangeOf = (d: Dashboard) => rangeAt(d, AT);

describe('every dashboard query against proxy and simulator', () => {
  let sim: TestSimulator;
  let aws: ReturnType<typeof testAws>;
  let values: VariableValues;

  beforeAll(async () => {
    sim = await startTestSimulator({ at: AT });
    aws = testAws(sim.url);
    values = await listedValues(testContext({}, dataClockOf(sim)).resources.loaders, aws);
  });
  afterAll(async () => {
    aws.destroy();
    await sim.close();
  });

  it.each(panelCases(dashboards))('%s answers with data', async (where, d, p) => {
    expect(values.voice_connector.length).toBeGreaterThan(0);
    await expectPanelAnswers(where, d, p, values, AT, (request) =>
      runQueries(testContext({}, dataClockOf(sim)), aws, request)
    );
  });

  // The panels of issue 12, with the numbers they must show (the scenario's and the simulator's own, not the proxy's).
  const dashboardOf = (file: string) => dashboards.find(([f]) => f === file)![1];
  const panelOf = (file: string, title: string) => panelsOf(dashboardOf(file)).find((p) => p.title === title)!;
  /** A panel's visible answers: refId -> frames as the proxy sends them. */
  async function answers(file: string, title: string, range = rangeOf(dashboardOf(file))) {
    const queries = interpolatedTargets(panelOf(file, title), values);
    const res = await runQueries(testContext({}, dataClockOf(sim)), aws, {
      range,
      maxDataPoints: 800,
      queries,
    } as unknown as QueryRequest);
    for (const q of queries) {
      expect([title, q.refId, res.results[q.refId].error]).toEqual([title, q.refId, undefined]);
    }
    return res.results;
  }
  const numbersOf = (frames: Array<{ data: { values: unknown[][] } }> = [], column = 1) =>
    frames.flatMap((f) => f.data.values[column] as number[]);

  it("quotas: each derived quota is the scenario's, and now and peak are shares of it (tasks 0–100, not ×100)", async () => {
    const r = await answers('quotas.json', 'Quotas per channel');
    const [f] = r.A.frames!;
    const col = (name: string) => f.data.values[f.schema.fields.findIndex((x) => x.name === name)] as number[];
    const channels = col('Channel') as unknown as string[];
    const configured = sim.context.world.instances[0].spec.quotas as Record<string, number>;
    expect([...channels].sort()).toEqual(Object.keys(configured).sort());
    channels.forEach((c, i) => {
      const quota = col('Quota')[i];
      const precision = col('Quota ±')[i];
      expect([c, Math.abs(quota - configured[c]) <= precision]).toEqual([c, true]);
      expect([c, col('Used')[i]]).toEqual([c, expect.any(Number)]);
      expect([c, col('Peak used')[i] >= col('Used')[i], col('Peak used')[i] <= 100]).toEqual([c, true, true]);
      expect([c, col('Headroom at peak')[i] <= col('Headroom')[i]]).toEqual([c, true]);
    });
  });

  it('quotas: the concurrency percentages share one 0–100 axis (calls × 100, emails under one spelling)', async () => {
    const r = await answers('quotas.json', 'Concurrency percentage');
    const p = panelOf('quotas.json', 'Concurrency percentage');
    const byLabel = new Map<string, number[]>();
    for (const q of (p.targets ?? []).filter((t) => !t.hide)) {
      for (const f of r[q.refId as string].frames ?? []) {
        const label = (f.schema.fields[1].config as { displayNameFromDS?: string })?.displayNameFromDS ?? '';
        byLabel.set(label, [...(byLabel.get(label) ?? []), ...numbersOf([f])]);
      }
    }
    expect([...byLabel.keys()].sort()).toEqual(['Calls', 'Chats', 'Emails', 'Tasks']);
    for (const [label, v] of byLabel) {
      expect([label, v.length > 0, Math.min(...v) >= 0, Math.max(...v) <= 100]).toEqual([label, true, true, true]);
    }
    // At 14:00 the calls are tens of percent of their quota, not fractions of one percent.
    expect(Math.max(...byLabel.get('Calls')!)).toBeGreaterThan(5);
  });

  it("NOC: a call spike is 5 minutes over the range's average (calls in every period at 14:00: the ratios average 1)", async () => {
    const r = await answers('noc-overview.json', 'Call spike (peak in range)');
    const ratios = numbersOf(r.B.frames);
    // the hour's twelve 5-minute periods (the range is aligned to them: 11 or 12 whole ones)
    expect(ratios.length).toBeGreaterThanOrEqual(11);
    expect(ratios.length).toBeLessThanOrEqual(13);
    expect(ratios.reduce((a, b) => a + b, 0) / ratios.length).toBeCloseTo(1, 6);
    expect(Math.max(...ratios)).toBeGreaterThan(1);
    // ordinary traffic at 14:00: no spike (chance alone makes single minutes 2x; 5 minutes smooth it)
    expect(Math.max(...ratios)).toBeLessThan(1.5);
  });

  it('NOC: expired and expiring tasks add up every task of the range, and none is an empty total, not an error', async () => {
    const at = Date.parse(AT) / 1000;
    const instance = sim.context.world.instances[0];
    for (const [title, key] of [
      ['Tasks expired', 'expiredAt'],
      ['Tasks about to expire', 'warnedAt'],
    ] as const) {
      const hour = await answers('noc-overview.json', title);
      const inHour = taskExpiries(sim.context.world, instance, at - 3600, at).filter(
        (t) => t[key] >= at - 3600 && t[key] < at
      );
      expect([title, numbersOf(hour.Z.frames).reduce((a, b) => a + b, 0)]).toEqual([title, inHour.length]);
      const week = { from: new Date((at - 7 * 86400) * 1000).toISOString(), to: AT };
      const r = await answers('noc-overview.json', title, week);
      const expected = taskExpiries(sim.context.world, instance, at - 7 * 86400, at).filter(
        (t) => t[key] >= at - 7 * 86400 && t[key] < at
      ).length;
      expect(expected).toBeGreaterThan(0);
      expect([title, numbersOf(r.Z.frames).reduce((a, b) => a + b, 0)]).toEqual([title, expected]);
    }
  });

  // Voice Connector call quality (fact: chime-packets-lost-cumulative): at 14:00 local the range is 11:00-14:00,
  // before the daily incident, so every leg shows the scenario's baseline loss, which wanders ±25 %: acme-sbc-primary
  // customer 0.3 %, remote 0.1 %; acme-sbc-backup customer 0.5 %, remote 0.2 %.
  const VC_BASELINE: Record<string, { customer: number; remote: number }> = {
    'acme-sbc-primary': { customer: 0.3, remote: 0.1 },
    'acme-sbc-backup': { customer: 0.5, remote: 0.2 },
  };
  const vcPanel = (title: string) => {
    const d = dashboards.find(([f]) => f === 'voice-connectors.json')![1];
    return [d, panelsOf(d).find((p) => p.title === title)!] as const;
  };
  const vcAnswers = async (title: string, range?: { from: string; to: string }) => {
    const [d, p] = vcPanel(title);
    const queries = interpolatedTargets(p, values) as CloudWatchQuery[];
    const res = await runQueries(testContext({}, dataClockOf(sim)), aws, {
      range: range ?? rangeOf(d),
      maxDataPoints: 800,
      queries,
    } as unknown as QueryRequest);
    for (const q of queries) {
      expect([title, q.refId, res.results[q.refId].error]).toEqual([title, q.refId, undefined]);
    }
    return { queries, res };
  };
  const nameOf = (id: string) => sim.context.world.voiceConnectors.find((v) => v.id === id)!.name;
  /** A leg's baseline band, ±25 %, with a margin for rounding to whole packets (half a packet of one call: 0.017 points). */
  const band = (id: string, side: 'customer' | 'remote') => {
    const base = VC_BASELINE[nameOf(id)][side];
    return [base * 0.75 - 0.02, base * 1.25 + 0.02];
  };

  it('Voice Connectors: packet loss per leg is the scenario’s loss, not PacketsLost’s running totals', async () => {
    const { queries, res } = await vcAnswers('Packet loss per leg (estimated)');
    const expressions = queries.filter((q) => !q.hide);
    expect(expressions).toHaveLength(4);
    let points = 0;
    for (const q of expressions) {
      const side = /customer/.test(q.label ?? '') ? 'customer' : 'remote';
      const frames = res.results[q.refId].frames!;
      expect(frames).toHaveLength(values.voice_connector.length);
      for (const f of frames) {
        const id = f.schema.fields[1].labels!.VoiceConnectorId;
        const [low, high] = band(id, side);
        const v = f.data.values[1] as number[];
        expect(v.length).toBeGreaterThan(30);
        expect([q.label, id, Math.min(...v) >= low, Math.max(...v) <= high]).toEqual([q.label, id, true, true]);
        points += v.length;
      }
    }
    expect(points).toBeGreaterThan(500);
  });

  it('Voice Connectors: through yesterday’s incident, loss is 4 % on the remote legs while lost-so-far carries on', async () => {
    // acme-sbc-primary's daily incident: 14:00-14:20 local (19:00-19:20 UTC), 4 % loss on the remote side.
    const range = { from: '2026-11-17T18:30:00Z', to: '2026-11-17T19:45:00Z' };
    const primary = sim.context.world.voiceConnectors.find((v) => v.name === 'acme-sbc-primary')!.id;
    const start = Date.parse('2026-11-17T19:00:00Z');
    const end = Date.parse('2026-11-17T19:20:00Z');
    const seriesOf = (frames: DataFrameJSON[]) => {
      const f = frames.find((x) => x.schema.fields[1].labels?.VoiceConnectorId === primary)!;
      return new Map((f.data.values[0] as number[]).map((t, i) => [t, (f.data.values[1] as number[])[i]]));
    };
    const { queries, res } = await vcAnswers('Packet loss per leg (estimated)', range);
    for (const q of queries.filter((x) => !x.hide)) {
      const remote = /remote/.test(q.label ?? '');
      for (const [t, v] of seriesOf(res.results[q.refId].frames!)) {
        if (remote && t >= start && t < end) {
          expect([q.label, t, Math.abs(v - 4) <= 0.02]).toEqual([q.label, t, true]);
        } else {
          const [low, high] = band(primary, remote ? 'remote' : 'customer');
          expect([q.label, t, v >= low && v <= high]).toEqual([q.label, t, true]);
        }
      }
    }
    // AWS's own number: the running totals of the calls in progress rise through the incident and stay up after it.
    const lost = await vcAnswers('Packets lost so far on calls in progress', range);
    const remoteLost = lost.queries.find((q) => q.metricName === 'RemoteToVcPacketsLost')!;
    const series = seriesOf(lost.res.results[remoteLost.refId].frames!);
    const at = (iso: string) => series.get(Date.parse(iso))!;
    expect(at('2026-11-17T19:10:00Z')).toBeGreaterThan(5 * at('2026-11-17T18:55:00Z'));
    // Five minutes after the incident, most of its calls are still up and carry its losses.
    expect(at('2026-11-17T19:25:00Z')).toBeGreaterThan(3 * at('2026-11-17T18:55:00Z'));
  });
});
