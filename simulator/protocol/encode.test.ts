import { AwsError, chimeErrors, cloudWatchErrors, connectErrors, voiceIdErrors } from './awsError';
import { encodeError, encodeSuccess, MALFORMED_BODY, protocolErrors } from './encode';

const body = (encoded: { body: string }) => JSON.parse(encoded.body);

describe('encodeError', () => {
  it('Connect: status, x-amzn-errortype and {"Message"}, extra members kept', () => {
    const e = encodeError(
      'connect',
      new AwsError('InvalidRequestException', 'bad', 400, {
        extra: { Reason: { AttachedFileInvalidRequestExceptionReason: 'X' } },
      })
    );
    expect(e.status).toBe(400);
    expect(e.headers).toEqual({ 'content-type': 'application/json', 'x-amzn-errortype': 'InvalidRequestException' });
    expect(body(e)).toEqual({ Message: 'bad', Reason: { AttachedFileInvalidRequestExceptionReason: 'X' } });
    expect(encodeError('connect', connectErrors.throttling()).status).toBe(429);
  });

  it('Chime: header plus the ErrorCode enum value in Code', () => {
    const e = encodeError('chime', chimeErrors.throttling());
    expect(e.status).toBe(429);
    expect(e.headers['x-amzn-errortype']).toBe('ThrottledClientException');
    expect(body(e)).toEqual({ Code: 'Throttled', Message: 'Rate exceeded' });
    expect(body(encodeError('chime', chimeErrors.badRequest('x'))).Code).toBe('BadRequest');
    expect(body(encodeError('chime', chimeErrors.unavailable())).Code).toBe('ServiceUnavailable');
    expect(body(encodeError('chime', new AwsError('SomethingNewException', 'x', 400))).Code).toBe('SomethingNew');
  });

  it('CloudWatch: x-amzn-query-error with the query code and fault, __type with the shape', () => {
    const e = encodeError('cloudwatch', cloudWatchErrors.invalidParameterValue('Period must be a multiple of 60'));
    expect(e.status).toBe(400);
    expect(e.headers).toEqual({
      'content-type': 'application/x-amz-json-1.0',
      'x-amzn-query-error': 'InvalidParameterValue;Sender',
    });
    expect(body(e)).toEqual({
      __type: 'com.amazonaws.cloudwatch#InvalidParameterValueException',
      message: 'Period must be a multiple of 60',
    });
    const internal = encodeError('cloudwatch', cloudWatchErrors.internal());
    expect(internal.status).toBe(500);
    expect(internal.headers['x-amzn-query-error']).toBe('InternalServiceError;Receiver');
    // Without explicit options the code doubles as query code and the status picks the fault.
    expect(encodeError('cloudwatch', new AwsError('Oops', 'x', 503)).headers['x-amzn-query-error']).toBe(
      'Oops;Receiver'
    );
  });

  it('Voice ID: __type in the voiceid namespace, lower-case message, no errortype header', () => {
    const e = encodeError('voiceid', voiceIdErrors.validation('MaxResults too big'));
    expect(e.status).toBe(400);
    expect(e.headers).toEqual({ 'content-type': 'application/x-amz-json-1.0' });
    expect(body(e)).toEqual({ __type: 'com.amazonaws.voiceid#ValidationException', message: 'MaxResults too big' });
  });
});

describe('protocolErrors', () => {
  it('bad requests use each service own validation error', () => {
    expect(protocolErrors.badRequest('connect', 'm').code).toBe('InvalidRequestException');
    expect(protocolErrors.badRequest('chime', 'm').code).toBe('BadRequestException');
    expect(protocolErrors.badRequest('cloudwatch', 'm').options.queryCode).toBe('InvalidParameterValue');
    expect(protocolErrors.badRequest('voiceid', 'm').code).toBe('ValidationException');
    const tooLarge = protocolErrors.badRequest('connect', 'too large', 413);
    expect([tooLarge.code, tooLarge.status]).toEqual(['InvalidRequestException', 413]);
  });

  it('internal and throttling errors are the service ones', () => {
    expect(['connect', 'cloudwatch', 'chime', 'voiceid'].map((s) => protocolErrors.internal(s as never).code)).toEqual([
      'InternalServiceException',
      'InternalServiceFault',
      'ServiceFailureException',
      'InternalServerException',
    ]);
    expect(
      ['connect', 'cloudwatch', 'chime', 'voiceid'].map((s) => protocolErrors.throttling(s as never).status)
    ).toEqual([429, 400, 429, 429]);
  });

  it('missing authentication is a 403 with the awsQuery code for CloudWatch', () => {
    const e = protocolErrors.missingAuthentication();
    expect([e.code, e.status, e.message]).toEqual([
      'MissingAuthenticationTokenException',
      403,
      'Missing Authentication Token',
    ]);
    expect(encodeError('cloudwatch', e).headers['x-amzn-query-error']).toBe('MissingAuthenticationToken;Sender');
  });
});

describe('encodeSuccess', () => {
  it('serialises the body as JSON with the protocol content type', () => {
    expect(encodeSuccess('connect', { body: { A: 1 } })).toEqual({
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: '{"A":1}',
    });
    expect(encodeSuccess('voiceid', {}).headers['content-type']).toBe('application/x-amz-json-1.0');
    expect(encodeSuccess('cloudwatch', {}).body).toBe('{}');
    expect(encodeSuccess('chime', { status: 201, headers: { 'x-extra': '1' }, body: { B: undefined } })).toEqual({
      status: 201,
      headers: { 'content-type': 'application/json', 'x-extra': '1' },
      body: '{}',
    });
  });

  it('the malformed body is not JSON', () => {
    expect(() => JSON.parse(MALFORMED_BODY)).toThrow(SyntaxError);
  });
});
