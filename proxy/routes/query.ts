import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { PROXY_ROUTES } from '../../src/connect/proxyApi';
import { awsOf } from '../aws/requestContext';
import type { ProxyContext } from '../context';
import { runQueries } from '../queries/run';

/** POST /api/query (Proxy API v1): every query of a panel refresh in one request, an entry per refId. */
export interface QueryRouteOptions {
  ctx: ProxyContext;
}

export const queryRoutes: FastifyPluginAsyncTypebox<QueryRouteOptions> = async (app, { ctx }) => {
  // A request that cannot run as a whole (its range) is a QueryError: the error handler answers it (app.ts).
  app.route({
    ...PROXY_ROUTES.query,
    config: { aws: true },
    handler: async (request) => runQueries(ctx, awsOf(request), request.body),
  });
};
