import type { DimensionFilter } from '@aws-sdk/client-cloudwatch';
import { findMetric } from '../../src/connect/cloudwatchCatalog';
import type { CloudWatchQuery } from '../../src/connect/proxyApi';
import type { AwsContext } from '../aws/context';
import type { ProxyContext } from '../context';
import type { Notice } from '../frames';
import { asProxyError, QueryError } from '../errors';

/**
 * Why an answer is empty, asked of AWS only when it is: a CloudWatch query whose metric, namespace or dimension value
 * ListMetrics does not know, and a quota query for an instance these credentials do not see, say so instead of
 * leaving a silent empty panel. The lists are the resource cache's (RESOURCE_CACHE_TTL_MS), so a panel refreshing
 * every 10 s costs one ListMetrics or ListInstances call per cache lifetime, not one per refresh.
 */

/** CloudWatch keeps a metric listed for two weeks after its last data point (ListMetrics' documentation). */
const LISTING = 'CloudWatch lists a metric while it has data from the last two weeks';
const MAX_NAMED = 8;

const quoted = (values: string[]) =>
  `${values
    .slice(0, MAX_NAMED)
    .map((v) => `"${v}"`)
    .join(', ')}${values.length > MAX_NAMED ? `, … (${values.length})` : ''}`;

/** Every listed metric of a namespace (and metric name), from the resource cache. */
async function listed(
  ctx: ProxyContext,
  aws: AwsContext,
  region: string,
  namespace: string,
  metricName?: string
): Promise<Array<{ MetricName?: string; Dimensions?: DimensionFilter[] }>> {
  const key = JSON.stringify(['list-metrics', aws.credentialsKey, region, namespace, metricName ?? null]);
  return (await ctx.caches.resources.getOrLoad(key, { ttlMs: ctx.config.resourceCacheTtlMs }, () =>
    ctx.resources.listMetrics(aws, region, {
      Namespace: namespace,
      ...(metricName ? { MetricName: metricName } : {}),
    })
  )) as Array<{ MetricName?: string; Dimensions?: DimensionFilter[] }>;
}

/**
 * The notice for a metric query that came back without a single data point, when ListMetrics explains it: no such
 * namespace, metric, dimension set or dimension value in the Region. Undefined when the metric exists and simply had
 * no data in the range (a quiet queue), or when the query is an expression.
 */
export async function emptyMetricNotice(
  ctx: ProxyContext,
  aws: AwsContext,
  region: string,
  q: CloudWatchQuery
): Promise<Notice | undefined> {
  if (q.expression || !q.namespace || !q.metricName) {
    return undefined;
  }
  const { namespace, metricName } = q;
  const where = `in ${namespace} in ${region}`;
  const metrics = await listed(ctx, aws, region, namespace, metricName);
  if (metrics.length === 0) {
    const inNamespace = await listed(ctx, aws, region, namespace);
    if (inNamespace.length === 0) {
      return {
        severity: 'warning',
        text: `ListMetrics finds no metrics in namespace ${namespace} in ${region}: check the namespace and the Region (${LISTING}).`,
      };
    }
    const names = [...new Set(inNamespace.map((m) => m.MetricName ?? ''))].filter(Boolean).sort();
    const known = findMetric(namespace, metricName);
    const like = names.find((n) => n.toLowerCase() === metricName.toLowerCase());
    return {
      severity: 'warning',
      text:
        `ListMetrics finds no metric ${metricName} ${where}` +
        (like ? `; it lists ${like}: names are case-sensitive.` : known ? '' : `: check the metric name.`) +
        (known && !like
          ? ` ${namespace} publishes it only while there is something to count, and ${LISTING.toLowerCase()}.`
          : ` (${LISTING}.)`),
    };
  }
  const dims = q.dimensions ?? {};
  const names = Object.keys(dims).sort();
  const sets = metrics.map((m) => Object.fromEntries((m.Dimensions ?? []).map((d) => [d.Name ?? '', d.Value ?? ''])));
  const sameNames = sets.filter((s) => Object.keys(s).sort().join('\u0000') === names.join('\u0000'));
  if (sameNames.length === 0) {
    const shapes = [...new Set(sets.map((s) => Object.keys(s).sort().join(', ') || '(none)'))].sort();
    return {
      severity: 'warning',
      text: `ListMetrics finds no ${metricName} ${where} with exactly the dimensions ${names.join(', ') || '(none)'}; it lists it with: ${shapes.slice(0, MAX_NAMED).join(' | ')}. CloudWatch matches dimension sets exactly.`,
    };
  }
  const unknown: string[] = [];
  for (const name of names) {
    const values = new Set(sameNames.map((s) => s[name]));
    const missing = dims[name].filter((v) => v !== '*' && !values.has(v));
    if (missing.length > 0) {
      unknown.push(
        `ListMetrics finds no ${name} ${quoted(missing)} for ${metricName} ${where} (it lists ${quoted([...values].sort())})`
      );
    }
  }
  return unknown.length > 0 ? { severity: 'warning', text: `${unknown.join('; ')}. ${LISTING}.` } : undefined;
}

/**
 * For a quota query with no concurrency data at all: an instance these credentials do not see in the Region is the
 * query's error (as "Save & test" says it); one they see gets a notice that it has published nothing in the range.
 * When ListInstances itself fails, the notice says so and why.
 */
export async function emptyQuotaNotice(
  ctx: ProxyContext,
  aws: AwsContext,
  region: string,
  instanceId: string
): Promise<Notice> {
  let instances;
  try {
    instances = await ctx.resources.loaders.instances(aws, region, {});
  } catch (err) {
    const described = asProxyError(err).message;
    return {
      severity: 'warning',
      text: `No concurrency metrics for instance ${instanceId} in ${region} in this time range, and the proxy could not check the instance id: ${described}`,
    };
  }
  const match = instances.find((i) => i.value === instanceId || i.arn === instanceId);
  if (!match) {
    throw unknownInstance(instanceId, region, instances);
  }
  return {
    severity: 'info',
    text: `No concurrency metrics for ${match.text} (${match.value}) in ${region} in this time range: Amazon Connect publishes them while contacts are in progress.`,
  };
}

/** The query's error for an instance the credentials do not see in the Region (404), naming the ones they see. */
export function unknownInstance(
  instanceId: string,
  region: string,
  instances: Array<{ value: string; text: string }>
): QueryError {
  const seen = instances.map((i) => `${i.text} (${i.value})`);
  return new QueryError(
    `instanceId: Amazon Connect instance ${instanceId} is not among the instances these credentials see in ${region} (${seen.length ? seen.slice(0, MAX_NAMED).join(', ') : 'none'}): check the instance id and the Region.`,
    404
  );
}
