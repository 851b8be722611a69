import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DIST, ROOT } from './build';
import { DS_UID, GRAFANA_HOST, SCREENSHOT_HOST, SIM_AT, startHarness, type Harness } from './support/harness';
import type { DashboardJson, DashboardReportJson, PanelJson } from './support/hostApi';
import { rangeOf } from './support/dashboards';
import { saveScreenshot } from './support/screenshots';

const SCREENSHOTS = path.join(ROOT, 'docs/screenshots');
const DASHBOARDS = path.join(ROOT, 'dashboards');
const T_SIM = Date.parse(SIM_AT);
/** The grid's width, as on a 1600 px wide screen; the host page adds 16 px of padding on each side. */
const WIDTH = 1600;

/** Every provisioned dashboard, as the lead engineer adds them. */
const FILES = existsSync(DASHBOARDS)
  ? readdirSync(DASHBOARDS)
      .filter((f) => f.endsWith('.json'))
      .sort()
  : [];

/**
 * Panels allowed to show "No data", by dashboard file and panel title, each with the reason. Everything else must
 * draw data from the proxy and the simulator.
 */
const NO_DATA_EXPECTED: Record<string, Record<string, string>> = {};

const CALLPATH_MODULE = path.join(DIST, 'panels/callpath/module.js');

/**
 * Every dashboards/*.json rendered as a scene by the host page (page/dashboardScene.ts) against the proxy and the
 * simulator, with its own time range ("now" is the page's clock, fixed at the simulator's): the variables resolved by
 * scenes through the datasource's variable support, every panel's queries run by its SceneQueryRunner through the
 * route, each panel drawn by VizPanel (ours from dist/, stand-ins for Grafana's core ones). Auto-refresh is off
 * here (refresh.spec.ts tests it). A screenshot of each for the docs.
 */
describe(`provisioned dashboards in Chromium (Grafana ${GRAFANA_HOST})`, () => {
  let h: Harness;
  const reports = new Map<string, DashboardReportJson>();
  /** What went wrong in each dashboard's render: its screenshot is only taken of a clean render. */
  const problemsOf = new Map<string, string[]>();

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    // The page's clock at the simulator's: real-time panels are not "stale" and count ages as in the demo.
    h = await startHarness({ browserTime: T_SIM, viewport: { width: WIDTH + 32, height: 900 } });
    await h.host('boot', DS_UID);
  });
  afterAll(async () => {
    await h?.close();
  });
  afterEach(() => {
    expect(h.console.take()).toEqual([]);
  });

  it('finds the dashboards to check', () => {
    expect(FILES.length).toBeGreaterThan(0);
  });

  describe.each(FILES.length > 0 ? FILES : ['(none)'])('%s', (file) => {
    const name = path.basename(file, '.json');
    const load = () => JSON.parse(readFileSync(path.join(DASHBOARDS, file), 'utf8')) as DashboardJson;

    it('renders every panel with data from the proxy, without errors', async () => {
      const dashboard = load();
      const report = await h.host('renderDashboard', { dashboard, width: WIDTH, expandRows: true, refresh: '' });
      reports.set(file, report);

      // every panel of the file is on the page (rows included, collapsed ones opened)
      const all = (panels: PanelJson[]): PanelJson[] => panels.flatMap((p) => [p, ...all(p.panels ?? [])]);
      const expectedPanels = all(dashboard.panels ?? []).filter((p) => p.type !== 'row');
      expect(report.panels.map((p) => p.id).sort()).toEqual(expectedPanels.map((p) => p.id).sort());

      const problems = report.panels.flatMap((p) => {
        const why = NO_DATA_EXPECTED[file]?.[p.title];
        return [
          ...p.errors.map((e) => `${p.title} (${p.type}): ${e}`),
          ...(p.state !== 'Done' ? [`${p.title} (${p.type}): state ${p.state}`] : []),
          ...(p.noData && !why ? [`${p.title} (${p.type}): no data`] : []),
        ];
      });
      problemsOf.set(file, problems);
      expect(problems).toEqual([]);
      // nothing drawn on top of something else, nothing outside the grid
      for (const p of report.panels) {
        expect(p.box.width).toBeGreaterThan(0);
        expect(p.box.x + p.box.width).toBeLessThanOrEqual(WIDTH + 16 + 1);
      }
      expect(await h.page.getByTestId('host-panel-error').count()).toBe(0);
      expect((await h.host('state')).editorErrors).toEqual([]);
    });

    it('resolves the variables through the datasource: region and instance, All for lists', () => {
      const report = reports.get(file);
      expect(report).toBeDefined();
      const vars = report!.variables;
      expect(vars.datasource).toBe(DS_UID);
      if ('instance' in vars) {
        expect(vars.instance).toBe(h.sim.context.world.instances[0].id);
      }
      if ('region' in vars) {
        expect(vars.region).toBe('us-east-1');
      }
      if ('queue' in vars) {
        // All: every standard queue's name (the variable lists names for real-time and CloudWatch alike)
        expect(vars.queue).toEqual(expect.arrayContaining(['Billing', 'VIP']));
      }
    });

    it(`writes docs/screenshots/dashboard-${name}.png`, async () => {
      expect(reports.get(file)).toBeDefined();
      // a picture of panels in error would replace the docs' picture: none until the render is clean
      expect(problemsOf.get(file)).toEqual([]);
      const report = reports.get(file)!;
      await h.page.setViewportSize({ width: WIDTH + 32, height: Math.ceil(report.height) + 32 });
      await h.page.mouse.move(0, 0);
      await h.page.waitForTimeout(300);
      await saveScreenshot(h.page, path.join(SCREENSHOTS, `dashboard-${name}.png`), GRAFANA_HOST === SCREENSHOT_HOST);
    });
  });

  (existsSync(CALLPATH_MODULE) ? it : it.skip)(
    'writes docs/screenshots/panel-callpath.png (the call path panel alone)',
    async () => {
      const file = FILES.find((f) => {
        const d = JSON.parse(readFileSync(path.join(DASHBOARDS, f), 'utf8')) as DashboardJson;
        return (d.panels ?? []).some((p) => p.type === 'switchboard-callpath-panel');
      });
      expect(file).toBeDefined();
      const dashboard = JSON.parse(readFileSync(path.join(DASHBOARDS, file!), 'utf8')) as DashboardJson;
      const panel = dashboard.panels!.find((p) => p.type === 'switchboard-callpath-panel')!;
      // the dashboard's variables as its render resolved them
      const variables = reports.get(file!)?.variables ?? {};
      // two diagrams high: at 16 px text (the wall's floor) a diagram is about 212 px high and 946 px wide
      const report = await h.host('renderPanel', { panel, width: 1200, height: 560, ...rangeOf(dashboard), variables });
      expect(report).toMatchObject({ state: 'Done', errors: [], noData: false });
      // fact: chime-packets-lost-cumulative: each leg's estimated loss is the scenario's (09:00-12:00 local, no
      // incident): acme-sbc-primary customer 0.3 %, remote 0.1 %; acme-sbc-backup 0.5 %, 0.2 %; each ±25 %.
      const baseline: Record<string, { customer: number; remote: number }> = {
        'acme-sbc-primary': { customer: 0.3, remote: 0.1 },
        'acme-sbc-backup': { customer: 0.5, remote: 0.2 },
      };
      const losses = await h.page.getByTestId('callpath-connector').evaluateAll((cards) =>
        (cards as unknown as CardElement[]).flatMap((card) =>
          Array.from(card.querySelectorAll('[data-testid="callpath-leg-values"]')).map((values) => ({
            connector: card.getAttribute('data-connector') ?? '',
            leg: values.getAttribute('data-leg') ?? '',
            text: values.querySelector('[data-quality="lossPercent"]')?.lastElementChild?.textContent ?? '',
          }))
        )
      );
      const connectors = h.sim.context.world.voiceConnectors.filter((v) => baseline[v.name]);
      expect(losses).toHaveLength(connectors.length * 4);
      for (const { connector, leg, text } of losses) {
        const vc = connectors.find((v) => v.id === connector);
        expect([connector, vc !== undefined]).toEqual([connector, true]);
        const base = baseline[vc!.name][/Customer/.test(leg) ? 'customer' : 'remote'];
        const shown = Number(/^([\d.]+) %$/.exec(text)?.[1]);
        // Printed with two decimals; the estimate rounds to whole packets (±0.02 points with one call).
        expect([connector, leg, text, shown >= base * 0.75 - 0.03 && shown <= base * 1.25 + 0.03]).toEqual([
          connector,
          leg,
          text,
          true,
        ]);
      }
      await h.page.setViewportSize({ width: 1200 + 32, height: 560 + 32 });
      await h.page.mouse.move(0, 0);
      await h.page.waitForTimeout(300);
      await saveScreenshot(h.page, path.join(SCREENSHOTS, 'panel-callpath.png'), GRAFANA_HOST === SCREENSHOT_HOST);
    }
  );
});

/** What the call path test reads of the page's elements (Node's types have no DOM). */
interface CardElement {
  getAttribute(name: string): string | null;
  querySelector(selector: string): CardElement | null;
  querySelectorAll(selector: string): ArrayLike<CardElement>;
  lastElementChild: CardElement | null;
  textContent: string | null;
}
