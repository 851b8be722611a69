import { PanelPlugin, type PanelPluginMeta } from '@grafana/data';
import { getBackendSrv } from '@grafana/runtime';
import { corePanelPlugin } from './corePanels';

export type LoadAmd = (url: string) => Promise<Record<string, unknown>>;

const loaded = new Map<string, PanelPlugin>();
const loading = new Map<string, Promise<PanelPlugin>>();

/**
 * Grafana's plugin import utils (setPluginImportUtils; public/app/features/plugins/importPanelPlugin.ts), which
 * VizPanel calls to load a panel: a plugin panel is its settings from GET /api/plugins/<id>/settings and its module
 * loaded with require.js (Grafana: SystemJS) from where the settings say; Grafana's own panels are compiled into
 * Grafana and not published, so they are the stand-ins of corePanels.tsx.
 */
export function pluginImportUtils(loadAmd: LoadAmd) {
  const load = async (id: string): Promise<PanelPlugin> => {
    const core = corePanelPlugin(id);
    if (core) {
      return core;
    }
    const meta = await getBackendSrv()
      .get<PanelPluginMeta>(`/api/plugins/${id}/settings`, undefined, undefined, { showErrorAlert: false })
      .catch(() => {
        throw new Error(`Panel plugin "${id}" not found: is it built into dist/ (npm run build)?`);
      });
    const { plugin } = await loadAmd(`/${meta.module}`);
    if (!(plugin instanceof PanelPlugin)) {
      throw new Error(`${meta.module} does not export a PanelPlugin named plugin`);
    }
    plugin.meta = { ...plugin.meta, ...meta };
    return plugin;
  };
  return {
    importPanelPlugin(id: string): Promise<PanelPlugin> {
      let found = loading.get(id);
      if (!found) {
        found = load(id).then((p) => (loaded.set(id, p), p));
        loading.set(id, found);
      }
      return found;
    },
    getPanelPluginFromCache: (id: string) => loaded.get(id),
  };
}
