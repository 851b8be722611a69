/**
 * A dashboard JSON as a scene, built as Grafana 12+ builds it (public/app/features/dashboard-scene/serialization/
 * transformSaveModelToScene.ts, utils/variables.ts, utils/createPanelDataProvider.ts), from @grafana/scenes' own
 * objects: its variables as scenes variables, each panel a VizPanel over a SceneDataTransformer over a
 * SceneQueryRunner on the grid, rows as SceneGridRows, the time range and refresh picker of the dashboard. Grafana's
 * DashboardScene and DashboardGridItem are not published: EmbeddedScene and SceneGridItem stand in for them.
 */
import {
  CoreApp,
  LoadingState,
  type DataQuery,
  type DataQueryRequest,
  type DataSourceApi,
  type PanelData,
} from '@grafana/data';
import {
  ConstantVariable,
  CustomVariable,
  DataSourceVariable,
  EmbeddedScene,
  SceneFlexLayout,
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
import { PanelTimeRange } from './panelTimeRange';

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
  const current = { value, text: (given ?? v.current?.text ?? '') as string | string[] };
  const lists = {
    ...common,
    ...current,
    isMulti: v.multi,
    includeAll: v.includeAll,
    allValue: v.allValue || undefined,
  };
  const options = { ...lists, defaultToAll: Boolean(v.includeAll), regex: v.regex };
  switch (v.type) {
    case 'query':
      const { sort, refresh } = v;
      return new QueryVariable({
        ...options,
        query: v.query as never,
        datasource: v.datasource ?? null,
        sort,
        refresh,
      });
    case 'custom':
      return new CustomVariable({ ...options, query: String(v.query ?? '') });
    case 'datasource':
      return new DataSourceVariable({ ...options, pluginId: String(v.query) });
    case 'constant':
      return new ConstantVariable({ ...common, value: String(v.query ?? '') });
    case 'textbox':
      return new TextBoxVariable({ ...common, value: String(given ?? v.current?.value ?? v.query ?? '') });
  }
  throw new Error(`variable ${v.name}: type "${v.type}" is not built by the host page (dashboardScene.ts)`);
}

/** buildGridItemForPanel: the panel's VizPanel, its queries through createPanelDataProvider's runner. */
function gridItem(panel: PanelJson): SceneGridItem {
  const { x, y, w, h } = { x: 0, y: 0, w: 12, h: 8, ...panel.gridPos };
  return new SceneGridItem({ key: `grid-item-${panel.id}`, x, y, width: w, height: h, body: vizPanel(panel) });
}

export function vizPanel(panel: PanelJson): VizPanel {
  const { targets, maxDataPoints, interval: minInterval, transformations = [], title, description, type } = panel;
  const datasource = panel.datasource ?? targets?.find((t) => t.datasource)?.datasource ?? undefined;
  const queries = targets as never;
  const $data = targets?.length
    ? new SceneDataTransformer({
        transformations: transformations as never,
        $data: new SceneQueryRunner({ datasource, queries, maxDataPoints, maxDataPointsFromWidth: true, minInterval }),
      })
    : undefined;
  const { timeFrom, timeShift, hideTimeOverride } = panel;
  return new VizPanel({
    ...{ key: `panel-${panel.id}`, title, description, pluginId: type, options: panel.options ?? {}, $data },
    // buildGridItemForPanel: a panel with its own relative time or shift gets a PanelTimeRange
    ...(timeFrom || timeShift ? { $timeRange: new PanelTimeRange({ timeFrom, timeShift, hideTimeOverride }) } : {}),
    fieldConfig: { defaults: {}, overrides: [], ...panel.fieldConfig } as never,
    pluginVersion: panel.pluginVersion,
    displayMode: panel.transparent ? 'transparent' : undefined,
    hoverHeader: !title,
  });
}

/**
 * createSceneObjectsForPanels: an open row takes the panels after it up to the next row; a collapsed row holds its
 * own, and the panels after it stay at the top level.
 */
function gridChildren(panels: PanelJson[]): SceneGridItemLike[] {
  const groups: Array<{ row?: PanelJson; panels: PanelJson[] }> = [{ panels: [] }];
  for (const panel of panels) {
    const last = groups[groups.length - 1];
    if (panel.type === 'row') {
      groups.push({ row: panel, panels: panel.collapsed ? (panel.panels ?? []) : [] });
    } else {
      (last.row?.collapsed ? groups[0] : last).panels.push(panel);
    }
  }
  return groups.flatMap<SceneGridItemLike>(({ row, panels: children }) =>
    row
      ? [
          new SceneGridRow({
            ...{
              key: `panel-${row.id}`,
              title: row.title,
              y: row.gridPos?.y ?? 0,
              isCollapsed: Boolean(row.collapsed),
            },
            children: children.map(gridItem),
          }),
        ]
      : children.map(gridItem)
  );
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

/** Variables of a dashboard made of values only: custom variables (a list: multi-value), as var-x= would set them. */
export function givenVariables(variables: VariablesJson = {}): SceneVariableSet {
  return new SceneVariableSet({
    variables: Object.entries(variables).map(([name, value]) => {
      const values = Array.isArray(value) ? value : [value];
      return new CustomVariable({ name, query: values.join(','), value, text: value, isMulti: Array.isArray(value) });
    }),
  });
}

/** Queries run once as a panel of a dashboard runs them (a SceneQueryRunner on the time range), e.g. Run query. */
export function runQueries(
  queries: DataQuery[],
  ds: DataSourceApi,
  range: { from: string; to: string },
  options: { maxDataPoints?: number; variables?: VariablesJson } = {}
): Promise<PanelData> {
  const runner = new SceneQueryRunner({ datasource: ds.getRef(), queries, maxDataPoints: options.maxDataPoints });
  const scene = new DashboardHostScene({
    $timeRange: new SceneTimeRange({ ...range, timeZone: 'utc' }),
    $variables: givenVariables(options.variables),
    $data: runner,
    body: new SceneFlexLayout({ children: [] }),
  });
  return new Promise((resolve) => {
    const deactivate = scene.activate();
    const sub = runner.subscribeToState(({ data }) => {
      if (data && data.state !== LoadingState.Loading && data.state !== LoadingState.NotStarted) {
        sub.unsubscribe();
        deactivate();
        resolve(data);
      }
    });
  });
}
