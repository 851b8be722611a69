import { FieldType, type DataFrame, type Field } from '@grafana/data';
import { VOICE_CONNECTOR_ID_DIMENSION } from '../../connect/voiceConnector';
import { metricOfName, SIDE_METRICS, SIDES } from './metrics';
import { durationInMs } from './quality';

/**
 * The proxy's CloudWatch frames (docs/api.md, `cloudwatch`) sorted by Voice Connector and metric. Each frame is one
 * series: a Time field and a Value field whose labels are the dimensions (VoiceConnectorId, and Region for the
 * per-region dimension set) and whose displayNameFromDS is the query's label (`${METRIC}` gives the metric name).
 * Wide frames (a transformation joined several series) are read field by field the same way. Each series' period
 * (seconds) comes with it: the loss estimate needs it to know how many packets a call sends in one point.
 */

export interface Point {
  /** Epoch milliseconds. */
  time: number;
  value: number;
}

export interface ConnectorSeries {
  /** VoiceConnectorId, with the Region when the series has one ("abc/us-east-1"). */
  key: string;
  id: string;
  region?: string;
  /**
   * Points by metric name, sorted by time, only those with a value. Jitter and RTT are in milliseconds whatever
   * unit the frame had; counts and MOS as CloudWatch sent them.
   */
  metrics: Record<string, Point[]>;
  /**
   * The CloudWatch period of each metric's points in seconds: the frame's `meta.custom.period` (the proxy sets it),
   * else the Time field's `config.custom.period`, else the smallest step between its points. Absent when none says.
   */
  periods: Record<string, number>;
}

export interface ParsedFrames {
  connectors: ConnectorSeries[];
  /** Names of number series that are none of the 14 metrics (another metric, or a label without the name). */
  unrecognized: string[];
  /** Call path series without a VoiceConnectorId label. */
  withoutConnector: string[];
  /** Error notices the proxy attached to frames (e.g. a CloudWatch status other than Complete). */
  errors: string[];
}

const DURATION_METRICS = new Set(SIDES.map((s) => SIDE_METRICS[s].rtt));
const isDurationMetric = (metric: string) => DURATION_METRICS.has(metric) || metric.endsWith('Jitter');

/** The names a series goes by, most specific first: the query's label, a display name, the field, the frame. */
function namesOf(frame: DataFrame, field: Field): Array<string | undefined> {
  return [
    field.config.displayNameFromDS,
    field.config.displayName,
    field.name,
    frame.name,
    frame.meta?.executedQueryString,
  ];
}

function seriesName(frame: DataFrame, field: Field): string {
  return namesOf(frame, field).find((n) => n && n !== 'Value') ?? field.name;
}

function pointsOf(time: Field, field: Field, metric: string): Point[] {
  const points: Point[] = [];
  for (let i = 0; i < field.values.length; i++) {
    const t = time.values[i];
    const raw = field.values[i];
    if (typeof raw !== 'number' || !Number.isFinite(raw)) {
      continue;
    }
    const when = typeof t === 'number' ? t : t instanceof Date ? t.getTime() : Number(t);
    if (!Number.isFinite(when)) {
      continue;
    }
    // The catalogue gives every duration metric a time unit, so a duration is always readable.
    const value = isDurationMetric(metric) ? durationInMs(raw, field.config.unit, metric) : raw;
    if (value !== undefined) {
      points.push({ time: when, value });
    }
  }
  return points.sort((a, b) => a.time - b.time);
}

const positive = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : undefined;

/** The smallest step between consecutive points, in seconds: the period when nobody says it (a gap is longer). */
function timeStep(points: Point[]): number | undefined {
  let step: number | undefined;
  for (let i = 1; i < points.length; i++) {
    const d = points[i].time - points[i - 1].time;
    if (d > 0 && (step === undefined || d < step)) {
      step = d;
    }
  }
  return step === undefined ? undefined : step / 1000;
}

/** The period of a series in seconds, from what the proxy says or else from its points. */
function periodOf(frame: DataFrame, time: Field | undefined, points: Point[]): number | undefined {
  const custom = frame.meta?.custom as { period?: unknown } | undefined;
  const timeCustom = time?.config.custom as { period?: unknown } | undefined;
  return positive(custom?.period) ?? positive(timeCustom?.period) ?? timeStep(points);
}

/** Points of two series of the same connector and metric (two queries, or a repeated one): one per timestamp. */
function mergePoints(a: Point[], b: Point[]): Point[] {
  const byTime = new Map<number, Point>();
  for (const p of [...a, ...b]) {
    byTime.set(p.time, p);
  }
  return [...byTime.values()].sort((x, y) => x.time - y.time);
}

export function connectorsFromFrames(frames: DataFrame[]): ParsedFrames {
  const byKey = new Map<string, ConnectorSeries>();
  const unrecognized = new Set<string>();
  const withoutConnector = new Set<string>();
  const errors = new Set<string>();

  for (const frame of frames) {
    for (const notice of frame.meta?.notices ?? []) {
      if (notice.severity === 'error') {
        errors.add(notice.text);
      }
    }
    const time = frame.fields.find((f) => f.type === FieldType.time);
    for (const field of frame.fields) {
      if (field.type !== FieldType.number) {
        continue;
      }
      const metric = namesOf(frame, field).map(metricOfName).find(Boolean);
      if (!metric) {
        unrecognized.add(seriesName(frame, field));
        continue;
      }
      const id = field.labels?.[VOICE_CONNECTOR_ID_DIMENSION];
      if (!id) {
        withoutConnector.add(metric);
        continue;
      }
      const region = field.labels?.Region || undefined;
      const key = region ? `${id}/${region}` : id;
      let connector = byKey.get(key);
      if (!connector) {
        connector = { key, id, ...(region ? { region } : {}), metrics: {}, periods: {} };
        byKey.set(key, connector);
      }
      // A frame without a time field still names the connector and the metric: it shows, with no data.
      const points = time ? pointsOf(time, field, metric) : [];
      const before = connector.metrics[metric];
      connector.metrics[metric] = before ? mergePoints(before, points) : points;
      const period = periodOf(frame, time, points);
      if (period !== undefined && connector.periods[metric] === undefined) {
        connector.periods[metric] = period;
      }
    }
  }
  return {
    connectors: [...byKey.values()],
    unrecognized: [...unrecognized],
    withoutConnector: [...withoutConnector],
    errors: [...errors],
  };
}
