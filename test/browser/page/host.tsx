/**
 * The host page's main bundle (test/browser/build.ts): the release's real @grafana/*, @grafana/scenes, react,
 * react-dom, rxjs... set up as Grafana sets them up at boot, offered to the plugin as AMD modules (build.ts says why
 * in this order), Grafana's loading of a datasource, and `window.switchboardHost`, the tests' API
 * (support/pageApi.tsx).
 */
import {
  DataSourcePlugin,
  EventBusSrv,
  type DataSourceInstanceSettings,
  type DataSourcePluginMeta,
} from '@grafana/data';
import {
  setAppEvents,
  setBackendSrv,
  setDataSourceSrv,
  setPluginImportUtils,
  setRunRequest,
  setTemplateSrv,
  type DataSourceSrv,
} from '@grafana/runtime';
import { amdModules } from 'switchboard-host:externals';
import type { DataSourceSettingsJson } from '../support/hostApi';
import { pageApi } from '../support/pageApi';
import { HostBackendSrv } from './backendSrv';
import type { AnyDataSource, AnyDataSourcePlugin } from './editors';
import './grafanaRegistries';
import { pluginImportUtils } from './panelPlugins';
import { runRequest } from './runRequest';
import { sceneTemplateSrv } from './sceneTemplateSrv';

type Amd = {
  define(name: string, deps: string[], factory: () => unknown): void;
  require(deps: string[], ok: (...modules: unknown[]) => void, fail: (err: Error) => void): void;
};
const amd = () => window as unknown as Amd;
const loadAmd = (url: string) =>
  new Promise<Record<string, unknown>>((resolve, reject) =>
    amd().require([url], (mod) => resolve((mod ?? {}) as Record<string, unknown>), reject)
  );

// Grafana's services, as Grafana's app.ts sets them before any plugin loads. The TemplateSrv reads the scene.
const backendSrv = new HostBackendSrv();
setBackendSrv(backendSrv);
setTemplateSrv(sceneTemplateSrv);
setAppEvents(new EventBusSrv());
setRunRequest(runRequest);
setPluginImportUtils(pluginImportUtils(loadAmd));

/**
 * Grafana's DataSourceSrv for the one datasource booted: a reference (a uid, or `${datasource}` that the scene's
 * variables resolve) finds it; any other is not found, as in Grafana.
 */
function dataSourceSrv(ds: AnyDataSource, settings: DataSourceInstanceSettings): DataSourceSrv {
  const find = (
    ref?: { uid?: string; type?: string } | string | null,
    scopedVars?: Parameters<DataSourceSrv['get']>[1]
  ) => {
    const uid = sceneTemplateSrv.replace(typeof ref === 'string' ? ref : (ref?.uid ?? settings.uid), scopedVars);
    return uid === settings.uid || uid === settings.name || (typeof ref === 'object' && !ref?.uid)
      ? settings
      : undefined;
  };
  return {
    get: async (ref, scopedVars) => {
      if (!find(ref, scopedVars)) {
        throw new Error(`Datasource ${JSON.stringify(ref)} was not found`);
      }
      return ds;
    },
    getList: (filters) => (!filters?.pluginId || filters.pluginId === settings.type ? [settings] : []),
    getInstanceSettings: (ref, scopedVars) => find(ref, scopedVars),
    reload: async () => {},
    registerRuntimeDataSource: () => {
      throw new Error('runtime datasources are not part of the host page');
    },
  };
}

/**
 * Grafana loading a datasource for a page: its settings from the API (no secrets), its plugin's settings (plugin.json
 * and where the module is served from), the module with require.js, an instance with the settings Grafana gives it
 * (url: the datasource proxy), then the DataSourceSrv that hands it out.
 */
export async function bootDatasource(uid: string) {
  const settings = await backendSrv.get<DataSourceSettingsJson>(`/api/datasources/uid/${uid}`);
  const meta = await backendSrv.get<DataSourcePluginMeta>(`/api/plugins/${settings.type}/settings`);
  const { plugin } = await loadAmd(`/${meta.module}`);
  if (!(plugin instanceof DataSourcePlugin)) {
    throw new Error(`${meta.module} does not export a DataSourcePlugin named plugin`);
  }
  plugin.meta = meta;
  const { id, type, name, jsonData, readOnly, isDefault } = settings;
  const instance = { id, uid, type, name, meta, jsonData, readOnly, isDefault, access: 'proxy' as const };
  const instanceSettings: DataSourceInstanceSettings = { ...instance, url: `/api/datasources/proxy/uid/${uid}` };
  const ds = new plugin.DataSourceClass(instanceSettings);
  ds.components = plugin.components;
  setDataSourceSrv(dataSourceSrv(ds, instanceSettings));
  return { settings, plugin: plugin as AnyDataSourcePlugin, ds: ds as AnyDataSource };
}

const w = window as unknown as Record<string, unknown>;
w.switchboardHost = pageApi({ bootDatasource, loadAmd, backendSrv });
w.__switchboardRegisterAmd = () => {
  for (const [name, value] of Object.entries(amdModules)) {
    // A factory, never the value itself: require.js would call a function value (lodash, moment) as the factory.
    amd().define(name, [], () => value);
  }
};
