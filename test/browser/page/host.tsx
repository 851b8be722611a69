/**
 * The host page's main bundle (built by test/browser/build.ts into an IIFE): the real @grafana/data, @grafana/ui,
 * @grafana/runtime, react, react-dom, rxjs... set up as Grafana sets them up at boot, offered to the plugin as AMD
 * modules, and `window.switchboardHost` (support/hostApi.ts) for the tests.
 *
 * Order of the page's scripts (index.html, written by build.ts):
 *   1. boot.js      window.grafanaBootData: @grafana/runtime reads it while this bundle is evaluated.
 *   2. host.js      this bundle. It runs BEFORE require.js on purpose: bundled UMD libraries test
 *                   `typeof define === 'function' && define.amd` when they are evaluated. With require.js already
 *                   loaded, lodash (used by @grafana/runtime and @grafana/data) hands itself to define() instead of
 *                   module.exports, the bundle's lodash is empty and the page dies on "(0, x.merge) is not a
 *                   function" (tried). So this bundle only keeps its modules in a table...
 *   3. require.js   ...and the inline script after require.js calls window.__switchboardRegisterAmd(), which
 *                   defines each of them under its name: the AMD registry that the plugin's define([...]) resolves
 *                   against, as SystemJS's registry does in Grafana. "module" (webpack's `amd-module` external, used
 *                   for the public path) is require.js's own special module: { id, uri, config }.
 */
import React, { Component, useRef, useState, type ComponentType, type ErrorInfo, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import {
  AppPlugin,
  CoreApp,
  DataSourcePlugin,
  dateTime,
  EventBusSrv,
  getFieldDisplayName,
  getThemeById,
  LoadingState,
  type DataFrame,
  type DataQuery,
  type DataQueryRequest,
  type DataQueryResponse,
  type DataSourceApi,
  type DataSourceInstanceSettings,
  type DataSourceJsonData,
  type DataSourcePluginMeta,
  type DataSourceSettings,
  type PanelData,
  type TimeRange,
} from '@grafana/data';
import {
  getTemplateSrv,
  setAppEvents,
  setBackendSrv,
  setDataSourceSrv,
  setPluginImportUtils,
  setRunRequest,
  setTemplateSrv,
  type DataSourceSrv,
} from '@grafana/runtime';
import {
  SceneFlexItem,
  SceneFlexLayout,
  SceneGridLayout,
  SceneGridRow,
  sceneGraph,
  SceneRefreshPicker,
  SceneTimeRange,
  SceneVariableSet,
  CustomVariable,
} from '@grafana/scenes';
import { GlobalStyles, ThemeContext } from '@grafana/ui';
import { from, lastValueFrom } from 'rxjs';
import { amdModules } from 'switchboard-host:externals';
import type {
  DataSourceSettingsJson,
  FrameJson,
  HostApi,
  HostStateJson,
  ModuleReport,
  QueryJson,
  ReceivedRequestJson,
  VariablesJson,
  QueryRequestJson,
  QueryResultJson,
} from '../support/hostApi';
import { HostBackendSrv } from './backendSrv';
import { dashboardScene, DashboardHostScene, vizPanel } from './dashboardScene';
import './grafanaRegistries';
import { pluginImportUtils } from './panelPlugins';
import { receivedRequests, runRequest } from './runRequest';
import { panelReports, settle, variableValues } from './sceneReport';
import { sceneTemplateSrv, setActiveScene } from './sceneTemplateSrv';

interface Amd {
  define(name: string, deps: string[], factory: () => unknown): void;
  require(deps: string[], ok: (...modules: unknown[]) => void, fail: (err: Error) => void): void;
}
const amd = () => window as unknown as Amd;

type AnyDataSource = DataSourceApi<DataQuery, DataSourceJsonData>;
type AnyDataSourcePlugin = DataSourcePlugin<AnyDataSource, DataQuery, DataSourceJsonData, {}>;

// Grafana's services, as Grafana's app.ts sets them before any plugin loads. The TemplateSrv reads the scene.
const backendSrv = new HostBackendSrv();
setBackendSrv(backendSrv);
setTemplateSrv(sceneTemplateSrv);
setAppEvents(new EventBusSrv());
setRunRequest(runRequest);

const theme = getThemeById('dark');

const state: HostStateJson = {
  editorErrors: [],
  lastOptions: null,
  lastQuery: null,
  runQueryCount: 0,
  alerts: backendSrv.alerts,
  requests: backendSrv.requests,
  pending: 0,
};

let booted:
  | {
      settings: DataSourceSettingsJson;
      instanceSettings: DataSourceInstanceSettings<DataSourceJsonData>;
      plugin: AnyDataSourcePlugin;
      ds: AnyDataSource;
    }
  | undefined;
let root: Root | undefined;
let requestCount = 0;

function loadAmd(url: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) =>
    amd().require([url], (mod) => resolve((mod ?? {}) as Record<string, unknown>), reject)
  );
}

setPluginImportUtils(pluginImportUtils(loadAmd));

function needBoot() {
  if (!booted) {
    throw new Error('switchboardHost.boot(uid) first');
  }
  return booted;
}

/** Catches what an editor throws while rendering: Grafana shows such errors in place of the editor. */
class EditorErrorBoundary extends Component<{ children: ReactNode }, { error?: Error }> {
  state: { error?: Error } = {};

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  componentDidCatch(error: Error, info: ErrorInfo) {
    state.editorErrors.push(`${error.message}\n${info.componentStack ?? ''}`);
  }

  render() {
    if (this.state.error) {
      return <div data-testid="host-editor-error">Editor failed: {this.state.error.message}</div>;
    }
    return this.props.children;
  }
}

function Frame({ children, testId = 'host-editor' }: { children: ReactNode; testId?: string }) {
  return (
    <ThemeContext.Provider value={theme}>
      <GlobalStyles />
      <div
        data-testid={testId}
        style={{ padding: theme.spacing(2), background: theme.colors.background.primary, minHeight: '100vh' }}
      >
        <EditorErrorBoundary>{children}</EditorErrorBoundary>
      </div>
    </ThemeContext.Provider>
  );
}

/** Grafana's datasource settings page keeps the options in its state and saves them later: so does this. */
function ConfigEditorHost({ plugin, initial }: { plugin: AnyDataSourcePlugin; initial: DataSourceSettingsJson }) {
  const Editor = plugin.components.ConfigEditor as ComponentType<{
    options: DataSourceSettings;
    onOptionsChange: (options: DataSourceSettings) => void;
  }>;
  const [options, setOptions] = useState(initial as unknown as DataSourceSettings);
  return (
    <Editor
      options={options}
      onOptionsChange={(next) => {
        state.lastOptions = next as unknown as DataSourceSettingsJson;
        setOptions(next);
      }}
    />
  );
}

function toRange(from: string, to: string): TimeRange {
  return { from: dateTime(from), to: dateTime(to), raw: { from, to } };
}

/** A scene's time range: ISO instants, or Grafana's relative ones (now-6h), in UTC as the boot user's. */
const timeRange = (from: string, to: string) => new SceneTimeRange({ from, to, timeZone: 'utc' });

function request(targets: DataQuery[], range: TimeRange, extra: Partial<DataQueryRequest> = {}): DataQueryRequest {
  requestCount++;
  return {
    app: CoreApp.Dashboard,
    requestId: `SQR${requestCount}`,
    timezone: 'utc',
    range,
    interval: '1m',
    intervalMs: 60_000,
    maxDataPoints: 500,
    targets,
    scopedVars: { __interval: { text: '1m', value: '1m' }, __interval_ms: { text: '60000', value: 60_000 } },
    startTime: Date.now(),
    ...extra,
  };
}

/** A panel's query editor row: the query in state, onRunQuery runs it and hands the editor the panel data. */
function QueryEditorHost({
  ds,
  plugin,
  initial,
  range,
}: {
  ds: AnyDataSource;
  plugin: AnyDataSourcePlugin;
  initial: DataQuery;
  range: TimeRange;
}) {
  const Editor = plugin.components.QueryEditor as ComponentType<{
    datasource: AnyDataSource;
    query: DataQuery;
    onChange: (q: DataQuery) => void;
    onRunQuery: () => void;
    range: TimeRange;
    data?: PanelData;
    app: CoreApp;
    queries: DataQuery[];
  }>;
  const [query, setQuery] = useState(initial);
  const latest = useRef(initial);
  const [data, setData] = useState<PanelData | undefined>();
  const onRunQuery = () => {
    state.runQueryCount++;
    const req = request([latest.current], range, { app: CoreApp.PanelEditor });
    lastValueFrom(from(ds.query(req))).then(
      (res) =>
        setData({
          state: res.errors?.length ? LoadingState.Error : LoadingState.Done,
          series: res.data as DataFrame[],
          errors: res.errors,
          request: req,
          timeRange: range,
        }),
      (err: Error) =>
        setData({
          state: LoadingState.Error,
          series: [],
          errors: [{ message: err.message }],
          request: req,
          timeRange: range,
        })
    );
  };
  return (
    <Editor
      datasource={ds}
      query={query}
      queries={[query]}
      onChange={(q) => {
        state.lastQuery = q as unknown as QueryJson;
        latest.current = q;
        setQuery(q);
      }}
      onRunQuery={onRunQuery}
      range={range}
      data={data}
      app={CoreApp.PanelEditor}
    />
  );
}

/** One frame for React to commit and run effects; the tests then wait for what they look for. */
const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

/** The scene on the page (renderPanel, renderDashboard, setVariables) and where its requests start. */
let shown: { scene: DashboardHostScene; since: number; deactivate?: () => void } | undefined;

function show(scene: DashboardHostScene, node?: ReactNode, testId?: string): Promise<void> {
  root?.unmount();
  shown?.deactivate?.();
  setActiveScene(undefined);
  // Grafana's DashboardScene registers itself as the scene of TemplateSrv while it is active.
  scene.addActivationHandler(() => {
    setActiveScene(scene);
    return () => setActiveScene(undefined);
  });
  shown = { scene, since: receivedRequests.length };
  if (!node) {
    shown.deactivate = scene.activate();
    return Promise.resolve();
  }
  root = createRoot(document.getElementById('root')!);
  root.render(<Frame testId={testId}>{node}</Frame>);
  return nextFrame();
}

/** An editor on the page, as Grafana renders it (no dashboard scene). */
function render(node: ReactNode): Promise<void> {
  root?.unmount();
  shown?.deactivate?.();
  shown = undefined;
  setActiveScene(undefined);
  root = createRoot(document.getElementById('root')!);
  root.render(<Frame>{node}</Frame>);
  return nextFrame();
}

function needScene() {
  if (!shown) {
    throw new Error('render a dashboard or a panel first');
  }
  return shown;
}

/** Variables of a panel shown alone: custom variables of the given values (a list: multi-value). */
function givenVariables(variables: VariablesJson = {}) {
  return new SceneVariableSet({
    variables: Object.entries(variables).map(([name, value]) => {
      const values = Array.isArray(value) ? value : [value];
      return new CustomVariable({ name, query: values.join(','), value, text: value, isMulti: Array.isArray(value) });
    }),
  });
}

const pending = () => backendSrv.pending;

/** After a change (variable, time range, refresh): until the queries it started have answered. */
async function afterChange(change: (scene: DashboardHostScene) => void) {
  const { scene, since } = needScene();
  change(scene);
  await settle(scene, pending);
  return panelReports(scene, since);
}

function toRequestJson(r: (typeof receivedRequests)[number]): ReceivedRequestJson {
  return {
    requestId: r.requestId,
    app: r.app,
    panelId: r.panelId,
    dashboardUID: r.dashboardUID,
    range: { from: r.range.from.toISOString(), to: r.range.to.toISOString() },
    maxDataPoints: r.maxDataPoints,
    interval: r.interval,
    intervalMs: r.intervalMs,
    targets: JSON.parse(JSON.stringify(r.targets)) as QueryJson[],
    scopedVars: Object.keys(r.scopedVars ?? {}).sort(),
  };
}

function toFrameJson(frame: DataFrame, all: DataFrame[]): FrameJson {
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

const host: HostApi = {
  async boot(uid) {
    const settings = await backendSrv.get<DataSourceSettingsJson>(`/api/datasources/uid/${uid}`);
    // Grafana's plugin settings: plugin.json plus where the module is served from.
    const meta = await backendSrv.get<DataSourcePluginMeta & { module: string }>(
      `/api/plugins/${settings.type}/settings`
    );
    const mod = await loadAmd(`/${meta.module}`);
    const plugin = mod.plugin as AnyDataSourcePlugin;
    if (!(plugin instanceof DataSourcePlugin)) {
      throw new Error(`${meta.module} does not export a DataSourcePlugin named plugin`);
    }
    plugin.meta = meta;
    const instanceSettings: DataSourceInstanceSettings<DataSourceJsonData> = {
      id: settings.id,
      uid: settings.uid,
      type: settings.type,
      name: settings.name,
      meta,
      url: `/api/datasources/proxy/uid/${settings.uid}`,
      jsonData: settings.jsonData as DataSourceJsonData,
      access: 'proxy',
      readOnly: settings.readOnly,
      isDefault: settings.isDefault,
    };
    const ds = new plugin.DataSourceClass(instanceSettings);
    ds.components = plugin.components;
    const dsSrv: DataSourceSrv = {
      get: async () => ds,
      getList: () => [instanceSettings],
      getInstanceSettings: () => instanceSettings,
      reload: () => {},
      registerRuntimeDataSource: () => {
        throw new Error('not emulated');
      },
    };
    setDataSourceSrv(dsSrv);
    booted = { settings, instanceSettings, plugin, ds };
    return settings;
  },

  async loadModule(url) {
    const mod = await loadAmd(url);
    const plugin = mod.plugin;
    const report: ModuleReport = {
      exports: Object.keys(mod).sort(),
      pluginKind:
        plugin instanceof AppPlugin
          ? 'app'
          : plugin instanceof DataSourcePlugin
            ? 'datasource'
            : plugin === undefined
              ? 'missing'
              : 'other',
      components: [],
      hasDataSourceClass: false,
    };
    if (plugin instanceof DataSourcePlugin) {
      const components = plugin.components as Record<string, unknown>;
      report.components = Object.keys(components).filter((k) => components[k] !== undefined);
      report.hasDataSourceClass = typeof plugin.DataSourceClass === 'function';
    }
    return report;
  },

  providedModules() {
    return Object.keys(amdModules).sort();
  },

  renderConfigEditor() {
    const { plugin, settings } = needBoot();
    return render(<ConfigEditorHost plugin={plugin} initial={settings} />);
  },

  renderQueryEditor(query) {
    const { plugin, ds } = needBoot();
    const now = Date.now();
    const range = toRange(new Date(now - 3_600_000).toISOString(), new Date(now).toISOString());
    return render(<QueryEditorHost ds={ds} plugin={plugin} initial={query as DataQuery} range={range} />);
  },

  async query(req: QueryRequestJson): Promise<QueryResultJson> {
    const { ds } = needBoot();
    const dqr = request(req.targets as DataQuery[], toRange(req.from, req.to), {
      maxDataPoints: req.maxDataPoints ?? 500,
    });
    dqr.scopedVars = { ...dqr.scopedVars, ...req.scopedVars };
    const res: DataQueryResponse = await lastValueFrom(from(ds.query(dqr)));
    const frames = (res.data ?? []) as DataFrame[];
    return {
      data: frames.map((f) => toFrameJson(f, frames)),
      errors: (res.errors ?? (res.error ? [res.error] : [])).map((e) => ({
        refId: e.refId,
        message: e.message,
        status: e.status,
      })),
    };
  },

  async testDatasource() {
    const { ds } = needBoot();
    const res = await ds.testDatasource();
    return { status: String(res.status), message: String(res.message) };
  },

  setVariables(variables) {
    const scene = new DashboardHostScene({
      $variables: givenVariables(variables),
      body: new SceneFlexLayout({ children: [] }),
    });
    return show(scene).then(() => settle(scene, pending));
  },

  async renderPanel({ panel, width, height, from: start, to, variables }) {
    needBoot();
    const scene = new DashboardHostScene({
      $timeRange: timeRange(start, to),
      $variables: givenVariables(variables),
      body: new SceneFlexLayout({ children: [new SceneFlexItem({ width, height, body: vizPanel(panel) })] }),
    });
    await show(scene, <scene.Component model={scene} />, 'host-panels');
    await settle(scene, pending);
    return panelReports(scene, needScene().since)[0];
  },

  async renderDashboard({ dashboard, from: start, to, width = 1600, variables, expandRows = false, refresh }) {
    needBoot();
    const scene = dashboardScene(dashboard, { from: start, to, variables, refresh });
    const title = dashboard.title ?? '';
    await show(
      scene,
      <div data-testid="host-dashboard" style={{ width }}>
        <h1 style={{ fontSize: 22, margin: '0 0 8px' }}>{title}</h1>
        <scene.Component model={scene} />
      </div>,
      'host-panels'
    );
    if (expandRows) {
      // A collapsed row keeps its panels until a viewer opens it: open each as a viewer would.
      const layout = scene.state.body as SceneGridLayout;
      layout.state.children
        .filter((c): c is SceneGridRow => c instanceof SceneGridRow && Boolean(c.state.isCollapsed))
        .forEach((row) => row.onCollapseToggle());
    }
    await settle(scene, pending);
    const el = document.querySelector('[data-testid="host-dashboard"]')!.getBoundingClientRect();
    return {
      title,
      width: el.width,
      height: el.height,
      variables: variableValues(scene),
      panels: panelReports(scene, needScene().since),
    };
  },

  refresh() {
    // The dashboard's refresh button (SceneRefreshPicker.onRefresh); a panel alone: its time range's refresh.
    return afterChange((scene) => {
      const picker = sceneGraph.findObject(scene, (o) => o instanceof SceneRefreshPicker) as SceneRefreshPicker | null;
      return picker ? picker.onRefresh() : sceneGraph.getTimeRange(scene).onRefresh();
    });
  },

  setTimeRange(start, to) {
    return afterChange((scene) => {
      const range = timeRange(start, to).state.value;
      sceneGraph.getTimeRange(scene).onTimeRangeChange(range);
    });
  },

  changeVariable(name, value) {
    return afterChange((scene) => {
      const variable = sceneGraph.lookupVariable(name, scene);
      if (!variable || !('changeValueTo' in variable)) {
        throw new Error(`no variable ${name} with values to choose`);
      }
      (variable as CustomVariable).changeValueTo(value);
    });
  },

  variables() {
    return variableValues(needScene().scene);
  },

  variableOptions(name) {
    const variable = sceneGraph.lookupVariable(name, needScene().scene) as CustomVariable | null;
    return (variable?.state.options ?? []).map((o) => ({ text: String(o.label), value: String(o.value) }));
  },

  interpolate(text, format) {
    return getTemplateSrv().replace(text, undefined, format);
  },

  panels() {
    return shown ? panelReports(shown.scene, shown.since) : [];
  },

  requests() {
    return receivedRequests.slice(shown?.since ?? 0).map(toRequestJson);
  },

  state() {
    return JSON.parse(JSON.stringify({ ...state, pending: backendSrv.pending })) as HostStateJson;
  },
};

const w = window as unknown as Record<string, unknown>;
w.switchboardHost = host;
w.__switchboardRegisterAmd = () => {
  for (const [name, value] of Object.entries(amdModules)) {
    // A factory, never the value itself: require.js would call a function value (lodash, moment) as the factory.
    amd().define(name, [], () => value);
  }
};
