import { renderLabel, type LabelContext } from './labels';
import type { GetMetricDataRequest, Query } from './request';

/**
 * The MetricDataResults of a request, before any data is read: one per returned metric query and per returned
 * expression of one series (or of a number, which gives no data), and one per series of an expression that
 * evaluates to an array (all with the expression's Id). The checker knows every array's length and where each
 * series comes from, so the layout and the labels are fixed up front and pages can be cut anywhere.
 *
 * Labels of an array's series follow the User Guide: "Expression-Label Metric-Label" (e.g. "Filled With 0: Errors"
 * for FILL(METRICS(), 0) labelled "Filled With 0:"), or only the series' own label when the expression has no
 * Label. Dynamic labels in the expression's Label are rendered with the series' metric.
 */

export interface ResultRow {
  query: Query;
  /** Index into the expression's array of series; absent for a single series. */
  element?: number;
  label: string;
}

/** The label context of a query: a metric query's metric, period and stat; an expression's Id. */
function labelContext(q: Query, region: string): LabelContext {
  return q.kind === 'metric'
    ? { id: q.id, region, metric: q.metric, period: q.period, stat: q.stat }
    : { id: q.id, region };
}

export function resultRows(req: Pick<GetMetricDataRequest, 'queries'>, region: string): ResultRow[] {
  const byId = new Map(req.queries.map((q) => [q.id, q]));
  const rows: ResultRow[] = [];
  for (const q of req.queries) {
    if (!q.returnData) {
      continue;
    }
    if (q.kind === 'metric' || q.type.kind !== 'array') {
      rows.push({ query: q, label: renderLabel(q.label, labelContext(q, region)) });
      continue;
    }
    q.type.items.forEach((item, element) => {
      const source = item.source === undefined ? undefined : byId.get(item.source);
      // A series made inside the expression (SUM of an array within an array) has no query of its own.
      const context = source ? labelContext(source, region) : { id: q.id, region };
      const own = source ? renderLabel(source.label, context) : q.id;
      const label = q.label ? `${renderLabel(q.label, context)} ${own}` : own;
      rows.push({ query: q, element, label });
    });
  }
  return rows;
}
