import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './build';
import { DS_UID, GRAFANA_HOST, SCREENSHOT_HOST, SIM_AT, startHarness, type Harness } from './support/harness';
import type { FrameJson, PanelJson, QueryJson } from './support/hostApi';
import { saveScreenshot } from './support/screenshots';

const SCREENSHOTS = path.join(ROOT, 'docs/screenshots');
const T_SIM = Date.parse(SIM_AT);
/** The page's clock: half a minute after the simulator's snapshot, so waiting contacts have waited 30 s more. */
const T_PAGE = T_SIM + 30_000;
const WIDTH = 1200;
const HEIGHT = 560;

/**
 * The queue wallboard of dist/ in Chromium, as a dashboard panel (PanelChrome, Grafana's migration and defaults),
 * its query run by the datasource through the route, the proxy and the simulator. The expectations are computed
 * here from the proxy's own frames with the rules of the panel's README (not with the panel's code).
 */
describe('queue wallboard panel in Chromium', () => {
  let h: Harness;
  const range = { from: new Date(T_SIM - 3_600_000).toISOString(), to: SIM_AT };

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    // Every refresh asks the simulator again (no 5 s proxy cache): the refresh test moves the simulator's clock.
    h = await startHarness({
      browserTime: T_PAGE,
      proxyEnv: { REALTIME_CACHE_TTL_MS: '0' },
      // the panel and the host page's padding, nothing else in the screenshot
      viewport: { width: WIDTH + 32, height: HEIGHT + 32 },
    });
    await h.host('boot', DS_UID);
  });
  afterAll(async () => {
    await h?.close();
  });
  afterEach(() => {
    expect(h.console.take()).toEqual([]);
  });

  const instance = () => h.sim.context.world.instances[0];
  const METRICS = ['CONTACTS_IN_QUEUE', 'OLDEST_CONTACT_AGE', 'AGENTS_AVAILABLE', 'AGENTS_ONLINE'];
  const target = (overrides: Partial<QueryJson> = {}): QueryJson => ({
    refId: 'A',
    queryType: 'realtime',
    instanceId: instance().id,
    filters: { queues: instance().queues.map((q) => q.id) },
    groupings: ['QUEUE'],
    metrics: METRICS,
    format: 'table',
    ...overrides,
  });
  const wallboard = (targets: QueryJson[], options: Record<string, unknown> = {}): PanelJson => ({
    id: 2,
    type: 'switchboard-queuewall-panel',
    title: 'Queue wallboard',
    description: 'Every queue of the instance, worst first',
    targets,
    // as a provisioned dashboard may save it: hand-written options without a version
    options,
  });
  const render = (panel: PanelJson) => h.host('renderPanel', { panel, width: WIDTH, height: HEIGHT, ...range });

  /** The tiles in page order: queue, status, and each metric's label, text, severity and ticking flag. */
  const tiles = () =>
    h.page.locator('[data-testid="queuewall-tile"]').evaluateAll((nodes) =>
      (nodes as unknown as El[]).map((el) => ({
        queue: el.getAttribute('data-queue'),
        status: el.getAttribute('data-status'),
        metrics: Object.fromEntries(
          Array.from(el.querySelectorAll('[data-testid="queuewall-metric"]')).map((m) => [
            m.getAttribute('data-field'),
            {
              label: m.firstElementChild?.textContent,
              text: m.lastElementChild?.textContent,
              severity: m.getAttribute('data-severity'),
              ticking: m.getAttribute('data-ticking') === 'true',
            },
          ])
        ),
      }))
    );

  /** "1:05" or "1:02:09" in seconds. */
  const clock = (text: string | null | undefined) =>
    (text ?? '').split(':').reduce((total, part) => total * 60 + Number(part), 0);

  /** The realtime table the proxy answers for the wallboard's query, read through the same datasource. */
  async function proxyTable(): Promise<FrameJson> {
    const res = await h.host('query', { targets: [target()], ...range });
    expect(res.errors).toEqual([]);
    return res.data[0];
  }

  type Severity = 'alert' | 'warn' | 'ok' | 'nodata';
  const RANK = { alert: 4, warn: 3, ok: 2, nodata: 1, quiet: 0 };
  /**
   * The default rules of the README: inclusive thresholds, "above" or "below"; no agent available (≤ 0) is a
   * warning only while contacts wait (no staffed hours set), otherwise the value is shown unjudged (ok).
   */
  const RULES: Array<[string, number | undefined, number | undefined, 'above' | 'below', boolean]> = [
    ['CONTACTS_IN_QUEUE', 5, 10, 'above', false],
    ['OLDEST_CONTACT_AGE', 60, 180, 'above', false],
    ['AGENTS_AVAILABLE', 0, undefined, 'below', true],
  ];
  const judge = (v: number | null, warn?: number, alert?: number, dir: 'above' | 'below' = 'above'): Severity => {
    if (v === null) {
      return 'nodata';
    }
    const bad = (t?: number) => t !== undefined && (dir === 'above' ? v >= t : v <= t);
    return bad(alert) ? 'alert' : bad(warn) ? 'warn' : 'ok';
  };

  /** What the wallboard must show for a proxy table, at the page's time `now`. */
  function expected(table: FrameJson, now: number) {
    const col = (name: string) => table.fields.find((f) => f.name === name)!.values as Array<number | null>;
    const names = table.fields.find((f) => f.name === 'Queue')!.values as string[];
    const snapshot = (table.meta?.custom as { snapshotTime: number }).snapshotTime;
    return names
      .map((queue, i) => {
        const value = (m: string) => col(m)[i];
        const waiting = (value('CONTACTS_IN_QUEUE') ?? 0) > 0;
        const oldest = value('OLDEST_CONTACT_AGE');
        const shownOldest = oldest !== null && waiting ? oldest + (now - snapshot) / 1000 : oldest;
        const shown: Record<string, number | null> = {
          CONTACTS_IN_QUEUE: value('CONTACTS_IN_QUEUE'),
          OLDEST_CONTACT_AGE: shownOldest,
          AGENTS_AVAILABLE: value('AGENTS_AVAILABLE'),
        };
        const severities = RULES.map(([m, warn, alert, dir, whileWaiting]) =>
          whileWaiting && !waiting ? judge(shown[m]) : judge(shown[m], warn, alert, dir)
        );
        const quiet = METRICS.every((m) => !value(m));
        const status = quiet ? 'quiet' : severities.reduce<Severity>((w, s) => (RANK[s] > RANK[w] ? s : w), 'nodata');
        return { queue, status, shown, severities, waiting };
      })
      .sort(
        (a, b) =>
          RANK[b.status as Severity] - RANK[a.status as Severity] ||
          (b.shown.OLDEST_CONTACT_AGE ?? -1) - (a.shown.OLDEST_CONTACT_AGE ?? -1) ||
          a.queue.localeCompare(b.queue, undefined, { numeric: true, sensitivity: 'base' })
      );
  }

  it('draws a tile per queue of the scenario, with names, units and severities from the proxy, worst first', async () => {
    const report = await render(wallboard([target()]));
    expect(report).toMatchObject({ state: 'Done', errors: [], frames: 1, noData: false, runs: 1 });
    expect(report.rows).toBe(instance().queues.length);
    // the options the panel got: hand-written {} migrated to version 2 with the defaults
    expect(report.options).toMatchObject({ version: 2, sortBy: 'severity', showTicking: true });

    const table = await proxyTable();
    const want = expected(table, T_PAGE);
    const shown = await tiles();
    expect(shown.map((t) => t.queue)).toEqual(want.map((w) => w.queue));
    expect(new Set(shown.map((t) => t.queue))).toEqual(new Set(instance().queues.map((q) => q.name)));
    expect(shown.map((t) => t.status)).toEqual(want.map((w) => w.status));
    // the scenario at this hour has queues in trouble and healthy ones: the sort is really exercised
    expect(new Set(shown.map((t) => t.status)).size).toBeGreaterThanOrEqual(2);

    for (const [i, tile] of shown.entries()) {
      const w = want[i];
      // labels are the frames' display names (Connect's report names)
      expect(tile.metrics.CONTACTS_IN_QUEUE.label).toBe('In queue');
      expect(tile.metrics.OLDEST_CONTACT_AGE.label).toBe('Oldest');
      expect(tile.metrics.AGENTS_AVAILABLE.label).toBe('Available');
      // counts as integers, the age (unit s) as a clock m:ss
      expect(tile.metrics.CONTACTS_IN_QUEUE.text).toBe(String(w.shown.CONTACTS_IN_QUEUE));
      expect(tile.metrics.AGENTS_AVAILABLE.text).toBe(String(w.shown.AGENTS_AVAILABLE));
      expect(tile.metrics.OLDEST_CONTACT_AGE.text).toBe(formatClock(w.shown.OLDEST_CONTACT_AGE ?? 0));
      if (tile.status !== 'quiet') {
        expect(RULES.map(([m]) => tile.metrics[m].severity)).toEqual(w.severities);
      }
      expect(tile.metrics.OLDEST_CONTACT_AGE.ticking).toBe(w.waiting);
    }

    await h.page.mouse.move(0, 0);
    await saveScreenshot(h.page, path.join(SCREENSHOTS, 'panel-queuewall.png'), GRAFANA_HOST === SCREENSHOT_HOST);
  });

  it('the oldest contact age keeps counting between refreshes, and a refresh restarts from the new snapshot', async () => {
    await render(wallboard([target()]));
    const before = await tiles();
    const counting = before.find((t) => t.metrics.OLDEST_CONTACT_AGE.ticking);
    const idle = before.find((t) => !t.metrics.OLDEST_CONTACT_AGE.ticking);
    expect(counting).toBeDefined();
    const age = (tile: { metrics: Record<string, { text?: string | null }> }) =>
      clock(tile.metrics.OLDEST_CONTACT_AGE.text);

    // 7 seconds later on the page's clock, no new query: waiting contacts waited 7 s more, empty queues did not
    await h.page.clock.setFixedTime(T_PAGE + 7_000);
    await h.page.waitForFunction(
      ([queue, text]) =>
        (globalThis as unknown as { document: El }).document.querySelector(
          `[data-queue="${queue}"] [data-field="OLDEST_CONTACT_AGE"]`
        )?.lastElementChild?.textContent === text,
      [counting!.queue, formatClock(age(counting!) + 7)] as const,
      { timeout: 5_000 }
    );
    const later = await tiles();
    const find = (list: typeof later, queue: string | null) => list.find((t) => t.queue === queue)!;
    if (idle) {
      expect(find(later, idle.queue).metrics.OLDEST_CONTACT_AGE.text).toBe(idle.metrics.OLDEST_CONTACT_AGE.text);
    }
    expect((await h.host('panels'))[0].runs).toBe(1);

    // a minute later in the simulator, the dashboard refreshes: ages restart from Connect's new values
    h.sim.clock.advance(60_000);
    await h.page.clock.setFixedTime(T_SIM + 60_000 + 4_000);
    const [report] = await h.host('refresh');
    expect(report).toMatchObject({ state: 'Done', errors: [], runs: 2 });
    const table = await proxyTable();
    expect((table.meta?.custom as { snapshotTime: number }).snapshotTime).toBe(T_SIM + 60_000);
    const want = expected(table, T_SIM + 64_000);
    const refreshed = await tiles();
    expect(refreshed.map((t) => t.queue)).toEqual(want.map((w) => w.queue));
    for (const w of want) {
      expect(clock(find(refreshed, w.queue).metrics.OLDEST_CONTACT_AGE.text)).toBe(
        Math.floor(w.shown.OLDEST_CONTACT_AGE ?? 0)
      );
    }
    h.sim.clock.advance(-60_000);
    await h.page.clock.setFixedTime(T_PAGE);
  });

  it('a query that returns no rows: the no-data message says what the wallboard needs', async () => {
    // Billing has no routing steps: grouped by routing step, Connect answers no row at all
    const billing = instance().queues.find((q) => q.name === 'Billing')!;
    const report = await render(
      wallboard([target({ filters: { queues: [billing.id] }, groupings: ['QUEUE', 'ROUTING_STEP_EXPRESSION'] })])
    );
    expect(report).toMatchObject({ state: 'Done', errors: [], rows: 0, noData: true });
    const message = h.page.getByTestId('panel-message');
    await expect(message.innerText()).resolves.toMatch(/No queues in the answer: check the query groups by QUEUE/);
    expect(await h.page.locator('[data-testid="queuewall-tile"]').count()).toBe(0);
  });

  it('a broken query: the panel says the query failed, with the proxy message', async () => {
    const report = await render(wallboard([target({ filters: {} })]));
    const message = 'filters: filter by at least one queue or one routing profile';
    expect(report).toMatchObject({ state: 'Error', errors: [`A: ${message}`], rows: 0 });
    const alert = h.page.getByRole('alert');
    await expect(alert.innerText()).resolves.toContain('The query failed');
    await expect(alert.innerText()).resolves.toContain(message);
  });

  it('a query in time-series format: the panel asks for the Table format', async () => {
    const report = await render(wallboard([target({ format: 'timeseries' })]));
    expect(report).toMatchObject({ state: 'Done', errors: [] });
    await expect(h.page.getByRole('alert').innerText()).resolves.toContain('The answer has no Queue column');
  });
});

/** The little of the DOM the page functions use (this file is compiled for Node, without the DOM's types). */
interface El {
  getAttribute(name: string): string | null;
  querySelector(selector: string): El | null;
  querySelectorAll(selector: string): ArrayLike<El>;
  firstElementChild: El | null;
  lastElementChild: El | null;
  textContent: string | null;
}

/** The wallboard's clock format: m:ss, or h:mm:ss from an hour. */
function formatClock(seconds: number): string {
  const s = Math.floor(seconds);
  const pad = (n: number) => String(n).padStart(2, '0');
  const [hours, minutes] = [Math.floor(s / 3600), Math.floor((s % 3600) / 60)];
  return hours > 0 ? `${hours}:${pad(minutes)}:${pad(s % 60)}` : `${minutes}:${pad(s % 60)}`;
}
