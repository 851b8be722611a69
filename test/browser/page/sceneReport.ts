/**
 * What the tests read of a scene on the page: when it has settled (variables loaded, every panel's plugin loaded and
 * its queries answered), and a report of each panel as its VizPanel and data provider hold it.
 */
import { LoadingState, type DataQueryError } from '@grafana/data';
import { sceneGraph, SceneQueryRunner, VizPanel, type SceneObject } from '@grafana/scenes';
import type { PanelReportJson, VariablesJson } from '../support/hostApi';
import { vizNoData } from './corePanels';
import { receivedRequests } from './runRequest';

const panelsOf = (scene: SceneObject) => sceneGraph.findAllObjects(scene, (o) => o instanceof VizPanel) as VizPanel[];
const runnersOf = (scene: SceneObject) =>
  sceneGraph.findAllObjects(scene, (o) => o instanceof SceneQueryRunner) as SceneQueryRunner[];
const finished = (state?: LoadingState) => state === LoadingState.Done || state === LoadingState.Error;
const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

function settled(scene: SceneObject): boolean {
  const variables = sceneGraph.getVariables(scene).state.variables;
  const runners = runnersOf(scene).filter((r) => r.isActive);
  return (
    variables.every((v) => !v.state.loading) &&
    panelsOf(scene).every((p) => !p.isActive || p.getPlugin() !== undefined || p.state._pluginLoadError) &&
    runners.every((r) => finished(r.state.data?.state) && finished(sceneGraph.getData(r.parent ?? r).state.data?.state))
  );
}

/**
 * Waits until the scene has nothing left to load (variables, plugins, queries) and no request started or was
 * answered for a few polls (a change reaches the runners asynchronously), then for React to draw it.
 */
export async function settle(scene: SceneObject, pending: () => number, timeoutMs = 30_000): Promise<void> {
  const started = Date.now();
  let quiet = 0;
  let seen = -1;
  while (quiet < 4) {
    if (Date.now() - started > timeoutMs) {
      throw new Error('the scene did not settle: variables loading or queries unanswered');
    }
    await frame();
    await new Promise((r) => setTimeout(r, 40));
    const calm = settled(scene) && pending() === 0 && receivedRequests.length === seen;
    quiet = calm ? quiet + 1 : 0;
    seen = receivedRequests.length;
  }
  await frame();
}

/** Each variable as the queries see it: `${name:json}` read back (All as every value, or its custom all value). */
export function variableValues(scene: SceneObject): VariablesJson {
  const out: VariablesJson = {};
  for (const v of sceneGraph.getVariables(scene).state.variables) {
    const text = sceneGraph.interpolate(scene, `\${${v.state.name}:json}`);
    try {
      out[v.state.name] = JSON.parse(text) as string | string[];
    } catch {
      out[v.state.name] = text;
    }
  }
  return out;
}

const errorText = (e: DataQueryError) => `${e.refId ? `${e.refId}: ` : ''}${e.message ?? e.data?.message ?? 'failed'}`;

/** The panels on the page; `since`: the index in receivedRequests where this render started (for runs). */
export function panelReports(scene: SceneObject, since: number): PanelReportJson[] {
  return panelsOf(scene)
    .filter((p) => p.isActive)
    .map((panel) => {
      const id = panel.getLegacyPanelId();
      const data = sceneGraph.getData(panel).state.data;
      const series = data?.series ?? [];
      const rows = series.reduce((n, f) => n + f.length, 0);
      const key = panel.state.key ?? '';
      const r = document.querySelector(`[data-viz-panel-key="${CSS.escape(key)}"]`)?.getBoundingClientRect();
      const noValue = panel.state.fieldConfig.defaults.noValue;
      const loadError = panel.state._pluginLoadError;
      return {
        key,
        id,
        type: panel.state.pluginId,
        title: sceneGraph.interpolate(panel, panel.state.title, undefined, 'text'),
        box: { x: r?.x ?? 0, y: r?.y ?? 0, width: r?.width ?? 0, height: r?.height ?? 0 },
        state: data?.state ?? LoadingState.NotStarted,
        errors: [...(loadError ? [loadError] : []), ...(data?.errors ?? []).map(errorText)],
        frames: series.length,
        rows,
        // What a viewer sees as "No data": nothing to show and no "No value" text instead.
        noData: (vizNoData.get(id) ?? rows === 0) && !noValue,
        runs: receivedRequests.slice(since).filter((q) => q.panelId === id).length,
        options: JSON.parse(JSON.stringify(panel.state.options)) as Record<string, unknown>,
      };
    });
}
