import type { AwsContext } from '../aws/context';
import type { ProxyContext } from '../context';

/**
 * Names by id for tables that show names: the same cached lists the editors and variables read
 * (GET /api/resources), so a dashboard costs one ListQueues per instance whatever it shows.
 */
export type NameMap = Map<string, string>;

async function names(list: Promise<Array<{ value: string; text: string }>>): Promise<NameMap> {
  return new Map((await list).map((item) => [item.value, item.text]));
}

export const queueNames = (ctx: ProxyContext, aws: AwsContext, region: string, instanceId: string) =>
  names(ctx.resources.loaders.queues(aws, region, { instanceId, queueTypes: 'STANDARD' }));

export const routingProfileNames = (ctx: ProxyContext, aws: AwsContext, region: string, instanceId: string) =>
  names(ctx.resources.loaders['routing-profiles'](aws, region, { instanceId }));

export const agentStatusNames = (ctx: ProxyContext, aws: AwsContext, region: string, instanceId: string) =>
  names(ctx.resources.loaders['agent-statuses'](aws, region, { instanceId }));
