import { useEffect, useState } from 'react';
import { describeProxyError, type ProxyApi } from '../api';
import type { ResourceItem, SwitchboardOptions } from '../types';

/** What the editors need of the datasource: the proxy's resource lists, its settings and variable interpolation. */
export interface ResourceSource {
  api: Pick<ProxyApi, 'resources'>;
  instanceSettings: { jsonData: SwitchboardOptions };
  templateReplace?: (target: string) => string;
}

export interface ResourceState {
  items: ResourceItem[];
  loading: boolean;
  /** Why the list could not be loaded, in words (the proxy's message). */
  error?: string;
}

const EMPTY: ResourceItem[] = [];

/**
 * A resource list of the proxy (GET /api/resources/{kind}), reloaded when its parameters change. Parameters that
 * hold template variables ($instance) are interpolated first, so a queue list follows the dashboard's instance.
 * `enabled: false` (a required parameter is missing, or a menu has not been opened yet) loads nothing.
 */
export function useResources(
  ds: ResourceSource,
  kind: string,
  params: Record<string, string | undefined>,
  enabled = true
): ResourceState {
  const replace = (s: string | undefined) =>
    s === undefined || s === '' || !ds.templateReplace ? s : ds.templateReplace(s);
  const resolved = Object.fromEntries(
    Object.entries(params)
      .map(([k, v]) => [k, replace(v)] as const)
      .filter(([, v]) => v !== undefined && v !== '')
  );
  const key = enabled ? JSON.stringify([kind, resolved]) : '';
  const [state, setState] = useState<{ key: string; items: ResourceItem[]; error?: string }>({ key: '', items: EMPTY });

  useEffect(() => {
    if (key === '') {
      return;
    }
    let current = true;
    const [k, p] = JSON.parse(key) as [string, Record<string, string>];
    ds.api.resources(k, p).then(
      (items) => current && setState({ key, items: Array.isArray(items) ? items : EMPTY }),
      (err) => current && setState({ key, items: EMPTY, error: describeProxyError(err) })
    );
    return () => {
      current = false;
    };
    // The key holds kind and parameters; the datasource object is stable for an editor's life.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  if (key === '') {
    return { items: EMPTY, loading: false };
  }
  if (state.key !== key) {
    return { items: EMPTY, loading: true };
  }
  return { items: state.items, loading: false, error: state.error };
}
