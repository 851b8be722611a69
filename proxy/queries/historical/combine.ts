import type { MetricResultV2 } from '@aws-sdk/client-connect';
import { findHistoricalMetric } from '../../../src/connect';
import type { HistoricalQuery } from '../../../src/connect/proxyApi';

/**
 * The rows of a query over more queues than one call takes, made whole (plan.ts `combinesQueues`): the calls were
 * grouped by queue as well, so each row is one queue's; the rows of the same key (the query's own groupings and the
 * interval) become one, each metric by its `combine` rule (src/connect/historicalMetrics.ts, fact: gmdv2-combining):
 * counts added, MAX_QUEUED_TIME the largest, SERVICE_LEVEL and ABANDONMENT_RATE weighted by each queue's
 * CONTACTS_QUEUED (Connect's formulas divide by contacts queued). A value Connect could not compute stays out; none
 * left is null, as Connect says it.
 */

type Collection = NonNullable<MetricResultV2['Collections']>[number];

const metricId = (c: Collection) =>
  JSON.stringify([c.Metric?.Name, c.Metric?.Threshold?.[0]?.Comparison, c.Metric?.Threshold?.[0]?.ThresholdValue]);

export function combineQueueRows(q: HistoricalQuery, results: MetricResultV2[]): MetricResultV2[] {
  const groups = new Map<string, MetricResultV2[]>();
  for (const r of results) {
    const key = JSON.stringify([
      ...q.groupings.map((g) => r.Dimensions?.[g] ?? ''),
      r.MetricInterval?.StartTime ? new Date(r.MetricInterval.StartTime).getTime() : null,
    ]);
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.values()].map((rows) => {
    const queued = rows.map(
      (r) => r.Collections?.find((c) => c.Metric?.Name === 'CONTACTS_QUEUED' && c.Value !== undefined)?.Value ?? 0
    );
    const metrics = new Map<string, Collection['Metric']>();
    for (const c of rows.flatMap((r) => r.Collections ?? [])) {
      metrics.set(metricId(c), c.Metric);
    }
    const Collections: Collection[] = [...metrics].map(([id, metric]) => {
      const values = rows.map((r, i) => ({
        value: r.Collections?.find((c) => metricId(c) === id)?.Value,
        queued: queued[i],
      }));
      const known = values.filter((v): v is { value: number; queued: number } => typeof v.value === 'number');
      const rule = findHistoricalMetric(metric?.Name ?? '')?.combine;
      let Value: number | undefined;
      if (known.length === 0 || rule === undefined) {
        Value = undefined;
      } else if (rule === 'sum') {
        Value = known.reduce((a, v) => a + v.value, 0);
      } else if (rule === 'max') {
        Value = Math.max(...known.map((v) => v.value));
      } else {
        const weight = known.reduce((a, v) => a + v.queued, 0);
        Value = weight > 0 ? known.reduce((a, v) => a + v.value * v.queued, 0) / weight : undefined;
      }
      return { Metric: metric, Value };
    });
    const { QUEUE: _queue, ...Dimensions } = rows[0].Dimensions ?? {};
    return { ...rows[0], Dimensions: q.groupings.length > 0 ? Dimensions : undefined, Collections };
  });
}
