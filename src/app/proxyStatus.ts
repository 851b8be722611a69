import { getBackendSrv, getDataSourceSrv } from '@grafana/runtime';
import { lastValueFrom } from 'rxjs';

/** Where each Switchboard datasource's proxy stands, for the app's pages. */
export interface ProxyStatus {
  uid: string;
  name: string;
  ok: boolean;
  message: string;
}

export const DATASOURCE_ID = 'switchboard-connect-datasource';

/** Asks every Switchboard datasource's proxy for /healthz through the datasource's route (as queries go). */
export async function proxyStatuses(): Promise<ProxyStatus[]> {
  const list = getDataSourceSrv().getList({ pluginId: DATASOURCE_ID });
  return Promise.all(
    list.map(async (ds) => {
      try {
        const res = await lastValueFrom(
          getBackendSrv().fetch<{ status?: string }>({
            url: `/api/datasources/proxy/uid/${ds.uid}/switchboard/healthz`,
            method: 'GET',
            showErrorAlert: false,
          })
        );
        const ok = res.data?.status === 'ok';
        return {
          uid: ds.uid,
          name: ds.name,
          ok,
          message: ok ? 'The proxy answers.' : 'The proxy answered unexpectedly.',
        };
      } catch (err) {
        const status = (err as { status?: number }).status;
        return {
          uid: ds.uid,
          name: ds.name,
          ok: false,
          message:
            status === 502 || status === 503 || status === 504
              ? 'Grafana cannot reach the proxy: check the proxy URL in the datasource and that the proxy runs.'
              : `The proxy did not answer (${status ?? 'no response'}).`,
        };
      }
    })
  );
}
