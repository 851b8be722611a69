import { AwsSettingsError, readAwsSettings } from './settings';

const defaults = { region: 'us-east-1' };
const ROLE = 'arn:aws:iam::123456789012:role/GrafanaConnect';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

function problemsOf(headers: Record<string, string>): string[] {
  try {
    readAwsSettings(headers, defaults);
  } catch (err) {
    expect(err).toBeInstanceOf(AwsSettingsError);
    expect((err as AwsSettingsError).statusCode).toBe(400);
    return (err as AwsSettingsError).problems;
  }
  throw new Error('expected an AwsSettingsError');
}

describe('readAwsSettings', () => {
  it("falls back to the proxy's defaults without headers", () => {
    expect(readAwsSettings({}, defaults)).toEqual({ region: 'us-east-1', authType: 'default' });
    expect(readAwsSettings({}, { region: 'eu-west-2' }).region).toBe('eu-west-2');
  });

  it('reads region and auth type (case-insensitive type)', () => {
    expect(
      readAwsSettings({ 'x-switchboard-region': 'ap-southeast-2', 'x-switchboard-auth-type': 'DEFAULT' }, defaults)
    ).toEqual({
      region: 'ap-southeast-2',
      authType: 'default',
    });
    expect(readAwsSettings({ 'x-switchboard-region': 'us-gov-west-1' }, defaults).region).toBe('us-gov-west-1');
  });

  // AKIAIOSFODNN7EXAMPLE below: AWS's documented example access key id, not a credential.
  it('reads access keys', () => {
    expect(
      readAwsSettings(
        {
          'x-switchboard-auth-type': 'keys',
          'x-switchboard-access-key': 'AKIAIOSFODNN7EXAMPLE',
          'x-switchboard-secret-key': SECRET,
        },
        defaults
      )
    ).toEqual({ region: 'us-east-1', authType: 'keys', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: SECRET });
  });

  it('reads a role with and without an external id', () => {
    const base = { 'x-switchboard-auth-type': 'assume-role', 'x-switchboard-assume-role-arn': ROLE };
    expect(readAwsSettings(base, defaults)).toEqual({
      region: 'us-east-1',
      authType: 'assume-role',
      assumeRoleArn: ROLE,
    });
    expect(readAwsSettings({ ...base, 'x-switchboard-external-id': 'grafana-7f3a' }, defaults)).toMatchObject({
      externalId: 'grafana-7f3a',
    });
    expect(
      readAwsSettings(
        { ...base, 'x-switchboard-assume-role-arn': 'arn:aws-us-gov:iam::123456789012:role/path/to/Role' },
        defaults
      ).assumeRoleArn
    ).toBe('arn:aws-us-gov:iam::123456789012:role/path/to/Role');
  });

  it('ignores the headers of the auth types not chosen', () => {
    expect(
      readAwsSettings(
        {
          'x-switchboard-access-key': 'AKIAIOSFODNN7EXAMPLE',
          'x-switchboard-secret-key': SECRET,
          'x-switchboard-assume-role-arn': 'junk',
        },
        defaults
      )
    ).toEqual({ region: 'us-east-1', authType: 'default' });
  });

  it('names the header and the rule of every problem', () => {
    expect(problemsOf({ 'x-switchboard-auth-type': 'iam', 'x-switchboard-region': 'Europe' })).toEqual([
      'X-Switchboard-Region must be an AWS Region code such as us-east-1 (got "Europe")',
      'X-Switchboard-Auth-Type must be one of default, keys, assume-role (got "iam")',
    ]);
    expect(problemsOf({ 'x-switchboard-auth-type': 'keys' })).toEqual([
      'X-Switchboard-Access-Key is required with auth type keys',
      'X-Switchboard-Secret-Key is required with auth type keys',
    ]);
    expect(
      problemsOf({ 'x-switchboard-auth-type': 'keys', 'x-switchboard-access-key': 'AKIAIOSFODNN7EXAMPLE' })
    ).toEqual(['X-Switchboard-Secret-Key is required with auth type keys']);
    expect(problemsOf({ 'x-switchboard-auth-type': 'assume-role' })).toEqual([
      'X-Switchboard-Assume-Role-Arn is required with auth type assume-role',
    ]);
    expect(
      problemsOf({
        'x-switchboard-auth-type': 'assume-role',
        'x-switchboard-assume-role-arn': 'arn:aws:iam::123:user/bob',
      })
    ).toEqual([
      'X-Switchboard-Assume-Role-Arn must be an IAM role ARN such as arn:aws:iam::123456789012:role/GrafanaConnect (got "arn:aws:iam::123:user/bob")',
    ]);
  });

  it('never repeats a secret in a message', () => {
    const badSecret = 'has a space in the secret';
    const badAccess = 'AKIA-with-dashes';
    const badExternal = 'x'.repeat(1300);
    const problems = [
      ...problemsOf({
        'x-switchboard-auth-type': 'keys',
        'x-switchboard-access-key': badAccess,
        'x-switchboard-secret-key': badSecret,
      }),
      ...problemsOf({
        'x-switchboard-auth-type': 'assume-role',
        'x-switchboard-assume-role-arn': ROLE,
        'x-switchboard-external-id': badExternal,
      }),
    ];
    expect(problems).toEqual([
      'X-Switchboard-Access-Key must be an AWS access key id (16 to 128 letters and digits)',
      'X-Switchboard-Secret-Key must be an AWS secret access key (no spaces, at most 256 characters)',
      'X-Switchboard-External-Id must be 2 to 1224 characters of letters, digits and +=,.@:/-',
    ]);
    const all = problems.join(' ');
    expect(all).not.toContain(badSecret);
    expect(all).not.toContain(badExternal.slice(0, 20));
  });
});
