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
import type { ResourceItem, SwitchboardVariableQuery } from './types';

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

/** The values of a variable query, with its own fields interpolated. */
export async function loadVariableValues(
  ds: Pick<SwitchboardDataSource, 'api'>,
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
  return ds.api.resources(q.kind, {
    region: r(q.region),
    instanceId: r(q.instanceId),
    namespace: r(q.namespace),
    metricName: r(q.metricName),
    dimensionKey: r(q.dimensionKey),
    dimensions: r(q.dimensions),
    queueTypes: q.queueTypes,
  });
}
