import type { MetricResultV2 } from '@aws-sdk/client-connect';
import { findHistoricalMetric, HISTORICAL_DIMENSION_LABELS, HISTORICAL_UNIT_TO_GRAFANA } from '../../../src/connect';
import type { HistoricalQuery, Notice } from '../../../src/connect/proxyApi';
import { frame, type Column, type DataFrameJSON, type FieldSchema } from '../../frames';

/**
 * GetMetricDataV2's results as Grafana data frames (issue 17): a table (a row per dimension key and interval, a
 * column per metric) or time series (a frame per dimension key, a field per metric). Each metric field carries its
 * unit (percentages 0–100, seconds, counts; fact: gmdv2-metric-groupings) and a display name that says its threshold;
 * a null value stays null (Connect: "The calculation cannot be performed due to divide by zero or insufficient data").
 */

type Metric = HistoricalQuery['metrics'][number];

/** "SERVICE_LEVEL < 20 s": the metric and its threshold, the key of its values in a result. */
export function metricKey(m: { name?: string; threshold?: { comparison?: string; seconds?: number } }): string {
  const t = m.threshold;
  return t ? `${m.name} ${t.comparison === 'LTE' ? '<=' : '<'} ${t.seconds} s` : (m.name ?? '');
}

/** The same key read back from a result's Collection (Connect echoes the metric with its threshold). */
const collectionKey = (metric: {
  Name?: string;
  Threshold?: Array<{ Comparison?: string; ThresholdValue?: number }>;
}) =>
  metricKey({
    name: metric.Name,
    threshold: metric.Threshold?.[0]
      ? { comparison: metric.Threshold[0].Comparison, seconds: metric.Threshold[0].ThresholdValue }
      : undefined,
  });

/** ", 7 days earlier": what a comparison query's fields add to their names. */
export const offsetSuffix = (days: number | undefined) =>
  days ? `, ${days} ${days === 1 ? 'day' : 'days'} earlier` : '';

function metricField(m: Metric, offsetDays?: number): FieldSchema {
  const info = findHistoricalMetric(m.name)!;
  const words = m.name.toLowerCase().replace(/_/g, ' ').replace(/^avg /, 'average ').replace(/^max /, 'longest ');
  const label = words[0].toUpperCase() + words.slice(1);
  const threshold = m.threshold ? ` (${m.threshold.comparison === 'LTE' ? '≤' : '<'} ${m.threshold.seconds} s)` : '';
  return {
    name: metricKey(m),
    type: 'number',
    config: {
      displayName: `${label}${threshold}${offsetSuffix(offsetDays)}`,
      unit: HISTORICAL_UNIT_TO_GRAFANA[info.unit],
      ...(info.unit === 'COUNT' ? { decimals: 0 } : { decimals: 1 }),
      ...(info.unit === 'PERCENT' ? { min: 0, max: 100 } : {}),
    },
  };
}

/** One row of the results: its dimension values (named), its interval start, and each metric's value. */
interface Row {
  dims: string[];
  timeMs: number | null;
  values: Map<string, number | null>;
}

function rowsOf(
  q: HistoricalQuery,
  results: MetricResultV2[],
  nameOf: (d: string, id: string) => string,
  shiftMs: number
): Row[] {
  return results.map((r) => ({
    dims: q.groupings.map((g) => {
      const id = r.Dimensions?.[g] ?? '';
      return nameOf(g, id);
    }),
    timeMs: r.MetricInterval?.StartTime ? new Date(r.MetricInterval.StartTime).getTime() + shiftMs : null,
    values: new Map(
      (r.Collections ?? []).map((c) => [
        collectionKey(c.Metric ?? {}),
        c.Value === undefined ? null : (c.Value ?? null),
      ])
    ),
  }));
}

/**
 * The frames of one query. `nameOf` turns a dimension's id into its name (queues, routing profiles and agents by
 * the instance's lists; the id itself when unknown). `shiftMs` moves the times of a comparison query (offsetDays)
 * forward onto the panel's range.
 */
export function historicalFrames(
  q: HistoricalQuery,
  results: MetricResultV2[],
  nameOf: (dimension: string, id: string) => string,
  notices: Notice[] = [],
  shiftMs = 0
): DataFrameJSON[] {
  const rows = rowsOf(q, results, nameOf, shiftMs).sort(
    (a, b) => a.dims.join('\u0000').localeCompare(b.dims.join('\u0000')) || (a.timeMs ?? 0) - (b.timeMs ?? 0)
  );
  const meta = notices.length > 0 ? { notices } : undefined;
  const metricColumns = (of: Row[]): Column[] =>
    q.metrics.map((m) => ({
      field: metricField(m, q.offsetDays),
      values: of.map((r) => r.values.get(metricKey(m)) ?? null),
    }));

  if ((q.format ?? 'table') === 'table') {
    const withTime = rows.some((r) => r.timeMs !== null);
    const columns: Column[] = [
      ...(withTime ? [{ field: { name: 'Time', type: 'time' as const }, values: rows.map((r) => r.timeMs) }] : []),
      ...q.groupings.map((g, i) => ({
        field: { name: HISTORICAL_DIMENSION_LABELS[g], type: 'string' as const },
        values: rows.map((r) => r.dims[i]),
      })),
      ...metricColumns(rows),
    ];
    return [frame(q.refId, undefined, columns, meta)];
  }

  // time series: a frame per dimension key, its labels naming the key
  const byKey = new Map<string, Row[]>();
  for (const r of rows) {
    const key = r.dims.join('\u0000');
    byKey.set(key, [...(byKey.get(key) ?? []), r]);
  }
  const frames: DataFrameJSON[] = [];
  for (const [, of] of byKey) {
    const labels = Object.fromEntries(q.groupings.map((g, i) => [HISTORICAL_DIMENSION_LABELS[g], of[0].dims[i]]));
    const columns: Column[] = [
      { field: { name: 'Time', type: 'time' }, values: of.map((r) => r.timeMs) },
      ...metricColumns(of).map((c) => ({ ...c, field: { ...c.field, labels } })),
    ];
    frames.push(frame(q.refId, of[0].dims.join(' · ') || undefined, columns, frames.length === 0 ? meta : undefined));
  }
  return frames.length > 0 ? frames : [frame(q.refId, undefined, [], meta)];
}
