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
  /** Scoped variables of the request ({ name: { text, value } }), e.g. a repeated panel's. */
  scopedVars?: Record<string, { text: string; value: string | string[] }>;
}

export interface TestDatasourceJson {
  status: string;
  message: string;
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
  /** Every request the emulated backendSrv sent (method and URL). */
  requests: Array<{ method: string; url: string; status: number }>;
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
  /** ds.query(request) with the booted datasource, collected into JSON. */
  query(request: QueryRequestJson): Promise<QueryResultJson>;
  testDatasource(): Promise<TestDatasourceJson>;
  /** Sets the dashboard variables the TemplateSrv knows. */
  setVariables(variables: VariablesJson): void;
  state(): HostStateJson;
}
