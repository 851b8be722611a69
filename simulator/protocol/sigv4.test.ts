import { parseCredential, readSigV4 } from './sigv4';

const header = (credential: string) =>
  `AWS4-HMAC-SHA256 Credential=${credential}, SignedHeaders=host;x-amz-date, Signature=abc`;

describe('readSigV4', () => {
  it('reads access key, date, region and service from the credential scope', () => {
    expect(readSigV4({ authorization: header('AKID/20261122/us-east-1/connect/aws4_request') })).toEqual({
      ok: true,
      scope: { accessKeyId: 'AKID', date: '20261122', region: 'us-east-1', service: 'connect' },
    });
    const cw = readSigV4({ authorization: header('K2/20261122/eu-west-2/monitoring/aws4_request') });
    expect(cw.ok && cw.scope).toMatchObject({ accessKeyId: 'K2', region: 'eu-west-2', service: 'monitoring' });
  });

  it('treats an absent or blank header as missing credentials', () => {
    expect(readSigV4({})).toEqual({ ok: false, reason: 'missing', message: 'Missing Authentication Token' });
    expect(readSigV4({ authorization: '  ' })).toMatchObject({ ok: false, reason: 'missing' });
  });

  it.each([
    ['Basic dXNlcjpwYXNz', /AWS4-HMAC-SHA256/],
    ['AWS4-HMAC-SHA256 SignedHeaders=host, Signature=abc', /Credential/],
    [header('AKID/20261122/us-east-1/connect'), /scoped/],
    [header('AKID/yesterday/us-east-1/connect/aws4_request'), /scoped/],
    [header('/20261122/us-east-1/connect/aws4_request'), /scoped/],
  ])('refuses a malformed header %s', (value, message) => {
    const result = readSigV4({ authorization: value });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toBe('malformed');
    expect(!result.ok && result.message).toMatch(message);
  });

  it('accepts a presigned URL credential', () => {
    const result = readSigV4({}, { 'X-Amz-Credential': 'AKID/20261122/us-west-2/chime/aws4_request' });
    expect(result.ok && result.scope.region).toBe('us-west-2');
    expect(readSigV4({}, { 'X-Amz-Credential': 'garbage' })).toMatchObject({ ok: false, reason: 'malformed' });
  });

  it('uses the first of repeated headers', () => {
    const result = readSigV4({ authorization: [header('A/20261122/us-east-1/voiceid/aws4_request'), 'x'] });
    expect(result.ok && result.scope.service).toBe('voiceid');
  });
});

describe('parseCredential', () => {
  it('needs exactly five parts ending in aws4_request', () => {
    expect(parseCredential('A/20261122/r/s/aws4_request')).toEqual({
      accessKeyId: 'A',
      date: '20261122',
      region: 'r',
      service: 's',
    });
    expect(parseCredential('A/20261122/r/s/aws4_request/x')).toBeUndefined();
    expect(parseCredential('A/20261122//s/aws4_request')).toBeUndefined();
  });
});
