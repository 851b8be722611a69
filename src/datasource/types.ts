import type { DataSourceJsonData } from '@grafana/data';
import type { DataQuery } from '@grafana/schema';
import type { AuthTypeOption } from './constants';
import type { SwitchboardQuery } from '../connect/query';

/**
 * The datasource's settings. Everything the proxy needs travels as headers that Grafana's datasource proxy route
 * (plugin.json "routes") adds: the browser never sees the proxy token or the keys (secureJsonData).
 */
export interface SwitchboardOptions extends DataSourceJsonData {
  /** Where Grafana's server reaches the Switchboard proxy, e.g. http://switchboard-proxy:8080. */
  proxyUrl?: string;
  authType?: AuthTypeOption;
  /** Region of queries that name none. */
  defaultRegion?: string;
  assumeRoleArn?: string;
  externalId?: string;
  /** Instance new queries start with. */
  defaultInstanceId?: string;
}

export interface SwitchboardSecureOptions {
  proxyToken?: string;
  accessKey?: string;
  secretKey?: string;
}

/** A Switchboard query as Grafana stores it (a DataQuery with the union's fields). */
export type SwitchboardDataQuery = SwitchboardQuery & DataQuery;

/** Template variables: the resource lists of the proxy. */
export interface SwitchboardVariableQuery extends DataQuery {
  kind: VariableKind;
  region?: string;
  instanceId?: string;
  namespace?: string;
  metricName?: string;
  dimensionKey?: string;
  /** Dimension filters for dimension values, JSON object of name to value(s). */
  dimensions?: string;
  queueTypes?: string;
}

export const VARIABLE_KINDS = [
  'regions',
  'instances',
  'queues',
  'routing-profiles',
  'agent-statuses',
  'channels',
  'voice-connectors',
  'voiceid-domains',
  'namespaces',
  'metrics',
  'dimension-keys',
  'dimension-values',
] as const;
export type VariableKind = (typeof VARIABLE_KINDS)[number];

/** A list entry of GET /api/resources/{kind}. */
export interface ResourceItem {
  value: string;
  text: string;
  [extra: string]: unknown;
}
