import {
  CustomVariableSupport,
  type DataQueryRequest,
  type DataQueryResponse,
  FieldType,
  createDataFrame,
} from '@grafana/data';
import { from, map, type Observable } from 'rxjs';
import { CHANNELS, CHANNEL_LABELS } from '../connect/channels';
import type { SwitchboardDataSource } from './datasource';
import { VariableQueryEditor } from './components/VariableQueryEditor';
import { VALUE_FIELD_KINDS, type ResourceItem, type SwitchboardVariableQuery } from './types';

/**
 * Template variables from the proxy's resource lists (regions, instances, queues, routing profiles, agent statuses,
 * channels, voice connectors, Voice ID domains, namespaces, metrics, dimension keys and values). Variables inside the
 * variable query (a queue list per $instance) are replaced first.
 */
export class SwitchboardVariableSupport extends CustomVariableSupport<SwitchboardDataSource, SwitchboardVariableQuery> {
  editor = VariableQueryEditor;

  constructor(private readonly ds: SwitchboardDataSource) {
    super();
  }

  query(request: DataQueryRequest<SwitchboardVariableQuery>): Observable<DataQueryResponse> {
    const q = request.targets[0];
    return from(loadVariableValues(this.ds, q, (s) => this.ds.templateReplace(s, request.scopedVars))).pipe(
      map((items) => ({
        data: [
          createDataFrame({
            fields: [
              { name: 'text', type: FieldType.string, values: items.map((i) => i.text) },
              { name: 'value', type: FieldType.string, values: items.map((i) => i.value) },
            ],
          }),
        ],
      }))
    );
  }
}

/**
 * The values of a variable query, with its own fields interpolated. The datasource's default region and instance come
 * first in their lists: a dashboard variable without a saved value takes the first one, so a provisioned dashboard
 * opens on the Region and instance the datasource is set up for.
 */
export async function loadVariableValues(
  ds: Pick<SwitchboardDataSource, 'api'> & { defaults?: { region?: string; instanceId?: string } },
  q: SwitchboardVariableQuery | undefined,
  replace: (s: string) => string
): Promise<ResourceItem[]> {
  if (!q?.kind) {
    return [];
  }
  if (q.kind === 'channels') {
    return CHANNELS.map((c) => ({ value: c, text: CHANNEL_LABELS[c] }));
  }
  const r = (s?: string) => (s === undefined || s === '' ? undefined : replace(s));
  const items = defaultFirst(
    await ds.api.resources(q.kind, {
      region: r(q.region),
      instanceId: r(q.instanceId),
      namespace: r(q.namespace),
      metricName: r(q.metricName),
      dimensionKey: r(q.dimensionKey),
      dimensions: r(q.dimensions),
      queueTypes: q.queueTypes,
    }),
    q.kind === 'regions' ? ds.defaults?.region : q.kind === 'instances' ? ds.defaults?.instanceId : undefined
  );
  return q.valueField === 'name' && VALUE_FIELD_KINDS.includes(q.kind)
    ? items.map((i) => ({ ...i, value: i.text }))
    : items;
}

function defaultFirst(items: ResourceItem[], value: string | undefined): ResourceItem[] {
  const i = value ? items.findIndex((item) => item.value === value) : -1;
  return i > 0 ? [items[i], ...items.slice(0, i), ...items.slice(i + 1)] : items;
}
