import { Type, type Static } from '@sinclair/typebox';
import { RegionSchema } from './region';

/** GET /api/resources/{kind}: the lists the proxy serves and the datasource's editors and variables ask for. */

export const RESOURCE_KINDS = [
  'regions',
  'instances',
  'queues',
  'routing-profiles',
  'agent-statuses',
  'voice-connectors',
  'voiceid-domains',
  'namespaces',
  'metrics',
  'dimension-keys',
  'dimension-values',
] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

export const ResourceQuerySchema = Type.Object({
  /** Default: the datasource's region (X-Switchboard-Region), then the proxy's AWS_REGION. */
  region: Type.Optional(RegionSchema),
  instanceId: Type.Optional(Type.String({ minLength: 1, maxLength: 512 })),
  namespace: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
  metricName: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
  dimensionKey: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
  /** JSON object: dimension name to a value or a list of values ("*" or [] = any value). */
  dimensions: Type.Optional(Type.String({ maxLength: 16_384 })),
  /** STANDARD, AGENT or both (comma-separated or repeated); default STANDARD. */
  queueTypes: Type.Optional(Type.Union([Type.String({ maxLength: 64 }), Type.Array(Type.String({ maxLength: 64 }))])),
});
export type ResourceQuery = Static<typeof ResourceQuerySchema>;
export type ResourceParameter = keyof ResourceQuery;

export const ResourceParamsSchema = Type.Object({ kind: Type.String({ maxLength: 64 }) });

/** The parameters of each kind besides `region` (which every AWS list takes): required ones first. */
export const RESOURCE_PARAMETERS: Record<
  ResourceKind,
  { required: readonly ResourceParameter[]; optional: readonly ResourceParameter[] }
> = {
  regions: { required: [], optional: [] },
  instances: { required: [], optional: [] },
  queues: { required: ['instanceId'], optional: ['queueTypes'] },
  'routing-profiles': { required: ['instanceId'], optional: [] },
  'agent-statuses': { required: ['instanceId'], optional: [] },
  'voice-connectors': { required: [], optional: [] },
  'voiceid-domains': { required: [], optional: [] },
  namespaces: { required: [], optional: [] },
  metrics: { required: ['namespace'], optional: [] },
  'dimension-keys': { required: ['namespace'], optional: ['metricName', 'dimensions'] },
  'dimension-values': { required: ['namespace', 'dimensionKey'], optional: ['metricName', 'dimensions'] },
};

/** A list entry: the value a variable or picker takes, the text it shows, and what else the kind says. */
export const ResourceItemSchema = Type.Object(
  { value: Type.String(), text: Type.String() },
  { additionalProperties: true }
);
export type ResourceItem = Static<typeof ResourceItemSchema> & { [extra: string]: unknown };

export const ResourceListSchema = Type.Array(ResourceItemSchema);
