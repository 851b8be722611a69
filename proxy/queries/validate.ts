import { Value } from '@sinclair/typebox/value';
import { QUERY_SCHEMAS, QUERY_TYPES, type QueryType, type SwitchboardQuery } from '../../src/connect/query';

/** A query that cannot run, with the status and message its entry in the response carries. */
export class QueryError extends Error {
  constructor(
    message: string,
    readonly status = 400
  ) {
    super(message);
    this.name = 'QueryError';
  }
}

/** "/filters/queues/0" -> "filters.queues[0]" */
function fieldPath(pointer: string): string {
  return (
    pointer
      .split('/')
      .filter(Boolean)
      // JSON Pointer escapes ("~1" is "/", "~0" is "~"); a key that is not a plain name is quoted: filters[":"].
      .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce(
        (path, part) =>
          /^\d+$/.test(part)
            ? `${path}[${part}]`
            : /^[A-Za-z_$][\w$]*$/.test(part)
              ? path
                ? `${path}.${part}`
                : part
              : `${path}[${JSON.stringify(part)}]`,
        ''
      )
  );
}

/**
 * Checks one query against the schema of its type and returns it typed, or throws a QueryError naming each
 * broken field and its rule (e.g. `metrics[1]: must be one of AGENTS_ONLINE, ...`).
 */
export function validateQuery(raw: Record<string, unknown>): SwitchboardQuery {
  const type = raw.queryType;
  if (!(QUERY_TYPES as readonly unknown[]).includes(type)) {
    throw new QueryError(`queryType: must be one of ${QUERY_TYPES.join(', ')} (got ${JSON.stringify(type)})`);
  }
  const schema = QUERY_SCHEMAS[type as QueryType];
  if (Value.Check(schema, raw)) {
    return raw as SwitchboardQuery;
  }
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const e of Value.Errors(schema, raw)) {
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
