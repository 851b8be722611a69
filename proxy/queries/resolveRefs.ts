import { idOfName, resourceRef } from '../../src/connect/resourceRefs';
import type { AwsContext } from '../aws/context';
import type { ProxyContext } from '../context';
import { queueNames, routingProfileNames, type NameMap } from './names';
import { QueryError } from '../errors';

/**
 * Real-time and historical filters may name queues and routing profiles by name (src/connect/resourceRefs.ts); GetCurrentMetricData
 * and GetMetricDataV2 need ids. Names are looked up in the same cached lists that resolve ids to names in the table, so a dashboard of
 * names costs no extra upstream call. A name that is not there is the user's error (400), naming the field.
 */
export async function resolveFilterRefs<
  Q extends { instanceId: string; filters: { queues?: string[]; routingProfiles?: string[] } },
>(ctx: ProxyContext, aws: AwsContext, region: string, q: Q): Promise<Q> {
  const f = q.filters;
  const hasName = (values?: string[]) => (values ?? []).some((v) => resourceRef(v).kind === 'name');
  if (!hasName(f.queues) && !hasName(f.routingProfiles)) {
    return q;
  }
  const resolve = async (
    values: string[] | undefined,
    field: string,
    what: string,
    load: () => Promise<NameMap>
  ): Promise<string[] | undefined> => {
    if (!hasName(values)) {
      return values;
    }
    const items = [...(await load()).entries()].map(([id, name]) => ({ id, name }));
    const ids = (values ?? []).map((value, i) => {
      if (resourceRef(value).kind === 'id') {
        return value;
      }
      const id = idOfName(value, items);
      if (!id) {
        throw new QueryError(
          `${field}[${i}]: no ${what} named ${JSON.stringify(value)} in instance ${q.instanceId} (${region}); ` +
            `give ${what} ids, ARNs or names as Connect lists them`
        );
      }
      return id;
    });
    // Two spellings of one queue (its name and its id) are one filter entry.
    return [...new Set(ids)];
  };
  const [queues, routingProfiles] = await Promise.all([
    resolve(f.queues, 'filters.queues', 'standard queue', () => queueNames(ctx, aws, region, q.instanceId)),
    resolve(f.routingProfiles, 'filters.routingProfiles', 'routing profile', () =>
      routingProfileNames(ctx, aws, region, q.instanceId)
    ),
  ]);
  return { ...q, filters: { ...f, queues, routingProfiles } };
}
