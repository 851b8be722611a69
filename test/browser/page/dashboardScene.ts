/**
 * A dashboard JSON as a scene, built as Grafana 12+ builds it (public/app/features/dashboard-scene/serialization/
 * transformSaveModelToScene.ts, utils/variables.ts, utils/createPanelDataProvider.ts), from @grafana/scenes' own
 * objects: its variables as scenes variables, each panel a VizPanel over a SceneDataTransformer over a
 * SceneQueryRunner on the grid, rows as SceneGridRows, the time range and refresh picker of the dashboard. Grafana's
 * DashboardScene and DashboardGridItem are not published: EmbeddedScene and SceneGridItem stand in for them.
 */
import { CoreApp, type DataQueryRequest } from '@grafana/data';
import {
  ConstantVariable,
  CustomVariable,
  DataSourceVariable,
  EmbeddedScene,
  QueryVariable,
  SceneControlsSpacer,
  SceneDataTransformer,
  SceneGridItem,
  SceneGridLayout,
  SceneGridRow,
  SceneQueryRunner,
  SceneRefreshPicker,
  SceneTimePicker,
  SceneTimeRange,
  SceneVariableSet,
  TextBoxVariable,
  VariableValueSelectors,
  VizPanel,
  type SceneGridItemLike,
  type SceneObject,
  type SceneVariable,
} from '@grafana/scenes';
import type { DashboardJson, PanelJson, VariableJson, VariablesJson } from '../support/hostApi';

/** What Grafana's DashboardScene.enrichDataRequest adds to every panel's request: the app, dashboard and panel. */
export class DashboardHostScene extends EmbeddedScene {
  dashboardUID?: string;

  enrichDataRequest(source: SceneObject): Partial<DataQueryRequest> {
    let panel = source.parent;
    while (panel && !(panel instanceof VizPanel)) {
      panel = panel.parent;
    }
    return {
      app: CoreApp.Dashboard,
      dashboardUID: this.dashboardUID,
      panelId: panel instanceof VizPanel ? panel.getLegacyPanelId() : undefined,
      panelName: panel?.state.title,
      panelPluginId: panel instanceof VizPanel ? panel.state.pluginId : undefined,
    };
  }
}

/** createSceneVariableFromVariableModel for the variable types the dashboards may use; `given` wins, as var-x=. */
function sceneVariable(v: VariableJson, given: VariablesJson[string] | undefined): SceneVariable {
  const common = { name: v.name, label: v.label, description: v.description, hide: v.hide };
  const value = (given ?? v.current?.value ?? '') as string | string[];
  const text = (given ?? v.current?.text ?? '') as string | string[];
  const lists = {
    isMulti: v.multi,
    includeAll: v.includeAll,
    defaultToAll: Boolean(v.includeAll),
    allValue: v.allValue || undefined,
  };
  switch (v.type) {
    case 'query':
      return new QueryVariable({
        ...common,
        ...lists,
        value,
        text,
        query: v.query as never,
        datasource: v.datasource ?? undefined,
        sort: v.sort,
        refresh: v.refresh,
        regex: v.regex,
      });
    case 'custom':
      return new CustomVariable({ ...common, ...lists, value, text, query: String(v.query ?? '') });
    case 'datasource':
      return new DataSourceVariable({ ...common, ...lists, value, text, pluginId: String(v.query), regex: v.regex });
    case 'constant':
      return new ConstantVariable({ ...common, value: String(v.query ?? '') });
    case 'textbox':
      return new TextBoxVariable({ ...common, value: String(given ?? v.current?.value ?? v.query ?? '') });
    default:
      throw new Error(`variable ${v.name}: type "${v.type}" is not built by the host page (dashboardScene.ts)`);
  }
}

/** buildGridItemForPanel: the panel's VizPanel, its queries through createPanelDataProvider's runner. */
function gridItem(panel: PanelJson): SceneGridItem {
  const { x, y, w, h } = { x: 0, y: 0, w: 12, h: 8, ...panel.gridPos };
  return new SceneGridItem({ key: `grid-item-${panel.id}`, x, y, width: w, height: h, body: vizPanel(panel) });
}

export function vizPanel(panel: PanelJson): VizPanel {
  const runner = panel.targets?.length
    ? new SceneDataTransformer({
        transformations: (panel.transformations ?? []) as never,
        $data: new SceneQueryRunner({
          datasource: panel.datasource ?? panel.targets.find((t) => t.datasource)?.datasource ?? undefined,
          queries: panel.targets as never,
          maxDataPoints: panel.maxDataPoints,
          maxDataPointsFromWidth: true,
          minInterval: panel.interval,
        }),
      })
    : undefined;
  return new VizPanel({
    key: `panel-${panel.id}`,
    title: panel.title,
    description: panel.description,
    pluginId: panel.type,
    options: panel.options ?? {},
    fieldConfig: { defaults: {}, overrides: [], ...panel.fieldConfig } as never,
    pluginVersion: panel.pluginVersion,
    displayMode: panel.transparent ? 'transparent' : undefined,
    hoverHeader: !panel.title,
    $data: runner,
  });
}

/** createSceneObjectsForPanels: a row takes the panels after it up to the next row; a collapsed row holds its own. */
function gridChildren(panels: PanelJson[]): SceneGridItemLike[] {
  const out: SceneGridItemLike[] = [];
  let row: { panel: PanelJson; children: SceneGridItemLike[] } | undefined;
  const closeRow = () => {
    if (row) {
      const { panel, children } = row;
      out.push(
        new SceneGridRow({
          key: `panel-${panel.id}`,
          title: panel.title,
          y: panel.gridPos?.y ?? 0,
          isCollapsed: Boolean(panel.collapsed),
          children: panel.collapsed ? (panel.panels ?? []).map(gridItem) : children,
        })
      );
    }
    row = undefined;
  };
  for (const panel of panels) {
    if (panel.type === 'row') {
      closeRow();
      row = { panel, children: [] };
      if (panel.collapsed) {
        closeRow();
      }
    } else {
      (row?.children ?? out).push(gridItem(panel));
    }
  }
  closeRow();
  return out;
}

export function dashboardScene(
  dashboard: DashboardJson,
  options: { from?: string; to?: string; variables?: VariablesJson; refresh?: string }
): DashboardHostScene {
  const given = options.variables ?? {};
  const scene = new DashboardHostScene({
    $timeRange: new SceneTimeRange({
      from: options.from ?? dashboard.time?.from ?? 'now-6h',
      to: options.to ?? dashboard.time?.to ?? 'now',
      timeZone: 'utc',
    }),
    $variables: new SceneVariableSet({
      variables: (dashboard.templating?.list ?? []).map((v) => sceneVariable(v, given[v.name])),
    }),
    controls: [
      new VariableValueSelectors({}),
      new SceneControlsSpacer(),
      new SceneTimePicker({}),
      new SceneRefreshPicker({ refresh: options.refresh ?? dashboard.refresh ?? '', withText: true }),
    ],
    // Not lazy: every panel runs its queries, as Grafana does for a preloaded dashboard or the image renderer.
    body: new SceneGridLayout({
      isLazy: false,
      isDraggable: false,
      isResizable: false,
      children: gridChildren(dashboard.panels ?? []),
    }),
  });
  scene.dashboardUID = dashboard.uid;
  return scene;
}
