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
const isRaw = (d: unknown) => typeof d === 'string' || d instanceof FormData || d instanceof Blob;
const parseOr = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

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
      Object.entries(options.headers ?? {}).forEach(([name, value]) => headers.set(name, String(value)));
      if (url.startsWith('/api/') || url.startsWith('api/')) {
        headers.set('X-Grafana-Org-Id', '1');
      }
      const json = options.data !== undefined && method !== 'GET' && !isRaw(options.data);
      const body = method === 'GET' ? undefined : json ? JSON.stringify(options.data) : (options.data as BodyInit);
      if (json && !headers.has('Content-Type')) {
        headers.set('Content-Type', 'application/json');
      }

      this.pending++;
      let settled = false;
      const done = () => {
        this.pending -= settled ? 0 : 1;
        settled = true;
        if (options.requestId && this.inFlight.get(options.requestId) === controller) {
          this.inFlight.delete(options.requestId);
        }
      };
      const fail = (status: number, statusText: string, data: unknown) => {
        const error: FetchError = { status, statusText, data, config: options, isHandled: false };
        subscriber.error(error);
      };
      fetch(url, { method, headers, body, signal: controller.signal, credentials: 'same-origin' }).then(
        async (res) => {
          const text = await res.text().catch(() => undefined);
          done();
          if (text === undefined) {
            // cancelled while the body was read (a newer request with the same requestId)
            return subscriber.complete();
          }
          // JSON parsed; Grafana keeps a body that is not JSON as text.
          const asJson = options.responseType === undefined || options.responseType === 'json';
          const data: unknown = asJson && text === '' ? undefined : asJson ? parseOr(text) : text;
          this.requests.push({ method, url, status: res.status, requestId: options.requestId, body: options.data });
          const { status, statusText, ok, headers: h, redirected, type, url: at } = res;
          if (ok) {
            subscriber.next({
              data: data as T,
              status,
              statusText,
              ok,
              headers: h,
              redirected,
              type,
              url: at,
              config: options,
            });
            return subscriber.complete();
          }
          if (options.showErrorAlert !== false) {
            const detail = (data as { message?: string; error?: string } | undefined) ?? {};
            this.alerts.push(`${status} ${detail.message ?? detail.error ?? statusText}`);
          }
          fail(status, statusText, data);
        },
        (err: unknown) => {
          done();
          if (controller.signal.aborted) {
            return subscriber.complete();
          }
          this.requests.push({ method, url, status: 0 });
          fail(0, String(err), { message: String(err) });
        }
      );
      return () => {
        done();
        controller.abort();
      };
    });
  }

  request = <T>(options: BackendSrvRequest): Promise<T> => lastValueFrom(this.fetch<T>(options)).then((r) => r.data);
  datasourceRequest = <T>(options: BackendSrvRequest) => lastValueFrom(this.fetch<T>(options));
  get = <T>(url: string, params?: object, requestId?: string, options?: Partial<BackendSrvRequest>): Promise<T> =>
    this.request<T>({ ...options, url, method: 'GET', params, requestId });
  delete = <T>(url: string, data?: unknown, options?: Partial<BackendSrvRequest>): Promise<T> =>
    this.request<T>({ ...options, url, method: 'DELETE', data });
  post = <T>(url: string, data?: unknown, options?: Partial<BackendSrvRequest>): Promise<T> =>
    this.request<T>({ ...options, url, method: 'POST', data });
  patch = <T>(url: string, data?: unknown, options?: Partial<BackendSrvRequest>): Promise<T> =>
    this.request<T>({ ...options, url, method: 'PATCH', data });
  put = <T>(url: string, data?: unknown, options?: Partial<BackendSrvRequest>): Promise<T> =>
    this.request<T>({ ...options, url, method: 'PUT', data });

  chunked(): Observable<FetchResponse<Uint8Array | undefined>> {
    throw new Error('backendSrv.chunked is not part of the host page');
  }
}
