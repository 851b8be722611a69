import { getBackendSrv, isFetchError, type FetchResponse } from '@grafana/runtime';
import { lastValueFrom, map, type Observable } from 'rxjs';
import type { QueryRequest } from '../connect/query';
import { PROXY_ROUTE } from './constants';
import type { ResourceItem } from './types';

/**
 * The Switchboard proxy as the datasource reaches it: through Grafana's datasource proxy, whose route
 * (plugin.json) adds the proxy token and the AWS settings. Proxy API v1 (docs/api.md).
 */
export interface ProxyQueryResult {
  status: number;
  frames?: unknown[];
  error?: string;
}

export interface ProxyQueryResponse {
  results: Record<string, ProxyQueryResult>;
}

export interface HealthCheck {
  name: string;
  status: 'ok' | 'error' | 'warning';
  message: string;
}

export interface HealthResponse {
  status: 'ok' | 'error';
  checks: HealthCheck[];
}

/** A failure of the whole request (not of one query), in words a Grafana user can act on. */
export function describeProxyError(err: unknown): string {
  if (isFetchError(err)) {
    const detail =
      (err.data as { error?: string; message?: string } | undefined)?.error ??
      (err.data as { message?: string } | undefined)?.message;
    switch (err.status) {
      case 401:
        return 'The Switchboard proxy refused the request (401): check the proxy token in the datasource settings.';
      case 502:
      case 503:
      case 504:
        return `Grafana could not reach the Switchboard proxy (${err.status}): check the proxy URL and that the proxy is running.${detail ? ` ${detail}` : ''}`;
      default:
        return `Switchboard proxy: ${detail ?? err.statusText ?? 'request failed'} (${err.status})`;
    }
  }
  return (err as Error)?.message ?? String(err);
}

export class ProxyApi {
  constructor(private readonly datasourceUrl: string) {}

  private url(path: string): string {
    return `${this.datasourceUrl}/${PROXY_ROUTE}${path}`;
  }

  query(body: QueryRequest, requestId?: string): Observable<ProxyQueryResponse> {
    return getBackendSrv()
      .fetch<ProxyQueryResponse>({ url: this.url('/api/query'), method: 'POST', data: body, requestId })
      .pipe(map((res: FetchResponse<ProxyQueryResponse>) => res.data));
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
