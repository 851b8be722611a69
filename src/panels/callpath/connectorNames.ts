import { useEffect, useState } from 'react';
import type { DataQueryRequest, InterpolateFunction } from '@grafana/data';
import type { DataQuery } from '@grafana/schema';
import { getBackendSrv } from '@grafana/runtime';
import { lastValueFrom } from 'rxjs';
import { PROXY_ROUTE } from '../../datasource/constants';

/**
 * Voice Connector names for the diagrams' titles. CloudWatch series only carry the VoiceConnectorId, so the panel
 * asks the proxy's list (GET /api/resources/voice-connectors, cached there) through the same Switchboard datasource
 * and Region its queries used. Names are a convenience: when the list cannot be had, titles stay ids.
 */

export const DATASOURCE_TYPE = 'switchboard-connect-datasource';

export interface NameSource {
  datasourceUid: string;
  /** Empty: the datasource's default Region. */
  region: string;
}

interface CallPathTarget extends DataQuery {
  queryType?: string;
  namespace?: string;
  region?: string;
}

/** Where the panel's Voice Connector queries went: one source per (datasource, Region), in query order. */
export function nameSources(targets: DataQuery[] | undefined, replace: InterpolateFunction): NameSource[] {
  const out = new Map<string, NameSource>();
  for (const t of (targets ?? []) as CallPathTarget[]) {
    const ds = t.datasource;
    if (t.hide || ds?.type !== DATASOURCE_TYPE || !ds.uid || t.queryType !== 'cloudwatch') {
      continue;
    }
    if (replace(t.namespace ?? '') !== 'AWS/ChimeVoiceConnector') {
      continue;
    }
    const source = { datasourceUid: replace(ds.uid), region: replace(t.region ?? '') };
    out.set(`${source.datasourceUid}\u0000${source.region}`, source);
  }
  return [...out.values()];
}

export async function fetchConnectorNames(source: NameSource): Promise<Array<{ value: string; text: string }>> {
  const res = await lastValueFrom(
    getBackendSrv().fetch<Array<{ value: string; text: string }>>({
      url: `/api/datasources/proxy/uid/${source.datasourceUid}/${PROXY_ROUTE}/api/resources/voice-connectors`,
      method: 'GET',
      params: source.region ? { region: source.region } : {},
      // A missing name is not worth an error toast on a wall.
      showErrorAlert: false,
    })
  );
  return Array.isArray(res.data) ? res.data : [];
}

/** Names by VoiceConnectorId; asked again only when the panel's datasources or Regions change. */
export function useConnectorNames(
  request: DataQueryRequest | undefined,
  replace: InterpolateFunction
): Map<string, string> {
  const [names, setNames] = useState<Map<string, string>>(() => new Map());
  const sources = nameSources(request?.targets, replace);
  const key = JSON.stringify(sources);
  useEffect(() => {
    const wanted: NameSource[] = JSON.parse(key);
    if (wanted.length === 0) {
      return;
    }
    let cancelled = false;
    Promise.allSettled(wanted.map(fetchConnectorNames)).then((results) => {
      if (cancelled) {
        return;
      }
      const next = new Map<string, string>();
      for (const r of results) {
        if (r.status === 'fulfilled') {
          for (const item of r.value) {
            if (item.value && item.text && item.text !== item.value) {
              next.set(item.value, item.text);
            }
          }
        }
      }
      setNames(next);
    });
    return () => {
      cancelled = true;
    };
  }, [key]);
  return names;
}
