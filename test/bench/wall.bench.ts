/**
 * Frame timing of the NOC wall while its ages tick (issue 15): the NOC wall dashboard (dashboards/noc-wall.json) in
 * headless Chromium at 1920×1080 on the browser tests' host page, against the proxy and a simulator of 160 queues
 * and 24 voice connectors (test/support/wallScenario.ts). The page's clock follows real time from the simulator's
 * snapshot (moved every 100 ms), so the waiting contacts' ages count every second as on a wall.
 *
 *   npx tsx test/bench/wall.bench.ts                 # 10 s per viewing mode
 *   npx tsx test/bench/wall.bench.ts --seconds 30
 *
 * Needs dist/ (npm run build) and the host pages (built by the host-page jest projects' global setup, or
 * `npx tsx test/browser/build.ts`). Prints, per viewing mode: frames, p50/p99/worst frame interval (rAF), long tasks
 * (> 50 ms), how many age texts changed (proof that the ages ticked), and the renderer's main-thread time per second
 * (Chrome's ScriptDuration, RecalcStyleDuration, LayoutDuration): the cost of ticking, whatever else the machine runs.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../browser/build';
import { DS_UID, SIM_AT, startHarness } from '../browser/support/harness';
import type { DashboardJson, PanelJson } from '../browser/support/hostApi';
import { wallScenario } from '../support/wallScenario';

const seconds = Number(process.argv[process.argv.indexOf('--seconds') + 1]) || 10;
const T_SIM = Date.parse(SIM_AT);
const GOAL_P99_MS = 20;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

/** In the page: rAF intervals, long tasks, and text changes in the wallboard (the counting ages). */
const IN_PAGE = `(() => {
  const frames = [];
  const longTasks = [];
  let changes = 0;
  let last = 0;
  const bench = { frames, longTasks, changes: () => changes, stop: false };
  globalThis.__bench = bench;
  const loop = (t) => {
    if (last) frames.push(t - last);
    last = t;
    if (!bench.stop) requestAnimationFrame(loop);
  };
  requestAnimationFrame(loop);
  new PerformanceObserver((list) => list.getEntries().forEach((e) => longTasks.push(e.duration))).observe({
    entryTypes: ['longtask'],
  });
  new MutationObserver((m) => (changes += m.length)).observe(document.querySelector('[data-testid="queuewall-root"]'), {
    subtree: true,
    characterData: true,
    childList: true,
  });
})()`;

async function main() {
  const h = await startHarness({
    browserTime: T_SIM,
    viewport: { width: 1920, height: 1080 },
    scenario: wallScenario(),
  });
  try {
    h.sim.context.model.snapshot(h.sim.context.world.instances[0], T_SIM / 1000);
    await h.host('boot', DS_UID);
    const cdp = await h.page.context().newCDPSession(h.page);
    await cdp.send('Performance.enable');
    const wall = JSON.parse(readFileSync(path.join(ROOT, 'dashboards/noc-wall.json'), 'utf8')) as DashboardJson;
    console.log(
      `NOC wall, 1920x1080, 160 queues, ${seconds} s of ticking per mode, Chromium headless (${await h.browser.version()}), Node ${process.version}`
    );
    // "still": the same clock calls with the time held (nothing ticks): the page's and the machine's own noise
    for (const [mode, ticking] of [
      ['tv', false],
      ['tv', true],
      ['panel', false],
      ['panel', true],
    ] as const) {
      const d = structuredClone(wall);
      (d.panels![0] as PanelJson & { options: { viewing: { mode: string } } }).options.viewing.mode = mode;
      await h.page.clock.setFixedTime(T_SIM);
      await h.host('renderDashboard', { dashboard: d, width: 1888, refresh: '' });
      const tiles = await h.page.getByTestId('queuewall-tile').count();
      await h.page.waitForTimeout(1000);
      // in the page: rAF intervals, long tasks, text changes of the counting ages
      // (a string: tsx would add its __name helper to functions, which the page does not have)
      await h.page.evaluate(IN_PAGE);
      const metrics = async () =>
        Object.fromEntries(
          (
            (await cdp.send('Performance.getMetrics')) as { metrics: Array<{ name: string; value: number }> }
          ).metrics.map((m) => [m.name, m.value])
        );
      const before = await metrics();
      const start = Date.now();
      while (Date.now() - start < seconds * 1000) {
        await h.page.clock.setFixedTime(T_SIM + 1000 + (ticking ? Date.now() - start : 0));
        await new Promise((r) => setTimeout(r, 100));
      }
      const result = (await h.page.evaluate(
        '(() => { const b = globalThis.__bench; b.stop = true; return { frames: b.frames, longTasks: b.longTasks, changes: b.changes() }; })()'
      )) as { frames: number[]; longTasks: number[]; changes: number };
      const after = await metrics();
      const elapsed = (Date.now() - start) / 1000;
      // the renderer's main-thread time per second of wall clock: script, style and layout (Chrome's own counters)
      const perSecond = (name: string) => (((after[name] ?? 0) - (before[name] ?? 0)) * 1000) / elapsed;
      const p99 = percentile(result.frames, 99);
      console.log(
        [
          `viewing ${mode.padEnd(5)} ${ticking ? 'ticking' : 'still  '} ${String(tiles).padStart(3)} tiles`,
          `${result.frames.length} frames`,
          `p50 ${percentile(result.frames, 50).toFixed(1)} ms`,
          `p99 ${p99.toFixed(1)} ms (goal <= ${GOAL_P99_MS}: ${p99 <= GOAL_P99_MS ? 'ok' : 'OVER'})`,
          `worst ${Math.max(...result.frames).toFixed(1)} ms`,
          `long tasks ${result.longTasks.length}${result.longTasks.length ? ` (worst ${Math.max(...result.longTasks).toFixed(0)} ms)` : ''}`,
          `age text changes ${result.changes}`,
          `main thread per s: script ${perSecond('ScriptDuration').toFixed(1)} ms, style ${perSecond('RecalcStyleDuration').toFixed(1)} ms, layout ${perSecond('LayoutDuration').toFixed(1)} ms`,
        ].join(', ')
      );
    }
  } finally {
    await h.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
