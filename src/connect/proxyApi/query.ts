import { Type, type Static, type TLiteral, type TUnion } from '@sinclair/typebox';
import { AGENT_LIMITS, CONTACT_STATES } from '../agentRules';
import { CHANNELS } from '../channels';
import { HISTORICAL_DIMENSIONS, HISTORICAL_INTERVALS, HISTORICAL_METRICS } from '../historicalMetrics';
import { HIERARCHY_LEVELS, HISTORICAL_LIMITS, THRESHOLD_COMPARISONS } from '../historicalRules';
import { REALTIME_METRIC_NAMES } from '../realtimeMetrics';
import { GROUPINGS, SORT_ORDERS } from '../realtimeRules';
import { RegionSchema } from './region';

/**
 * The Switchboard query: one discriminated union over `queryType`, written once as a schema that is both the
 * proxy's validation and the TypeScript type the datasource and editors use (Proxy API v1, DESIGN.md).
 */

/** A union of string literals from a readonly tuple, keeping the literal types. */
function literals<const T extends readonly string[]>(values: T): TUnion<{ -readonly [K in keyof T]: TLiteral<T[K]> }> {
  return Type.Union(values.map((v) => Type.Literal(v))) as never;
}

const Base = {
  refId: Type.String({ minLength: 1, maxLength: 64 }),
  /** AWS Region; default: the datasource's region, then the proxy's AWS_REGION. */
  region: Type.Optional(RegionSchema),
  /** Computed but not returned (CloudWatch queries used only by expressions). */
  hide: Type.Optional(Type.Boolean()),
};

const IdList = Type.Array(Type.String({ minLength: 1, maxLength: 1024 }));

export const RealtimeQuerySchema = Type.Object(
  {
    ...Base,
    queryType: Type.Literal('realtime'),
    instanceId: Type.String({ minLength: 1, maxLength: 512 }),
    filters: Type.Object(
      {
        queues: Type.Optional(IdList),
        routingProfiles: Type.Optional(IdList),
        channels: Type.Optional(Type.Array(literals(CHANNELS))),
        routingStepExpressions: Type.Optional(IdList),
        agentStatuses: Type.Optional(IdList),
        subtypes: Type.Optional(IdList),
      },
      { additionalProperties: false }
    ),
    groupings: Type.Array(literals(GROUPINGS), { maxItems: 7 }),
    metrics: Type.Array(literals(REALTIME_METRIC_NAMES), { minItems: 1 }),
    sort: Type.Optional(
      Type.Object(
        { metric: literals(REALTIME_METRIC_NAMES), order: literals(SORT_ORDERS) },
        { additionalProperties: false }
      )
    ),
    /** table: one row per grouping key; timeseries: one point per metric and key, at the snapshot time. */
    format: Type.Optional(Type.Union([Type.Literal('table'), Type.Literal('timeseries')])),
  },
  { additionalProperties: false }
);

export const CloudWatchQuerySchema = Type.Object(
  {
    ...Base,
    queryType: Type.Literal('cloudwatch'),
    /** The CloudWatch query id, referenced by math expressions (default: the refId in lower case). */
    id: Type.Optional(Type.String({ pattern: '^[a-z][a-zA-Z0-9_]*$', maxLength: 255 })),
    namespace: Type.Optional(Type.String({ maxLength: 255 })),
    metricName: Type.Optional(Type.String({ maxLength: 255 })),
    /** Dimension name to values; ["*"] matches every value that has data (expanded with ListMetrics). */
    dimensions: Type.Optional(
      Type.Record(
        Type.String({ minLength: 1, maxLength: 255 }),
        Type.Array(Type.String({ minLength: 1, maxLength: 1024 }))
      )
    ),
    statistic: Type.Optional(Type.String({ maxLength: 32 })),
    /** Seconds, or "auto" (from the time range and maxDataPoints, within CloudWatch's period rules). */
    period: Type.Optional(
      Type.Union([Type.Literal('auto'), Type.Integer({ minimum: 1 }), Type.String({ pattern: '^\\d+$' })])
    ),
    /** Series name: free text with ${DIM_NAME}, ${METRIC}, ${STAT}, ${NAMESPACE} placeholders. */
    label: Type.Optional(Type.String({ maxLength: 1024 })),
    /** A CloudWatch metric math expression over the ids of other cloudwatch queries of the request. */
    expression: Type.Optional(Type.String({ maxLength: 2048 })),
  },
  { additionalProperties: false }
);

export const QuotaQuerySchema = Type.Object(
  {
    ...Base,
    queryType: Type.Literal('quota'),
    instanceId: Type.String({ minLength: 1, maxLength: 512 }),
    /** Channels to report (default: every channel the instance has data for). */
    channels: Type.Optional(Type.Array(literals(CHANNELS))),
    format: Type.Optional(Type.Union([Type.Literal('table'), Type.Literal('timeseries')])),
  },
  { additionalProperties: false }
);

/** A historical query (GetMetricDataV2, issue 17). Its rules are src/connect/historicalRules.ts. */
export const HistoricalQuerySchema = Type.Object(
  {
    ...Base,
    queryType: Type.Literal('historical'),
    instanceId: Type.String({ minLength: 1, maxLength: 512 }),
    filters: Type.Object(
      {
        queues: Type.Optional(IdList),
        routingProfiles: Type.Optional(IdList),
        agents: Type.Optional(IdList),
        channels: Type.Optional(Type.Array(literals(CHANNELS))),
        agentHierarchy: Type.Optional(
          Type.Object({ level: literals(HIERARCHY_LEVELS), groups: IdList }, { additionalProperties: false })
        ),
      },
      { additionalProperties: false }
    ),
    groupings: Type.Array(literals(HISTORICAL_DIMENSIONS), { maxItems: 9 }),
    metrics: Type.Array(
      Type.Object(
        {
          name: literals(HISTORICAL_METRICS.map((m) => m.name) as unknown as readonly string[]),
          /** SERVICE_LEVEL: contacts answered or abandoned within this many seconds (LT) or at most (LTE). */
          threshold: Type.Optional(
            Type.Object(
              { comparison: literals(THRESHOLD_COMPARISONS), seconds: Type.Number() },
              { additionalProperties: false }
            )
          ),
        },
        { additionalProperties: false }
      ),
      { minItems: 1 }
    ),
    /** One of Connect's intervals, or auto: the finest one the panel's width and the range allow. */
    interval: Type.Optional(Type.Union([Type.Literal('auto'), literals(HISTORICAL_INTERVALS)])),
    /** IANA time zone of day and week boundaries (the dashboard's); default UTC. */
    timeZone: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    format: Type.Optional(Type.Union([Type.Literal('table'), Type.Literal('timeseries')])),
    /**
     * Compare with an earlier period: the panel's range this many calendar days earlier (7: the same weekday last
     * week), its times moved forward onto the panel's range so the two overlay, each field named "… 7 days earlier".
     */
    offsetDays: Type.Optional(Type.Integer({ minimum: 1, maximum: HISTORICAL_LIMITS.offsetDays })),
  },
  { additionalProperties: false }
);
export type HistoricalQuery = Static<typeof HistoricalQuerySchema>;

/**
 * An agents query (GetCurrentUserData, issue 18): one row per agent of the filter, with names from the user look-ups.
 * Its rules are src/connect/agentRules.ts, its columns src/connect/agentColumns.ts. Queues and routing profiles may
 * be named by name, as in real-time queries.
 */
export const AgentsQuerySchema = Type.Object(
  {
    ...Base,
    queryType: Type.Literal('agents'),
    instanceId: Type.String({ minLength: 1, maxLength: 512 }),
    filters: Type.Object(
      {
        queues: Type.Optional(IdList),
        routingProfiles: Type.Optional(IdList),
        agents: Type.Optional(IdList),
        hierarchyGroups: Type.Optional(IdList),
        /** Status names or ids, kept by the proxy after the call (GetCurrentUserData has no such filter). */
        agentStatuses: Type.Optional(IdList),
        contactStates: Type.Optional(Type.Array(literals(CONTACT_STATES), { maxItems: AGENT_LIMITS.contactStates })),
      },
      { additionalProperties: false }
    ),
    format: Type.Optional(Type.Literal('table')),
  },
  { additionalProperties: false }
);
export type AgentsQuery = Static<typeof AgentsQuerySchema>;

export const QUERY_TYPES = ['realtime', 'cloudwatch', 'quota', 'historical', 'agents'] as const;
export type QueryType = (typeof QUERY_TYPES)[number];

export const QUERY_SCHEMAS = {
  realtime: RealtimeQuerySchema,
  cloudwatch: CloudWatchQuerySchema,
  quota: QuotaQuerySchema,
  historical: HistoricalQuerySchema,
  agents: AgentsQuerySchema,
} as const;

export type RealtimeQuery = Static<typeof RealtimeQuerySchema>;
export type CloudWatchQuery = Static<typeof CloudWatchQuerySchema>;
export type QuotaQuery = Static<typeof QuotaQuerySchema>;
export type SwitchboardQuery = RealtimeQuery | CloudWatchQuery | QuotaQuery | HistoricalQuery | AgentsQuery;

/**
 * POST /api/query. Queries are checked one by one (a broken query gets its own error; the others are answered),
 * so the envelope only insists that each has a refId and a queryType.
 */
export const QueryRequestSchema = Type.Object(
  {
    range: Type.Object(
      { from: Type.String({ minLength: 1 }), to: Type.String({ minLength: 1 }) },
      { additionalProperties: false }
    ),
    maxDataPoints: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
    intervalMs: Type.Optional(Type.Integer({ minimum: 1 })),
    queries: Type.Array(
      Type.Object(
        { refId: Type.String({ minLength: 1, maxLength: 64 }), queryType: Type.String() },
        { additionalProperties: true }
      ),
      { minItems: 1, maxItems: 500 }
    ),
  },
  { additionalProperties: false }
);
export type QueryRequest = Static<typeof QueryRequestSchema>;

/** Default of each query type, for new queries in the editor and for filling saved ones. */
export function defaultQuery(queryType: QueryType, refId = 'A'): SwitchboardQuery {
  switch (queryType) {
    case 'realtime':
      return {
        refId,
        queryType,
        instanceId: '',
        filters: { queues: [], channels: ['VOICE', 'CHAT', 'TASK'] },
        groupings: ['QUEUE'],
        metrics: ['CONTACTS_IN_QUEUE', 'OLDEST_CONTACT_AGE', 'AGENTS_ONLINE', 'AGENTS_AVAILABLE'],
        format: 'table',
      };
    case 'cloudwatch':
      return {
        refId,
        queryType,
        namespace: 'AWS/Connect',
        metricName: '',
        dimensions: {},
        statistic: 'Maximum',
        period: 'auto',
        label: '',
        expression: '',
      };
    case 'quota':
      return { refId, queryType, instanceId: '', format: 'table' };
    case 'historical':
      // Today's service level per queue: what a NOC asks first (20 s, the most common target).
      return {
        refId,
        queryType,
        instanceId: '',
        filters: { queues: [], channels: ['VOICE', 'CHAT', 'TASK'] },
        groupings: ['QUEUE'],
        metrics: [
          { name: 'SERVICE_LEVEL', threshold: { comparison: 'LT', seconds: 20 } },
          { name: 'ABANDONMENT_RATE' },
          { name: 'AVG_QUEUE_ANSWER_TIME' },
          { name: 'AVG_HANDLE_TIME' },
          { name: 'CONTACTS_HANDLED' },
        ],
        interval: 'TOTAL',
        format: 'table',
      };
    case 'agents':
      // The agents serving some queues (the editor asks which): the drill-down from a queue fills them in.
      return { refId, queryType, instanceId: '', filters: { queues: [] }, format: 'table' };
  }
}
