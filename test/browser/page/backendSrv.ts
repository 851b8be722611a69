import { urlUtil } from '@grafana/data';
import type { BackendSrv, BackendSrvRequest, FetchError, FetchResponse } from '@grafana/runtime';
import { lastValueFrom, Observable } from 'rxjs';
import type { HostStateJson } from '../support/hostApi';

/**
 * Grafana's BackendSrv as a plugin sees it, reduced to what a datasource uses: fetch() (and the promise helpers on
 * top of it) against the same origin. It does what Grafana's backend_srv does to a request (params serialised with
 * urlUtil.serializeParams, JSON bodies, X-Grafana-Org-Id, a newer request with the same requestId cancels the
 * older one) and to a response (JSON parsed, status >= 400 thrown as a FetchError). Requests to
 * /api/datasources/proxy/uid/<uid>/... go out unchanged: the host server plays Grafana's datasource proxy
 * (test/browser/support/hostServer.ts), so the route's secrets never reach the browser, as in Grafana.
 */
export class HostBackendSrv implements BackendSrv {
  /** Error toasts Grafana would have shown (requests without showErrorAlert: false that failed). */
  readonly alerts: string[] = [];
  readonly requests: HostStateJson['requests'] = [];
  /** Requests sent and not answered yet. */
  pending = 0;
  private readonly inFlight = new Map<string, AbortController>();

  fetch<T>(options: BackendSrvRequest): Observable<FetchResponse<T>> {
    return new Observable<FetchResponse<T>>((subscriber) => {
      const controller = new AbortController();
      if (options.requestId) {
        // Grafana cancels the request in flight with the same id (a panel refreshed twice): it completes silently.
        this.inFlight.get(options.requestId)?.abort();
        this.inFlight.set(options.requestId, controller);
      }
      const method = (options.method ?? 'GET').toUpperCase();
      const query = options.params ? urlUtil.serializeParams(options.params) : '';
      const url = query ? `${options.url}${options.url.includes('?') ? '&' : '?'}${query}` : options.url;
      const headers = new Headers({ Accept: 'application/json, text/plain, */*' });
      for (const [name, value] of Object.entries(options.headers ?? {})) {
        headers.set(name, String(value));
      }
      if (url.startsWith('/api/') || url.startsWith('api/')) {
        headers.set('X-Grafana-Org-Id', '1');
      }
      let body: BodyInit | undefined;
      if (options.data !== undefined && method !== 'GET') {
        if (typeof options.data === 'string' || options.data instanceof FormData || options.data instanceof Blob) {
          body = options.data;
        } else {
          body = JSON.stringify(options.data);
          if (!headers.has('Content-Type')) {
            headers.set('Content-Type', 'application/json');
          }
        }
      }

      this.pending++;
      let settled = false;
      const done = () => {
        if (!settled) {
          settled = true;
          this.pending--;
        }
        if (options.requestId && this.inFlight.get(options.requestId) === controller) {
          this.inFlight.delete(options.requestId);
        }
      };
      fetch(url, { method, headers, body, signal: controller.signal, credentials: 'same-origin' }).then(
        async (res) => {
          const text = await res.text().catch(() => undefined);
          if (text === undefined) {
            // cancelled while the body was read (a newer request with the same requestId)
            done();
            return subscriber.complete();
          }
          let data: unknown = text;
          if (options.responseType === undefined || options.responseType === 'json') {
            try {
              data = text === '' ? undefined : JSON.parse(text);
            } catch {
              // Grafana keeps a body that is not JSON as text.
            }
          }
          this.requests.push({ method, url, status: res.status, requestId: options.requestId, body: options.data });
          done();
          const response: FetchResponse<T> = {
            data: data as T,
            status: res.status,
            statusText: res.statusText,
            ok: res.ok,
            headers: res.headers,
            redirected: res.redirected,
            type: res.type,
            url: res.url,
            config: options,
          };
          if (res.ok) {
            subscriber.next(response);
            subscriber.complete();
            return;
          }
          const error: FetchError = {
            status: res.status,
            statusText: res.statusText,
            data,
            config: options,
            isHandled: false,
          };
          if (options.showErrorAlert !== false) {
            const detail = (data as { message?: string; error?: string } | undefined) ?? {};
            this.alerts.push(`${res.status} ${detail.message ?? detail.error ?? res.statusText}`);
          }
          subscriber.error(error);
        },
        (err: unknown) => {
          done();
          if (controller.signal.aborted) {
            subscriber.complete();
            return;
          }
          this.requests.push({ method, url, status: 0 });
          const error: FetchError = {
            status: 0,
            statusText: String(err),
            data: { message: String(err) },
            config: options,
          };
          subscriber.error(error);
        }
      );
      return () => {
        done();
        controller.abort();
      };
    });
  }

  request<T>(options: BackendSrvRequest): Promise<T> {
    return lastValueFrom(this.fetch<T>(options)).then((res) => res.data);
  }

  datasourceRequest<T>(options: BackendSrvRequest): Promise<FetchResponse<T>> {
    return lastValueFrom(this.fetch<T>(options));
  }

  get<T>(
    url: string,
    params?: Record<string, unknown>,
    requestId?: string,
    options?: Partial<BackendSrvRequest>
  ): Promise<T> {
    return this.request<T>({ ...options, url, method: 'GET', params, requestId });
  }

  delete<T>(url: string, data?: unknown, options?: Partial<BackendSrvRequest>): Promise<T> {
    return this.request<T>({ ...options, url, method: 'DELETE', data });
  }

  post<T>(url: string, data?: unknown, options?: Partial<BackendSrvRequest>): Promise<T> {
    return this.request<T>({ ...options, url, method: 'POST', data });
  }

  patch<T>(url: string, data?: unknown, options?: Partial<BackendSrvRequest>): Promise<T> {
    return this.request<T>({ ...options, url, method: 'PATCH', data });
  }

  put<T>(url: string, data?: unknown, options?: Partial<BackendSrvRequest>): Promise<T> {
    return this.request<T>({ ...options, url, method: 'PUT', data });
  }

  chunked(): Observable<FetchResponse<Uint8Array | undefined>> {
    throw new Error('backendSrv.chunked is not emulated by the test host');
  }
}
