/**
 * STAND-INS for Grafana's core visualizations, which are compiled into Grafana and not published on npm. Each is a
 * PanelPlugin that VizPanel loads like any plugin, so options and field config go through Grafana's code (defaults,
 * migrations, applyFieldOverrides) as for our panels; only the drawing is ours, with @grafana/ui's components:
 * table → Table, stat → BigValue, bargauge → BarGauge, timeseries → TimeSeries, and gauge → a vertical BarGauge
 * (@grafana/ui's Gauge draws with the flot gauge plugin that Grafana vendors and no npm package has). Their layout
 * options beyond the common ones are ignored.
 */
import React, { useEffect } from 'react';
import {
  FieldColorModeId,
  FieldType,
  getDisplayValueAlignmentFactors,
  getFieldDisplayValues,
  identityOverrideProcessor,
  PanelPlugin,
  VizOrientation,
  type FieldDisplay,
  type PanelProps,
  type ReduceDataOptions,
} from '@grafana/data';
import { config } from '@grafana/runtime';
import { TableCellHeight, type VizLegendOptions } from '@grafana/schema';
import { BarGauge, BigValue, Table, TimeSeries, useTheme2, VizRepeater, type BarGaugeDisplayMode } from '@grafana/ui';

/** What each stand-in decided it could show, by panel id: stat, gauge and bar gauge say "No data" themselves. */
export const vizNoData = new Map<number, boolean>();

type Options = Record<string, unknown> & { reduceOptions: ReduceDataOptions; orientation?: VizOrientation };
type Props = PanelProps<Options>;
type Draw = (v: FieldDisplay, width: number, height: number, all: FieldDisplay[]) => React.JSX.Element;

/** Grafana's stat, gauge and bar gauge panels repeat one visualization per value: so does this. */
function Repeated({ draw, orientation, ...props }: Props & { draw: Draw; orientation?: VizOrientation }) {
  const { data, fieldConfig, options, replaceVariables, timeZone, id } = props;
  const theme = useTheme2();
  const sparkline = options.graphMode === 'area';
  const reduceOptions = options.reduceOptions;
  const values = getFieldDisplayValues({
    ...{ data: data.series, fieldConfig, reduceOptions, replaceVariables, theme, timeZone, sparkline },
  });
  // getFieldDisplayValues's placeholder when no field matched: one value named "No data" from no column.
  const noData = values.length === 1 && values[0].name === 'No data' && values[0].colIndex === undefined;
  useEffect(() => void vizNoData.set(id, noData), [id, noData]);
  return (
    <VizRepeater
      {...{ source: data, renderCounter: props.renderCounter, width: props.width, height: props.height }}
      getValues={() => values}
      renderValue={({ value, width, height }) => draw(value, width, height, values)}
      orientation={orientation ?? options.orientation ?? VizOrientation.Auto}
      {...{ itemSpacing: 3, autoGrid: true, minVizWidth: 75, minVizHeight: 75 }}
    />
  );
}

function StatPanel(props: Props) {
  const theme = useTheme2();
  const o = props.options as unknown as Record<string, never>;
  const draw: Draw = (v, width, height, all) => (
    <BigValue
      {...{ theme, value: v.display, sparkline: v.sparkline, width, height, count: all.length }}
      {...{ colorMode: o.colorMode, graphMode: o.graphMode, justifyMode: o.justifyMode, textMode: o.textMode }}
      alignmentFactors={getDisplayValueAlignmentFactors(all)}
      disableWideLayout={!o.wideLayout}
    />
  );
  return <Repeated {...props} draw={draw} />;
}

/** A bar gauge; `gauge`: Grafana's gauge panel as a vertical bar of its value with its thresholds' colours. */
function barGaugePanel(gauge: boolean) {
  return function BarGaugePanel(props: Props) {
    const theme = useTheme2();
    const o = props.options;
    const vertical = gauge || o.orientation === VizOrientation.Vertical;
    const orientation = vertical ? VizOrientation.Vertical : VizOrientation.Horizontal;
    const displayMode = (gauge ? 'basic' : o.displayMode) as BarGaugeDisplayMode;
    const draw: Draw = (v, width, height, all) => (
      <BarGauge
        {...{ theme, value: v.display, field: v.field, width, height, orientation, displayMode, isOverflow: false }}
        showUnfilled={o.showUnfilled !== false}
        alignmentFactors={getDisplayValueAlignmentFactors(all)}
      />
    );
    return <Repeated {...props} orientation={orientation} draw={draw} />;
  };
}

/** Grafana's PanelDataErrorView for a table or graph without a row: the "No value" text, or "No data". */
function NoData({ text }: { text: string }) {
  const style = { height: '100%', display: 'grid', placeItems: 'center' };
  return (
    <div data-testid="host-panel-no-data" style={style}>
      {text}
    </div>
  );
}

const noRows = (data: Props['data']) => data.series.every((f) => f.length === 0);

function TablePanel({ data, width, height, fieldConfig, replaceVariables, timeRange }: Props) {
  if (noRows(data)) {
    return <NoData text={fieldConfig.defaults.noValue || 'No data'} />;
  }
  // Grafana's table shows one frame at a time (a picker for the others): the first with rows. Grafana 12's table
  // (TableNG, not public) fits narrow columns; this Table's default minimum of 150 px would scroll 14 columns.
  const frame = data.series.find((f) => f.length > 0)!;
  return (
    <Table
      {...{ data: frame, width, height, fieldConfig, replaceVariables, timeRange }}
      {...{ cellHeight: TableCellHeight.Sm, columnMinWidth: 50 }}
    />
  );
}

function TimeSeriesPanel({ data, width, height, timeRange, timeZone, options, fieldConfig }: Props) {
  if (noRows(data)) {
    return <NoData text={fieldConfig.defaults.noValue || 'No data'} />;
  }
  const has = (type: FieldType) => data.series.some((f) => f.fields.some((x) => x.type === type));
  if (!has(FieldType.time) || !has(FieldType.number)) {
    return <NoData text="Data does not have a time field" />;
  }
  const legend = {
    showLegend: true,
    displayMode: 'list',
    placement: 'bottom',
    calcs: [],
    ...(options.legend as object),
  };
  return (
    <TimeSeries
      {...{ frames: data.series, width, height, timeRange, timeZone, options }}
      legend={legend as VizLegendOptions}
    />
  );
}

interface CoreSpec {
  panel: React.ComponentType<Props>;
  options: Record<string, unknown>;
  color: FieldColorModeId;
  /** The `custom` field options of Grafana's panel (its FieldConfig), kept as written: the stand-in reads them. */
  custom?: string[];
}

const reduceOptions = { calcs: ['lastNotNull'], fields: '', values: false };
const { Thresholds } = FieldColorModeId;

const CORE: Record<string, CoreSpec> = {
  stat: {
    panel: StatPanel,
    options: { reduceOptions, colorMode: 'value', graphMode: 'area', justifyMode: 'auto', textMode: 'auto' },
    color: Thresholds,
  },
  gauge: { panel: barGaugePanel(true), options: { reduceOptions, showThresholdMarkers: true }, color: Thresholds },
  bargauge: {
    panel: barGaugePanel(false),
    options: { reduceOptions, displayMode: 'gradient', showUnfilled: true },
    color: Thresholds,
  },
  table: {
    panel: TablePanel,
    options: { showHeader: true, cellHeight: 'sm' },
    color: Thresholds,
    custom: ['align', 'cellOptions', 'filterable', 'hidden', 'hideFrom', 'inspect', 'minWidth', 'width'],
  },
  timeseries: {
    panel: TimeSeriesPanel,
    options: { legend: { showLegend: true, displayMode: 'list', placement: 'bottom', calcs: [] } },
    color: FieldColorModeId.PaletteClassic,
    custom: [
      ...['axisLabel', 'axisPlacement', 'axisSoftMax', 'axisSoftMin', 'barAlignment', 'drawStyle', 'fillOpacity'],
      ...['gradientMode', 'hideFrom', 'insertNulls', 'lineInterpolation', 'lineStyle', 'lineWidth', 'pointSize'],
      ...['scaleDistribution', 'showPoints', 'spanNulls', 'stacking', 'thresholdsStyle', 'transform'],
    ],
  },
};

const NoEditor = () => null;

/** The stand-in PanelPlugin of a core visualization: its option defaults, colour mode and `custom` field options. */
export function corePanelPlugin(type: string): PanelPlugin | undefined {
  const spec = CORE[type];
  if (!spec) {
    return undefined;
  }
  const plugin = new PanelPlugin<Options>(spec.panel)
    .setPanelOptions((builder) => {
      for (const [path, defaultValue] of Object.entries(spec.options)) {
        builder.addCustomEditor({ id: path, path, name: path, editor: NoEditor, defaultValue });
      }
    })
    .useFieldConfig({
      standardOptions: { color: { defaultValue: { mode: spec.color } } },
      useCustomConfig: (builder) => {
        for (const key of spec.custom ?? []) {
          const item = { id: key, path: key, name: key, editor: NoEditor, override: NoEditor };
          builder.addCustomEditor({ ...item, process: identityOverrideProcessor, shouldApply: () => true });
        }
      },
    });
  // Grafana's core panels carry Grafana's version (no migration for options saved by the same release).
  const info = { version: config.buildInfo.version };
  plugin.meta = { id: type, name: `${type} (stand-in)`, type: 'panel', module: 'core', baseUrl: '', info } as never;
  return plugin;
}
