import type { ErrorBody } from '../src/connect/proxyApi';
import type { DescribedError } from './aws/errors';

/**
 * The proxy's one family of errors: each knows the status it is answered with and, where a client may act on it, a
 * stable code. The fastify error handler (app.ts) answers any of them as `{ error, code? }` (Proxy API v1); a query
 * that fails gets the same status and message in its own entry of the response (queries/runners.ts).
 */
export class ProxyError extends Error {
  constructor(
    message: string,
    readonly status: number,
    /** Sent as `code` in the answer when set. */
    readonly code?: string
  ) {
    super(message);
    this.name = new.target.name;
  }

  /** fastify reads a thrown error's statusCode. */
  get statusCode(): number {
    return this.status;
  }

  body(): ErrorBody {
    return this.code === undefined ? { error: this.message } : { error: this.message, code: this.code };
  }
}

/** A query that cannot run (400 unless it says otherwise): a broken rule, an unknown name, a bad range. */
export class QueryError extends ProxyError {
  constructor(message: string, status = 400) {
    super(message, status);
  }
}

/** A request parameter or header that is not what the API takes: 400, naming it. */
export class BadRequestError extends ProxyError {
  constructor(message: string) {
    super(message, 400);
  }
}

/** The datasource's AWS settings headers are wrong: 400 with every problem in the message. */
export class AwsSettingsError extends BadRequestError {
  constructor(readonly problems: string[]) {
    super(`Invalid AWS settings from the datasource: ${problems.join('; ')}.`);
  }
}

/** AWS (or the proxy's limiter in front of it) refused or failed a call: its description says what and why. */
export class UpstreamError extends ProxyError {
  constructor(readonly described: DescribedError) {
    super(described.message, described.status, described.code);
  }
}

/** Any failure as one of the family: an unexpected error is a 500 with its message. */
export function asProxyError(err: unknown): ProxyError {
  return err instanceof ProxyError ? err : new ProxyError((err as Error)?.message ?? String(err), 500);
}
