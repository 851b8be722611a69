import { Type } from '@sinclair/typebox';
import { ERROR_RESPONSES } from './errors';
import { HealthQuerySchema, HealthResponseSchema, LivenessSchema } from './health';
import { QueryRequestSchema } from './query';
import { ResourceListSchema, ResourceParamsSchema, ResourceQuerySchema } from './resources';
import { QueryResponseSchema } from './responses';

/**
 * Every route of the Proxy API with its request and response schemas: the proxy registers its routes with these
 * (fastify validates the requests and serialises the answers with them), the datasource types its calls with them,
 * and a test holds docs/api.md to them.
 */
export const PROXY_ROUTES = {
  query: {
    method: 'POST',
    url: '/api/query',
    schema: { body: QueryRequestSchema, response: { 200: QueryResponseSchema, ...ERROR_RESPONSES } },
  },
  resources: {
    method: 'GET',
    url: '/api/resources/:kind',
    schema: {
      params: ResourceParamsSchema,
      querystring: ResourceQuerySchema,
      response: { 200: ResourceListSchema, ...ERROR_RESPONSES },
    },
  },
  health: {
    method: 'GET',
    url: '/api/health',
    schema: { querystring: HealthQuerySchema, response: { 200: HealthResponseSchema, ...ERROR_RESPONSES } },
  },
  liveness: { method: 'GET', url: '/healthz', schema: { response: { 200: LivenessSchema } } },
  /** Prometheus text exposition; the content type says so. */
  metrics: { method: 'GET', url: '/metrics', schema: { response: { 200: Type.String(), ...ERROR_RESPONSES } } },
} as const;
