/**
 * How the Proxy API names a field in its messages ("<field>: <rule>"): a JSON pointer as the schema validators
 * report it, "/filters/queues/0", becomes "filters.queues[0]". One rendering for every schema message of the proxy:
 * request bodies, query strings and params (app.ts), each query (queries/validate.ts), UPSTREAM_QUOTAS (config.ts).
 * The simulator keeps its own (it imports nothing of Switchboard's reading of AWS, and speaks AWS's styles).
 */
export function fieldPath(pointer: string): string {
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
