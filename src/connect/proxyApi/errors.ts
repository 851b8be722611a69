import { Type, type Static } from '@sinclair/typebox';

/**
 * What every refusal of the proxy looks like: `{"error": "<field>: <rule>"}` or a sentence, with a stable `code`
 * where a client may act on it (proxy_token_missing, upstream_throttled, ...).
 */
export const ErrorBodySchema = Type.Object({ error: Type.String(), code: Type.Optional(Type.String()) });
export type ErrorBody = Static<typeof ErrorBodySchema>;

/** The error answers of every route, by status class. */
export const ERROR_RESPONSES = { '4xx': ErrorBodySchema, '5xx': ErrorBodySchema } as const;
