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
import type { AwsContext, AwsService } from './aws/context';
import { followPages } from './aws/pages';
import type { ProxyConfig } from './config.types';
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

type ListMetricsInput = { Namespace?: string; MetricName?: string; Dimensions?: DimensionFilter[] };
type Metric = { Namespace?: string; MetricName?: string; Dimensions?: Array<{ Name?: string; Value?: string }> };

/** What a row's own loader may use: ListMetrics followed to its last page. */
interface Sources {
  listMetrics: (aws: AwsContext, region: string, input: ListMetricsInput) => Promise<Metric[]>;
}

/** One AWS list API followed to its last page, each item mapped to a ResourceItem; the list is sorted by text. */
interface ListCall<P, Page, X> {
  service: AwsService;
  /** The list API; its page size is API_PAGE_SIZE's. */
  operation: keyof typeof API_PAGE_SIZE;
  /** The Connect instance listed, for error messages. */
  instanceId?: (params: P) => string;
  /** The SDK paginator of the call, at the given page size. */
  pages: (aws: AwsContext, region: string, params: P, pageSize: number) => AsyncIterable<Page>;
  items: (page: Page) => X[] | undefined;
  toItem: (x: X) => ResourceItem;
}

/**
 * One resource kind: what it reads from the query, what its cached list depends on, where the list comes from
 * (one AWS list call, or a loader of its own over ListMetrics) and how long it is cached.
 */
interface ResourceRow<P, Page = never, X = never> {
  /** Reads and checks the query parameters (throws BadRequestError before anything is called). */
  params: (q: ResourceParams) => P;
  /** What the list depends on besides the credentials and the region: its cache key. */
  key: (params: P) => unknown[];
  list:
    ListCall<P, Page, X> | ((sources: Sources, aws: AwsContext, region: string, params: P) => Promise<ResourceItem[]>);
  ttlMs: (config: ProxyConfig) => number;
}

/** Keeps each row's own parameter, page and item types while the table holds rows of every kind. */
const row = <P, Page = never, X = never>(r: ResourceRow<P, Page, X>) =>
  r as unknown as ResourceRow<unknown, unknown, unknown>;

const noParams = () => undefined;
const noKey = () => [];
const instanceIdOf = (kind: string) => (q: ResourceParams) => required(q, 'instanceId', kind);
const resourceCacheTtl = (config: ProxyConfig) => config.resourceCacheTtlMs;

/** The resource kinds, one row each (regions are answered by the route from the contract, not from AWS). */
const RESOURCES: Record<Exclude<ResourceKind, 'regions'>, ResourceRow<unknown, unknown, unknown>> = {
  instances: row({
    params: noParams,
    key: noKey,
    list: {
      service: 'connect',
      operation: 'ListInstances',
      pages: (aws, region, _p, pageSize) => paginateListInstances({ client: aws.connect(region), pageSize }, {}),
      items: (p) => p.InstanceSummaryList,
      toItem: (i) => ({ value: i.Id ?? '', text: i.InstanceAlias ?? i.Id ?? '', arn: i.Arn, status: i.InstanceStatus }),
    },
    ttlMs: resourceCacheTtl,
  }),

  queues: row({
    params: (q) => ({ instanceId: required(q, 'instanceId', 'queues'), types: queueTypesOf(q.queueTypes) }),
    key: ({ instanceId, types }) => [instanceId, [...types].sort()],
    list: {
      service: 'connect',
      operation: 'ListQueues',
      instanceId: ({ instanceId }) => instanceId,
      pages: (aws, region, { instanceId, types }, pageSize) =>
        paginateListQueues({ client: aws.connect(region), pageSize }, { InstanceId: instanceId, QueueTypes: types }),
      items: (p) => p.QueueSummaryList,
      // Agent queues have no name in Connect: their id is all there is to show.
      toItem: (x) => ({ value: x.Id ?? '', text: x.Name ?? x.Id ?? '', arn: x.Arn, type: x.QueueType }),
    },
    ttlMs: resourceCacheTtl,
  }),

  'routing-profiles': row({
    params: instanceIdOf('routing-profiles'),
    key: (instanceId) => [instanceId],
    list: {
      service: 'connect',
      operation: 'ListRoutingProfiles',
      instanceId: (instanceId) => instanceId,
      pages: (aws, region, instanceId, pageSize) =>
        paginateListRoutingProfiles({ client: aws.connect(region), pageSize }, { InstanceId: instanceId }),
      items: (p) => p.RoutingProfileSummaryList,
      toItem: (x) => ({ value: x.Id ?? '', text: x.Name ?? x.Id ?? '', arn: x.Arn }),
    },
    ttlMs: resourceCacheTtl,
  }),

  'agent-statuses': row({
    params: instanceIdOf('agent-statuses'),
    key: (instanceId) => [instanceId],
    list: {
      service: 'connect',
      operation: 'ListAgentStatuses',
      instanceId: (instanceId) => instanceId,
      pages: (aws, region, instanceId, pageSize) =>
        paginateListAgentStatuses({ client: aws.connect(region), pageSize }, { InstanceId: instanceId }),
      items: (p) => p.AgentStatusSummaryList,
      toItem: (x) => ({ value: x.Id ?? '', text: x.Name ?? x.Id ?? '', arn: x.Arn, type: x.Type }),
    },
    ttlMs: resourceCacheTtl,
  }),

  'voice-connectors': row({
    params: noParams,
    key: noKey,
    list: {
      service: 'chime',
      operation: 'ListVoiceConnectors',
      pages: (aws, region, _p, pageSize) => paginateListVoiceConnectors({ client: aws.chime(region), pageSize }, {}),
      items: (p) => p.VoiceConnectors,
      toItem: (v) => ({
        value: v.VoiceConnectorId ?? '',
        text: v.Name ?? v.VoiceConnectorId ?? '',
        arn: v.VoiceConnectorArn,
        awsRegion: v.AwsRegion,
        outboundHostName: v.OutboundHostName,
      }),
    },
    ttlMs: resourceCacheTtl,
  }),

  'voiceid-domains': row({
    params: noParams,
    key: noKey,
    list: {
      service: 'voiceid',
      operation: 'ListDomains',
      pages: (aws, region, _p, pageSize) => paginateListDomains({ client: aws.voiceId(region), pageSize }, {}),
      items: (p) => p.DomainSummaries,
      toItem: (d) => ({
        value: d.DomainId ?? '',
        text: d.Name ?? d.DomainId ?? '',
        arn: d.Arn,
        status: d.DomainStatus,
      }),
    },
    ttlMs: resourceCacheTtl,
  }),

  // The Connect-related namespaces first (Switchboard knows their metrics), then whatever else has metrics.
  namespaces: row({
    params: noParams,
    key: noKey,
    list: async ({ listMetrics }, aws, region) => {
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
    },
    ttlMs: resourceCacheTtl,
  }),

  // The catalogue's metrics of the namespace (with unit and description), then any others ListMetrics knows.
  metrics: row({
    params: (q) => required(q, 'namespace', 'metrics'),
    key: (namespace) => [namespace],
    list: async ({ listMetrics }, aws, region, namespace) => {
      const catalogue = isKnownNamespace(namespace) ? NAMESPACES[namespace].metrics : [];
      const known = catalogue.map((m) => ({
        value: m.name,
        text: m.name,
        unit: m.unit,
        grafanaUnit: m.grafanaUnit,
        statistic: m.statistic,
        description: m.description,
      }));
      const listed = new Set((await listMetrics(aws, region, { Namespace: namespace })).map((m) => m.MetricName ?? ''));
      const others = [...listed]
        .filter((n) => n !== '' && !findMetric(namespace, n))
        .sort()
        .map((n) => ({ value: n, text: n }));
      return [...known, ...others];
    },
    ttlMs: resourceCacheTtl,
  }),

  'dimension-keys': row({
    params: (q) => ({
      namespace: required(q, 'namespace', 'dimension-keys'),
      filters: dimensionFiltersOf(q.dimensions),
      metricName: q.metricName,
    }),
    key: ({ namespace, metricName, filters }) => [namespace, metricName ?? null, [...filters]],
    list: async ({ listMetrics }, aws, region, { namespace, metricName, filters }) => {
      const metrics = (
        await listMetrics(aws, region, {
          Namespace: namespace,
          ...(metricName ? { MetricName: metricName } : {}),
          Dimensions: listMetricsFilters(filters),
        })
      ).filter((m) => matchesFilters(m.Dimensions ?? [], filters));
      // The catalogue's dimensions of the metric (or of the namespace) first, so an editor can offer them before data
      // exists; then those ListMetrics shows. Known dimensions carry the catalogue's description.
      const descriptions: Record<string, string> = isKnownNamespace(namespace) ? NAMESPACES[namespace].dimensions : {};
      const info = metricName ? findMetric(namespace, metricName) : undefined;
      const catalogueKeys = metricName
        ? info
          ? [...new Set(info.dimensionSets.flat())]
          : []
        : Object.keys(descriptions);
      const listedKeys = new Set(metrics.flatMap((m) => (m.Dimensions ?? []).map((d) => d.Name ?? '')));
      const keys = [...catalogueKeys, ...[...listedKeys].filter((k) => k !== '' && !catalogueKeys.includes(k)).sort()];
      return keys.map((k) => ({ value: k, text: k, ...(descriptions[k] ? { description: descriptions[k] } : {}) }));
    },
    ttlMs: resourceCacheTtl,
  }),

  'dimension-values': row({
    params: (q) => {
      const namespace = required(q, 'namespace', 'dimension-values');
      const dimensionKey = required(q, 'dimensionKey', 'dimension-values');
      const filters = dimensionFiltersOf(q.dimensions);
      // Only metrics that have the dimension at all; a filter on the key itself narrows its own values.
      if (!filters.has(dimensionKey)) {
        filters.set(dimensionKey, []);
      }
      return { namespace, dimensionKey, filters, metricName: q.metricName };
    },
    key: ({ namespace, metricName, dimensionKey, filters }) => [
      namespace,
      metricName ?? null,
      dimensionKey,
      [...filters],
    ],
    list: async ({ listMetrics }, aws, region, { namespace, metricName, dimensionKey, filters }) => {
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
    },
    ttlMs: resourceCacheTtl,
  }),
};

type Loader = (aws: AwsContext, region: string, q: ResourceParams) => Promise<ResourceItem[]>;

/**
 * The loaders of every resource kind, for a context, built from the table: each list cached and coalesced per
 * (kind, credentials, region, parameters). `pageSize` caps the page size of the list APIs (tests use small pages).
 */
export function resourceLoaders(ctx: UpstreamContext, options: { pageSize?: number } = {}) {
  const pageSize = (api: keyof typeof API_PAGE_SIZE) => Math.min(API_PAGE_SIZE[api], options.pageSize ?? Infinity);

  /** Every ListMetrics page of a namespace (or of all namespaces), with optional metric name and dimension filters. */
  const listMetrics = async (aws: AwsContext, region: string, input: ListMetricsInput) => {
    const pages = await followPages(
      ctx,
      aws,
      { service: 'cloudwatch', operation: 'ListMetrics', region },
      paginateListMetrics({ client: aws.cloudwatch(region) }, input)
    );
    return pages.flatMap((p) => p.Metrics ?? []);
  };
  const sources: Sources = { listMetrics };

  const loaderOf = (kind: string, r: ResourceRow<unknown, unknown, unknown>): Loader => {
    const { list } = r;
    const load =
      typeof list === 'function'
        ? (aws: AwsContext, region: string, params: unknown) => list(sources, aws, region, params)
        : async (aws: AwsContext, region: string, params: unknown) => {
            const pages = await followPages(
              ctx,
              aws,
              {
                service: list.service,
                operation: list.operation,
                region,
                ...(list.instanceId ? { instanceId: list.instanceId(params) } : {}),
              },
              list.pages(aws, region, params, pageSize(list.operation)) as AsyncIterable<{ NextToken?: string }>
            );
            return pages
              .flatMap((p) => list.items(p) ?? [])
              .map(list.toItem)
              .sort(byText);
          };
    return (aws, region, q) => {
      const params = r.params(q);
      return ctx.caches.resources.getOrLoad(
        `resources|${kind}|${aws.credentialsKey}|${region}|${JSON.stringify(r.key(params))}`,
        { ttlMs: r.ttlMs(ctx.config) },
        () => load(aws, region, params)
      ) as Promise<ResourceItem[]>;
    };
  };

  const loaders = Object.fromEntries(Object.entries(RESOURCES).map(([kind, r]) => [kind, loaderOf(kind, r)])) as Record<
    Exclude<ResourceKind, 'regions'>,
    Loader
  >;

  return { loaders, listMetrics };
}

export type ResourceLoaders = ReturnType<typeof resourceLoaders>;
