import { CHANNELS } from '../connect/channels';
import { defaultQuery, QUERY_TYPES, type QueryType, type SwitchboardQuery } from '../connect/proxyApi';

/**
 * Saved queries as the editors expect them: defaults of their type filled in, older spellings updated, nothing the
 * user wrote dropped. Runs on every query a panel loads (cheap and idempotent).
 */
type SavedQuery = Record<string, unknown> & { refId?: string };

function guessType(q: SavedQuery): QueryType {
  if (typeof q.queryType === 'string' && (QUERY_TYPES as readonly string[]).includes(q.queryType)) {
    return q.queryType as QueryType;
  }
  if (q.namespace !== undefined || q.metricName !== undefined || q.expression !== undefined) {
    return 'cloudwatch';
  }
  return 'realtime';
}

const strings = (v: unknown): string[] | undefined =>
  Array.isArray(v)
    ? v.filter((x): x is string => typeof x === 'string')
    : typeof v === 'string' && v !== ''
      ? [v]
      : undefined;

export function migrateQuery(input: object): SwitchboardQuery {
  const raw = input as SavedQuery;
  const queryType = guessType(raw);
  const refId = raw.refId ?? 'A';
  const base = defaultQuery(queryType, refId) as unknown as SavedQuery;
  // An existing query keeps what it has; a brand-new one (no fields beyond refId and type) gets the defaults.
  const isNew = Object.keys(raw).every((k) => k === 'refId' || k === 'queryType' || k === 'datasource' || k === 'key');
  const q: SavedQuery = isNew ? { ...base, ...raw, queryType } : { ...raw, queryType };

  if (queryType === 'realtime') {
    const filters = (typeof q.filters === 'object' && q.filters !== null ? q.filters : {}) as Record<string, unknown>;
    // Version 0 of the editor stored single values and lower-case channels.
    q.filters = Object.fromEntries(
      Object.entries({
        queues: strings(filters.queues ?? q.queues),
        routingProfiles: strings(filters.routingProfiles ?? q.routingProfiles),
        channels: strings(filters.channels ?? q.channels)
          ?.map((c) => c.toUpperCase())
          .filter((c) => (CHANNELS as readonly string[]).includes(c)),
        routingStepExpressions: strings(filters.routingStepExpressions),
        agentStatuses: strings(filters.agentStatuses),
        subtypes: strings(filters.subtypes),
      }).filter(([, v]) => v !== undefined)
    );
    delete q.queues;
    delete q.routingProfiles;
    delete q.channels;
    q.groupings = strings(q.groupings) ?? [];
    q.metrics = strings(q.metrics) ?? (base.metrics as string[]);
    q.instanceId = typeof q.instanceId === 'string' ? q.instanceId : '';
    q.format = q.format === 'timeseries' ? 'timeseries' : 'table';
  } else if (queryType === 'cloudwatch') {
    if (typeof q.period === 'string' && /^\d+$/.test(q.period)) {
      q.period = Number(q.period);
    }
    q.period ??= 'auto';
    const dims = (typeof q.dimensions === 'object' && q.dimensions !== null ? q.dimensions : {}) as Record<
      string,
      unknown
    >;
    // Single values (older saves, Grafana's CloudWatch habit) become lists.
    q.dimensions = Object.fromEntries(Object.entries(dims).map(([k, v]) => [k, strings(v) ?? []]));
    for (const key of ['namespace', 'metricName', 'statistic', 'label', 'expression'] as const) {
      q[key] ??= base[key];
    }
  } else {
    q.instanceId = typeof q.instanceId === 'string' ? q.instanceId : '';
    q.format = q.format === 'timeseries' ? 'timeseries' : 'table';
  }
  return q as unknown as SwitchboardQuery;
}
