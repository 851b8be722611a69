import { RateLimitedError } from '../upstream/rateLimiter';
import type { AwsService } from './context';

/**
 * AWS errors as clear, per-query messages: what failed, why, and what to do. A throttle names the API and its
 * quota, an access denial names the IAM action, an unknown instance says so. Secrets never appear: messages are
 * built from error names, AWS's message and ids the user supplied.
 */
export interface UpstreamCall {
  service: AwsService;
  operation: string;
  region: string;
  /** For messages about a Connect instance. */
  instanceId?: string;
}

export interface DescribedError {
  /** HTTP-like status for the query's entry in the response. */
  status: number;
  /** Stable machine code, e.g. upstream_throttled. */
  code: string;
  message: string;
}

const SERVICE_NAMES: Record<AwsService, string> = {
  connect: 'Amazon Connect',
  cloudwatch: 'Amazon CloudWatch',
  chime: 'Amazon Chime SDK Voice',
  voiceid: 'Amazon Connect Voice ID',
  sts: 'AWS STS',
};

/** The IAM action prefix of each service. */
const IAM_PREFIX: Record<AwsService, string> = {
  connect: 'connect',
  cloudwatch: 'cloudwatch',
  chime: 'chime',
  voiceid: 'voiceid',
  sts: 'sts',
};

const QUOTA_TEXT: Record<string, string> = {
  GetCurrentMetricData: '5 requests per second, burst 8, per account and region',
  GetMetricDataV2: '10 requests per second per account and region',
  GetCurrentUserData: '2 requests per second, burst 5',
  ListQueues: '2 requests per second, burst 5',
  ListRoutingProfiles: '2 requests per second, burst 5',
  ListInstances: '2 requests per second, burst 5',
  GetMetricData: '50 requests per second (500 in current AWS documentation)',
  ListMetrics: '25 requests per second',
};

const THROTTLE_NAMES: ReadonlySet<string> = new Set([
  'ThrottlingException',
  'Throttling',
  'ThrottledClientException',
  'TooManyRequestsException',
  'ThrottledException',
  'RequestLimitExceeded',
  'LimitExceededException',
  'SlowDown',
]);
const DENIED_NAMES: ReadonlySet<string> = new Set([
  'AccessDeniedException',
  'AccessDenied',
  'ForbiddenException',
  'UnauthorizedOperation',
  'UnauthorizedClientException',
]);
const BAD_CREDENTIALS: ReadonlySet<string> = new Set([
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'ExpiredTokenException',
  'ExpiredToken',
  'SignatureDoesNotMatch',
  'InvalidSignatureException',
  'MissingAuthenticationToken',
  'MissingAuthenticationTokenException',
]);
const INVALID_NAMES: ReadonlySet<string> = new Set([
  'InvalidParameterException',
  'InvalidRequestException',
  'ValidationException',
  'InvalidParameterValueException',
  'InvalidParameterValue',
  'InvalidParameterCombinationException',
  'MissingRequiredParameterException',
  'BadRequestException',
  'InvalidNextToken',
]);
const NETWORK_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
]);

interface SdkError {
  name?: string;
  message?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
  $fault?: 'client' | 'server';
}

export function describeAwsError(err: unknown, call: UpstreamCall): DescribedError {
  const e = (err ?? {}) as SdkError;
  const name = e.name ?? 'Error';
  const status = e.$metadata?.httpStatusCode;
  const service = SERVICE_NAMES[call.service];
  const action = `${IAM_PREFIX[call.service]}:${call.operation}`;
  const awsMessage = (e.message ?? '').trim();

  if (err instanceof RateLimitedError) {
    return {
      status: 429,
      code: 'rate_limited',
      message: `${call.operation} is rate-limited by the proxy to ${err.quota.rate} requests per second (burst ${err.quota.burst}) per credentials and region, and this query would have waited ${(err.waitMs / 1000).toFixed(1)} s. Refresh less often or combine queries.`,
    };
  }
  if (name === 'AssumeRoleError') {
    // proxy/aws/clients.ts wraps STS failures with the role and what to check (the message carries no secret)
    return {
      status: 403,
      code: 'assume_role_failed',
      message: awsMessage || `Could not assume the datasource's role for ${action}`,
    };
  }
  if (THROTTLE_NAMES.has(name) || status === 429) {
    const quota = QUOTA_TEXT[call.operation];
    return {
      status: 429,
      code: 'upstream_throttled',
      message: `${service} throttled ${call.operation} in ${call.region}${quota ? ` (quota: ${quota})` : ''} after retries. Other tools using the same account and region share this quota.`,
    };
  }
  if (DENIED_NAMES.has(name) || status === 403) {
    return {
      status: 403,
      code: 'access_denied',
      message: `Access denied to ${action} in ${call.region}: the credentials the proxy uses for this datasource need the IAM action ${action}${call.instanceId && call.service === 'connect' ? ` on instance ${call.instanceId}` : ''}. AWS said: ${awsMessage || name}`,
    };
  }
  if (BAD_CREDENTIALS.has(name) || name === 'CredentialsProviderError' || status === 401) {
    const missing = name === 'CredentialsProviderError';
    return {
      // 403, not 401: behind Grafana's datasource proxy a 401 becomes a bare 400 "Authentication to data source
      // failed" (pkg/api/pluginproxy/ds_proxy.go, modifyResponse) and this message would be lost.
      status: 403,
      code: missing ? 'no_credentials' : 'bad_credentials',
      message: missing
        ? `No AWS credentials for ${call.operation}: the datasource uses the proxy's default credential chain and the proxy has none (environment, shared profile, container or instance role). Configure access keys or a role in the datasource, or give the proxy credentials.`
        : `AWS rejected the credentials calling ${action} (${name}): check the access key, secret or role of the datasource.`,
    };
  }
  if (name === 'ResourceNotFoundException' || name === 'NotFoundException' || status === 404) {
    return {
      status: 404,
      code: 'not_found',
      message:
        call.service === 'connect' && call.instanceId
          ? `Amazon Connect instance ${call.instanceId} was not found in ${call.region} (or a resource it names does not exist): check the instance id and the region. AWS said: ${awsMessage || name}`
          : `${service} could not find what ${call.operation} asked for in ${call.region}: ${awsMessage || name}`,
    };
  }
  if (INVALID_NAMES.has(name) || status === 400) {
    return {
      status: 400,
      code: 'upstream_rejected',
      message: `${service} rejected ${call.operation}: ${awsMessage || name}`,
    };
  }
  if (
    NETWORK_CODES.has(e.code ?? '') ||
    NETWORK_CODES.has(name) ||
    name === 'TimeoutError' ||
    name === 'AbortError' ||
    /socket hang up|ECONNREFUSED|timed? ?out/i.test(awsMessage)
  ) {
    return {
      status: 502,
      code: 'network_error',
      message: `Could not reach ${service} in ${call.region} for ${call.operation}: ${awsMessage || name}`,
    };
  }
  if (name === 'SyntaxError' || /Deserialization error|Unexpected token|JSON/.test(awsMessage)) {
    return {
      status: 502,
      code: 'bad_response',
      message: `${service} answered ${call.operation} with a response that is not valid; try again.`,
    };
  }
  if ((status !== undefined && status >= 500) || e.$fault === 'server') {
    return {
      status: 502,
      code: 'upstream_error',
      message: `${service} failed ${call.operation} in ${call.region} with an internal error (${name}) after retries; try again.`,
    };
  }
  return { status: 502, code: 'upstream_error', message: `${call.operation} failed: ${awsMessage || name}` };
}

export { UpstreamError } from '../errors';
