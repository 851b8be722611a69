import {
  ThresholdsMode,
  type DataSourceRef,
  type FieldColor,
  type FieldConfigSource,
  type GridPos,
  type Panel,
  type RowPanel,
  type Threshold,
} from '@grafana/schema';
import { findMetric } from '../../src/connect/cloudwatchCatalog';
import type { Channel } from '../../src/connect/channels';
import type { RealtimeMetricName } from '../../src/connect/realtimeMetrics';
import type { HistoricalDimension, HistoricalInterval } from '../../src/connect/historicalMetrics';
import type { Grouping } from '../../src/connect/realtimeRules';
import { DEFAULT_OPTIONS as QUEUEWALL_DEFAULTS, type QueueWallOptions } from '../../src/panels/queuewall/options';
import { WALL_PALETTE } from '../../src/panels/shared/colour/palette';
import type { Goals } from '../../src/datasource/goals';

/**
 * Building blocks of the provisioned dashboards: targets in the datasource's query shape (src/connect/query.ts),
 * panels typed by @grafana/schema, and a grid that places them. Units, descriptions and statistics come from the
 * domain module, so a dashboard cannot disagree with the catalogue.
 */

export const DATASOURCE_TYPE = 'switchboard-connect-datasource';
/** Every target and panel refers to the datasource through the dashboard's `datasource` variable, never a fixed uid. */
export const DS: DataSourceRef = { type: DATASOURCE_TYPE, uid: '${datasource}' };

export type Target = Record<string, unknown> & {
  refId: string;
  queryType: 'realtime' | 'cloudwatch' | 'quota' | 'historical';
};

export interface HistoricalTarget {
  refId?: string;
  queues?: string;
  channels?: string;
  groupings: HistoricalDimension[];
  metrics: Array<{ name: string; threshold?: { comparison: 'LT' | 'LTE'; seconds: number } }>;
  interval?: HistoricalInterval | 'auto';
  format?: 'table' | 'timeseries';
  /** The same range this many days earlier, drawn over the panel's (7: the same weekday last week). */
  offsetDays?: number;
  /** Warn and alert levels per metric, as field thresholds (src/datasource/goals.ts); variables welcome. */
  goals?: Goals;
}

/**
 * A historical query (GetMetricDataV2) on the dashboard's region and instance. No time zone: the datasource sends the
 * dashboard's, so "today" is the viewer's day.
 */
export function historical(t: HistoricalTarget): Target {
  return {
    refId: t.refId ?? 'A',
    datasource: DS,
    queryType: 'historical',
    region: '$region',
    instanceId: '$instance',
    filters: {
      ...(t.queues ? { queues: [t.queues] } : {}),
      ...(t.channels ? { channels: [t.channels] } : {}),
    },
    groupings: t.groupings,
    metrics: t.metrics,
    interval: t.interval ?? 'auto',
    format: t.format ?? 'table',
    ...(t.offsetDays ? { offsetDays: t.offsetDays } : {}),
    ...(t.goals ? { goals: t.goals } : {}),
  };
}

export interface RealtimeTarget {
  refId?: string;
  queues?: string;
  routingProfiles?: string;
  channels?: string | Channel[];
  groupings: Grouping[];
  metrics: RealtimeMetricName[];
  sort?: { metric: RealtimeMetricName; order: 'ASCENDING' | 'DESCENDING' };
  format?: 'table' | 'timeseries';
}

/** A real-time query on the dashboard's region and instance; list fields take variables ("$queue" → its values). */
export function realtime(t: RealtimeTarget): Target {
  return {
    refId: t.refId ?? 'A',
    datasource: DS,
    queryType: 'realtime',
    region: '$region',
    instanceId: '$instance',
    filters: {
      ...(t.queues ? { queues: [t.queues] } : {}),
      ...(t.routingProfiles ? { routingProfiles: [t.routingProfiles] } : {}),
      ...(t.channels ? { channels: typeof t.channels === 'string' ? [t.channels] : t.channels } : {}),
    },
    groupings: t.groupings,
    metrics: t.metrics,
    ...(t.sort ? { sort: t.sort } : {}),
    format: t.format ?? 'table',
  };
}

export interface CloudWatchTarget {
  refId: string;
  namespace: string;
  metricName: string;
  dimensions: Record<string, string[]>;
  /** Default: the catalogue's statistic for the metric. */
  statistic?: string;
  label?: string;
  id?: string;
  hide?: boolean;
  /** Default `auto`: the proxy picks it from the range, never finer than AWS publishes the metric. */
  period?: number;
}

/** A CloudWatch query of a catalogued metric (a typo in a metric name fails here, when the dashboards are built). */
export function cloudwatch(t: CloudWatchTarget): Target {
  const info = findMetric(t.namespace, t.metricName);
  if (!info) {
    throw new Error(`${t.namespace} ${t.metricName}: not in the metric catalogue (src/connect/cloudwatchCatalog.ts)`);
  }
  return {
    refId: t.refId,
    datasource: DS,
    queryType: 'cloudwatch',
    region: '$region',
    id: t.id ?? t.refId.toLowerCase(),
    namespace: t.namespace,
    metricName: t.metricName,
    dimensions: t.dimensions,
    statistic: t.statistic ?? info.statistic,
    period: t.period ?? 'auto',
    label: t.label ?? '${METRIC}',
    ...(t.hide ? { hide: true } : {}),
  };
}

/** A CloudWatch metric math expression over the ids of other targets of the panel. */
export function expression(refId: string, expr: string, label: string): Target {
  return {
    refId,
    datasource: DS,
    queryType: 'cloudwatch',
    region: '$region',
    id: refId.toLowerCase(),
    expression: expr,
    label,
  };
}

/** A quota query; channels null: every channel with data. */
export function quota(refId: string, format: 'table' | 'timeseries', channels: string | null = '$channel'): Target {
  return {
    refId,
    datasource: DS,
    queryType: 'quota',
    region: '$region',
    instanceId: '$instance',
    channels: channels ? [channels] : [],
    format,
  };
}

/** The Grafana unit of a catalogued metric. */
export function unitOf(namespace: string, metricName: string): string {
  const info = findMetric(namespace, metricName);
  if (!info) {
    throw new Error(`${namespace} ${metricName}: not in the metric catalogue`);
  }
  return info.grafanaUnit;
}

// ---------------------------------------------------------------------------------------------------------------
// Thresholds and field config

/**
 * What an event counter shows when CloudWatch has no data point: AWS publishes counters such as ThrottledCalls only
 * when the event happens, so "no data" there means none happened, not that something is broken.
 */
export const NONE = 'None in this range';

/**
 * The wall palette (src/panels/shared/colour/palette.ts, dark theme): stats, gauges and tables colour a value as the
 * wallboard and the call path do, so a value has one colour wherever a dashboard shows it.
 */
export const COLORS = {
  ok: WALL_PALETTE.dark.ok,
  warn: WALL_PALETTE.dark.warn,
  alert: WALL_PALETTE.dark.alert,
  info: 'blue',
  neutral: 'text',
} as const;

/** Absolute thresholds: a base colour, then [value, colour] steps upward. */
export function thresholds(base: string, ...steps: Array<[number, string]>) {
  const list: Threshold[] = [
    { value: null as unknown as number, color: base },
    ...steps.map(([value, color]) => ({ value, color })),
  ];
  return { mode: ThresholdsMode.Absolute, steps: list };
}
/** More is worse: green, orange from `warn`, red from `alert`. */
export const highIsBad = (warn: number, alert: number) =>
  thresholds(COLORS.ok, [warn, COLORS.warn], [alert, COLORS.alert]);
/** Less is worse: red below `alert`, orange below `warn`, green from `warn`. */
export const lowIsBad = (alert: number, warn: number) =>
  thresholds(COLORS.alert, [alert, COLORS.warn], [warn, COLORS.ok]);

export interface FieldOptions {
  unit: string;
  decimals?: number;
  min?: number;
  max?: number;
  thresholds?: ReturnType<typeof thresholds>;
  displayName?: string;
  /** Per-field overrides by field name, or every field of a query (refId): unit, decimals, thresholds, hidden. */
  overrides?: Array<
    { name: string; properties: Record<string, unknown> } | { refId: string; properties: Record<string, unknown> }
  >;
  noValue?: string;
  custom?: Record<string, unknown>;
  color?: { mode: string; fixedColor?: string };
}

export function fieldConfig(o: FieldOptions): FieldConfigSource {
  return {
    defaults: {
      unit: o.unit,
      ...(o.decimals !== undefined ? { decimals: o.decimals } : {}),
      ...(o.min !== undefined ? { min: o.min } : {}),
      ...(o.max !== undefined ? { max: o.max } : {}),
      ...(o.displayName ? { displayName: o.displayName } : {}),
      ...(o.noValue ? { noValue: o.noValue } : {}),
      thresholds: o.thresholds ?? thresholds(COLORS.ok),
      color: (o.color ?? { mode: o.thresholds ? 'thresholds' : 'palette-classic' }) as FieldColor,
      ...(o.custom ? { custom: o.custom } : {}),
    },
    overrides: (o.overrides ?? []).map(({ properties, ...match }) => ({
      matcher: 'refId' in match ? { id: 'byFrameRefID', options: match.refId } : { id: 'byName', options: match.name },
      // Thresholds colour a field only in the thresholds colour mode: an override that sets them sets that too.
      properties: Object.entries(
        'thresholds' in properties && !('color' in properties)
          ? { ...properties, color: { mode: 'thresholds' } }
          : properties
      ).map(([id, value]) => ({ id, value })),
    })),
  };
}

/**
 * Keeps only the named fields. Stat, gauge and bar-gauge panels showing one column of a table per row (quota used per
 * channel) need it: their `fields` regex matches display names, which a row-wise display name replaces.
 */
export const onlyFields = (...names: string[]) => [{ id: 'filterFieldsByName', options: { include: { names } } }];

/** An override property set that hides a column or series (ids stay available to links and transformations). */
export const hidden = { 'custom.hidden': true, 'custom.hideFrom': { legend: true, tooltip: true, viz: true } };

// ---------------------------------------------------------------------------------------------------------------
// Panels

export interface PanelSpec {
  title: string;
  description: string;
  targets: Target[];
  w: number;
  h: number;
  fieldConfig: FieldConfigSource;
  options?: Record<string, unknown>;
  links?: Array<{ title: string; url: string }>;
  transformations?: Panel['transformations'];
  maxDataPoints?: number;
  /** Grafana's relative time of the panel, e.g. `now/d`: today so far, whatever the dashboard's range. */
  timeFrom?: string;
}

function panel(type: string, p: PanelSpec): Panel & { w: number; h: number } {
  return {
    type,
    title: p.title,
    description: p.description,
    datasource: DS,
    targets: p.targets,
    fieldConfig: p.fieldConfig,
    options: p.options ?? {},
    ...(p.links ? { links: p.links.map((l) => ({ ...l, targetBlank: false })) as unknown as Panel['links'] } : {}),
    ...(p.transformations ? { transformations: p.transformations } : {}),
    ...(p.maxDataPoints ? { maxDataPoints: p.maxDataPoints } : {}),
    ...(p.timeFrom ? { timeFrom: p.timeFrom } : {}),
    w: p.w,
    h: p.h,
  };
}

const reduce = (calcs: string[], fields = '', values = false) => ({ calcs, fields, values });
const legend = { displayMode: 'table', placement: 'right', showLegend: true, calcs: ['lastNotNull', 'max'] };

export const stat = (p: PanelSpec, calcs = ['lastNotNull'], values = false, fields = '') =>
  panel('stat', {
    ...p,
    options: {
      reduceOptions: reduce(calcs, fields, values),
      colorMode: 'background',
      graphMode: 'none',
      justifyMode: 'center',
      textMode: 'value_and_name',
      orientation: 'auto',
      wideLayout: true,
      showPercentChange: false,
      ...p.options,
    },
  });

export const gauge = (p: PanelSpec, calcs = ['lastNotNull'], values = false, fields = '') =>
  panel('gauge', {
    ...p,
    options: {
      reduceOptions: reduce(calcs, fields, values),
      showThresholdMarkers: true,
      showThresholdLabels: false,
      orientation: 'auto',
      ...p.options,
    },
  });

export const bargauge = (p: PanelSpec, calcs = ['lastNotNull'], values = false, fields = '') =>
  panel('bargauge', {
    ...p,
    options: {
      reduceOptions: reduce(calcs, fields, values),
      orientation: 'horizontal',
      displayMode: 'gradient',
      showUnfilled: true,
      valueMode: 'color',
      namePlacement: 'left',
      ...p.options,
    },
  });

export const table = (p: PanelSpec) =>
  panel('table', {
    ...p,
    options: {
      showHeader: true,
      cellHeight: 'sm',
      footer: { show: false, reducer: ['sum'], countRows: false },
      ...p.options,
    },
  });

export const timeseries = (p: PanelSpec, style: 'lines' | 'bars' = 'lines') =>
  panel('timeseries', {
    ...p,
    fieldConfig: {
      ...p.fieldConfig,
      defaults: {
        ...p.fieldConfig.defaults,
        custom: {
          drawStyle: style === 'bars' ? 'bars' : 'line',
          lineWidth: 1,
          fillOpacity: style === 'bars' ? 80 : 10,
          showPoints: 'never',
          spanNulls: false,
          stacking: { mode: style === 'bars' ? 'normal' : 'none', group: 'A' },
          thresholdsStyle: { mode: (p.fieldConfig.defaults?.thresholds?.steps?.length ?? 0) > 1 ? 'line+area' : 'off' },
          ...p.fieldConfig.defaults?.custom,
        },
      },
    },
    options: { legend, tooltip: { mode: 'multi', sort: 'desc' }, ...p.options },
  });

export const plugin = (type: string, p: PanelSpec) => panel(type, p);

/**
 * The queue wallboard (src/panels/queuewall) of the Queues and NOC wall dashboards: one real-time query per queue of
 * `$queue` and `$channel` with the metrics the tiles judge (queueRules.ts) plus agents online (it tells closed
 * queues apart); each dashboard chooses its size, tiles and viewing distance.
 */
export const queueWallPanel = (
  p: Pick<PanelSpec, 'title' | 'description' | 'w' | 'h'> & { options: Partial<QueueWallOptions> }
) =>
  plugin('switchboard-queuewall-panel', {
    ...p,
    targets: [
      realtime({
        queues: '$queue',
        channels: '$channel',
        groupings: ['QUEUE'],
        metrics: ['CONTACTS_IN_QUEUE', 'OLDEST_CONTACT_AGE', 'AGENTS_AVAILABLE', 'AGENTS_ONLINE'],
      }),
    ],
    fieldConfig: fieldConfig({ unit: 'short' }),
    options: { ...QUEUEWALL_DEFAULTS, ...p.options } satisfies QueueWallOptions,
  });

export function row(title: string): RowPanel & { w: number; h: number } {
  return { type: 'row', title, collapsed: false, panels: [], id: 0, gridPos: { x: 0, y: 0, w: 24, h: 1 }, w: 24, h: 1 };
}

/** Places panels left to right on Grafana's 24-column grid, wrapping rows; numbers them. */
export function layout(items: Array<(Panel | RowPanel) & { w: number; h: number }>): Array<Panel | RowPanel> {
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  return items.map(({ w, h, ...p }, i) => {
    if (x + w > 24 || p.type === 'row') {
      y += rowHeight;
      x = 0;
      rowHeight = 0;
    }
    const gridPos: GridPos = { x, y, w, h };
    x += w;
    rowHeight = Math.max(rowHeight, h);
    if (p.type === 'row') {
      y += h;
      x = 0;
      rowHeight = 0;
    }
    return { ...p, id: i + 1, gridPos } as Panel | RowPanel;
  });
}
