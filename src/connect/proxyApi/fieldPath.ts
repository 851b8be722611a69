/**
 * How the Proxy API names a field in its messages ("<field>: <rule>"): a JSON pointer as the schema validators
 * report it, "/filters/queues/0", becomes "filters.queues[0]". One rendering for every schema message of the proxy:
 * request bodies, query strings and params (app.ts), each query (queries/validate.ts), UPSTREAM_QUOTAS (envReader.ts);
 * and of the simulator's admin API (its requests to play AWS are answered in AWS's styles, not this one). It holds no
 * reading of AWS, so the simulator may import this module (test/integration/simulator-independence.test.ts).
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

/** What this module reads of an ajv error as fastify reports it (no fastify types: src/connect is the browser's too). */
export interface SchemaValidationError {
  instancePath: string;
  message?: string;
  params: Record<string, unknown>;
}

/**
 * fastify's schema errors as one message in the shape of every other rejection, "<field>: <rule>", one per field:
 * `queries[0].refId: must NOT have fewer than 1 characters`, `range: is required`, `body: must be object` when the
 * part as a whole (`dataVar`: body, querystring, params) is wrong; an unknown property and the allowed values are
 * named (ajv's message leaves them out).
 */
export function schemaErrorsMessage(errors: SchemaValidationError[], dataVar: string): string {
  const lines = errors.map((e) => {
    const params = e.params as { additionalProperty?: string; missingProperty?: string; allowedValues?: unknown[] };
    const pointer =
      params.missingProperty === undefined
        ? e.instancePath
        : `${e.instancePath}/${params.missingProperty.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    const field = fieldPath(pointer) || dataVar;
    if (params.missingProperty !== undefined) {
      return `${field}: is required`;
    }
    const extra =
      params.additionalProperty !== undefined
        ? `: ${JSON.stringify(params.additionalProperty)}`
        : params.allowedValues
          ? ` (${params.allowedValues.map((v) => JSON.stringify(v)).join(', ')})`
          : '';
    return `${field}: ${e.message ?? 'is invalid'}${extra}`;
  });
  return [...new Set(lines)].join('; ');
}
