import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './build';
import { DS_UID, GRAFANA_HOST, SCREENSHOT_HOST, PROXY_URL, startHarness, type Harness } from './support/harness';
import type { QueryJson } from './support/hostApi';
import { saveScreenshot } from './support/screenshots';
import { exampleQueries } from './support/exampleQueries';

const SCREENSHOTS = path.join(ROOT, 'docs/screenshots');

/**
 * The datasource's editors from dist/, rendered by the host page as Grafana renders them (dark theme, real
 * @grafana/ui, the datasource instance and a query for the query editor), with a screenshot of each for the docs.
 *
 * Checked for every editor: it renders something, nothing reaches the error boundary, the page logs no error and
 * every request it makes is answered. The editors are young: tighten with what each must show (see
 * docs/testing.md, "Browser layer").
 */
describe('datasource editors in Chromium', () => {
  let h: Harness;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    h = await startHarness();
    await h.host('boot', DS_UID);
  });
  afterAll(async () => {
    await h?.close();
  });

  /** Waits until the editor's requests are answered and React has painted, then checks it rendered cleanly. */
  async function expectRenderedCleanly(): Promise<string> {
    await h.page.waitForFunction(
      () =>
        (globalThis as unknown as { switchboardHost: { state(): { pending: number } } }).switchboardHost.state()
          .pending === 0
    );
    // two animation frames: React has committed and the browser has painted
    await h.page.evaluate(() => {
      const raf = (globalThis as unknown as { requestAnimationFrame(cb: () => void): void }).requestAnimationFrame;
      return new Promise<void>((resolve) => raf(() => raf(resolve)));
    });
    const editor = h.page.getByTestId('host-editor');
    await editor.waitFor({ state: 'visible' });
    expect(await h.page.getByTestId('host-editor-error').count()).toBe(0);
    const state = await h.host('state');
    expect(state.editorErrors).toEqual([]);
    expect(state.requests.filter((r) => r.status >= 400 || r.status === 0)).toEqual([]);
    expect(h.console.take()).toEqual([]);
    const text = (await editor.innerText()).trim();
    expect(text.length).toBeGreaterThan(0);
    return text;
  }

  async function screenshot(name: string) {
    // Let hover and focus transitions of @grafana/ui finish, so the same editor gives the same PNG run after run.
    await h.page.mouse.move(0, 0);
    await h.page.waitForTimeout(300);
    await saveScreenshot(h.page, path.join(SCREENSHOTS, name), GRAFANA_HOST === SCREENSHOT_HOST);
  }

  it('renders the config editor with the datasource settings', async () => {
    await h.host('renderConfigEditor');
    await expectRenderedCleanly();
    await screenshot('config-editor.png');
    const values = await h.page.locator('input').evaluateAll((els) => els.map((e) => (e as { value: string }).value));
    expect(values).toContain(PROXY_URL);
    // the default instance id is shown by name: the editor listed the instances through the route
    await expect(h.page.getByText('acme-support').first().isVisible()).resolves.toBe(true);
  });

  const inst = () => h.sim.context.world.instances[0];
  const queries: Record<string, () => QueryJson> = {
    realtime: () => exampleQueries(inst()).realtime(),
    cloudwatch: () => exampleQueries(inst()).cloudwatch(),
    quota: () => exampleQueries(inst()).quota(),
  };

  /** The query type selector's option of each type, and what each editor shows of its query. */
  const typeOption: Record<string, RegExp> = { realtime: /real-?time/i, cloudwatch: /cloudwatch/i, quota: /quota/i };
  const shows: Record<string, string[]> = {
    // ids shown as names: the editor loaded the instances and queues through the route
    realtime: ['acme-support', 'Billing', 'Tech Support', 'VIP'],
    cloudwatch: ['AWS/Connect', 'QueueSize'],
    quota: ['acme-support'],
  };

  it.each(Object.keys(queries))('renders the query editor for a %s query', async (type) => {
    await h.host('renderQueryEditor', queries[type]());
    await expectRenderedCleanly();
    await screenshot(`query-editor-${type}.png`);

    for (const [other, label] of Object.entries(typeOption)) {
      const radio = h.page.getByRole('radio', { name: label });
      await expect(radio.isChecked()).resolves.toBe(other === type);
    }
    for (const text of shows[type]) {
      await expect(h.page.getByText(text, { exact: true }).first().isVisible()).resolves.toBe(true);
    }
    // If rendering changed the query (defaults filled in), it is still this query.
    const state = await h.host('state');
    if (state.lastQuery) {
      expect(state.lastQuery).toMatchObject({ refId: queries[type]().refId, queryType: type });
    }
  });
});
