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
import { setAppEvents, setBackendSrv, setDataSourceSrv, setTemplateSrv, type DataSourceSrv } from '@grafana/runtime';
import { GlobalStyles, ThemeContext } from '@grafana/ui';
import { from, lastValueFrom } from 'rxjs';
import { amdModules } from 'switchboard-host:externals';
import type {
  DataSourceSettingsJson,
  FrameJson,
  HostApi,
  HostStateJson,
  ModuleReport,
  PanelReportJson,
  QueryJson,
  QueryRequestJson,
  QueryResultJson,
} from '../support/hostApi';
import { HostBackendSrv } from './backendSrv';
import { DashboardView, gridPixels, layoutDashboard } from './dashboard';
import { resolveVariables } from './dashboardVariables';
import './grafanaRegistries';
import { PanelRuntime, type PanelEnv } from './panelRuntime';
import { PanelView } from './panelView';
import { HostTemplateSrv } from './templateSrv';

interface Amd {
  define(name: string, deps: string[], factory: () => unknown): void;
  require(deps: string[], ok: (...modules: unknown[]) => void, fail: (err: Error) => void): void;
}
const amd = () => window as unknown as Amd;

type AnyDataSource = DataSourceApi<DataQuery, DataSourceJsonData>;
type AnyDataSourcePlugin = DataSourcePlugin<AnyDataSource, DataQuery, DataSourceJsonData, {}>;

// Grafana's services, as Grafana's app.ts sets them before any plugin loads.
const backendSrv = new HostBackendSrv();
const templateSrv = new HostTemplateSrv();
setBackendSrv(backendSrv);
setTemplateSrv(templateSrv);
setAppEvents(new EventBusSrv());

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

function render(node: ReactNode, testId?: string): Promise<void> {
  root?.unmount();
  shown = undefined;
  const container = document.getElementById('root')!;
  root = createRoot(container);
  root.render(<Frame testId={testId}>{node}</Frame>);
  return nextFrame();
}

/** The panels on the page (renderPanel, renderDashboard) and the widths their queries were sized for. */
let shown: { runtimes: Array<{ runtime: PanelRuntime; width: number }> } | undefined;

function panelEnv(ds: AnyDataSource, from: string, to: string, dashboardUID?: string): PanelEnv {
  return {
    ds,
    theme,
    range: toRange(from, to),
    timeZone: 'utc',
    replaceVariables: (value, scopedVars, format) => templateSrv.replace(value, scopedVars, format),
    loadAmd,
    dashboardUID,
  };
}

/** Runs the queries of every panel shown, then lets React draw the answers. */
async function runPanels(): Promise<PanelReportJson[]> {
  const panels = shown?.runtimes ?? [];
  await Promise.all(panels.map(({ runtime, width }) => runtime.run(width)));
  await nextFrame();
  await nextFrame();
  return panels.map(({ runtime }) => runtime.report());
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
    templateSrv.setVariables(variables);
  },

  async renderPanel({ panel, width, height, from: start, to, variables }) {
    const { ds } = needBoot();
    templateSrv.setVariables(variables ?? {});
    const runtime = new PanelRuntime('panel', panel, panelEnv(ds, start, to));
    await render(
      <PanelView runtime={runtime} width={width} height={height} eventBus={new EventBusSrv()} />,
      'host-panels'
    );
    shown = { runtimes: [{ runtime, width }] };
    return (await runPanels())[0];
  },

  async renderDashboard({ dashboard, from: start, to, width = 1600, variables = {}, expandRows = false }) {
    const { ds, settings } = needBoot();
    const env = panelEnv(ds, start, to, dashboard.uid);
    const resolved = await resolveVariables(dashboard.templating?.list ?? [], variables, {
      ds,
      dsUid: settings.uid,
      range: env.range,
      templateSrv,
    });
    const items = layoutDashboard(dashboard.panels ?? [], expandRows);
    const runtimes = new Map(
      items.filter((i) => i.panel.type !== 'row').map((i) => [i.key, new PanelRuntime(i.key, i.panel, env)])
    );
    const replace = (s: string) => templateSrv.replace(s, undefined, 'text');
    await render(
      <DashboardView
        title={replace(dashboard.title ?? '')}
        items={items}
        runtimes={runtimes}
        width={width}
        eventBus={new EventBusSrv()}
        replace={replace}
      />,
      'host-panels'
    );
    shown = {
      runtimes: items
        .filter((i) => runtimes.has(i.key))
        .map((i) => ({ runtime: runtimes.get(i.key)!, width: gridPixels(i.box, width).width })),
    };
    const panels = await runPanels();
    const el = document.querySelector('[data-testid="host-dashboard"]')!.getBoundingClientRect();
    return { title: replace(dashboard.title ?? ''), width: el.width, height: el.height, variables: resolved, panels };
  },

  refresh() {
    return runPanels();
  },

  panels() {
    return (shown?.runtimes ?? []).map(({ runtime }) => runtime.report());
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
