/**
 * The page's probes (browser code, bundled into the host page, but no stand-in for anything of Grafana's): what the
 * tests read of the page. When a scene has settled (variables loaded, every panel's plugin loaded and its queries
 * answered), a report of each panel as its VizPanel and data provider hold it, the variables as the queries see
 * them, frames and requests as JSON.
 */
import {
  AppPlugin,
  DataSourcePlugin,
  getFieldDisplayName,
  LoadingState,
  type DataFrame,
  type DataQueryError,
  type DataQueryRequest,
} from '@grafana/data';
import { getTemplateSrv } from '@grafana/runtime';
import { sceneGraph, SceneQueryRunner, VizPanel, type CustomVariable, type SceneObject } from '@grafana/scenes';
import { amdModules } from 'switchboard-host:externals';
import { vizNoData } from '../page/corePanels';
import { receivedRequests } from '../page/runRequest';
import type {
  FrameJson,
  HostApi,
  HostStateJson,
  PanelReportJson,
  QueryJson,
  ReceivedRequestJson,
  VariablesJson,
} from './hostApi';

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

export function toRequestJson(r: DataQueryRequest): ReceivedRequestJson {
  const { requestId, app, panelId, dashboardUID, maxDataPoints, interval, intervalMs } = r;
  return {
    ...{ requestId, app, panelId, dashboardUID, maxDataPoints, interval, intervalMs },
    range: { from: r.range.from.toISOString(), to: r.range.to.toISOString() },
    targets: JSON.parse(JSON.stringify(r.targets)) as QueryJson[],
    scopedVars: Object.keys(r.scopedVars ?? {}).sort(),
  };
}

export function toFrameJson(frame: DataFrame, all: DataFrame[]): FrameJson {
  return {
    name: frame.name,
    refId: frame.refId,
    length: frame.length,
    meta: frame.meta as Record<string, unknown> | undefined,
    fields: frame.fields.map((f) => ({
      name: f.name,
      type: f.type,
      displayName: getFieldDisplayName(f, frame, all),
      config: JSON.parse(JSON.stringify(f.config)) as Record<string, unknown>,
      labels: f.labels,
      values: Array.from(f.values),
    })),
  };
}

/** The tests' probes of the page (HostApi): modules, variables, panels, requests and what the editors did. */
export function probes(page: {
  loadAmd: (url: string) => Promise<Record<string, unknown>>;
  shown: () => { scene: SceneObject; since: number } | undefined;
  backendSrv: { alerts: string[]; requests: HostStateJson['requests']; pending: number };
  editorState: Omit<HostStateJson, 'alerts' | 'requests' | 'pending'>;
}): Pick<
  HostApi,
  'loadModule' | 'providedModules' | 'variables' | 'variableOptions' | 'interpolate' | 'panels' | 'requests' | 'state'
> {
  const scene = () => {
    const shown = page.shown();
    if (!shown) {
      throw new Error('render a dashboard or a panel first');
    }
    return shown;
  };
  return {
    async loadModule(url) {
      const mod = await page.loadAmd(url);
      const { plugin } = mod;
      const isDs = plugin instanceof DataSourcePlugin;
      const components = isDs ? (plugin.components as Record<string, unknown>) : {};
      const kind =
        plugin instanceof AppPlugin ? 'app' : isDs ? 'datasource' : plugin === undefined ? 'missing' : 'other';
      return {
        exports: Object.keys(mod).sort(),
        pluginKind: kind,
        components: Object.keys(components).filter((k) => components[k] !== undefined),
        hasDataSourceClass: isDs && typeof plugin.DataSourceClass === 'function',
      };
    },
    providedModules: () => Object.keys(amdModules).sort(),
    variables: () => variableValues(scene().scene),
    variableOptions(name) {
      const variable = sceneGraph.lookupVariable(name, scene().scene) as CustomVariable | null;
      return (variable?.state.options ?? []).map((o) => ({ text: String(o.label), value: String(o.value) }));
    },
    interpolate: (text, format) => getTemplateSrv().replace(text, undefined, format),
    panels: () => (page.shown() ? panelReports(scene().scene, scene().since) : []),
    requests: () => receivedRequests.slice(page.shown()?.since ?? 0).map(toRequestJson),
    state: () => {
      const { alerts, requests, pending } = page.backendSrv;
      return JSON.parse(JSON.stringify({ ...page.editorState, alerts, requests, pending })) as HostStateJson;
    },
  };
}
