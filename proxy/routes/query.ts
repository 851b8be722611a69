import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { PROXY_ROUTES } from '../../src/connect/proxyApi';
import type { AwsContext } from '../aws/context';
import type { ProxyContext } from '../context';
import { runQueries } from '../queries/run';

/** POST /api/query (Proxy API v1): every query of a panel refresh in one request, an entry per refId. */
export interface QueryRouteOptions {
  ctx: ProxyContext;
  awsFor: (request: FastifyRequest) => AwsContext;
}

export const queryRoutes: FastifyPluginAsyncTypebox<QueryRouteOptions> = async (app, { ctx, awsFor }) => {
  // A request that cannot run as a whole (its range) is a QueryError: the error handler answers it (app.ts).
  app.route({
    ...PROXY_ROUTES.query,
    handler: async (request) => runQueries(ctx, awsFor(request), request.body),
  });
};
