import { TypeCompiler } from '@sinclair/typebox/compiler';
import {
  fieldPath,
  QUERY_SCHEMAS,
  QUERY_TYPES,
  type QueryType,
  type SwitchboardQuery,
} from '../../src/connect/proxyApi';
import { QueryError } from '../errors';

/** Each query type's schema compiled once: every query of every request is checked against it. */
const CHECKS = {
  realtime: TypeCompiler.Compile(QUERY_SCHEMAS.realtime),
  cloudwatch: TypeCompiler.Compile(QUERY_SCHEMAS.cloudwatch),
  quota: TypeCompiler.Compile(QUERY_SCHEMAS.quota),
  historical: TypeCompiler.Compile(QUERY_SCHEMAS.historical),
  agents: TypeCompiler.Compile(QUERY_SCHEMAS.agents),
} as const satisfies Record<QueryType, unknown>;

/**
 * Checks one query against the schema of its type and returns it typed, or throws a QueryError naming each
 * broken field and its rule (e.g. `metrics[1]: must be one of AGENTS_ONLINE, ...`).
 */
export function validateQuery(raw: Record<string, unknown>): SwitchboardQuery {
  const type = raw.queryType;
  if (!(QUERY_TYPES as readonly unknown[]).includes(type)) {
    throw new QueryError(`queryType: must be one of ${QUERY_TYPES.join(', ')} (got ${JSON.stringify(type)})`);
  }
  const check = CHECKS[type as QueryType];
  if (check.Check(raw)) {
    return raw as SwitchboardQuery;
  }
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const e of check.Errors(raw)) {
    const path = fieldPath(e.path) || 'query';
    // A union reports one error per branch; the first, most specific, one per path is enough.
    if (seen.has(path)) {
      continue;
    }
    seen.add(path);
    const allowed = (e.schema as { anyOf?: Array<{ const?: unknown }> }).anyOf
      ?.map((s) => s.const)
      .filter((c) => c !== undefined);
    const rule =
      allowed && allowed.length > 0
        ? `must be one of ${allowed.join(', ')}`
        : e.message
            .replace(/^Expected/, 'expected')
            .replace(/^Unexpected property/, 'is not a field of this query type');
    problems.push(
      `${path}: ${rule}${e.value !== undefined && typeof e.value !== 'object' ? ` (got ${JSON.stringify(e.value)})` : ''}`
    );
    if (problems.length >= 10) {
      break;
    }
  }
  throw new QueryError(problems.join('; '));
}
