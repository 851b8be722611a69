import { RateLimitedError } from '../upstream/rateLimiter';
import { describeAwsError } from './errors';

const call = { service: 'connect' as const, operation: 'GetCurrentMetricData', region: 'us-east-1', instanceId: 'i-1' };
const sdkError = (name: string, status: number, message = 'm') =>
  Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });

describe('describeAwsError', () => {
  it('names the API and its quota on throttling', () => {
    const d = describeAwsError(sdkError('ThrottlingException', 429), call);
    expect(d).toMatchObject({ status: 429, code: 'upstream_throttled' });
    expect(d.message).toContain('throttled GetCurrentMetricData in us-east-1 (quota: 5 requests per second, burst 8');
    expect(
      describeAwsError(sdkError('Throttling', 400), { ...call, service: 'cloudwatch', operation: 'GetMetricData' }).code
    ).toBe('upstream_throttled');
  });

  it('names the IAM action on access denied', () => {
    const d = describeAwsError(sdkError('AccessDeniedException', 403, 'User is not authorized'), call);
    expect(d.status).toBe(403);
    expect(d.message).toContain('need the IAM action connect:GetCurrentMetricData on instance i-1');
    expect(
      describeAwsError(sdkError('AccessDenied', 403), {
        service: 'cloudwatch',
        operation: 'ListMetrics',
        region: 'eu-west-2',
      }).message
    ).toContain('cloudwatch:ListMetrics');
  });

  it('says which instance was not found', () => {
    expect(describeAwsError(sdkError('ResourceNotFoundException', 404), call).message).toContain(
      'Amazon Connect instance i-1 was not found in us-east-1'
    );
  });

  it('tells missing credentials from rejected ones', () => {
    expect(
      describeAwsError(
        Object.assign(new Error('Could not load credentials'), { name: 'CredentialsProviderError' }),
        call
      ).code
    ).toBe('no_credentials');
    expect(describeAwsError(sdkError('UnrecognizedClientException', 400), call).code).toBe('bad_credentials');
  });

  it('maps validation, network, malformed and server errors', () => {
    expect(describeAwsError(sdkError('InvalidParameterException', 400, 'bad filter'), call)).toMatchObject({
      status: 400,
      message: 'Amazon Connect rejected GetCurrentMetricData: bad filter',
    });
    expect(
      describeAwsError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }), call)
        .code
    ).toBe('network_error');
    expect(describeAwsError(Object.assign(new SyntaxError('Unexpected token < in JSON'), {}), call).code).toBe(
      'bad_response'
    );
    expect(describeAwsError(sdkError('InternalServiceException', 500), call)).toMatchObject({
      status: 502,
      code: 'upstream_error',
    });
    expect(
      describeAwsError(new RateLimitedError('GetCurrentMetricData', { rate: 5, burst: 8 }, 9000), call)
    ).toMatchObject({ status: 429, code: 'rate_limited' });
  });
});

describe('describeAwsError: assumed roles', () => {
  it('reports a role that cannot be assumed as a 403 with the message of the credentials layer', () => {
    const err = Object.assign(new Error('Could not assume role arn:aws:iam::1:role/x: check the trust policy'), {
      name: 'AssumeRoleError',
    });
    expect(describeAwsError(err, { service: 'connect', operation: 'ListInstances', region: 'us-east-1' })).toEqual({
      status: 403,
      code: 'assume_role_failed',
      message: 'Could not assume role arn:aws:iam::1:role/x: check the trust policy',
    });
  });
});
