import { ListQueuesCommand, ListRoutingProfilesCommand } from '@aws-sdk/client-connect';
import type { AwsContext } from '../aws/context';
import type { ProxyContext } from '../context';
import { callAws } from '../upstream/call';

/**
 * Names of queues and routing profiles by id, for tables that show names: from cached ListQueues and
 * ListRoutingProfiles (every page), shared by all queries of the same credentials, region and instance.
 */

/** Follows NextToken until the last page; each page is its own (rate-limited) AWS call. */
export async function allPages<P extends { NextToken?: string }>(
  fetch: (nextToken?: string) => Promise<P>
): Promise<P[]> {
  const pages: P[] = [];
  let token: string | undefined;
  do {
    const page = await fetch(token);
    pages.push(page);
    token = page.NextToken || undefined;
  } while (token);
  return pages;
}

/** Cache size of an id -> name map (ids are UUIDs; names are short). */
const mapBytes = (m: unknown) => 64 + (m as Map<string, string>).size * 160;

export function queueNames(
  ctx: ProxyContext,
  aws: AwsContext,
  region: string,
  instanceId: string
): Promise<Map<string, string>> {
  const key = `queue-names|${aws.credentialsKey}|${region}|${instanceId}`;
  return ctx.caches.resources.getOrLoad(
    key,
    ctx.config.resourceCacheTtlMs,
    async () => {
      const client = aws.connect(region);
      const call = { service: 'connect' as const, operation: 'ListQueues', region, instanceId };
      const pages = await allPages((NextToken) =>
        callAws(ctx, aws, call, () =>
          client.send(
            new ListQueuesCommand({ InstanceId: instanceId, QueueTypes: ['STANDARD'], MaxResults: 1000, NextToken })
          )
        )
      );
      return new Map(pages.flatMap((p) => p.QueueSummaryList ?? []).map((q) => [q.Id!, q.Name ?? q.Id!]));
    },
    mapBytes
  ) as Promise<Map<string, string>>;
}

export function routingProfileNames(
  ctx: ProxyContext,
  aws: AwsContext,
  region: string,
  instanceId: string
): Promise<Map<string, string>> {
  const key = `routing-profile-names|${aws.credentialsKey}|${region}|${instanceId}`;
  return ctx.caches.resources.getOrLoad(
    key,
    ctx.config.resourceCacheTtlMs,
    async () => {
      const client = aws.connect(region);
      const call = { service: 'connect' as const, operation: 'ListRoutingProfiles', region, instanceId };
      const pages = await allPages((NextToken) =>
        callAws(ctx, aws, call, () =>
          client.send(new ListRoutingProfilesCommand({ InstanceId: instanceId, MaxResults: 1000, NextToken }))
        )
      );
      return new Map(pages.flatMap((p) => p.RoutingProfileSummaryList ?? []).map((r) => [r.Id!, r.Name ?? r.Id!]));
    },
    mapBytes
  ) as Promise<Map<string, string>>;
}
