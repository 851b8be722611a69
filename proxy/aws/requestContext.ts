import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AwsSettingsError } from '../errors';
import type { AwsClients, ProxyAwsContext } from './clients';
import { readAwsSettings, type AwsDefaults } from './settings';

/**
 * The AWS side of a request (credentials, default region, SDK clients), from its X-Switchboard-* headers: a request
 * decoration that a hook sets once per request on the routes whose config asks for it (`config: { aws: true }`).
 */

declare module 'fastify' {
  interface FastifyRequest {
    /** This request's AWS context, or the error that says what is wrong with its AWS settings headers. */
    awsContext: ProxyAwsContext | AwsSettingsError | undefined;
  }
  interface FastifyContextConfig {
    /** The route works with AWS: the hook reads the request's AWS settings before its handler. */
    aws?: boolean;
  }
}

export function registerAwsContext(app: FastifyInstance, clients: AwsClients, defaults: AwsDefaults): void {
  app.decorateRequest('awsContext', undefined);
  app.addHook('preHandler', async (request) => {
    if (!request.routeOptions.config.aws) {
      return;
    }
    try {
      request.awsContext = clients.forSettings(readAwsSettings(request.headers, defaults));
    } catch (err) {
      if (!(err instanceof AwsSettingsError)) {
        throw err;
      }
      // kept for the handler: /api/health answers it as a failed check, the other routes with a 400
      request.awsContext = err;
    }
  });
}

/** The request's AWS context; a 400 AwsSettingsError when its headers are wrong. */
export function awsOf(request: FastifyRequest): ProxyAwsContext {
  const aws = request.awsContext;
  if (aws instanceof AwsSettingsError) {
    throw aws;
  }
  if (aws === undefined) {
    throw new Error(`${request.routeOptions.url} has no AWS context: its route config must say aws: true`);
  }
  return aws;
}
