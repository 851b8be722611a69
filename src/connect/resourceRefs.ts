/**
 * How a real-time filter names a queue or a routing profile. GetCurrentMetricData takes ids or ARNs only; the proxy
 * also takes names, so one dashboard variable of queue names feeds both the real-time filters and CloudWatch's
 * `QueueName` dimension (AWS/Connect publishes queue metrics by name, not id).
 */

/** Connect resource ids are UUIDs; an ARN is passed through as Connect accepts it. */
const CONNECT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type ResourceRef = { kind: 'id'; value: string } | { kind: 'name'; value: string };

export function resourceRef(value: string): ResourceRef {
  return CONNECT_ID.test(value) || value.startsWith('arn:') ? { kind: 'id', value } : { kind: 'name', value };
}

/**
 * Finds the id of a name in a list of { id, name }: exactly, else ignoring case when that is unambiguous (Connect
 * names are case-sensitive, but a variable typed by hand often is not). Undefined when there is no single match.
 */
export function idOfName(name: string, items: Iterable<{ id: string; name: string }>): string | undefined {
  const all = [...items];
  const exact = all.filter((i) => i.name === name);
  if (exact.length === 1) {
    return exact[0].id;
  }
  if (exact.length > 1) {
    return undefined;
  }
  const lower = name.toLowerCase();
  const folded = all.filter((i) => i.name.toLowerCase() === lower);
  return folded.length === 1 ? folded[0].id : undefined;
}
