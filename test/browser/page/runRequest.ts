import {
  LoadingState,
  type DataQueryError,
  type DataQueryRequest,
  type DataQueryResponse,
  type DataSourceApi,
  type PanelData,
} from '@grafana/data';
import { toDataQueryError } from '@grafana/runtime';
import { catchError, from, map, of, type Observable } from 'rxjs';

/** Every request a datasource got from the scene (panels and variables), oldest first: the tests read them. */
export const receivedRequests: DataQueryRequest[] = [];

/**
 * Grafana's runRequest (public/app/features/query/state/runRequest.ts), which Grafana hands @grafana/runtime at boot
 * (setRunRequest) and which is not published on npm: SceneQueryRunner and the query variable runner call it with
 * the request they built. It calls the datasource's query() (or the query function given) and folds the answer packets (by key) into PanelData:
 * Error when a packet carries errors, the packet's own state otherwise, Done by default.
 */
export function runRequest(
  ds: DataSourceApi,
  request: DataQueryRequest,
  queryFunction?: DataSourceApi['query']
): Observable<PanelData> {
  receivedRequests.push(request);
  const base: PanelData = { state: LoadingState.Loading, series: [], request, timeRange: request.range };
  if (request.targets.length === 0) {
    return of({ ...base, state: LoadingState.Done });
  }
  const packets = new Map<string, DataQueryResponse>();
  // A query variable's runner passes the variable support's query() (callQueryMethod).
  return from(queryFunction ? queryFunction(request) : ds.query(request)).pipe(
    map((packet: DataQueryResponse) => {
      packets.set(packet.key ?? 'A', packet);
      const all = [...packets.values()];
      const errors: DataQueryError[] = all.flatMap((p) => p.errors ?? (p.error ? [p.error] : []));
      return {
        ...base,
        state: errors.length > 0 ? LoadingState.Error : (packet.state ?? LoadingState.Done),
        series: all.flatMap((p) => p.data),
        errors: errors.length > 0 ? errors : undefined,
        error: errors[0],
      };
    }),
    catchError((err: unknown) => {
      const error = toDataQueryError(err as Error);
      return of({ ...base, state: LoadingState.Error, error, errors: [error] });
    })
  );
}
