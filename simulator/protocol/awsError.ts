/**
 * An error the simulator answers the way AWS would. Handlers throw it; the protocol layer encodes it per
 * service (restJson1 header + body for Connect and Chime, awsQueryCompatible JSON for CloudWatch,
 * `__type` for Voice ID), see aws-wire-spec.md "Errors".
 */
export type ServiceName = 'connect' | 'cloudwatch' | 'chime' | 'voiceid';

export class AwsError extends Error {
  constructor(
    /** The exception shape name the SDK maps, e.g. InvalidParameterException, InvalidParameterValueException. */
    readonly code: string,
    message: string,
    readonly status: number,
    readonly options: {
      /** CloudWatch only: the awsQuery error code sent in x-amzn-query-error (e.g. InvalidParameterValue). */
      queryCode?: string;
      fault?: 'Sender' | 'Receiver';
      /** Extra members of the error body (e.g. Connect's InvalidRequestException Reason). */
      extra?: Record<string, unknown>;
    } = {}
  ) {
    super(message);
    this.name = code;
  }
}

// Connect (restJson1)
export const connectErrors = {
  invalidParameter: (message: string) => new AwsError('InvalidParameterException', message, 400),
  invalidRequest: (message: string) => new AwsError('InvalidRequestException', message, 400),
  notFound: (message: string) => new AwsError('ResourceNotFoundException', message, 404),
  throttling: (message = 'Rate exceeded') => new AwsError('ThrottlingException', message, 429),
  accessDenied: (message: string) => new AwsError('AccessDeniedException', message, 403),
  internal: (message = 'Internal service error') => new AwsError('InternalServiceException', message, 500),
};

// CloudWatch (AWS JSON 1.0 with awsQueryCompatible): the query code goes in x-amzn-query-error.
export const cloudWatchErrors = {
  invalidParameterValue: (message: string) =>
    new AwsError('InvalidParameterValueException', message, 400, {
      queryCode: 'InvalidParameterValue',
      fault: 'Sender',
    }),
  missingParameter: (message: string) =>
    new AwsError('MissingRequiredParameterException', message, 400, { queryCode: 'MissingParameter', fault: 'Sender' }),
  invalidParameterCombination: (message: string) =>
    new AwsError('InvalidParameterCombinationException', message, 400, {
      queryCode: 'InvalidParameterCombination',
      fault: 'Sender',
    }),
  invalidNextToken: (message: string) =>
    new AwsError('InvalidNextToken', message, 400, { queryCode: 'InvalidNextToken', fault: 'Sender' }),
  // Metric-math errors ("Error in expression 'e1': ..."): ValidationException in the current model, whose
  // awsQueryError trait names the query code ValidationError (400); older SDKs see the code only.
  validation: (message: string) =>
    new AwsError('ValidationException', message, 400, { queryCode: 'ValidationError', fault: 'Sender' }),
  // Throttling is not modelled in CloudWatch's API: the SDK sees a generic error named "Throttling" and retries it.
  throttling: (message = 'Rate exceeded') =>
    new AwsError('Throttling', message, 400, { queryCode: 'Throttling', fault: 'Sender' }),
  internal: (message = 'Internal service error') =>
    new AwsError('InternalServiceFault', message, 500, { queryCode: 'InternalServiceError', fault: 'Receiver' }),
};

// Chime SDK Voice (restJson1; always with x-amzn-errortype, see the wire spec)
export const chimeErrors = {
  badRequest: (message: string) => new AwsError('BadRequestException', message, 400),
  notFound: (message: string) => new AwsError('NotFoundException', message, 404),
  throttling: (message = 'Rate exceeded') => new AwsError('ThrottledClientException', message, 429),
  forbidden: (message: string) => new AwsError('ForbiddenException', message, 403),
  internal: (message = 'Service failure') => new AwsError('ServiceFailureException', message, 500),
  unavailable: (message = 'Service unavailable') => new AwsError('ServiceUnavailableException', message, 503),
};

// Voice ID (AWS JSON 1.0)
export const voiceIdErrors = {
  validation: (message: string) => new AwsError('ValidationException', message, 400),
  notFound: (message: string) => new AwsError('ResourceNotFoundException', message, 404),
  throttling: (message = 'Rate exceeded') => new AwsError('ThrottlingException', message, 429),
  accessDenied: (message: string) => new AwsError('AccessDeniedException', message, 403),
  internal: (message = 'Internal server error') => new AwsError('InternalServerException', message, 500),
};

export const errorsByService = {
  connect: connectErrors,
  cloudwatch: cloudWatchErrors,
  chime: chimeErrors,
  voiceid: voiceIdErrors,
};
