import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { awsOf } from '../aws/requestContext';
import { CONNECT_REGIONS } from '../../src/connect/regions';
import type { ProxyContext } from '../context';
import { PROXY_ROUTES, RESOURCE_KINDS, type ResourceKind } from '../../src/connect/proxyApi';

/** GET /api/resources/{kind}: the lists of proxy/resources.ts, as `[{ value, text, ...extra }]`. */

export interface ResourceRouteOptions {
  ctx: ProxyContext;
}

export const resourceRoutes: FastifyPluginAsyncTypebox<ResourceRouteOptions> = async (app, options) => {
  const { ctx } = options;
  const { loaders } = ctx.resources;

  app.route({
    ...PROXY_ROUTES.resources,
    config: { aws: true },
    handler: async (request, reply) => {
      const kind = request.params.kind as ResourceKind;
      if (!RESOURCE_KINDS.includes(kind)) {
        return reply.code(404).send({
          error: `Unknown resource kind ${JSON.stringify(request.params.kind)}: use one of ${RESOURCE_KINDS.join(', ')}`,
        });
      }
      if (kind === 'regions') {
        return CONNECT_REGIONS.map((r) => ({ value: r.code, text: `${r.name} (${r.code})`, name: r.name }));
      }
      const aws = awsOf(request);
      const region = request.query.region ?? aws.defaultRegion;
      return loaders[kind](aws, region, request.query);
    },
  });
};
