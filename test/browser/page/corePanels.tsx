/**
 * STAND-INS for Grafana's core visualizations, which are compiled into Grafana and not published on npm. Each is a
 * PanelPlugin that VizPanel loads like any plugin, so options and field config go through Grafana's code (defaults,
 * migrations, applyFieldOverrides) as for our panels; only the drawing is ours, with @grafana/ui's components:
 * table → Table, stat → BigValue, gauge → an SVG arc (GaugeArc), bargauge → BarGauge, timeseries → TimeSeries.
 * Their layout options beyond the common ones are ignored.
 */
import React, { useEffect } from 'react';
import {
  FieldColorModeId,
  FieldType,
  formattedValueToString,
  getDisplayValueAlignmentFactors,
  getFieldDisplayValues,
  identityOverrideProcessor,
  PanelPlugin,
  VizOrientation,
  type FieldDisplay,
  type PanelProps,
  type ReduceDataOptions,
} from '@grafana/data';
import {
  BarGauge,
  BigValue,
  Table,
  TimeSeries,
  useTheme2,
  VizRepeater,
  type BarGaugeDisplayMode,
  type BigValueColorMode,
  type BigValueGraphMode,
  type BigValueJustifyMode,
  type BigValueTextMode,
} from '@grafana/ui';
import { config } from '@grafana/runtime';
import { TableCellHeight, type VizLegendOptions } from '@grafana/schema';

/** What each stand-in decided it could show, by panel id: stat, gauge and bar gauge say "No data" themselves. */
export const vizNoData = new Map<number, boolean>();

type Options = Record<string, unknown> & { reduceOptions: ReduceDataOptions; orientation?: VizOrientation };
type Props = PanelProps<Options>;

const NoEditor = () => null;

function useFieldDisplays({ data, fieldConfig, options, replaceVariables, timeZone }: Props): FieldDisplay[] {
  const theme = useTheme2();
  return getFieldDisplayValues({
    data: data.series,
    fieldConfig,
    reduceOptions: options.reduceOptions,
    replaceVariables,
    theme,
    timeZone,
    sparkline: options.graphMode === 'area',
  });
}

/** Grafana's stat, gauge and bar gauge panels repeat one visualization per value: so does this. */
function Repeated(
  props: Props & { render: (v: FieldDisplay, w: number, h: number, all: FieldDisplay[]) => React.JSX.Element }
) {
  const values = useFieldDisplays(props);
  // getFieldDisplayValues's placeholder when no field matched: one value named "No data" from no column.
  const noData = values.length === 1 && values[0].name === 'No data' && values[0].colIndex === undefined;
  useEffect(() => void vizNoData.set(props.id, noData), [props.id, noData]);
  return (
    <VizRepeater
      source={props.data}
      getValues={() => values}
      renderValue={({ value, width, height }) => props.render(value, width, height, values)}
      renderCounter={props.renderCounter}
      width={props.width}
      height={props.height}
      orientation={props.options.orientation ?? VizOrientation.Auto}
      itemSpacing={3}
      autoGrid
      minVizWidth={75}
      minVizHeight={75}
    />
  );
}

function StatPreview(props: Props) {
  const theme = useTheme2();
  const o = props.options;
  return (
    <Repeated
      {...props}
      render={(v, width, height, all) => (
        <BigValue
          theme={theme}
          value={v.display}
          sparkline={v.sparkline}
          width={width}
          height={height}
          colorMode={o.colorMode as BigValueColorMode}
          graphMode={o.graphMode as BigValueGraphMode}
          justifyMode={o.justifyMode as BigValueJustifyMode}
          textMode={o.textMode as BigValueTextMode}
          alignmentFactors={getDisplayValueAlignmentFactors(all)}
          count={all.length}
          disableWideLayout={!o.wideLayout}
        />
      )}
    />
  );
}

/** A point of a circle, angle in degrees clockwise from 12 o'clock. */
const polar = (cx: number, cy: number, r: number, deg: number) => {
  const a = ((deg - 90) * Math.PI) / 180;
  return { x: cx + r * Math.cos(a), y: cy + r * Math.sin(a) };
};
const arc = (cx: number, cy: number, r: number, from: number, to: number) => {
  const [a, b] = [polar(cx, cy, r, from), polar(cx, cy, r, to)];
  return `M ${a.x} ${a.y} A ${r} ${r} 0 ${to - from > 180 ? 1 : 0} 1 ${b.x} ${b.y}`;
};
const SWEEP = 240;

/**
 * A gauge like Grafana's: a 240° arc filled to the value in its threshold colour, the thresholds as a thin outer
 * ring, the value in the middle. Drawn here in SVG because @grafana/ui's Gauge draws with the flot gauge plugin
 * that Grafana's own build vendors (public/vendor/flot), which no npm package provides.
 */
function GaugeArc({
  v,
  width,
  height,
  showMarkers,
  showName,
}: {
  v: FieldDisplay;
  width: number;
  height: number;
  showMarkers: boolean;
  showName: boolean;
}) {
  const theme = useTheme2();
  const titleHeight = showName ? Math.min(24, height * 0.15) : 0;
  const size = Math.max(10, Math.min(width, (height - titleHeight) * 1.15));
  const r = size * 0.38;
  const [cx, cy] = [width / 2, titleHeight + (height - titleHeight) / 2 + r * 0.12];
  const min = v.field.min ?? 0;
  const max = v.field.max ?? 100;
  const at = (value: number) => -SWEEP / 2 + SWEEP * Math.min(1, Math.max(0, (value - min) / (max - min || 1)));
  const value = v.display.numeric;
  const steps = v.field.thresholds?.steps ?? [];
  const text = formattedValueToString(v.display);
  return (
    <svg
      width={width}
      height={height}
      data-testid="host-gauge"
      role="img"
      aria-label={`${v.display.title ?? ''} ${text}`}
    >
      {showName && (
        <text
          x={width / 2}
          y={titleHeight * 0.8}
          textAnchor="middle"
          fill={theme.colors.text.primary}
          fontSize={titleHeight * 0.75}
        >
          {v.display.title}
        </text>
      )}
      <path
        d={arc(cx, cy, r, -SWEEP / 2, SWEEP / 2)}
        stroke={theme.colors.background.secondary}
        strokeWidth={r * 0.22}
        fill="none"
      />
      {Number.isFinite(value) && value > min && (
        <path d={arc(cx, cy, r, -SWEEP / 2, at(value))} stroke={v.display.color} strokeWidth={r * 0.22} fill="none" />
      )}
      {showMarkers &&
        steps.map((step, i) => {
          const from = i === 0 ? -SWEEP / 2 : at(step.value);
          const to = i + 1 < steps.length ? at(steps[i + 1].value) : SWEEP / 2;
          return to > from ? (
            <path
              key={i}
              d={arc(cx, cy, r * 1.2, from, to)}
              stroke={theme.visualization.getColorByName(step.color)}
              strokeWidth={r * 0.07}
              fill="none"
            />
          ) : null;
        })}
      <text x={cx} y={cy + r * 0.15} textAnchor="middle" fill={v.display.color} fontSize={r * 0.42} fontWeight={500}>
        {text}
      </text>
    </svg>
  );
}

function GaugePreview(props: Props) {
  return (
    <Repeated
      {...props}
      render={(v, width, height, all) => (
        <GaugeArc
          v={v}
          width={width}
          height={height}
          showMarkers={props.options.showThresholdMarkers !== false}
          showName={all.length > 1}
        />
      )}
    />
  );
}

function BarGaugePreview(props: Props) {
  const theme = useTheme2();
  const o = props.options;
  const orientation = o.orientation === VizOrientation.Vertical ? VizOrientation.Vertical : VizOrientation.Horizontal;
  return (
    <Repeated
      {...props}
      options={{ ...o, orientation }}
      render={(v, width, height, all) => (
        <BarGauge
          theme={theme}
          value={v.display}
          field={v.field}
          width={width}
          height={height}
          orientation={orientation}
          displayMode={o.displayMode as BarGaugeDisplayMode}
          showUnfilled={o.showUnfilled !== false}
          alignmentFactors={getDisplayValueAlignmentFactors(all)}
          isOverflow={false}
        />
      )}
    />
  );
}

/** Grafana's PanelDataErrorView for a table or graph without a row: the "No value" text, or "No data". */
function NoData({ fieldConfig }: Props) {
  return (
    <div data-testid="host-panel-no-data" style={{ height: '100%', display: 'grid', placeItems: 'center' }}>
      {fieldConfig.defaults.noValue || 'No data'}
    </div>
  );
}

const noRows = (data: Props['data']) => data.series.every((f) => f.length === 0);

function TablePreview(props: Props) {
  const { data, width, height, fieldConfig, replaceVariables, timeRange } = props;
  // Grafana's table shows one frame at a time (a picker for the others): the first with rows.
  const frame = data.series.find((f) => f.length > 0) ?? data.series[0];
  if (noRows(data)) {
    return <NoData {...props} />;
  }
  return frame ? (
    <Table
      data={frame}
      width={width}
      height={height}
      fieldConfig={fieldConfig}
      replaceVariables={replaceVariables}
      timeRange={timeRange}
      cellHeight={TableCellHeight.Sm}
      // Grafana 12's table (TableNG, not public) fits narrow columns; this Table's default minimum of 150 px
      // would scroll a table of 14 columns sideways.
      columnMinWidth={50}
    />
  ) : null;
}

function TimeSeriesPreview(props: Props) {
  const { data, width, height, timeRange, timeZone, options } = props;
  if (noRows(data)) {
    return <NoData {...props} />;
  }
  const graphable = data.series.some(
    (f) => f.fields.some((x) => x.type === FieldType.time) && f.fields.some((x) => x.type === FieldType.number)
  );
  if (!graphable) {
    return <div data-testid="host-panel-no-data">Data does not have a time field</div>;
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
      frames={data.series}
      width={width}
      height={height}
      timeRange={timeRange}
      timeZone={timeZone}
      legend={legend as VizLegendOptions}
      options={options}
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

const reduce = { calcs: ['lastNotNull'], fields: '', values: false };

const CORE: Record<string, CoreSpec> = {
  stat: {
    panel: StatPreview,
    options: { reduceOptions: reduce, colorMode: 'value', graphMode: 'area', justifyMode: 'auto', textMode: 'auto' },
    color: FieldColorModeId.Thresholds,
  },
  gauge: {
    panel: GaugePreview,
    options: { reduceOptions: reduce, showThresholdMarkers: true, showThresholdLabels: false },
    color: FieldColorModeId.Thresholds,
  },
  bargauge: {
    panel: BarGaugePreview,
    options: { reduceOptions: reduce, displayMode: 'gradient', showUnfilled: true },
    color: FieldColorModeId.Thresholds,
  },
  table: {
    panel: TablePreview,
    options: { showHeader: true, cellHeight: 'sm' },
    color: FieldColorModeId.Thresholds,
    custom: ['align', 'cellOptions', 'filterable', 'hidden', 'hideFrom', 'inspect', 'minWidth', 'width'],
  },
  timeseries: {
    panel: TimeSeriesPreview,
    options: { legend: { showLegend: true, displayMode: 'list', placement: 'bottom', calcs: [] } },
    color: FieldColorModeId.PaletteClassic,
    custom: [
      ...['axisLabel', 'axisPlacement', 'axisSoftMax', 'axisSoftMin', 'barAlignment', 'drawStyle', 'fillOpacity'],
      ...['gradientMode', 'hideFrom', 'insertNulls', 'lineInterpolation', 'lineStyle', 'lineWidth', 'pointSize'],
      ...['scaleDistribution', 'showPoints', 'spanNulls', 'stacking', 'thresholdsStyle', 'transform'],
    ],
  },
};

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
          builder.addCustomEditor({
            id: key,
            path: key,
            name: key,
            editor: NoEditor,
            override: NoEditor,
            process: identityOverrideProcessor,
            shouldApply: () => true,
          });
        }
      },
    });
  // Grafana's core panels carry Grafana's version (no migration for options saved by the same release).
  plugin.meta = {
    id: type,
    name: `${type} (stand-in)`,
    type: 'panel',
    module: 'core',
    baseUrl: '',
    info: { version: config.buildInfo.version },
  } as never;
  return plugin;
}
