/**
 * The contract between the browser tests (Node, playwright-core) and the host page (test/browser/page): what
 * `window.switchboardHost` offers. Plain JSON types only: this file is compiled both for the page (DOM) and for
 * Node, so it imports nothing.
 */

/** A datasource as Grafana's GET /api/datasources/uid/:uid returns it: no secrets, only which ones are set. */
export interface DataSourceSettingsJson {
  id: number;
  uid: string;
  orgId: number;
  name: string;
  type: string;
  typeName: string;
  typeLogoUrl: string;
  access: 'proxy';
  url: string;
  user: string;
  database: string;
  basicAuth: boolean;
  basicAuthUser: string;
  withCredentials: boolean;
  isDefault: boolean;
  jsonData: Record<string, unknown>;
  secureJsonFields: Record<string, boolean>;
  version: number;
  readOnly: boolean;
}

/** What a plugin module exports, as seen from the page. */
export interface ModuleReport {
  exports: string[];
  /** `plugin instanceof` the host's AppPlugin / DataSourcePlugin (the AMD @grafana/data is the host's). */
  pluginKind: 'app' | 'datasource' | 'other' | 'missing';
  /** For a datasource plugin: which components and the DataSourceClass are set. */
  components: string[];
  hasDataSourceClass: boolean;
}

export interface FieldJson {
  name: string;
  type: string;
  /** getFieldDisplayName: what a panel shows as the column or series name. */
  displayName: string;
  config: Record<string, unknown>;
  labels?: Record<string, string>;
  values: unknown[];
}

export interface FrameJson {
  name?: string;
  refId?: string;
  length: number;
  meta?: Record<string, unknown>;
  fields: FieldJson[];
}

export interface QueryErrorJson {
  refId?: string;
  message?: string;
  status?: number;
}

export interface QueryResultJson {
  data: FrameJson[];
  errors: QueryErrorJson[];
}

/** A query as the test writes it: a Switchboard query (docs/api.md) with its refId. */
export type QueryJson = { refId: string; queryType: string; hide?: boolean } & Record<string, unknown>;

/** A dashboard variable: one value or several (multi-value). */
export type VariablesJson = Record<string, string | string[]>;

export interface QueryRequestJson {
  targets: QueryJson[];
  /** ISO-8601 times. */
  from: string;
  to: string;
  maxDataPoints?: number;
}

export interface TestDatasourceJson {
  status: string;
  message: string;
}

/** A panel of a dashboard JSON (Grafana's panel model), as far as the host's preview reads it. */
export interface PanelJson {
  id?: number;
  type: string;
  title?: string;
  description?: string;
  gridPos?: { x: number; y: number; w: number; h: number };
  datasource?: { type?: string; uid?: string } | null;
  targets?: QueryJson[];
  options?: Record<string, unknown>;
  fieldConfig?: { defaults?: Record<string, unknown>; overrides?: unknown[] };
  transformations?: Array<{ id: string; options?: unknown; disabled?: boolean }>;
  pluginVersion?: string;
  maxDataPoints?: number;
  interval?: string;
  transparent?: boolean;
  /** The panel's own relative time ("30d", "now/d") and time shift ("1h"), Grafana's "Query options". */
  timeFrom?: string;
  timeShift?: string;
  hideTimeOverride?: boolean;
  /** A row: collapsed rows hold their panels here. */
  collapsed?: boolean;
  panels?: PanelJson[];
}

/** A dashboard variable as saved in `templating.list`. */
export interface VariableJson {
  type: string;
  name: string;
  label?: string;
  description?: string;
  hide?: number;
  refresh?: number;
  query?: unknown;
  datasource?: { type?: string; uid?: string } | null;
  current?: { text?: unknown; value?: unknown };
  options?: Array<{ text?: unknown; value?: unknown }>;
  multi?: boolean;
  includeAll?: boolean;
  allValue?: string | null;
  sort?: number;
  regex?: string;
}

export interface DashboardJson {
  uid?: string;
  title?: string;
  panels?: PanelJson[];
  templating?: { list?: VariableJson[] };
  /** The dashboard's default time range, e.g. { from: 'now-6h', to: 'now' }. */
  time?: { from: string; to: string };
  /** Auto-refresh interval, e.g. "10s"; "" for none. */
  refresh?: string;
}

export interface RenderPanelRequestJson {
  panel: PanelJson;
  /** The panel's size in the page, PanelChrome included (its header takes about 32 px). */
  width: number;
  height: number;
  /** The time range, ISO-8601. */
  from: string;
  to: string;
  /** Dashboard variables for its queries. */
  variables?: VariablesJson;
}

export interface RenderDashboardRequestJson {
  dashboard: DashboardJson;
  /** The grid's width in px (default 1600); rows are 30 px as in Grafana. */
  width?: number;
  /** Values that win over the variables' saved ones; "$__all" selects All. */
  variables?: VariablesJson;
  /** Rows saved collapsed stay collapsed as in Grafana; true opens them (to check their panels too). */
  expandRows?: boolean;
  /** Auto-refresh instead of the dashboard's ("" for none), as Grafana's URL parameter refresh= does. */
  refresh?: string;
  /** The time range instead of the dashboard's: ISO instants or Grafana's relative times (now-1h). */
  from?: string;
  to?: string;
}

/** A request a datasource received from the scene's query runners (SceneQueryRunner, query variables). */
export interface ReceivedRequestJson {
  requestId: string;
  app: string;
  panelId?: number;
  dashboardUID?: string;
  range: { from: string; to: string };
  maxDataPoints?: number;
  interval: string;
  intervalMs: number;
  targets: QueryJson[];
  /** Names of the scoped variables (__interval, __sceneObject...). */
  scopedVars: string[];
}

/** What one rendered panel showed, for the tests. */
export interface PanelReportJson {
  key: string;
  id?: number;
  type: string;
  title: string;
  /** Where PanelChrome was drawn in the page (px). */
  box: { x: number; y: number; width: number; height: number };
  /** Grafana's LoadingState of its queries: NotStarted, Loading, Done, Error. */
  state: string;
  /** Failed queries ("A: message"), a visualization the preview cannot draw, an error the panel threw. */
  errors: string[];
  frames: number;
  /** Rows over every frame. */
  rows: number;
  /** No frame has a row: Grafana's core panels say "No data". */
  noData: boolean;
  /** How many times the queries ran. */
  runs: number;
  /** The options the panel component got: after the plugin's migration and defaults. */
  options: Record<string, unknown>;
}

export interface DashboardReportJson {
  title: string;
  width: number;
  height: number;
  /** Every variable as resolved for the queries (All as its values). */
  variables: VariablesJson;
  panels: PanelReportJson[];
}

/** What the page saw since it loaded: the tests assert on it. */
export interface HostStateJson {
  /** Errors caught by the error boundary around the rendered editor. */
  editorErrors: string[];
  /** The options the config editor last passed to onOptionsChange (null: never called). */
  lastOptions: DataSourceSettingsJson | null;
  /** The query the query editor last passed to onChange (null: never called). */
  lastQuery: QueryJson | null;
  runQueryCount: number;
  /** Error toasts Grafana would have shown for failed requests (showErrorAlert not false). */
  alerts: string[];
  /** Every request the emulated backendSrv sent (method, URL, the requestId it was given and the JSON body). */
  requests: Array<{ method: string; url: string; status: number; requestId?: string; body?: unknown }>;
  /** Requests of the backendSrv not answered yet. */
  pending: number;
}

export interface HostApi {
  /** Fetches the datasource's settings from the (emulated) Grafana API and creates the datasource instance. */
  boot(uid: string): Promise<DataSourceSettingsJson>;
  /** Loads a plugin module with require.js, as Grafana's plugin loader does (e.g. the datasource's module.js). */
  loadModule(url: string): Promise<ModuleReport>;
  /** The AMD module names the host defines (the externals of the plugin's webpack config that it provides). */
  providedModules(): string[];
  renderConfigEditor(): Promise<void>;
  renderQueryEditor(query: QueryJson): Promise<void>;
  /** The queries run by a SceneQueryRunner (as a panel's) with the booted datasource, the answer as JSON. */
  query(request: QueryRequestJson): Promise<QueryResultJson>;
  testDatasource(): Promise<TestDatasourceJson>;
  /** The dashboard variables (a list: multi-value) of the scene that query() runs its queries in. */
  setVariables(variables: VariablesJson): Promise<void>;
  state(): HostStateJson;
  /**
   * Renders one panel as a dashboard shows it (PanelChrome, the plugin's migration and defaults, its queries run
   * through the datasource); resolves once its queries answered and it rendered.
   */
  renderPanel(request: RenderPanelRequestJson): Promise<PanelReportJson>;
  /** Renders a dashboard JSON as a scene (page/dashboardScene.ts); resolves once every panel answered. */
  renderDashboard(request: RenderDashboardRequestJson): Promise<DashboardReportJson>;
  /** The dashboard's refresh button: every panel's queries again; resolves with the panels once answered. */
  refresh(): Promise<PanelReportJson[]>;
  /** The time picker: a new range (ISO or relative); resolves with the panels once answered. */
  setTimeRange(from: string, to: string): Promise<PanelReportJson[]>;
  /** A variable picker: a new value ("$__all" for All, a list for several); resolves once the panels answered. */
  changeVariable(name: string, value: string | string[]): Promise<PanelReportJson[]>;
  /** The variables of the scene shown, as the queries see them. */
  variables(): VariablesJson;
  /** The options a variable offers (text and value), as its picker lists them. */
  variableOptions(name: string): Array<{ text: string; value: string }>;
  /** Grafana's getTemplateSrv().replace(text, undefined, format) on the page. */
  interpolate(text: string, format?: string): string;
  /** The rendered panels now. */
  panels(): PanelReportJson[];
  /** Every request the datasource got from the scene shown, oldest first. */
  requests(): ReceivedRequestJson[];
}
