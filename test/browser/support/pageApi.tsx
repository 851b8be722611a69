/**
 * `window.switchboardHost` (support/hostApi.ts): what the tests do on the page, as a user would in Grafana (open a
 * datasource's editors, a dashboard or a panel, change a variable, the time range, refresh), and what they read of
 * it (pageProbes.ts). Browser code, bundled into the host page; the stand-ins for Grafana are in ../page.
 */
import React, { type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import type { DataFrame, DataQuery, DataSourceSettings } from '@grafana/data';
import {
  SceneFlexItem,
  SceneFlexLayout,
  SceneGridLayout,
  SceneGridRow,
  sceneGraph,
  SceneRefreshPicker,
  SceneTimeRange,
  type CustomVariable,
} from '@grafana/scenes';
import type { HostBackendSrv } from '../page/backendSrv';
import { dashboardScene, DashboardHostScene, givenVariables, runQueries, vizPanel } from '../page/dashboardScene';
import { ConfigEditorHost, editorState, Frame, QueryEditorHost } from '../page/editors';
import type { bootDatasource } from '../page/host';
import { receivedRequests } from '../page/runRequest';
import { setActiveScene } from '../page/sceneTemplateSrv';
import type { HostApi, VariablesJson } from './hostApi';
import { panelReports, probes, settle, toFrameJson, variableValues } from './pageProbes';

export function pageApi(page: {
  bootDatasource: typeof bootDatasource;
  loadAmd: (url: string) => Promise<Record<string, unknown>>;
  backendSrv: HostBackendSrv;
}): HostApi {
  const pending = () => page.backendSrv.pending;
  let booted: Awaited<ReturnType<typeof bootDatasource>> | undefined;
  let root: Root | undefined;
  /** The scene on the page and where its requests start in receivedRequests. */
  let shown: { scene: DashboardHostScene; since: number } | undefined;
  /** The dashboard variables that host.query interpolates with (setVariables). */
  let queryVariables: VariablesJson = {};

  function needBoot() {
    if (!booted) {
      throw new Error('switchboardHost.boot(uid) first');
    }
    return booted;
  }

  function needScene() {
    if (!shown) {
      throw new Error('render a dashboard or a panel first');
    }
    return shown;
  }

  /** Puts a node on the page (an editor, or a scene that becomes the active one), unmounting what was there. */
  function render(node: ReactNode, scene?: DashboardHostScene): Promise<void> {
    root?.unmount();
    shown = undefined;
    if (scene) {
      // Grafana's DashboardScene registers itself as the scene of TemplateSrv while it is active.
      scene.addActivationHandler(() => {
        setActiveScene(scene);
        return () => setActiveScene(undefined);
      });
      shown = { scene, since: receivedRequests.length };
    }
    root = createRoot(document.getElementById('root')!);
    root.render(<Frame testId={scene ? 'host-panels' : undefined}>{node}</Frame>);
    return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  }

  /** After a change (variable, time range, refresh): until the queries it started have answered. */
  async function afterChange(change: (scene: DashboardHostScene) => void) {
    const { scene, since } = needScene();
    change(scene);
    await settle(scene, pending);
    return panelReports(scene, since);
  }

  return {
    async boot(uid) {
      booted = await page.bootDatasource(uid);
      return booted.settings;
    },

    renderConfigEditor() {
      const { plugin, settings } = needBoot();
      return render(<ConfigEditorHost plugin={plugin} initial={settings as unknown as DataSourceSettings} />);
    },

    renderQueryEditor(query) {
      const { plugin, ds } = needBoot();
      return render(<QueryEditorHost ds={ds} plugin={plugin} initial={query as DataQuery} />);
    },

    async query({ targets, from, to, maxDataPoints }) {
      const { ds } = needBoot();
      const data = await runQueries(targets, ds, { from, to }, { maxDataPoints, variables: queryVariables });
      const frames: DataFrame[] = data.series;
      const errors = data.errors ?? (data.error ? [data.error] : []);
      return {
        data: frames.map((f) => toFrameJson(f, frames)),
        errors: errors.map(({ refId, message, status }) => ({ refId, message, status })),
      };
    },

    async testDatasource() {
      const res = await needBoot().ds.testDatasource();
      return { status: String(res.status), message: String(res.message) };
    },

    async setVariables(variables) {
      queryVariables = variables;
    },

    async renderPanel({ panel, width, height, from, to, variables }) {
      needBoot();
      const scene = new DashboardHostScene({
        $timeRange: new SceneTimeRange({ from, to, timeZone: 'utc' }),
        $variables: givenVariables(variables),
        body: new SceneFlexLayout({ children: [new SceneFlexItem({ width, height, body: vizPanel(panel) })] }),
      });
      await render(<scene.Component model={scene} />, scene);
      await settle(scene, pending);
      return panelReports(scene, needScene().since)[0];
    },

    async renderDashboard({ dashboard, width = 1600, expandRows = false, ...options }) {
      needBoot();
      const scene = dashboardScene(dashboard, options);
      const title = dashboard.title ?? '';
      const page = (
        <div data-testid="host-dashboard" style={{ width }}>
          <h1 style={{ fontSize: 22, margin: '0 0 8px' }}>{title}</h1>
          <scene.Component model={scene} />
        </div>
      );
      await render(page, scene);
      if (expandRows) {
        // A collapsed row keeps its panels until a viewer opens it: open each as a viewer would.
        const rows = (scene.state.body as SceneGridLayout).state.children.filter((c) => c instanceof SceneGridRow);
        rows.filter((r) => r.state.isCollapsed).forEach((row) => row.onCollapseToggle());
      }
      await settle(scene, pending);
      const { width: w, height } = document.querySelector('[data-testid="host-dashboard"]')!.getBoundingClientRect();
      const panels = panelReports(scene, needScene().since);
      return { title, width: w, height, variables: variableValues(scene), panels };
    },

    refresh() {
      // The dashboard's refresh button (SceneRefreshPicker.onRefresh); a panel alone: its time range's refresh.
      return afterChange((scene) => {
        const picker = sceneGraph.findObject(
          scene,
          (o) => o instanceof SceneRefreshPicker
        ) as SceneRefreshPicker | null;
        return picker ? picker.onRefresh() : sceneGraph.getTimeRange(scene).onRefresh();
      });
    },

    setTimeRange(from, to) {
      const range = new SceneTimeRange({ from, to, timeZone: 'utc' }).state.value;
      return afterChange((scene) => sceneGraph.getTimeRange(scene).onTimeRangeChange(range));
    },

    changeVariable(name, value) {
      return afterChange((scene) => {
        const variable = sceneGraph.lookupVariable(name, scene) as CustomVariable | null;
        if (!variable?.changeValueTo) {
          throw new Error(`no variable ${name} with values to choose`);
        }
        variable.changeValueTo(value);
      });
    },

    ...probes({ loadAmd: page.loadAmd, shown: () => shown, backendSrv: page.backendSrv, editorState }),
  };
}
