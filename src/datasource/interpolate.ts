import type { ScopedVars } from '@grafana/data';
import type { SwitchboardQuery } from '../connect/proxyApi';

/**
 * Template variables in queries. A list field takes multi-value variables as lists ($queue with three queues
 * selected is three queues; "All" is every value, or the variable's custom all value such as "*"). Pure: the
 * datasource passes Grafana's TemplateSrv.replace.
 */
export type Replace = (
  target: string,
  scopedVars?: ScopedVars,
  format?: string | ((value: unknown) => string)
) => string;

const SEPARATOR = '\u001f';
// Multi-value variables come back as arrays; join them with a character no id or name contains, then split.
const asList = (value: unknown) => (Array.isArray(value) ? value.join(SEPARATOR) : String(value));

export function interpolateList(
  values: string[] | undefined,
  replace: Replace,
  scopedVars?: ScopedVars
): string[] | undefined {
  if (!values) {
    return values;
  }
  const out: string[] = [];
  for (const v of values) {
    for (const item of replace(v, scopedVars, asList).split(SEPARATOR)) {
      if (item !== '' && !out.includes(item)) {
        out.push(item);
      }
    }
  }
  return out;
}

const one = (v: string | undefined, replace: Replace, scopedVars?: ScopedVars) =>
  v === undefined ? v : replace(v, scopedVars);

export function interpolateQuery<Q extends SwitchboardQuery>(q: Q, replace: Replace, scopedVars?: ScopedVars): Q {
  const region = one(q.region, replace, scopedVars) || undefined;
  switch (q.queryType) {
    case 'realtime': {
      const f = q.filters;
      return {
        ...q,
        region,
        instanceId: replace(q.instanceId, scopedVars),
        filters: {
          ...f,
          queues: interpolateList(f.queues, replace, scopedVars),
          routingProfiles: interpolateList(f.routingProfiles, replace, scopedVars),
          channels: interpolateList(f.channels, replace, scopedVars) as typeof f.channels,
          routingStepExpressions: interpolateList(f.routingStepExpressions, replace, scopedVars),
          agentStatuses: interpolateList(f.agentStatuses, replace, scopedVars),
          subtypes: interpolateList(f.subtypes, replace, scopedVars),
        },
      };
    }
    case 'cloudwatch':
      return {
        ...q,
        region,
        namespace: one(q.namespace, replace, scopedVars),
        metricName: one(q.metricName, replace, scopedVars),
        statistic: one(q.statistic, replace, scopedVars),
        // Grafana leaves ${QueueName}-style placeholders that are not variables alone; the proxy fills those.
        label: one(q.label, replace, scopedVars),
        expression: one(q.expression, replace, scopedVars),
        dimensions: q.dimensions
          ? Object.fromEntries(
              Object.entries(q.dimensions).map(([k, v]) => [
                replace(k, scopedVars),
                interpolateList(v, replace, scopedVars) ?? [],
              ])
            )
          : q.dimensions,
      };
    case 'quota':
      return {
        ...q,
        region,
        instanceId: replace(q.instanceId, scopedVars),
        channels: interpolateList(q.channels, replace, scopedVars) as typeof q.channels,
      };
    case 'historical': {
      const f = q.filters;
      return {
        ...q,
        region,
        instanceId: replace(q.instanceId, scopedVars),
        timeZone: one(q.timeZone, replace, scopedVars),
        filters: {
          ...f,
          queues: interpolateList(f.queues, replace, scopedVars),
          routingProfiles: interpolateList(f.routingProfiles, replace, scopedVars),
          agents: interpolateList(f.agents, replace, scopedVars),
          channels: interpolateList(f.channels, replace, scopedVars) as typeof f.channels,
          ...(f.agentHierarchy
            ? {
                agentHierarchy: {
                  ...f.agentHierarchy,
                  groups: interpolateList(f.agentHierarchy.groups, replace, scopedVars) ?? [],
                },
              }
            : {}),
        },
      };
    }
    case 'agents': {
      const f = q.filters;
      return {
        ...q,
        region,
        instanceId: replace(q.instanceId, scopedVars),
        filters: {
          ...f,
          queues: interpolateList(f.queues, replace, scopedVars),
          routingProfiles: interpolateList(f.routingProfiles, replace, scopedVars),
          agents: interpolateList(f.agents, replace, scopedVars),
          hierarchyGroups: interpolateList(f.hierarchyGroups, replace, scopedVars),
          agentStatuses: interpolateList(f.agentStatuses, replace, scopedVars),
          contactStates: interpolateList(f.contactStates, replace, scopedVars) as typeof f.contactStates,
        },
      };
    }
  }
}
