import { ListInstancesCommand } from '@aws-sdk/client-connect';
import type { FromTemporaryCredentialsOptions } from '@aws-sdk/credential-providers';
import { StandardRetryStrategy } from '@smithy/util-retry';
import { startTestSimulator, type TestSimulator } from '../../test/support/simulator';
import { testConfig } from '../../test/support/proxy';
import {
  AssumeRoleError,
  AwsClients,
  credentialsKeyOf,
  DEMO_CREDENTIALS,
  REFRESH_BEFORE_EXPIRY_MS,
  ROLE_SESSION_NAME,
  type Credentials,
} from './clients';
import type { AwsSettings } from './context';

const ROLE = 'arn:aws:iam::123456789012:role/GrafanaConnect';
const EXTERNAL_ID = 'grafana-external-id-42';
// AKIAIOSFODNN7EXAMPLE is AWS's documented example access key id (IAM user guide), not a credential.
const keys = (accessKeyId = 'AKIAIOSFODNN7EXAMPLE', secretAccessKey = 'secret-one'): AwsSettings => ({
  region: 'us-east-1',
  authType: 'keys',
  accessKeyId,
  secretAccessKey,
});
const role = (externalId?: string): AwsSettings => ({
  region: 'eu-west-2',
  authType: 'assume-role',
  assumeRoleArn: ROLE,
  ...(externalId ? { externalId } : {}),
});
const BASE: Credentials = { accessKeyId: 'AKIABASECREDENTIALS', secretAccessKey: 'base-secret' };

describe('credentialsKeyOf', () => {
  it('names credentials without their secrets', () => {
    expect(credentialsKeyOf({ region: 'us-east-1', authType: 'default' })).toBe('default');
    const keyed = credentialsKeyOf(keys());
    expect(keyed).toMatch(/^keys:AKIAIOSFODNN7EXAMPLE\|[0-9a-f]{16}$/);
    expect(keyed).not.toContain(keys().secretAccessKey);
    // Another secret for the same access key id is other credentials: the caches must not answer it.
    expect(credentialsKeyOf(keys('AKIAIOSFODNN7EXAMPLE', 'another-secret'))).not.toBe(keyed);
    expect(credentialsKeyOf(role())).toBe(`role:${ROLE}`);
    const withId = credentialsKeyOf(role(EXTERNAL_ID));
    expect(withId).toMatch(new RegExp(`^role:${ROLE.replace(/[/.]/g, '\\$&')}\\|[0-9a-f]{8}$`));
    expect(withId).not.toContain(EXTERNAL_ID);
    expect(credentialsKeyOf(role('another-external-id'))).not.toBe(withId);
  });
});

describe('AwsClients', () => {
  let clients: AwsClients;
  afterEach(() => clients?.close());

  it('reuses clients per credentials, region and service', () => {
    clients = new AwsClients(testConfig(), { baseCredentials: BASE });
    const a = clients.forSettings(keys());
    const b = clients.forSettings(keys());
    expect(b.connect('us-east-1')).toBe(a.connect('us-east-1'));
    expect(a.connect('eu-west-2')).not.toBe(a.connect('us-east-1'));
    expect(a.cloudwatch('us-east-1')).not.toBe(a.connect('us-east-1'));
    expect(a.chime('us-east-1')).toBe(b.chime('us-east-1'));
    expect(a.voiceId('us-east-1')).toBe(b.voiceId('us-east-1'));
    // Other credentials, other clients; a rotated secret too (and another credentials key: no cache shared).
    const other = clients.forSettings(keys('AKIAOTHERKEY00000000'));
    expect(other.connect('us-east-1')).not.toBe(a.connect('us-east-1'));
    const rotated = clients.forSettings(keys('AKIAIOSFODNN7EXAMPLE', 'secret-two'));
    expect(rotated.credentialsKey).not.toBe(a.credentialsKey);
    expect(rotated.connect('us-east-1')).not.toBe(a.connect('us-east-1'));
    expect(clients.clientCount()).toBe(7);
  });

  it('hands out contexts with the key, default region and auth type', () => {
    clients = new AwsClients(testConfig(), { baseCredentials: BASE });
    expect(clients.forSettings(keys())).toMatchObject({
      credentialsKey: expect.stringMatching(/^keys:AKIAIOSFODNN7EXAMPLE\|/),
      defaultRegion: 'us-east-1',
      authType: 'keys',
    });
    expect(clients.forSettings(role())).toMatchObject({
      defaultRegion: 'eu-west-2',
      authType: 'assume-role',
      roleArn: ROLE,
    });
  });

  it('configures endpoint, region, attempts and standard retries', async () => {
    clients = new AwsClients(testConfig({ awsEndpointUrl: 'http://127.0.0.1:4599', sdkMaxAttempts: 2 }), {
      baseCredentials: BASE,
    });
    const connect = clients.forSettings(keys()).connect('eu-west-2');
    expect(await connect.config.region()).toBe('eu-west-2');
    expect(await connect.config.maxAttempts()).toBe(2);
    expect(await connect.config.retryStrategy()).toBeInstanceOf(StandardRetryStrategy);
    const endpoint = await connect.config.endpoint!();
    expect(`${endpoint.protocol}//${endpoint.hostname}:${endpoint.port}`).toBe('http://127.0.0.1:4599');
    // Without an override the SDK's own endpoints apply.
    const real = new AwsClients(testConfig(), { baseCredentials: BASE });
    expect(real.forSettings(keys()).connect('us-east-1').config.endpoint).toBeUndefined();
    real.close();
  });

  it('uses static keys, the default chain, or the demo keys against an endpoint override', async () => {
    clients = new AwsClients(testConfig(), { baseCredentials: BASE });
    expect(await clients.forSettings(keys()).connect('us-east-1').config.credentials()).toMatchObject({
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      secretAccessKey: 'secret-one',
    });
    expect(
      await clients
        .forSettings({ region: 'us-east-1', authType: 'default' })
        .cloudwatch('us-east-1')
        .config.credentials()
    ).toMatchObject(BASE);
    const demo = new AwsClients(testConfig({ demo: true, awsEndpointUrl: 'http://127.0.0.1:4599' }));
    expect(
      await demo.forSettings({ region: 'us-east-1', authType: 'default' }).connect('us-east-1').config.credentials()
    ).toMatchObject(DEMO_CREDENTIALS);
    demo.close();
  });

  describe('assume-role', () => {
    function fakeSts(outcome: () => Promise<Credentials>) {
      const calls: FromTemporaryCredentialsOptions[] = [];
      let assumed = 0;
      const assumeRole = (options: FromTemporaryCredentialsOptions) => {
        calls.push(options);
        return async () => {
          assumed++;
          return outcome();
        };
      };
      return { calls, assumeRole, assumed: () => assumed };
    }

    it('assumes the role on top of the proxy credentials, with the external id and session name', async () => {
      const sts = fakeSts(async () => ({ accessKeyId: 'ASIATEMPORARY', secretAccessKey: 's', sessionToken: 't' }));
      clients = new AwsClients(testConfig({ awsEndpointUrl: 'http://127.0.0.1:4599', sdkMaxAttempts: 2 }), {
        baseCredentials: BASE,
        assumeRole: sts.assumeRole,
      });
      const aws = clients.forSettings(role(EXTERNAL_ID));
      expect(await aws.connect('us-east-1').config.credentials()).toMatchObject({ accessKeyId: 'ASIATEMPORARY' });
      expect(sts.calls).toEqual([
        {
          params: { RoleArn: ROLE, RoleSessionName: ROLE_SESSION_NAME, ExternalId: EXTERNAL_ID },
          masterCredentials: BASE,
          clientConfig: { region: 'eu-west-2', maxAttempts: 2, endpoint: 'http://127.0.0.1:4599' },
        },
      ]);
    });

    it('shares one session between clients and renews it before it expires', async () => {
      let now = Date.parse('2026-11-18T17:00:00Z');
      const expiration = new Date(now + 60 * 60_000);
      const sts = fakeSts(async () => ({ accessKeyId: `ASIA${sts.assumed()}`, secretAccessKey: 's', expiration }));
      clients = new AwsClients(testConfig(), { baseCredentials: BASE, assumeRole: sts.assumeRole, now: () => now });
      const aws = clients.forSettings(role(EXTERNAL_ID));
      const [a, b] = await Promise.all([
        aws.connect('us-east-1').config.credentials(),
        aws.cloudwatch('eu-west-2').config.credentials(),
      ]);
      expect(sts.assumed()).toBe(1);
      expect(a.accessKeyId).toBe('ASIA1');
      expect(b.accessKeyId).toBe('ASIA1');
      // A new context for the same settings (the next request) shares it too.
      expect((await clients.forSettings(role(EXTERNAL_ID)).chime('us-east-1').config.credentials()).accessKeyId).toBe(
        'ASIA1'
      );
      now = expiration.getTime() - REFRESH_BEFORE_EXPIRY_MS - 1000;
      expect((await aws.connect('us-east-1').config.credentials()).accessKeyId).toBe('ASIA1');
      now = expiration.getTime() - REFRESH_BEFORE_EXPIRY_MS + 1000;
      expect((await aws.connect('us-east-1').config.credentials()).accessKeyId).toBe('ASIA2');
      expect(sts.assumed()).toBe(2);
    });

    it('turns a failed AssumeRole into a clear error without the external id, and tries again next time', async () => {
      let fail = true;
      const sts = fakeSts(async () => {
        if (fail) {
          throw Object.assign(
            new Error(
              `User: arn:aws:iam::123456789012:user/grafana is not authorized to perform: sts:AssumeRole (external id ${EXTERNAL_ID})`
            ),
            { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } }
          );
        }
        return { accessKeyId: 'ASIAOK', secretAccessKey: 's' };
      });
      clients = new AwsClients(testConfig(), { baseCredentials: BASE, assumeRole: sts.assumeRole });
      const aws = clients.forSettings(role(EXTERNAL_ID));
      const err = await aws
        .connect('us-east-1')
        .config.credentials()
        .then(
          () => undefined,
          (e: unknown) => e
        );
      expect(err).toBeInstanceOf(AssumeRoleError);
      const message = (err as Error).message;
      expect(message).toMatch(
        `Could not assume role ${ROLE} (AccessDenied: User: arn:aws:iam::123456789012:user/grafana is not authorized`
      );
      expect(message).toContain("The proxy's own credentials need sts:AssumeRole on this role");
      expect(message).not.toContain(EXTERNAL_ID);
      fail = false;
      expect((await aws.connect('us-east-1').config.credentials()).accessKeyId).toBe('ASIAOK');
    });

    describe('with the real STS provider against the simulator (which has no STS)', () => {
      let sim: TestSimulator;
      beforeAll(async () => {
        sim = await startTestSimulator();
      });
      afterAll(() => sim.close());

      it('fails the AWS call with an error that names the role and the cause', async () => {
        clients = new AwsClients(testConfig({ awsEndpointUrl: sim.url }), { baseCredentials: BASE });
        const aws = clients.forSettings(role(EXTERNAL_ID));
        const err = await aws
          .connect('eu-west-2')
          .send(new ListInstancesCommand({}))
          .then(
            () => undefined,
            (e: unknown) => e
          );
        expect(err).toBeInstanceOf(AssumeRoleError);
        expect((err as Error).message).toBe(
          `Could not assume role ${ROLE} (the STS endpoint did not answer like STS: AWS_ENDPOINT_URL overrides STS as well, and the simulator has no STS). The proxy's own credentials need sts:AssumeRole on this role, and the role's trust policy must allow them (with the external id set in the datasource).`
        );
        // The STS request went to the endpoint override; Connect was never called.
        expect(sim.stats.count('connect', 'ListInstances')).toBe(0);
        expect(sim.stats.snapshot().totals.requests).toBe(1);
      });
    });
  });

  it('closes the least recently used credential sets beyond the limit, and everything on close', () => {
    clients = new AwsClients(testConfig(), { baseCredentials: BASE, maxCredentialSets: 2 });
    const first = clients.forSettings(keys('AKIAFIRST00000000000')).connect('us-east-1');
    clients.forSettings(keys('AKIASECOND0000000000')).connect('us-east-1');
    clients.forSettings(keys('AKIAFIRST00000000000')).connect('us-east-1'); // first is now the most recent
    clients.forSettings(keys('AKIATHIRD00000000000')).connect('us-east-1'); // second goes
    expect(clients.clientCount()).toBe(2);
    expect(clients.forSettings(keys('AKIAFIRST00000000000')).connect('us-east-1')).toBe(first);
    const destroy = jest.spyOn(first, 'destroy');
    clients.close();
    expect(destroy).toHaveBeenCalled();
    expect(clients.clientCount()).toBe(0);
    expect(() => clients.forSettings(keys()).connect('us-east-1')).toThrow('the AWS clients are closed');
  });
});
