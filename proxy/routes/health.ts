import { ListMetricsCommand } from '@aws-sdk/client-cloudwatch';
import { ListInstancesCommand, type InstanceSummary } from '@aws-sdk/client-connect';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { PROXY_ROUTES, type CheckStatus, type HealthCheck } from '../../src/connect/proxyApi';
import type { ProxyAwsContext } from '../aws/clients';
import { UpstreamError } from '../aws/errors';
import { awsOf } from '../aws/requestContext';
import { AwsSettingsError } from '../errors';
import type { ProxyContext } from '../context';
import { callAws } from '../upstream/call';

/**
 * Health: /healthz (the process is up; for container probes), /metrics (Prometheus) and /api/health (the
 * datasource's "Save & test": can the proxy reach AWS with this datasource's settings?). /api/health always answers
 * 200 with its checks, because Grafana shows the checks' messages; each check has a short timeout.
 */

export type { CheckStatus, HealthCheck };

export interface HealthRouteOptions {
  ctx: ProxyContext;
  /** Longest each check may take. Default 5000 ms. */
  checkTimeoutMs?: number;
}

/** ListInstances pages to read looking for the instance (10 instances a page; accounts have a handful). */
const MAX_INSTANCE_PAGES = 10;

class CheckTimeout extends Error {}

/** Runs `work` with an abort signal that fires after `ms`; a timeout rejects with CheckTimeout. */
async function withTimeout<T>(ms: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new CheckTimeout());
    }, ms);
  });
  try {
    return await Promise.race([work(controller.signal), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The last four characters of an access key id: enough to tell keys apart in a message. */
const keyHint = (id: string) => `…${id.slice(-4)}`;

function credentialsFailure(authType: string, err: unknown): string {
  const e = err as { name?: string; message?: string };
  if (e?.name === 'AssumeRoleError') {
    return e.message ?? 'Could not assume the role of the datasource.';
  }
  if (authType === 'default') {
    return (
      "The proxy found no AWS credentials in its default chain (environment variables AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE and ~/.aws, SSO, web identity, container or EC2 instance role). Give the proxy's process credentials, or set access keys or a role to assume in the datasource." +
      (e?.message ? ` (${e.name ?? 'Error'}: ${e.message})` : '')
    );
  }
  return `The credentials of the datasource could not be used: ${e?.name ?? 'Error'}: ${e?.message ?? ''}`;
}

function failure(err: unknown, what: string, timeoutMs: number): string {
  if (err instanceof CheckTimeout) {
    return `${what} did not answer within ${timeoutMs / 1000} s: check the network path from the proxy to AWS (or the endpoint override).`;
  }
  if (err instanceof UpstreamError) {
    return err.message;
  }
  return `${what} failed: ${(err as Error)?.message ?? String(err)}`;
}

export const healthRoutes: FastifyPluginAsyncTypebox<HealthRouteOptions> = async (app, options) => {
  const { ctx } = options;
  const timeoutMs = options.checkTimeoutMs ?? 5000;

  app.route({ ...PROXY_ROUTES.liveness, config: { public: true }, handler: async () => ({ status: 'ok' as const }) });

  app.route({
    ...PROXY_ROUTES.metrics,
    config: { scrape: true },
    handler: async (_request, reply) => {
      const registry = ctx.metrics.registry;
      return reply.type(registry.contentType).send(await registry.metrics());
    },
  });

  const credentialsCheck = async (aws: ProxyAwsContext, region: string): Promise<HealthCheck> => {
    try {
      // The resolved credentials of a client: the same provider (and cache) the AWS calls use.
      const creds = await withTimeout(timeoutMs, () => aws.connect(region).config.credentials());
      const hint = keyHint(creds.accessKeyId);
      const message =
        aws.authType === 'keys'
          ? `Using the access key ${hint} set in the datasource.`
          : aws.authType === 'assume-role'
            ? `Assumed the role ${aws.roleArn}${creds.expiration ? `; the session is valid until ${creds.expiration.toISOString()}` : ''}.`
            : `Using the proxy's own credentials (access key ${hint}).`;
      return { name: 'credentials', status: 'ok', message };
    } catch (err) {
      const message =
        err instanceof CheckTimeout
          ? `Resolving credentials took longer than ${timeoutMs / 1000} s (an instance or container role that does not answer, or an unreachable STS endpoint).`
          : credentialsFailure(aws.authType, err);
      return { name: 'credentials', status: 'error', message };
    }
  };

  const connectCheck = async (aws: ProxyAwsContext, region: string, instanceId?: string): Promise<HealthCheck> => {
    const name = 'connect';
    try {
      const instances = await withTimeout(timeoutMs, async (abortSignal) => {
        const client = aws.connect(region);
        const found: InstanceSummary[] = [];
        let NextToken: string | undefined;
        for (let page = 0; page < MAX_INSTANCE_PAGES; page++) {
          const out = await callAws(ctx, aws, { service: 'connect', operation: 'ListInstances', region }, () =>
            client.send(new ListInstancesCommand({ MaxResults: 10, NextToken }), { abortSignal })
          );
          found.push(...(out.InstanceSummaryList ?? []));
          NextToken = out.NextToken || undefined;
          if (!NextToken) {
            break;
          }
        }
        return found;
      });
      const aliases = instances.map((i) => i.InstanceAlias ?? i.Id).join(', ');
      if (instanceId) {
        const match = instances.find((i) => i.Id === instanceId || i.Arn === instanceId);
        if (!match) {
          return {
            name,
            status: 'error',
            message: `Amazon Connect instance ${instanceId} is not among the instances these credentials see in ${region} (${instances.length ? aliases : 'none'}): check the instance id and the region of the datasource.`,
          };
        }
        const label = `Amazon Connect instance ${match.InstanceAlias ?? match.Id} (${match.Id})`;
        return match.InstanceStatus && match.InstanceStatus !== 'ACTIVE'
          ? { name, status: 'warning', message: `${label} is ${match.InstanceStatus} in ${region}, not ACTIVE.` }
          : { name, status: 'ok', message: `${label} is active in ${region}.` };
      }
      if (instances.length === 0) {
        return {
          name,
          status: 'warning',
          message: `Amazon Connect answers in ${region}, but these credentials see no instance there: check the region.`,
        };
      }
      return {
        name,
        status: 'ok',
        message: `Amazon Connect answers in ${region}: ${instances.length} instance${instances.length === 1 ? '' : 's'} (${aliases}).`,
      };
    } catch (err) {
      return { name, status: 'error', message: failure(err, `Amazon Connect ListInstances in ${region}`, timeoutMs) };
    }
  };

  const cloudWatchCheck = async (aws: ProxyAwsContext, region: string): Promise<HealthCheck> => {
    const name = 'cloudwatch';
    try {
      const out = await withTimeout(timeoutMs, (abortSignal) => {
        const client = aws.cloudwatch(region);
        return callAws(ctx, aws, { service: 'cloudwatch', operation: 'ListMetrics', region }, () =>
          client.send(new ListMetricsCommand({ Namespace: 'AWS/Connect' }), { abortSignal })
        );
      });
      const count = out.Metrics?.length ?? 0;
      if (count === 0) {
        return {
          name,
          status: 'warning',
          message: `CloudWatch answers in ${region}, but AWS/Connect has no metrics there from the last two weeks (Connect publishes them once an instance has activity).`,
        };
      }
      return {
        name,
        status: 'ok',
        message: `CloudWatch answers in ${region}: AWS/Connect has ${out.NextToken ? `more than ${count}` : count} metrics.`,
      };
    } catch (err) {
      return { name, status: 'error', message: failure(err, `CloudWatch ListMetrics in ${region}`, timeoutMs) };
    }
  };

  app.route({
    ...PROXY_ROUTES.health,
    config: { aws: true },
    handler: async (request) => {
      let aws: ProxyAwsContext;
      try {
        aws = awsOf(request);
      } catch (err) {
        if (err instanceof AwsSettingsError) {
          return {
            status: 'error' as const,
            checks: [{ name: 'settings', status: 'error' as const, message: err.message }],
          };
        }
        throw err;
      }
      const region = request.query.region ?? aws.defaultRegion;
      const checks: HealthCheck[] = [await credentialsCheck(aws, region)];
      if (checks[0].status === 'error') {
        const message =
          'Not checked: the proxy has no usable credentials for this datasource (see the credentials check).';
        checks.push({ name: 'connect', status: 'error', message }, { name: 'cloudwatch', status: 'error', message });
      } else {
        checks.push(
          ...(await Promise.all([connectCheck(aws, region, request.query.instanceId), cloudWatchCheck(aws, region)]))
        );
      }
      // Redis (REDIS_URL) never fails the check: without it the replica still answers, alone (a warning).
      if (ctx.redis) {
        checks.push({ name: 'redis', ...ctx.redis.health() });
      }
      return { status: checks.some((c) => c.status === 'error') ? ('error' as const) : ('ok' as const), checks };
    },
  });
};
