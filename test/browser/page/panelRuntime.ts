/**
 * One panel of the host page, doing what Grafana's PanelModel and PanelQueryRunner do for it:
 *   1. the visualization: our panel plugins from dist/ (loaded with require.js as Grafana's plugin loader does) or a
 *      core one (corePanels.tsx);
 *   2. the options: the plugin's migration handler when the saved options ask for it (PanelModel.pluginLoaded), then
 *      getPanelOptionsWithDefaults;
 *   3. the queries: every target through the datasource (datasource → emulated datasource proxy route → proxy →
 *      simulator), then the panel's transformations, then applyFieldOverrides with the plugin's field config;
 *   4. a report of what happened, for the tests.
 * The React side (panelView.tsx) subscribes to it; refresh() runs the queries again.
 */
import {
  applyFieldOverrides,
  CoreApp,
  getPanelOptionsWithDefaults,
  LoadingState,
  PanelPlugin,
  rangeUtil,
  transformDataFrame,
  type DataFrame,
  type DataQuery,
  type DataQueryError,
  type DataQueryRequest,
  type DataSourceApi,
  type FieldConfigSource,
  type GrafanaTheme2,
  type InterpolateFunction,
  type PanelData,
  type PanelModel,
  type PanelPluginMeta,
  type TimeRange,
} from '@grafana/data';
import { getBackendSrv } from '@grafana/runtime';
import { from, lastValueFrom } from 'rxjs';
import type { PanelJson, PanelReportJson } from '../support/hostApi';
import { corePanelPlugin, corePanelProblem, isQuerylessCorePanel } from './corePanels';

export const DATASOURCE_TYPE = 'switchboard-connect-datasource';

export interface PanelEnv {
  ds: DataSourceApi;
  theme: GrafanaTheme2;
  range: TimeRange;
  timeZone: string;
  replaceVariables: InterpolateFunction;
  loadAmd: (url: string) => Promise<Record<string, unknown>>;
  dashboardUID?: string;
}

export interface PanelSnapshot {
  plugin?: PanelPlugin;
  options: Record<string, unknown>;
  fieldConfig: FieldConfigSource;
  data: PanelData;
  /** Problems that are not a query's: a plugin that did not load, a datasource the host does not have... */
  problems: string[];
  renderCounter: number;
}

const pluginCache = new Map<string, Promise<PanelPlugin>>();

/** A panel plugin of dist/, as Grafana loads it: its settings (module path) from the API, then the AMD module. */
function loadPanelPlugin(type: string, loadAmd: PanelEnv['loadAmd']): Promise<PanelPlugin> {
  let found = pluginCache.get(type);
  if (!found) {
    found = (async () => {
      const meta = await getBackendSrv()
        .get<PanelPluginMeta & { module: string }>(`/api/plugins/${type}/settings`, undefined, undefined, {
          showErrorAlert: false,
        })
        .catch(() => {
          throw new Error(`Panel plugin "${type}" not found: is it built into dist/ (npm run build)?`);
        });
      const mod = await loadAmd(`/${meta.module}`);
      if (!(mod.plugin instanceof PanelPlugin)) {
        throw new Error(`${meta.module} does not export a PanelPlugin named plugin`);
      }
      mod.plugin.meta = { ...mod.plugin.meta, ...meta };
      return mod.plugin;
    })();
    pluginCache.set(type, found);
  }
  return found;
}

/** The `custom.*` field options a fieldConfig uses (defaults and overrides), for the core panels' registries. */
function customKeys(fc: PanelJson['fieldConfig']): string[] {
  const keys = new Set(Object.keys((fc?.defaults?.custom as object | undefined) ?? {}));
  for (const o of (fc?.overrides ?? []) as Array<{ properties?: Array<{ id: string }> }>) {
    for (const p of o.properties ?? []) {
      if (p.id.startsWith('custom.')) {
        keys.add(p.id.slice('custom.'.length).split('.')[0]);
      }
    }
  }
  return [...keys];
}

const errorText = (e: DataQueryError) => `${e.refId ? `${e.refId}: ` : ''}${e.message ?? e.data?.message ?? 'failed'}`;

export class PanelRuntime {
  private snapshot: PanelSnapshot;
  private listeners = new Set<() => void>();
  private runs = 0;
  private renderErrors: string[] = [];
  private requestCount = 0;
  private vizNoData?: boolean;
  private prepared?: Promise<void>;

  constructor(
    readonly key: string,
    readonly panel: PanelJson,
    readonly env: PanelEnv
  ) {
    this.snapshot = {
      options: {},
      fieldConfig: { defaults: {}, overrides: [] },
      data: { state: LoadingState.NotStarted, series: [], timeRange: env.range },
      problems: [],
      renderCounter: 0,
    };
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = () => this.snapshot;

  private update(patch: Partial<PanelSnapshot>) {
    this.snapshot = { ...this.snapshot, ...patch, renderCounter: this.snapshot.renderCounter + 1 };
    this.listeners.forEach((l) => l());
  }

  /** What the visualization said it drew (core stat, gauge, bar gauge): see vizReport.ts. */
  vizReported = (report: { noData: boolean }) => {
    this.vizNoData = report.noData;
  };

  /** Called by the error boundary around the visualization. */
  renderFailed(message: string) {
    this.renderErrors.push(message);
  }

  /** What the panel's options pane would do: new options, rendered at once. */
  setOptions(options: Record<string, unknown>) {
    this.update({ options });
  }

  /** The visualization, and the options as Grafana hands them to it. Once per panel. */
  prepare(): Promise<void> {
    this.prepared ??= this.loadVisualization().catch((err: Error) => this.update({ problems: [err.message] }));
    return this.prepared;
  }

  private async loadVisualization() {
    const { panel } = this;
    const plugin = panel.type.startsWith('switchboard-')
      ? await loadPanelPlugin(panel.type, this.env.loadAmd)
      : corePanelPlugin(panel.type, customKeys(panel.fieldConfig));
    if (!plugin) {
      throw new Error(`The preview does not draw "${panel.type}" panels (see test/browser/page/corePanels.tsx)`);
    }
    const model = {
      id: panel.id ?? 0,
      type: panel.type,
      title: panel.title,
      options: structuredClone(panel.options ?? {}),
      fieldConfig: structuredClone({ defaults: {}, overrides: [], ...panel.fieldConfig }),
      pluginVersion: panel.pluginVersion,
      targets: panel.targets,
    } as unknown as PanelModel;
    // PanelModel.pluginLoaded: migrate when the plugin's version differs from the saved one or the plugin asks.
    const version = plugin.meta?.info?.version;
    if (plugin.onPanelMigration && (version !== panel.pluginVersion || plugin.shouldMigrate?.(model))) {
      model.options = await plugin.onPanelMigration(model);
    }
    const { options, fieldConfig } = getPanelOptionsWithDefaults({
      plugin,
      currentOptions: model.options as Record<string, unknown>,
      currentFieldConfig: model.fieldConfig,
      isAfterPluginChange: false,
    });
    this.update({ plugin, options, fieldConfig });
  }

  /** Runs the panel's queries (Grafana's PanelQueryRunner) and hands the panel the answer. */
  async run(maxDataPoints: number): Promise<void> {
    await this.prepare();
    const { panel, env } = this;
    const { plugin, fieldConfig } = this.snapshot;
    if (!plugin) {
      return;
    }
    this.runs++;
    if (isQuerylessCorePanel(panel.type)) {
      return this.update({ data: { state: LoadingState.Done, series: [], timeRange: env.range } });
    }
    const problem = this.datasourceProblem();
    if (problem) {
      return this.update({
        problems: [problem],
        data: { state: LoadingState.Error, series: [], timeRange: env.range },
      });
    }
    const { interval, intervalMs } = rangeUtil.calculateInterval(
      env.range,
      panel.maxDataPoints ?? maxDataPoints,
      panel.interval
    );
    const request: DataQueryRequest = {
      app: CoreApp.Dashboard,
      requestId: `${this.key}-${++this.requestCount}`,
      timezone: env.timeZone,
      range: env.range,
      interval,
      intervalMs,
      maxDataPoints: panel.maxDataPoints ?? maxDataPoints,
      // PanelQueryRunner attaches the datasource it runs with to every query (a `${datasource}` uid resolved).
      targets: (panel.targets ?? []).map((t) => ({ ...t, datasource: env.ds.getRef() })) as DataQuery[],
      scopedVars: {
        __interval: { text: interval, value: interval },
        __interval_ms: { text: String(intervalMs), value: intervalMs },
      },
      startTime: Date.now(),
      panelId: panel.id,
      dashboardUID: env.dashboardUID,
    };
    this.update({ data: { ...this.snapshot.data, state: LoadingState.Loading, request } });

    let series: DataFrame[] = [];
    let errors: DataQueryError[] = [];
    try {
      const res = await lastValueFrom(from(env.ds.query(request)));
      series = (res.data ?? []) as DataFrame[];
      errors = res.errors ?? (res.error ? [res.error] : []);
      const transformations = (panel.transformations ?? [])
        .filter((t) => !t.disabled)
        .map((t) => ({ id: t.id, options: t.options ?? {} }));
      if (transformations.length > 0) {
        series = await lastValueFrom(
          transformDataFrame(transformations, series, { interpolate: (v) => env.replaceVariables(v) })
        );
      }
      series = applyFieldOverrides({
        data: series,
        fieldConfig,
        fieldConfigRegistry: plugin.fieldConfigRegistry,
        replaceVariables: env.replaceVariables,
        theme: env.theme,
        timeZone: env.timeZone,
      });
    } catch (err) {
      errors = [...errors, { message: err instanceof Error ? err.message : String(err) }];
    }
    const vizProblem = corePanelProblem(panel.type, series);
    this.update({
      problems: vizProblem ? [vizProblem] : [],
      data: {
        state: errors.length > 0 ? LoadingState.Error : LoadingState.Done,
        series,
        errors: errors.length > 0 ? errors : undefined,
        request,
        timeRange: env.range,
      },
    });
  }

  /** The host has one datasource, the Switchboard one: a panel or target that asks for another cannot run. */
  private datasourceProblem(): string | undefined {
    const refs = [
      this.panel.datasource,
      ...(this.panel.targets ?? []).map((t) => t.datasource as PanelJson['datasource']),
    ];
    for (const ref of refs) {
      if (ref && ref.type && ref.type !== DATASOURCE_TYPE) {
        return `The preview only has the Switchboard datasource; this panel asks for "${ref.type}"`;
      }
    }
    return undefined;
  }

  /** Everything that went wrong: the panel's problems, failed queries ("A: message"), what the panel threw. */
  errors(): string[] {
    const { data, problems } = this.snapshot;
    return [...problems, ...(data.errors ?? []).map(errorText), ...this.renderErrors];
  }

  /** No frame has a row (and the panel takes queries). */
  noRows(): boolean {
    return !isQuerylessCorePanel(this.panel.type) && this.snapshot.data.series.every((f) => f.length === 0);
  }

  /** The field config's "No value" text, which Grafana shows instead of "No data". */
  noValue(): string | undefined {
    const v = this.snapshot.fieldConfig.defaults.noValue;
    return v === undefined || v === '' ? undefined : v;
  }

  report(): PanelReportJson {
    const { data, options } = this.snapshot;
    const el = document.querySelector(`[data-panel-key="${CSS.escape(this.key)}"]`);
    const r = el?.getBoundingClientRect();
    const rows = data.series.reduce((n, f) => n + f.length, 0);
    return {
      key: this.key,
      id: this.panel.id,
      type: this.panel.type,
      title: this.env.replaceVariables(this.panel.title ?? '', undefined, 'text'),
      box: { x: r?.x ?? 0, y: r?.y ?? 0, width: r?.width ?? 0, height: r?.height ?? 0 },
      state: data.state,
      errors: this.errors(),
      frames: data.series.length,
      rows,
      // What a viewer sees as "No data": nothing to show (no row, or no field the visualization could use) and no
      // "No value" text to show instead.
      noData: (this.vizNoData ?? this.noRows()) && this.noValue() === undefined,
      runs: this.runs,
      options: JSON.parse(JSON.stringify(options)) as Record<string, unknown>,
    };
  }
}
