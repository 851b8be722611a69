import { DS_UID, GRAFANA_HOST, SIM_AT, startHarness, type Harness } from './support/harness';
import type { DashboardJson, HostStateJson, PanelJson, QueryJson, ReceivedRequestJson } from './support/hostApi';
import { loadDashboard } from './support/dashboards';

const T_SIM = Date.parse(SIM_AT);
const HOUR = 3_600_000;
const NOW = new Date(T_SIM).toISOString();

/** A body the datasource POSTed to the proxy's /api/query (docs/api.md), as the page's backendSrv sent it. */
interface ProxyBody {
  range: { from: string; to: string };
  maxDataPoints?: number;
  intervalMs?: number;
  queries: Array<QueryJson & { filters?: { queues?: string[] }; dimensions?: Record<string, string[]> }>;
}

/** The panels (not rows) of a dashboard, collapsed rows' panels included. */
const panelsOf = (d: DashboardJson): PanelJson[] =>
  (d.panels ?? []).flatMap((p) => (p.type === 'row' ? (p.panels ?? []) : [p]));
/** Whether a panel's queries name a variable, read from the dashboard's JSON. */
const uses = (p: PanelJson, name: string) => new RegExp(`\\$\\{?${name}\\b`).test(JSON.stringify(p.targets ?? []));

/**
 * The dashboards' behaviour as Grafana's own engine (@grafana/scenes) gives it: variables, the requests the
 * datasource receives from SceneQueryRunner, what re-runs on a variable change, refresh and time-range changes.
 * Expectations come from the dashboard JSON and the simulator's scenario, not from the plugin's code.
 */
describe(`dashboards on Grafana's scene engine (Grafana ${GRAFANA_HOST})`, () => {
  let h: Harness;
  const queues = () => h.sim.context.world.instances[0].queues.map((q) => q.name).sort();
  const state = (): Promise<HostStateJson> => h.host('state');
  /** The proxy bodies of the datasource requests the scene sent since `since`, by panel id. */
  async function bodiesByPanel(requests: ReceivedRequestJson[]): Promise<Map<number, ProxyBody[]>> {
    const sent = (await state()).requests.filter((r) => r.url.endsWith('/api/query'));
    const out = new Map<number, ProxyBody[]>();
    for (const r of requests.filter((q) => q.panelId !== undefined)) {
      const body = sent.find((s) => s.requestId === r.requestId)?.body as ProxyBody | undefined;
      if (body) {
        out.set(r.panelId!, [...(out.get(r.panelId!) ?? []), body]);
      }
    }
    return out;
  }
  /** The queue lists a body carries: real-time filters and CloudWatch QueueName dimensions. */
  const queueLists = (body: ProxyBody) =>
    body.queries
      .map((q) => q.filters?.queues ?? q.dimensions?.QueueName)
      .filter((l): l is string[] => l !== undefined)
      .map((l) => [...l].sort());

  beforeAll(async () => {
    h = await startHarness({ browserTime: T_SIM, viewport: { width: 1632, height: 900 } });
    await h.host('boot', DS_UID);
  });
  afterAll(async () => {
    await h?.close();
  });
  afterEach(() => {
    expect(h.console.take()).toEqual([]);
  });

  it('resolves chained variables: region, then its instances by id with names as text, then queues by name', async () => {
    const report = await h.host('renderDashboard', { dashboard: loadDashboard('queues'), refresh: '' });
    const instance = h.sim.context.world.instances[0];
    expect(report.variables).toMatchObject({ datasource: DS_UID, region: 'us-east-1', instance: instance.id });
    // ids as values, names as what the picker shows
    expect(await h.host('variableOptions', 'instance')).toEqual([{ value: instance.id, text: instance.alias }]);
    expect(await h.host('interpolate', '${instance:text}')).toBe(instance.alias);
    // queue names as values (valueField name), every standard queue, sorted as the variable says (sort 1)
    const options = await h.host('variableOptions', 'queue');
    expect(options.map((o) => o.value)).toEqual(queues());
    expect(options.every((o) => o.text === o.value)).toBe(true);
    // All without a custom all value is every queue
    expect([...(report.variables.queue as string[])].sort()).toEqual(queues());
    // the queue list was asked for the instance the instance variable chose, in the Region it chose
    const lists = (await state()).requests.filter((r) => r.url.includes('/api/resources/queues'));
    expect(lists.length).toBeGreaterThan(0);
    expect(lists[lists.length - 1].url).toContain(`instanceId=${instance.id}`);
    expect(lists[lists.length - 1].url).toContain('region=us-east-1');
  });

  it('the requests the datasource receives: the range, maxDataPoints from the width, the interval', async () => {
    const dashboard = loadDashboard('queues');
    const report = await h.host('renderDashboard', { dashboard, refresh: '' });
    const requests = (await h.host('requests')).filter((r) => r.panelId !== undefined);
    const bodies = await bodiesByPanel(requests);
    expect(new Set(requests.map((r) => r.panelId))).toEqual(new Set(panelsOf(dashboard).map((p) => p.id)));
    for (const r of requests) {
      const panel = report.panels.find((p) => p.id === r.panelId)!;
      // now-3h to now, "now" the page's clock; a panel with its own relative time ("Today per queue": now/d) from
      // the start of the day in the dashboard's time zone (the host page's is UTC) to now, as PanelTimeRange does
      const own = (panelsOf(dashboard).find((p) => p.id === r.panelId) as { timeFrom?: string }).timeFrom;
      const from = own === 'now/d' ? Math.floor(T_SIM / (24 * HOUR)) * 24 * HOUR : T_SIM - 3 * HOUR;
      expect([own, r.range]).toEqual([own, { from: new Date(from).toISOString(), to: NOW }]);
      expect(r).toMatchObject({ app: 'dashboard', dashboardUID: dashboard.uid });
      // maxDataPoints from the panel's width (SceneQueryRunner's maxDataPointsFromWidth), the interval about the
      // range over that many points, rounded to a round interval as Grafana does
      expect(Math.abs(r.maxDataPoints! - panel.box.width)).toBeLessThanOrEqual(1);
      const perPoint = (T_SIM - from) / r.maxDataPoints!;
      expect(r.intervalMs / perPoint).toBeGreaterThan(0.5);
      expect(r.intervalMs / perPoint).toBeLessThan(2);
      const [, n, unit] = /^(\d+)(ms|s|m|h)$/.exec(r.interval)!;
      expect(Number(n) * { ms: 1, s: 1000, m: 60_000, h: HOUR }[unit as 'ms']).toBe(r.intervalMs);
      expect(r.scopedVars).toEqual(expect.arrayContaining(['__interval', '__interval_ms', '__sceneObject']));
      // what the proxy got is that request
      for (const body of bodies.get(r.panelId!) ?? []) {
        expect(body).toMatchObject({ range: r.range, maxDataPoints: r.maxDataPoints, intervalMs: r.intervalMs });
      }
    }
  });

  it('hidden queries reach the datasource; only those an expression reads reach the proxy', async () => {
    const dashboard = loadDashboard('quotas');
    await h.host('renderDashboard', { dashboard, refresh: '' });
    const panel = panelsOf(dashboard).find((p) => (p.targets ?? []).some((t) => t.hide))!;
    expect(panel).toBeDefined();
    const targets = panel.targets!;
    const request = (await h.host('requests')).filter((r) => r.panelId === panel.id).pop()!;
    // the runner hands the datasource every query, hidden ones too
    expect(request.targets.map((t) => [t.refId, Boolean(t.hide)])).toEqual(
      targets.map((t) => [t.refId, Boolean(t.hide)])
    );
    const [body] = (await bodiesByPanel([request])).get(panel.id!)!;
    const expressions = targets
      .filter((t) => !t.hide)
      .map((t) => String(t.expression ?? ''))
      .join(' ');
    const read = (t: QueryJson) => typeof t.id === 'string' && new RegExp(`\\b${t.id}\\b`).test(expressions);
    const expected = targets.filter((t) => !t.hide || read(t)).map((t) => t.refId);
    expect(targets.some((t) => t.hide && read(t))).toBe(true);
    expect(body.queries.map((q) => q.refId)).toEqual(expected);
  });

  it('the queue variable: two queues, then All; only the panels that use it ask again, with exactly those queues', async () => {
    const dashboard = loadDashboard('queues');
    await h.host('renderDashboard', { dashboard, refresh: '' });
    const using = panelsOf(dashboard).filter((p) => uses(p, 'queue'));
    const notUsing = panelsOf(dashboard).filter((p) => !uses(p, 'queue') && p.targets?.length);
    expect(using.length).toBeGreaterThan(3);

    for (const [value, expected] of [
      [
        ['Billing', 'VIP'],
        ['Billing', 'VIP'],
      ],
      ['$__all', queues()],
    ] as Array<[string | string[], string[]]>) {
      const before = (await h.host('requests')).length;
      const reports = await h.host('changeVariable', 'queue', value);
      const requests = (await h.host('requests')).slice(before);
      expect(new Set(requests.map((r) => r.panelId))).toEqual(new Set(using.map((p) => p.id)));
      const bodies = await bodiesByPanel(requests);
      for (const p of using) {
        const lists = (bodies.get(p.id!) ?? []).flatMap(queueLists);
        expect([p.title, lists.length > 0]).toEqual([p.title, true]);
        for (const list of lists) {
          expect([p.title, list]).toEqual([p.title, expected]);
        }
      }
      expect(notUsing.every((p) => !requests.some((r) => r.panelId === p.id))).toBe(true);
      expect(reports.filter((r) => r.errors.length > 0)).toEqual([]);
    }
  });

  it('a custom all value ("*") goes to the datasource as it is, not as every queue', async () => {
    const dashboard = loadDashboard('queues');
    const queue = dashboard.templating!.list!.find((v) => v.name === 'queue')!;
    queue.allValue = '*';
    await h.host('renderDashboard', { dashboard, refresh: '' });
    expect(await h.host('interpolate', '${queue:csv}')).toBe('*');
    const bodies = await bodiesByPanel(await h.host('requests'));
    const cloudwatch = panelsOf(dashboard).filter(
      (p) => uses(p, 'queue') && p.targets!.some((t) => t.queryType === 'cloudwatch')
    );
    expect(cloudwatch.length).toBeGreaterThan(0);
    for (const p of cloudwatch) {
      const dims = (bodies.get(p.id!) ?? []).flatMap((b) => b.queries.map((q) => q.dimensions?.QueueName));
      expect([p.title, dims.filter(Boolean)]).toEqual([p.title, expect.arrayContaining([['*']])]);
    }
  });

  it('refresh runs every panel again with the same range; a new time range runs each with the new one', async () => {
    const dashboard = loadDashboard('voice-id');
    const first = await h.host('renderDashboard', { dashboard, refresh: '' });
    const before = (await h.host('requests')).length;
    const refreshed = await h.host('refresh');
    expect(refreshed.map((p) => p.runs)).toEqual(first.panels.map((p) => p.runs + 1));
    const again = (await h.host('requests')).slice(before);
    expect(new Set(again.map((r) => r.range.from))).toEqual(new Set([new Date(T_SIM - 6 * HOUR).toISOString()]));

    const mark = (await h.host('requests')).length;
    const moved = await h.host('setTimeRange', 'now-1h', 'now');
    const requests = (await h.host('requests')).slice(mark).filter((r) => r.panelId !== undefined);
    expect(new Set(requests.map((r) => r.panelId))).toEqual(new Set(first.panels.map((p) => p.id)));
    const range = { from: new Date(T_SIM - HOUR).toISOString(), to: NOW };
    expect(requests.every((r) => r.range.from === range.from && r.range.to === range.to)).toBe(true);
    for (const bodies of (await bodiesByPanel(requests)).values()) {
      expect(bodies.every((b) => b.range.from === range.from && b.range.to === range.to)).toBe(true);
    }
    expect(moved.filter((p) => p.state !== 'Done')).toEqual([]);
  });

  it("the dashboard's own auto-refresh (10 s on Queues) runs the panels again by itself", async () => {
    const dashboard = loadDashboard('queues');
    expect(dashboard.refresh).toBe('10s');
    const first = await h.host('renderDashboard', { dashboard });
    await h.page.waitForFunction(
      (runs) =>
        (globalThis as unknown as { switchboardHost: { panels(): Array<{ runs: number }> } }).switchboardHost
          .panels()
          .every((p, i) => p.runs > runs[i]),
      first.panels.map((p) => p.runs),
      { timeout: 20_000 }
    );
  });
});
