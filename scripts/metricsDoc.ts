import { NAMESPACES } from '../src/connect/cloudwatchCatalog';
import { CHANNEL_QUOTAS, integerPercentage, percentScaleOf, quotaFrequencySeconds } from '../src/connect/quotas';
import { REALTIME_METRIC_NAMES, REALTIME_METRICS } from '../src/connect/realtimeMetrics';
import { HISTORICAL_METRICS } from '../src/connect/historicalMetrics';

/**
 * docs/metrics.md, written from the domain module (src/connect) so that the reference cannot drift from the code:
 *   npx tsx scripts/metricsDoc.ts > docs/metrics.md
 * A test compares the file with this output.
 */
export function metricsDoc(): string {
  const lines: string[] = [];
  const out = (s = '') => lines.push(s);
  out('# Metrics reference');
  out();
  out('Generated from `src/connect/` by `npx tsx scripts/metricsDoc.ts > docs/metrics.md`; do not edit by hand.');
  out();
  out('## Real-time metrics (GetCurrentMetricData)');
  out();
  out('| metric | unit | report name | sortable | meaning |');
  out('|---|---|---|---|---|');
  for (const name of REALTIME_METRIC_NAMES) {
    const m = REALTIME_METRICS[name];
    const notes = [
      m.description,
      m.routingOnly ? 'Routing use only.' : '',
      m.replacedBy ? `Older name of ${m.replacedBy}.` : '',
    ]
      .filter(Boolean)
      .join(' ');
    out(`| \`${name}\` | ${m.unit} | ${m.reportName} | ${m.sortable ? 'yes' : 'no'} | ${notes} |`);
  }
  out();
  out(
    '`OLDEST_CONTACT_AGE` comes back in milliseconds when the request has no groupings (its unit still says SECONDS);'
  );
  out('Switchboard always shows seconds.');
  out();
  for (const ns of Object.values(NAMESPACES)) {
    out(`## ${ns.name} — ${ns.label}`);
    out();
    out(`${ns.description} Data kept ${ns.retentionDays} days at one-minute resolution.`);
    out();
    out('| dimension | meaning |');
    out('|---|---|');
    for (const [d, meaning] of Object.entries(ns.dimensions)) {
      out(`| \`${d}\` | ${meaning} |`);
    }
    out();
    out('| metric | unit (CloudWatch / Grafana) | statistic | every | dimension sets | meaning |');
    out('|---|---|---|---|---|---|');
    for (const m of ns.metrics) {
      const sets = m.dimensionSets
        .map((s) =>
          s.map((d) => (d === 'MetricGroup' && m.metricGroup ? `MetricGroup=${m.metricGroup}` : d)).join(', ')
        )
        .join('; ');
      const every = m.frequencySeconds >= 60 ? `${m.frequencySeconds / 60} min` : `${m.frequencySeconds} s`;
      const scale = m.percentScale ? ` (${m.percentScale === 'fraction' ? '0..1 decimal' : '0..100 percent'})` : '';
      out(
        `| \`${m.name}\` | ${m.unit}${scale} / \`${m.grafanaUnit}\` | ${m.statistic} | ${every} | ${sets} | ${m.description} |`
      );
    }
    out();
  }
  out('## Concurrency quotas per channel');
  out();
  out('| channel | MetricGroup | in use | percentage (scale) | published every | breaches | quota derived as |');
  out('|---|---|---|---|---|---|---|');
  for (const q of Object.values(CHANNEL_QUOTAS)) {
    const scale = percentScaleOf(q.channel);
    const derived = scale === 'percent' ? `${q.inUse} / ${q.percentage} × 100` : `${q.inUse} / ${q.percentage}`;
    const scaleText =
      scale === 'percent' ? (integerPercentage(q.channel) ? '0..100, whole percent' : '0..100') : '0..1';
    out(
      `| ${q.channel} | ${q.metricGroups.join(' or ')} | \`${q.inUse}\` | \`${q.percentage}\` (${scaleText}) | ${quotaFrequencySeconds(q.channel) / 60} min | ${q.breaches ? `\`${q.breaches}\`` : '—'} | ${derived} |`
    );
  }
  out();
  out(
    'The scales follow the newest AWS page (docs/aws-facts.md, quota-scales): ConcurrentCallsPercentage is a decimal,'
  );
  out(
    'the chat, task and email percentages are multiplied by 100 (chats in whole percent). The quota is derived from the'
  );
  out('most precise period of the range and shown with how far it may be off (quota-derivation).');
  out();
  out('## Historical metrics (GetMetricDataV2) the simulator computes');
  out();
  out('| metric | unit | meaning |');
  out('|---|---|---|');
  for (const m of HISTORICAL_METRICS) {
    out(
      `| \`${m.name}\` | ${m.unit} | ${m.description}${m.needsThreshold ? ' Needs a threshold (Comparison LT, seconds).' : ''} |`
    );
  }
  return lines.join('\n') + '\n';
}

if (require.main === module) {
  process.stdout.write(metricsDoc());
}
