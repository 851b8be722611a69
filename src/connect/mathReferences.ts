/**
 * Which queries a CloudWatch metric-math expression reads (fact: cloudwatch-metric-math). Ids are written as such
 * (`100 * lost / sent`); METRICS() reads every metric query of the request ("Math expressions aren't included"), and
 * METRICS('x') those whose Id contains x. The datasource uses this to send the hidden queries an expression needs,
 * the proxy to keep an expression in the GetMetricData call of its inputs and to name ids that do not exist.
 */

/** String literals, which are not ids (a label filter, a FILL option). */
const STRINGS = /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g;

/** Ids written in the expression: identifiers that start with a lower-case letter, outside string literals. */
export function writtenIds(expression: string): string[] {
  const withoutStrings = expression.replace(STRINGS, '');
  return [...new Set(withoutStrings.match(/\b[a-z][a-zA-Z0-9_]*\b/g) ?? [])];
}

/** The METRICS(...) calls of an expression: undefined for METRICS() (every metric), else the substring. */
export function metricsCalls(expression: string): Array<string | undefined> {
  const calls: Array<string | undefined> = [];
  for (const m of expression.matchAll(/\bMETRICS\s*\(\s*(?:(["'])((?:(?!\1)[^\\]|\\.)*)\1\s*)?\)/g)) {
    calls.push(m[2]);
  }
  return calls;
}

/**
 * The ids an expression reads among those of the request: the written ones, and for METRICS the metric queries it
 * matches (`metricIds`: the ids of the request's MetricStat queries, not of its expressions).
 */
export function idsReadBy(expression: string, metricIds: readonly string[]): string[] {
  const read = new Set(writtenIds(expression));
  for (const filter of metricsCalls(expression)) {
    for (const id of metricIds) {
      if (filter === undefined || id.includes(filter)) {
        read.add(id);
      }
    }
  }
  return [...read];
}
