/** The lists of GET /api/resources/{kind} (Proxy API v1): what the proxy serves and the datasource asks for. */
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
