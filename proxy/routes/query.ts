import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { QueryRequestSchema, type QueryRequest } from '../../src/connect/proxyApi';
import type { AwsContext } from '../aws/context';
import type { ProxyContext } from '../context';
import { runQueries } from '../queries/run';
import { QueryError } from '../errors';

/** POST /api/query (Proxy API v1): every query of a panel refresh in one request, an entry per refId. */
export interface QueryRouteOptions {
  ctx: ProxyContext;
  awsFor: (request: FastifyRequest) => AwsContext;
}

export const queryRoutes: FastifyPluginAsync<QueryRouteOptions> = async (app, { ctx, awsFor }) => {
  app.post<{ Body: QueryRequest }>('/query', { schema: { body: QueryRequestSchema } }, async (request, reply) => {
    const aws = awsFor(request);
    try {
      return await runQueries(ctx, aws, request.body);
    } catch (err) {
      if (err instanceof QueryError) {
        return reply.code(err.status).send({ error: err.message });
      }
      throw err;
    }
  });
};
