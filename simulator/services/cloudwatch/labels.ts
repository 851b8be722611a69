import type { MetricIdentity } from '../../model/metricSource';

/**
 * Result labels of GetMetricData. Without a Label, a metric query is labelled with its MetricName and an expression
 * with its Id. A Label may contain dynamic labels, which CloudWatch fills in per result:
 *   ${PROP('Dim.<name>')} ${PROP('MetricName')} ${PROP('Namespace')} ${PROP('Period')} ${PROP('Stat')}
 *   ${PROP('Region')} ${LABEL} (the default label)
 * A property that does not apply (a dimension the metric does not have, Stat of an expression) becomes "".
 * Anything else in ${...} (value-based labels such as ${AVG}, time labels) is left as written: the simulator
 * does not compute them.
 */

export interface LabelContext {
  id: string;
  region: string;
  /** Present for metric queries. */
  metric?: MetricIdentity;
  period?: number;
  stat?: string;
}

export function defaultLabel(ctx: LabelContext): string {
  return ctx.metric ? ctx.metric.metricName : ctx.id;
}

function property(name: string, ctx: LabelContext): string {
  if (name.startsWith('Dim.')) {
    const dimension = name.slice(4);
    return ctx.metric?.dimensions.find((d) => d.Name === dimension)?.Value ?? '';
  }
  switch (name) {
    case 'MetricName':
      return ctx.metric?.metricName ?? '';
    case 'Namespace':
      return ctx.metric?.namespace ?? '';
    case 'Period':
      return ctx.period === undefined ? '' : String(ctx.period);
    case 'Stat':
      return ctx.stat ?? '';
    case 'Region':
      return ctx.region;
    default:
      return '';
  }
}

// ${LABEL} or ${PROP('...')} with single or double quotes, spaces allowed around the argument.
const DYNAMIC = /\$\{\s*(?:LABEL|PROP\(\s*(['"])(.*?)\1\s*\))\s*\}/g;

/** The label of a result: the user's Label with dynamic labels substituted, or the default label. */
export function renderLabel(label: string | undefined, ctx: LabelContext): string {
  if (label === undefined || label === '') {
    return defaultLabel(ctx);
  }
  if (!label.includes('${')) {
    return label;
  }
  return label.replace(DYNAMIC, (_match, _quote: string | undefined, prop: string | undefined) =>
    prop === undefined ? defaultLabel(ctx) : property(prop, ctx)
  );
}
