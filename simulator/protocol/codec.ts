import { randomUUID } from 'node:crypto';
import { AwsError, type ServiceName } from './awsError';
import { decodeQueryInput, paramTree } from './awsQueryDecode';
import { encodeQueryError, encodeQueryResponse } from './awsQueryEncode';
import {
  contentTypeOf,
  encodeError,
  encodeSuccess,
  MALFORMED_BODY,
  protocolErrors,
  type EncodedResponse,
} from './encode';
import type { QuerySpec, SimResponse } from './types';

/**
 * How one call is read and answered on the wire. The pipeline (auth, quotas, faults, stats, the handler) is the
 * same for every protocol; only these four steps differ:
 * - the service's JSON protocol (restJson1 or AWS JSON 1.0, see encode.ts), and
 * - awsQuery (CloudWatch's older protocol: form-encoded parameters in, XML out).
 */
export interface WireCodec {
  /** The operation input in the AWS JSON shape (undefined: no body). Throws AwsError for input it cannot read. */
  readInput(body: unknown): Record<string, unknown> | undefined;
  success(response: SimResponse): EncodedResponse;
  error(error: AwsError): EncodedResponse;
  /** A 200 whose body the client cannot parse (the malformedRate fault). */
  malformed(): EncodedResponse;
}

const bodyText = (raw: unknown): string =>
  raw === undefined || raw === null
    ? ''
    : typeof raw === 'string'
      ? raw
      : Buffer.isBuffer(raw)
        ? raw.toString('utf8')
        : String(raw);

/** Parses a request body: empty means undefined; anything else must be a JSON object. Throws a message. */
export function parseJsonBody(raw: unknown): Record<string, unknown> | undefined {
  const text = bodyText(raw);
  if (text.trim() === '') {
    return undefined;
  }
  let value: unknown;
  try {
    // Drop __proto__ keys so that no handler can be tricked into prototype pollution by a spread or assign.
    value = JSON.parse(text, (key, v: unknown) => (key === '__proto__' ? undefined : v));
  } catch (err) {
    throw new Error(`Malformed JSON request body: ${(err as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error(
      `Request body must be a JSON object, got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}`
    );
  }
  return value as Record<string, unknown>;
}

export function jsonCodec(service: ServiceName): WireCodec {
  return {
    readInput: (body) => {
      try {
        return parseJsonBody(body);
      } catch (err) {
        throw protocolErrors.badRequest(service, (err as Error).message);
      }
    },
    success: (response) => encodeSuccess(service, response),
    error: (error) => encodeError(service, error),
    malformed: () => ({ status: 200, headers: { 'content-type': contentTypeOf(service) }, body: MALFORMED_BODY }),
  };
}

/** The form parameters of an awsQuery call: the URL's query string, then the form body (as AWS reads both). */
export function queryParams(url: string, body: unknown): Array<[string, string]> {
  const question = url.indexOf('?');
  const fromUrl = question < 0 ? [] : [...new URLSearchParams(url.slice(question + 1))];
  return [...fromUrl, ...new URLSearchParams(bodyText(body))];
}

const XML_CONTENT_TYPE = 'text/xml';

const missingParameter = (message: string) =>
  new AwsError('MissingRequiredParameterException', message, 400, { queryCode: 'MissingParameter', fault: 'Sender' });

/**
 * awsQuery. `spec` is the operation's query spec (absent when the Action matched no operation: only errors are
 * encoded then), `xmlNamespace` the service's, for errors.
 */
export function queryCodec(
  params: Array<[string, string]>,
  xmlNamespace: string,
  spec: QuerySpec | undefined
): WireCodec {
  const xml = (status: number, body: string, requestId: string): EncodedResponse => ({
    status,
    // The request id in the body and in the header must be the same one.
    headers: { 'content-type': XML_CONTENT_TYPE, 'x-amzn-requestid': requestId },
    body,
  });
  return {
    readInput: () => {
      if (!spec) {
        return undefined;
      }
      const tree = paramTree(params);
      const version = tree.children.get('Version')?.value;
      if (version === undefined) {
        throw missingParameter('The request must contain the parameter Version.');
      }
      if (version !== spec.version) {
        throw new AwsError(
          'InvalidParameterValueException',
          `The value ${version} for parameter Version is not valid: this service's API version is ${spec.version}.`,
          400,
          { queryCode: 'InvalidParameterValue', fault: 'Sender' }
        );
      }
      return decodeQueryInput(spec.input, tree);
    },
    success: (response) => {
      const requestId = randomUUID();
      if (!spec) {
        throw new Error('awsQuery success without an operation');
      }
      return xml(response.status ?? 200, encodeQueryResponse(spec, response.body ?? {}, requestId), requestId);
    },
    error: (error) => {
      const requestId = randomUUID();
      const type = error.options.fault ?? (error.status >= 500 ? 'Receiver' : 'Sender');
      const code = error.options.queryCode ?? error.code;
      return xml(
        error.status,
        encodeQueryError(xmlNamespace, { type, code, message: error.message }, requestId),
        requestId
      );
    },
    malformed: () => {
      const root = spec ? `${spec.action}Response` : 'Response';
      // A document cut off mid-way: every XML parser refuses it.
      return xml(
        200,
        `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="${xmlNamespace}"><Result><member><Id>trunc`,
        randomUUID()
      );
    },
  };
}
