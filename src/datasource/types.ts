import type { DataSourceJsonData } from '@grafana/data';
import type { DataQuery } from '@grafana/schema';
import { RESOURCE_KINDS, type AuthType, type SwitchboardQuery } from '../connect/proxyApi';
import type { Goals } from './goals';

export type { ResourceItem } from '../connect/proxyApi';

/**
 * The datasource's settings. Everything the proxy needs travels as headers that Grafana's datasource proxy route
 * (plugin.json "routes") adds: the browser never sees the proxy token or the keys (secureJsonData).
 */
export interface SwitchboardOptions extends DataSourceJsonData {
  /** Where Grafana's server reaches the Switchboard proxy, e.g. http://switchboard-proxy:8080. */
  proxyUrl?: string;
  authType?: AuthType;
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

/**
 * A Switchboard query as Grafana stores it (a DataQuery with the union's fields), and what only the browser reads:
 * goals, the warn and alert levels of its metrics as field thresholds (goals.ts; numbers or template variables).
 */
export type SwitchboardDataQuery = SwitchboardQuery & DataQuery & { goals?: Goals };

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
  /**
   * Queues and routing profiles: what the variable's value is. `id` (default) for Connect's ids; `name` so that one
   * variable feeds real-time filters (the proxy resolves names) and CloudWatch's QueueName dimension alike.
   */
  valueField?: 'id' | 'name';
}

/** Every resource list of the proxy, and the channels (a fixed list the datasource knows itself). */
export const VARIABLE_KINDS = [...RESOURCE_KINDS.slice(0, 5), 'channels', ...RESOURCE_KINDS.slice(5)] as const;
export type VariableKind = (typeof VARIABLE_KINDS)[number];

/** The lists whose variable value can be the name instead of the id (SwitchboardVariableQuery.valueField). */
export const VALUE_FIELD_KINDS: readonly VariableKind[] = ['queues', 'routing-profiles'];
