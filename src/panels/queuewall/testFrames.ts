import { dataFrameFromJSON, FieldType, type DataFrame, type FieldSchema } from '@grafana/data';
import { REALTIME_METRICS, type RealtimeMetricName } from '../../connect/realtimeMetrics';

/**
 * Test data: real-time table frames shaped as the proxy answers them (docs/api.md, `realtime`, format table):
 * Queue, Queue ID, then a column per metric with the report name as display name, the unit and
 * meta.custom.snapshotTime; read with dataFrameFromJSON as the datasource does.
 */
export interface QueueValues {
  queue: string | null;
  id?: string;
  [metric: string]: number | string | null | undefined;
}

export function realtimeFrame(
  rows: QueueValues[],
  options: { snapshotTime?: number; refId?: string; metrics?: RealtimeMetricName[]; extraColumns?: string[] } = {}
): DataFrame {
  const metrics =
    options.metrics ??
    ([...new Set(rows.flatMap((r) => Object.keys(r)))].filter((k) => k in REALTIME_METRICS) as RealtimeMetricName[]);
  const fields: FieldSchema[] = [
    { name: 'Queue', type: FieldType.string },
    { name: 'Queue ID', type: FieldType.string },
    ...(options.extraColumns ?? []).map((name) => ({ name, type: FieldType.string })),
    ...metrics.map((m) => ({
      name: m,
      type: FieldType.number,
      config: {
        displayName: REALTIME_METRICS[m].reportName,
        unit: REALTIME_METRICS[m].unit === 'SECONDS' ? 's' : 'short',
        ...(REALTIME_METRICS[m].unit === 'COUNT' ? { decimals: 0 } : {}),
      },
    })),
  ];
  const values = [
    rows.map((r) => r.queue),
    rows.map((r) => r.id ?? null),
    ...(options.extraColumns ?? []).map((c) => rows.map((r) => r[c] ?? null)),
    ...metrics.map((m) => rows.map((r) => r[m] ?? null)),
  ];
  return dataFrameFromJSON({
    schema: {
      refId: options.refId ?? 'A',
      meta: {
        preferredVisualisationType: 'table',
        custom: options.snapshotTime !== undefined ? { snapshotTime: options.snapshotTime } : {},
      },
      fields,
    },
    data: { values },
  });
}
