import { getTemplateSrv } from '@grafana/runtime';
import type { SwitchboardQuery } from '../../connect/proxyApi';
import { interpolateQuery } from '../interpolate';

/**
 * The query as the proxy will receive it with the dashboard's current variable values ($queue with three queues
 * selected is three queues), so the editor checks the rules against what will really be sent. Without a
 * TemplateSrv (no dashboard) the query is checked as written.
 */
export function resolveVariables<Q extends SwitchboardQuery>(q: Q): Q {
  try {
    const templateSrv = getTemplateSrv();
    return interpolateQuery(q, (target, scopedVars, format) => templateSrv.replace(target, scopedVars, format));
  } catch {
    return q;
  }
}
