import { getBackendSrv, isFetchError, type FetchResponse } from '@grafana/runtime';
import { lastValueFrom, map, type Observable } from 'rxjs';
import type { HealthResponse, QueryRequest, QueryResponse, ResourceItem } from '../connect/proxyApi';
import { PROXY_ROUTE } from './constants';

/**
 * The Switchboard proxy as the datasource reaches it: through Grafana's datasource proxy, whose route
 * (plugin.json) adds the proxy token and the AWS settings. Proxy API v1 (docs/api.md).
 */
/**
 * Grafana's datasource proxy replaces any 401 of the upstream with a 400 whose body is this text (modifyResponse in
 * Grafana's pkg/api/pluginproxy/ds_proxy.go). The Switchboard proxy answers 403 for what a user can fix, so this
 * comes from an older proxy or from something between Grafana and the proxy (an authenticating reverse proxy).
 */
export const GRAFANA_REWRITTEN_401 = 'Authentication to data source failed';

/** What Grafana answers when a route's reqRole or reqAction is not met (validateRequest in ds_proxy.go). */
export const GRAFANA_ROUTE_DENIED = 'plugin proxy route access denied';

/** A failure of the whole request (not of one query), in words a Grafana user can act on. */
export function describeProxyError(err: unknown): string {
  if (isFetchError(err)) {
    const body = err.data as { error?: string; message?: string; code?: string } | string | undefined;
    const detail = typeof body === 'string' ? body.trim() || undefined : (body?.error ?? body?.message);
    switch (err.status) {
      case 400:
        if (detail === GRAFANA_REWRITTEN_401) {
          return (
            `Grafana's data proxy answered "${GRAFANA_REWRITTEN_401}" (400): the proxy behind this datasource ` +
            'refused its credentials with a 401, which Grafana replaces. Check the proxy token in the datasource ' +
            "settings (it must equal the proxy's PROXY_TOKEN) and, with access keys, the access key and secret; " +
            "the proxy's log names the refusal."
          );
        }
        break;
      case 401:
        return 'Grafana refused the request (401): your Grafana session may have ended; sign in again.';
      case 403:
        if (detail === GRAFANA_ROUTE_DENIED) {
          return (
            `Grafana refused the request (403, ${GRAFANA_ROUTE_DENIED}): this part of the datasource ` +
            '(Save & test) is for organization administrators.'
          );
        }
        if (typeof body === 'object' && body?.error) {
          return `The Switchboard proxy refused the request (403): ${body.error}`;
        }
        break;
      case 502:
      case 503:
        return `Grafana could not reach the Switchboard proxy (${err.status}): check the proxy URL and that the proxy is running.${detail ? ` ${detail}` : ''}`;
      case 504:
        return 'Grafana gave up waiting for the Switchboard proxy (504): check that the proxy is running and that nothing between them drops the connection; Grafana waits [dataproxy] timeout seconds (30 by default).';
    }
    return `Switchboard proxy: ${detail ?? err.statusText ?? 'request failed'} (${err.status})`;
  }
  return (err as Error)?.message ?? String(err);
}

export class ProxyApi {
  constructor(private readonly datasourceUrl: string) {}

  private url(path: string): string {
    return `${this.datasourceUrl}/${PROXY_ROUTE}${path}`;
  }

  query(body: QueryRequest, requestId?: string): Observable<QueryResponse> {
    return getBackendSrv()
      .fetch<QueryResponse>({ url: this.url('/api/query'), method: 'POST', data: body, requestId })
      .pipe(map((res: FetchResponse<QueryResponse>) => res.data));
  }

  resources(kind: string, params: Record<string, string | undefined> = {}): Promise<ResourceItem[]> {
    const query = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined && v !== ''));
    return lastValueFrom(
      getBackendSrv().fetch<ResourceItem[]>({ url: this.url(`/api/resources/${kind}`), method: 'GET', params: query })
    ).then((res) => res.data);
  }

  health(params: Record<string, string | undefined> = {}): Promise<HealthResponse> {
    const query = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined && v !== ''));
    return lastValueFrom(
      getBackendSrv().fetch<HealthResponse>({
        url: this.url('/api/health'),
        method: 'GET',
        params: query,
        showErrorAlert: false,
      })
    ).then((res) => res.data);
  }
}
