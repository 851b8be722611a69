import { idOfName, resourceRef } from '../../src/connect/resourceRefs';
import type { AwsContext } from '../aws/context';
import type { ProxyContext } from '../context';
import type { ResourceItem } from '../resources';

/**
 * What the exporter polls: instances and their queues, from the same cached lists the editors and the real-time
 * tables read (GET /api/resources), so the exporter costs no list call a dashboard does not already make.
 */

/** The queue part of a queue ARN: arn:aws:connect:<region>:<account>:instance/<id>/queue/<queue id>. */
const QUEUE_ARN_ID = /\/queue\/([^/]+)$/;

export interface QueueSelection {
  /** Queue ids, in the list's order (by name), so the GetCurrentMetricData filter is the same poll after poll. */
  ids: string[];
  /** Entries of EXPORTER_QUEUES that name no queue of this instance. */
  unmatched: string[];
}

/**
 * The standard queues to export from an instance's list: all of them, or those an entry names by id, ARN or name
 * (names as the real-time filters match them: exactly, else ignoring case when that is unambiguous). With several
 * instances an entry usually names a queue of one of them, so an unmatched entry is no error here.
 */
export function selectQueues(selection: 'all' | string[], queues: ResourceItem[]): QueueSelection {
  if (selection === 'all') {
    return { ids: queues.map((q) => q.value), unmatched: [] };
  }
  const chosen = new Set<string>();
  const unmatched: string[] = [];
  const items = queues.map((q) => ({ id: q.value, name: q.text }));
  for (const entry of selection) {
    let id: string | undefined;
    if (resourceRef(entry).kind === 'id') {
      const byArnOrId = queues.find((q) => q.value === entry || q.arn === entry);
      id = byArnOrId?.value ?? queues.find((q) => q.value === QUEUE_ARN_ID.exec(entry)?.[1])?.value;
    } else {
      id = idOfName(entry, items);
    }
    if (id) {
      chosen.add(id);
    } else {
      unmatched.push(entry);
    }
  }
  return { ids: queues.map((q) => q.value).filter((id) => chosen.has(id)), unmatched };
}

export const loadQueues = (ctx: ProxyContext, aws: AwsContext, region: string, instanceId: string) =>
  ctx.resources.loaders.queues(aws, region, { instanceId, queueTypes: 'STANDARD' });

/** The instances of a region that can answer (ListInstances also lists instances being created or failed). */
export async function activeInstances(ctx: ProxyContext, aws: AwsContext, region: string): Promise<ResourceItem[]> {
  const all = await ctx.resources.loaders.instances(aws, region, {});
  return all.filter((i) => i.status === undefined || i.status === 'ACTIVE');
}

export const loadVoiceConnectors = (ctx: ProxyContext, aws: AwsContext, region: string) =>
  ctx.resources.loaders['voice-connectors'](aws, region, {});
