import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './build';
import { DS_UID, GRAFANA_HOST, SIM_AT, startHarness, type Harness } from './support/harness';
import type { DashboardJson, QueryJson } from './support/hostApi';
import { exampleQueries } from './support/exampleQueries';

/**
 * Accessibility of the plugin's own DOM in Chromium (issue 15): axe-core (injected into the host page) over the
 * datasource's editors, the panels and the shipped dashboards, with zero serious or critical violations inside the
 * plugin's elements (Grafana's own chrome around them is Grafana's); and the editors' ARIA: radio groups named,
 * errors tied to their fields, "Advanced filters" telling whether it is open, disabled options aria-disabled.
 */
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const T_SIM = Date.parse(SIM_AT);

/** What the checks read of the page's elements (Node's types have no DOM). */
interface Attrs {
  getAttribute(name: string): string | null;
  textContent: string | null;
}

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

describe(`accessibility of the plugin's DOM (axe-core, Grafana ${GRAFANA_HOST})`, () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ browserTime: T_SIM, viewport: { width: 1600, height: 1000 } });
    await h.host('boot', DS_UID);
  });
  afterAll(async () => {
    await h?.close();
  });

  /** Serious and critical violations inside `selector`, as "rule: help (targets)". */
  async function axe(selector: string): Promise<string[]> {
    await h.page.waitForFunction(
      () =>
        (globalThis as unknown as { switchboardHost: { state(): { pending: number } } }).switchboardHost.state()
          .pending === 0
    );
    await h.page.waitForTimeout(300);
    if (!(await h.page.evaluate(() => 'axe' in globalThis))) {
      await h.page.addScriptTag({ content: AXE });
    }
    expect(await h.page.locator(selector).count()).toBeGreaterThan(0);
    const violations = (await h.page.evaluate(
      `axe.run({ include: [${JSON.stringify(selector)}] }, { resultTypes: ['violations'] }).then((r) => r.violations)`
    )) as Violation[];
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  }

  const inst = () => h.sim.context.world.instances[0];
  const realtime = (extra: Partial<QueryJson> = {}) => exampleQueries(inst()).realtime(extra);

  it('the config editor: no serious or critical violation', async () => {
    await h.host('renderConfigEditor');
    expect(await axe('[data-testid="host-editor"]')).toEqual([]);
  });

  it.each([
    ['realtime', (): QueryJson => realtime()],
    ['cloudwatch', (): QueryJson => exampleQueries(inst()).cloudwatch()],
    ['quota', (): QueryJson => exampleQueries(inst()).quota()],
  ])('the %s query editor: no serious or critical violation, every radio group named', async (_type, query) => {
    await h.host('renderQueryEditor', query());
    expect(await axe('[data-testid="host-editor"]')).toEqual([]);
    const unnamed = await h.page
      .locator('[data-testid="host-editor"] [role="radiogroup"]')
      .evaluateAll((els) =>
        (els as unknown as Attrs[])
          .filter((e) => !(e.getAttribute('aria-label') || e.getAttribute('aria-labelledby')))
          .map((e) => (e as unknown as { textContent: string }).textContent)
      );
    expect(await h.page.locator('[data-testid="host-editor"] [role="radiogroup"]').count()).toBeGreaterThan(0);
    expect(unnamed).toEqual([]);
  });

  it('the realtime editor: a broken rule marks its field invalid and describes it by the message', async () => {
    // a broken rule: neither a queue nor a routing profile to filter by
    await h.host('renderQueryEditor', realtime({ filters: { channels: ['VOICE'] } }));
    await h.page.waitForTimeout(300);
    const invalid = await h.page.locator('[data-testid="host-editor"] [aria-invalid="true"]').evaluateAll((els) =>
      (els as unknown as Attrs[]).map((e) => {
        const doc = (
          globalThis as unknown as { document: { getElementById(id: string): { textContent: string } | null } }
        ).document;
        const ids = (e.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
        return ids.map((id: string) => doc.getElementById(id)?.textContent ?? '').join(' ');
      })
    );
    expect(invalid.length).toBeGreaterThan(0);
    // each invalid control is described by a message that says what is wrong
    expect(invalid.every((text) => text.trim().length > 10)).toBe(true);
    expect(await axe('[data-testid="host-editor"]')).toEqual([]);
  });

  it('the realtime editor: "Advanced filters" says whether it is open', async () => {
    await h.host('renderQueryEditor', realtime());
    const toggle = h.page.getByRole('button', { name: 'Advanced filters' });
    const before = await toggle.getAttribute('aria-expanded');
    await toggle.click();
    await expect(toggle.getAttribute('aria-expanded')).resolves.toBe(before === 'true' ? 'false' : 'true');
  });

  it.each([['queues.json'], ['noc-wall.json'], ['voice-connectors.json'], ['noc-overview.json']])(
    'the dashboard %s: no serious or critical violation in the plugin’s panels',
    async (file) => {
      const dashboard = JSON.parse(readFileSync(path.join(ROOT, 'dashboards', file), 'utf8')) as DashboardJson;
      await h.host('renderDashboard', { dashboard, width: 1568, expandRows: true, refresh: '' });
      const ours = ['[data-testid="queuewall-root"]', '[data-testid="callpath-root"]'];
      let checked = 0;
      for (const selector of ours) {
        if ((await h.page.locator(selector).count()) > 0) {
          expect([selector, await axe(selector)]).toEqual([selector, []]);
          checked++;
        }
      }
      // the NOC overview has none of our panels; its panels are Grafana's own
      expect(checked).toBeGreaterThanOrEqual(file === 'noc-overview.json' ? 0 : 1);
    }
  );
});
