import { paginateListVoiceConnectors } from '@aws-sdk/client-chime-sdk-voice';
import { paginateListMetrics, type DimensionFilter } from '@aws-sdk/client-cloudwatch';
import {
  paginateListAgentStatuses,
  paginateListInstances,
  paginateListQueues,
  paginateListRoutingProfiles,
  type QueueType,
} from '@aws-sdk/client-connect';
import { paginateListDomains } from '@aws-sdk/client-voice-id';
import { CONNECT_NAMESPACES, findMetric, isKnownNamespace, NAMESPACES } from '../src/connect/cloudwatchCatalog';
import { RESOURCE_KINDS, type ResourceItem, type ResourceKind, type ResourceQuery } from '../src/connect/proxyApi';
import { BadRequestError } from './errors';
import type { AwsContext } from './aws/context';
import { followPages } from './aws/pages';
import type { UpstreamContext } from './context';

/**
 * The lists behind GET /api/resources/{kind} and the query engine's names: the lists behind the datasource's template variables and editor pickers, as
 * `[{ value, text, ...extra }]`. Every AWS page is followed, and each list is cached per (credentials, region,
 * parameters) for RESOURCE_CACHE_TTL_MS with identical requests coalesced, so a dashboard full of variables
 * costs one set of calls against Connect's 2-per-second list quotas.
 */

export { RESOURCE_KINDS, type ResourceItem, type ResourceKind };

export const QUEUE_TYPES: readonly QueueType[] = ['STANDARD', 'AGENT'];

/** Largest page each list API accepts: fewer pages, fewer calls against the quotas. */
const API_PAGE_SIZE = {
  ListInstances: 10,
  ListQueues: 1000,
  ListRoutingProfiles: 1000,
  ListAgentStatuses: 1000,
  ListVoiceConnectors: 100,
  ListDomains: 10,
};

/** CloudWatch's limit on ListMetrics dimension filters. */
const MAX_DIMENSION_FILTERS = 10;

/** The query string of GET /api/resources/{kind} (the Proxy API's ResourceQuerySchema). */
export type ResourceParams = ResourceQuery;

function required(query: ResourceParams, name: 'instanceId' | 'namespace' | 'dimensionKey', kind: string): string {
  const value = query[name];
  if (value === undefined) {
    const what = {
      instanceId: 'the Amazon Connect instance id',
      namespace: 'the CloudWatch namespace, e.g. AWS/Connect',
      dimensionKey: 'the dimension whose values to list, e.g. QueueName',
    }[name];
    throw new BadRequestError(`${name} is required for ${kind} (${what})`);
  }
  return value;
}

function queueTypesOf(raw: ResourceParams['queueTypes']): QueueType[] {
  if (raw === undefined) {
    return ['STANDARD'];
  }
  const values = (Array.isArray(raw) ? raw : [raw]).flatMap((v) => v.split(',')).map((v) => v.trim().toUpperCase());
  const types = [...new Set(values.filter((v) => v !== ''))];
  const bad = types.filter((t) => !QUEUE_TYPES.includes(t as QueueType));
  if (bad.length || types.length === 0) {
    throw new BadRequestError(
      `queueTypes must be STANDARD, AGENT or both, comma-separated (got ${JSON.stringify(raw)})`
    );
  }
  return types as QueueType[];
}

/** Dimension filters: name -> accepted values (empty = any value). */
type DimensionFilters = Map<string, string[]>;

function dimensionFiltersOf(raw: string | undefined): DimensionFilters {
  const filters: DimensionFilters = new Map();
  if (raw === undefined || raw.trim() === '') {
    return filters;
  }
  const rule =
    'dimensions must be a JSON object of dimension name to a value or a list of values, e.g. {"InstanceId":"<id>","MetricGroup":["Queue"]}';
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new BadRequestError(`${rule} (it is not JSON)`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new BadRequestError(rule);
  }
  for (const [name, value] of Object.entries(parsed)) {
    const values = typeof value === 'string' ? [value] : value;
    if (name === '' || !Array.isArray(values) || values.some((v) => typeof v !== 'string' || v === '')) {
      throw new BadRequestError(
        `${rule} (dimensions.${name || '""'} is neither a non-empty string nor a list of them)`
      );
    }
    filters.set(name, values.includes('*') ? [] : [...new Set(values as string[])]);
  }
  return filters;
}

/**
 * ListMetrics' Dimensions: one filter per name, with the value when exactly one is accepted (CloudWatch filters
 * one value per name; several values are filtered here, after listing).
 */
function listMetricsFilters(filters: DimensionFilters): DimensionFilter[] {
  if (filters.size > MAX_DIMENSION_FILTERS) {
    throw new BadRequestError(
      `dimensions: at most ${MAX_DIMENSION_FILTERS} dimension filters (CloudWatch's limit), got ${filters.size}`
    );
  }
  return [...filters].map(([Name, values]) => (values.length === 1 ? { Name, Value: values[0] } : { Name }));
}

function matchesFilters(dimensions: Array<{ Name?: string; Value?: string }>, filters: DimensionFilters): boolean {
  for (const [name, values] of filters) {
    const d = dimensions.find((x) => x.Name === name);
    if (!d || (values.length > 0 && !values.includes(d.Value ?? ''))) {
      return false;
    }
  }
  return true;
}

const byText = (a: ResourceItem, b: ResourceItem) => a.text.localeCompare(b.text);

/**
 * The loaders of every resource kind, for a context: each list cached and coalesced per (kind, credentials, region,
 * parameters). `pageSize` caps the page size of the list APIs (tests use small pages).
 */
export function resourceLoaders(ctx: UpstreamContext, options: { pageSize?: number } = {}) {
  const pageSize = (api: keyof typeof API_PAGE_SIZE) => Math.min(API_PAGE_SIZE[api], options.pageSize ?? Infinity);

  /** One list, cached and coalesced per (kind, credentials, region, parameters). */
  const cached = (
    kind: string,
    aws: AwsContext,
    region: string,
    params: unknown[],
    load: () => Promise<ResourceItem[]>
  ) =>
    ctx.caches.resources.getOrLoad(
      `resources|${kind}|${aws.credentialsKey}|${region}|${JSON.stringify(params)}`,
      { ttlMs: ctx.config.resourceCacheTtlMs },
      load
    ) as Promise<ResourceItem[]>;

  /** Every ListMetrics page of a namespace (or of all namespaces), with optional metric name and dimension filters. */
  const listMetrics = async (
    aws: AwsContext,
    region: string,
    input: { Namespace?: string; MetricName?: string; Dimensions?: DimensionFilter[] }
  ) => {
    const pages = await followPages(
      ctx,
      aws,
      { service: 'cloudwatch', operation: 'ListMetrics', region },
      paginateListMetrics({ client: aws.cloudwatch(region) }, input)
    );
    return pages.flatMap((p) => p.Metrics ?? []);
  };

  const loaders: Record<
    Exclude<ResourceKind, 'regions'>,
    (aws: AwsContext, region: string, q: ResourceParams) => Promise<ResourceItem[]>
  > = {
    instances: (aws, region) =>
      cached('instances', aws, region, [], async () => {
        const pages = await followPages(
          ctx,
          aws,
          { service: 'connect', operation: 'ListInstances', region },
          paginateListInstances({ client: aws.connect(region), pageSize: pageSize('ListInstances') }, {})
        );
        return pages
          .flatMap((p) => p.InstanceSummaryList ?? [])
          .map((i) => ({
            value: i.Id ?? '',
            text: i.InstanceAlias ?? i.Id ?? '',
            arn: i.Arn,
            status: i.InstanceStatus,
          }))
          .sort(byText);
      }),

    queues: (aws, region, q) => {
      const instanceId = required(q, 'instanceId', 'queues');
      const types = queueTypesOf(q.queueTypes);
      return cached('queues', aws, region, [instanceId, [...types].sort()], async () => {
        const pages = await followPages(
          ctx,
          aws,
          { service: 'connect', operation: 'ListQueues', region, instanceId },
          paginateListQueues(
            { client: aws.connect(region), pageSize: pageSize('ListQueues') },
            { InstanceId: instanceId, QueueTypes: types }
          )
        );
        // Agent queues have no name in Connect: their id is all there is to show.
        return pages
          .flatMap((p) => p.QueueSummaryList ?? [])
          .map((x) => ({ value: x.Id ?? '', text: x.Name ?? x.Id ?? '', arn: x.Arn, type: x.QueueType }))
          .sort(byText);
      });
    },

    'routing-profiles': (aws, region, q) => {
      const instanceId = required(q, 'instanceId', 'routing-profiles');
      return cached('routing-profiles', aws, region, [instanceId], async () => {
        const pages = await followPages(
          ctx,
          aws,
          { service: 'connect', operation: 'ListRoutingProfiles', region, instanceId },
          paginateListRoutingProfiles(
            { client: aws.connect(region), pageSize: pageSize('ListRoutingProfiles') },
            { InstanceId: instanceId }
          )
        );
        return pages
          .flatMap((p) => p.RoutingProfileSummaryList ?? [])
          .map((x) => ({ value: x.Id ?? '', text: x.Name ?? x.Id ?? '', arn: x.Arn }))
          .sort(byText);
      });
    },

    'agent-statuses': (aws, region, q) => {
      const instanceId = required(q, 'instanceId', 'agent-statuses');
      return cached('agent-statuses', aws, region, [instanceId], async () => {
        const pages = await followPages(
          ctx,
          aws,
          { service: 'connect', operation: 'ListAgentStatuses', region, instanceId },
          paginateListAgentStatuses(
            { client: aws.connect(region), pageSize: pageSize('ListAgentStatuses') },
            { InstanceId: instanceId }
          )
        );
        return pages
          .flatMap((p) => p.AgentStatusSummaryList ?? [])
          .map((x) => ({ value: x.Id ?? '', text: x.Name ?? x.Id ?? '', arn: x.Arn, type: x.Type }))
          .sort(byText);
      });
    },

    'voice-connectors': (aws, region) =>
      cached('voice-connectors', aws, region, [], async () => {
        const pages = await followPages(
          ctx,
          aws,
          { service: 'chime', operation: 'ListVoiceConnectors', region },
          paginateListVoiceConnectors({ client: aws.chime(region), pageSize: pageSize('ListVoiceConnectors') }, {})
        );
        return pages
          .flatMap((p) => p.VoiceConnectors ?? [])
          .map((v) => ({
            value: v.VoiceConnectorId ?? '',
            text: v.Name ?? v.VoiceConnectorId ?? '',
            arn: v.VoiceConnectorArn,
            awsRegion: v.AwsRegion,
            outboundHostName: v.OutboundHostName,
          }))
          .sort(byText);
      }),

    'voiceid-domains': (aws, region) =>
      cached('voiceid-domains', aws, region, [], async () => {
        const pages = await followPages(
          ctx,
          aws,
          { service: 'voiceid', operation: 'ListDomains', region },
          paginateListDomains({ client: aws.voiceId(region), pageSize: pageSize('ListDomains') }, {})
        );
        return pages
          .flatMap((p) => p.DomainSummaries ?? [])
          .map((d) => ({
            value: d.DomainId ?? '',
            text: d.Name ?? d.DomainId ?? '',
            arn: d.Arn,
            status: d.DomainStatus,
          }))
          .sort(byText);
      }),

    // The Connect-related namespaces first (Switchboard knows their metrics), then whatever else has metrics.
    namespaces: (aws, region) =>
      cached('namespaces', aws, region, [], async () => {
        const known = CONNECT_NAMESPACES.map((n) => ({
          value: n,
          text: NAMESPACES[n].label,
          description: NAMESPACES[n].description,
        }));
        const listed = new Set((await listMetrics(aws, region, {})).map((m) => m.Namespace ?? ''));
        const others = [...listed]
          .filter((n) => n !== '' && !isKnownNamespace(n))
          .sort()
          .map((n) => ({ value: n, text: n }));
        return [...known, ...others];
      }),

    // The catalogue's metrics of the namespace (with unit and description), then any others ListMetrics knows.
    metrics: (aws, region, q) => {
      const namespace = required(q, 'namespace', 'metrics');
      return cached('metrics', aws, region, [namespace], async () => {
        const catalogue = isKnownNamespace(namespace) ? NAMESPACES[namespace].metrics : [];
        const known = catalogue.map((m) => ({
          value: m.name,
          text: m.name,
          unit: m.unit,
          grafanaUnit: m.grafanaUnit,
          statistic: m.statistic,
          description: m.description,
        }));
        const listed = new Set(
          (await listMetrics(aws, region, { Namespace: namespace })).map((m) => m.MetricName ?? '')
        );
        const others = [...listed]
          .filter((n) => n !== '' && !findMetric(namespace, n))
          .sort()
          .map((n) => ({ value: n, text: n }));
        return [...known, ...others];
      });
    },

    'dimension-keys': (aws, region, q) => {
      const namespace = required(q, 'namespace', 'dimension-keys');
      const filters = dimensionFiltersOf(q.dimensions);
      const metricName = q.metricName;
      return cached('dimension-keys', aws, region, [namespace, metricName ?? null, [...filters]], async () => {
        const metrics = (
          await listMetrics(aws, region, {
            Namespace: namespace,
            ...(metricName ? { MetricName: metricName } : {}),
            Dimensions: listMetricsFilters(filters),
          })
        ).filter((m) => matchesFilters(m.Dimensions ?? [], filters));
        // The catalogue's dimensions of the metric (or of the namespace) first, so an editor can offer them before data
        // exists; then those ListMetrics shows. Known dimensions carry the catalogue's description.
        const descriptions: Record<string, string> = isKnownNamespace(namespace)
          ? NAMESPACES[namespace].dimensions
          : {};
        const info = metricName ? findMetric(namespace, metricName) : undefined;
        const catalogueKeys = metricName
          ? info
            ? [...new Set(info.dimensionSets.flat())]
            : []
          : Object.keys(descriptions);
        const listedKeys = new Set(metrics.flatMap((m) => (m.Dimensions ?? []).map((d) => d.Name ?? '')));
        const keys = [
          ...catalogueKeys,
          ...[...listedKeys].filter((k) => k !== '' && !catalogueKeys.includes(k)).sort(),
        ];
        return keys.map((k) => ({ value: k, text: k, ...(descriptions[k] ? { description: descriptions[k] } : {}) }));
      });
    },

    'dimension-values': (aws, region, q) => {
      const namespace = required(q, 'namespace', 'dimension-values');
      const dimensionKey = required(q, 'dimensionKey', 'dimension-values');
      const filters = dimensionFiltersOf(q.dimensions);
      // Only metrics that have the dimension at all; a filter on the key itself narrows its own values.
      if (!filters.has(dimensionKey)) {
        filters.set(dimensionKey, []);
      }
      const metricName = q.metricName;
      return cached(
        'dimension-values',
        aws,
        region,
        [namespace, metricName ?? null, dimensionKey, [...filters]],
        async () => {
          const metrics = await listMetrics(aws, region, {
            Namespace: namespace,
            ...(metricName ? { MetricName: metricName } : {}),
            Dimensions: listMetricsFilters(filters),
          });
          const values = new Set<string>();
          for (const m of metrics) {
            if (matchesFilters(m.Dimensions ?? [], filters)) {
              const value = m.Dimensions?.find((d) => d.Name === dimensionKey)?.Value;
              if (value !== undefined && value !== '') {
                values.add(value);
              }
            }
          }
          return [...values].sort().map((v) => ({ value: v, text: v }));
        }
      );
    },
  };

  return { loaders, listMetrics };
}

export type ResourceLoaders = ReturnType<typeof resourceLoaders>;
