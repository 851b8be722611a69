import { AwsError, errorsByService, type ServiceName } from './awsError';
import type { SimResponse } from './types';

/**
 * Success and error encoding per service, exactly as aws-wire-spec.md "Errors" describes what the SDK v3
 * deserialisers read:
 * - restJson1 (Connect, Chime SDK Voice): status + `x-amzn-errortype: <Code>` + `{"Message": ...}`; Chime bodies
 *   also carry their `Code` member (without the header the SDK would pick that and name the error "Throttled").
 * - CloudWatch (AWS JSON 1.0, awsQueryCompatible): status + `x-amzn-query-error: <QueryCode>;<Sender|Receiver>`
 *   (the SDK names the error after the query code) + `{"__type": "com.amazonaws.cloudwatch#<Class>", "message"}`.
 * - Voice ID (AWS JSON 1.0): `{"__type": "com.amazonaws.voiceid#<Class>", "message"}`.
 */

export type WireProtocol = 'restJson1' | 'awsJson1_0';

export interface EncodedResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export const PROTOCOL: Record<ServiceName, WireProtocol> = {
  connect: 'restJson1',
  chime: 'restJson1',
  cloudwatch: 'awsJson1_0',
  voiceid: 'awsJson1_0',
};

const JSON_CONTENT_TYPE: Record<WireProtocol, string> = {
  restJson1: 'application/json',
  awsJson1_0: 'application/x-amz-json-1.0',
};

/** The Chime ErrorCode enum value each exception carries in its body (`Code`). */
const CHIME_CODES: Record<string, string> = {
  BadRequestException: 'BadRequest',
  ConflictException: 'Conflict',
  ForbiddenException: 'Forbidden',
  GoneException: 'Gone',
  NotFoundException: 'NotFound',
  ResourceLimitExceededException: 'ResourceLimitExceeded',
  ServiceFailureException: 'ServiceFailure',
  ServiceUnavailableException: 'ServiceUnavailable',
  ThrottledClientException: 'Throttled',
  UnauthorizedClientException: 'Unauthorized',
  UnprocessableEntityException: 'Unprocessable',
  AccessDeniedException: 'AccessDenied',
};

export function contentTypeOf(service: ServiceName): string {
  return JSON_CONTENT_TYPE[PROTOCOL[service]];
}

export function encodeSuccess(service: ServiceName, response: SimResponse): EncodedResponse {
  return {
    status: response.status ?? 200,
    headers: { 'content-type': contentTypeOf(service), ...response.headers },
    // JSON.stringify throws on cycles and BigInt: the caller turns that into the service's 500.
    body: JSON.stringify(response.body ?? {}),
  };
}

export function encodeError(service: ServiceName, error: AwsError): EncodedResponse {
  const headers: Record<string, string> = { 'content-type': contentTypeOf(service) };
  let body: Record<string, unknown>;
  switch (service) {
    case 'connect':
      headers['x-amzn-errortype'] = error.code;
      body = { Message: error.message, ...error.options.extra };
      break;
    case 'chime':
      headers['x-amzn-errortype'] = error.code;
      body = {
        Code: CHIME_CODES[error.code] ?? error.code.replace(/Exception$/, ''),
        Message: error.message,
        ...error.options.extra,
      };
      break;
    case 'cloudwatch': {
      const fault = error.options.fault ?? (error.status >= 500 ? 'Receiver' : 'Sender');
      headers['x-amzn-query-error'] = `${error.options.queryCode ?? error.code};${fault}`;
      body = { __type: `com.amazonaws.cloudwatch#${error.code}`, message: error.message, ...error.options.extra };
      break;
    }
    case 'voiceid':
      body = { __type: `com.amazonaws.voiceid#${error.code}`, message: error.message, ...error.options.extra };
      break;
  }
  return { status: error.status, headers, body: JSON.stringify(body) };
}

/**
 * Errors of the protocol layer itself (no operation handler involved), per service. They sit here rather than in
 * awsError.ts because the handlers never raise them.
 */
export const protocolErrors = {
  // The errors below are encoded per service by encodeError; their code is the same everywhere.
  /** AWS answers unsigned requests (and, API Gateway style, unknown paths without credentials) with 403. */
  missingAuthentication(): AwsError {
    return new AwsError('MissingAuthenticationTokenException', 'Missing Authentication Token', 403, {
      // The awsQuery common error code (CloudWatch's SDK names the error after it).
      queryCode: 'MissingAuthenticationToken',
      fault: 'Sender',
    });
  },
  incompleteSignature(message: string): AwsError {
    return new AwsError('IncompleteSignatureException', message, 403, {
      queryCode: 'IncompleteSignature',
      fault: 'Sender',
    });
  },
  /**
   * Unknown x-amz-target: 400; unknown restJson1 route: 404. awsQuery calls name their own code (InvalidAction,
   * MissingAction: AWS's common query errors).
   */
  unknownOperation(message: string, status: 400 | 404, queryCode = 'UnknownOperationException'): AwsError {
    return new AwsError('UnknownOperationException', message, status, { queryCode, fault: 'Sender' });
  },
  /** A request the service cannot read (malformed JSON, unusable content type): the service's own 400. */
  badRequest(service: ServiceName, message: string, status = 400): AwsError {
    let error: AwsError;
    switch (service) {
      case 'connect':
        error = errorsByService.connect.invalidRequest(message);
        break;
      case 'chime':
        error = errorsByService.chime.badRequest(message);
        break;
      case 'cloudwatch':
        error = errorsByService.cloudwatch.invalidParameterValue(message);
        break;
      case 'voiceid':
        error = errorsByService.voiceid.validation(message);
        break;
    }
    return status === error.status ? error : new AwsError(error.code, message, status, error.options);
  },
  internal(service: ServiceName, message?: string): AwsError {
    return errorsByService[service].internal(message);
  },
  throttling(service: ServiceName, message?: string): AwsError {
    return errorsByService[service].throttling(message);
  },
};

/** A response body that is not JSON: a document cut off mid-way, as a dropped connection or broken proxy would leave it. */
export const MALFORMED_BODY = '{"__simulator":"malformed response injected by a fault","Items":[{"Id":"trunc';
