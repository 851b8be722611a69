import { Type, type Static } from '@sinclair/typebox';
import type { DataFrameJSON } from './frames';

/**
 * POST /api/query's answer: an entry per refId, a status of its own and its frames (Grafana DataFrameJSON, which
 * `dataFrameFromJSON` reads; passed through as they are) or its error.
 */
export const QueryResultSchema = Type.Object(
  {
    status: Type.Integer(),
    frames: Type.Optional(Type.Array(Type.Unsafe<DataFrameJSON>({}))),
    error: Type.Optional(Type.String()),
  },
  { additionalProperties: false }
);
export type QueryResult = Static<typeof QueryResultSchema>;

export const QueryResponseSchema = Type.Object({ results: Type.Record(Type.String(), QueryResultSchema) });
export type QueryResponse = Static<typeof QueryResponseSchema>;
