/**
 * The simulator's protocol layer driven by the real AWS SDK v3 clients over loopback: what the proxy will see.
 * Chime SDK Voice and Voice ID use the simulator's own operations; Connect and CloudWatch use stub operations
 * registered here that raise each error the wire spec names, so the error shapes are checked without depending on
 * the Connect/CloudWatch handlers.
 */
import type { AddressInfo } from 'node:net';
import * as chime from '@aws-sdk/client-chime-sdk-voice';
import * as cloudwatch from '@aws-sdk/client-cloudwatch';
import * as connect from '@aws-sdk/client-connect';
import * as voiceid from '@aws-sdk/client-voice-id';
import { buildSimulator, type Simulator } from '../../simulator/app';
import {
  AwsError,
  chimeErrors,
  cloudWatchErrors,
  connectErrors,
  voiceIdErrors,
} from '../../simulator/protocol/awsError';
import { scenarioWithResources } from '../support/simulatorRequests';
import type { OperationSpec } from '../../simulator/protocol/types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Errors raised by the stubs, keyed by the value the test puts in the request. */
const connectErrorsByKey: Record<string, () => AwsError> = {
  InvalidParameterException: () => connectErrors.invalidParameter('bad parameter'),
  InvalidRequestException: () => connectErrors.invalidRequest('bad request'),
  ResourceNotFoundException: () => connectErrors.notFound('no such queue'),
  ThrottlingException: () => connectErrors.throttling(),
  LimitExceededException: () => new AwsError('LimitExceededException', 'limit exceeded', 429),
  AccessDeniedException: () => connectErrors.accessDenied('denied'),
  ServiceQuotaExceededException: () => new AwsError('ServiceQuotaExceededException', 'quota exceeded', 402),
  InternalServiceException: () => connectErrors.internal(),
};
const cloudWatchErrorsByKey: Record<string, () => AwsError> = {
  InvalidParameterValueException: () => cloudWatchErrors.invalidParameterValue('bad value'),
  MissingRequiredParameterException: () => cloudWatchErrors.missingParameter('missing'),
  InvalidParameterCombinationException: () => cloudWatchErrors.invalidParameterCombination('combination'),
  InvalidNextToken: () => cloudWatchErrors.invalidNextToken('bad token'),
  LimitExceededFault: () =>
    new AwsError('LimitExceededFault', 'limit', 400, { queryCode: 'LimitExceeded', fault: 'Sender' }),
  LimitExceededException: () =>
    new AwsError('LimitExceededException', 'limit', 400, { queryCode: 'LimitExceededException', fault: 'Sender' }),
  InternalServiceFault: () => cloudWatchErrors.internal(),
};
const chimeErrorsByKey: Record<string, () => AwsError> = {
  BadRequestException: () => chimeErrors.badRequest('bad'),
  NotFoundException: () => chimeErrors.notFound('none'),
  ThrottledClientException: () => chimeErrors.throttling(),
  ForbiddenException: () => chimeErrors.forbidden('forbidden'),
  UnauthorizedClientException: () => new AwsError('UnauthorizedClientException', 'unauthorized', 401),
  ServiceFailureException: () => chimeErrors.internal(),
  ServiceUnavailableException: () => chimeErrors.unavailable(),
};
const voiceIdErrorsByKey: Record<string, () => AwsError> = {
  ValidationException: () => voiceIdErrors.validation('invalid'),
  ResourceNotFoundException: () => voiceIdErrors.notFound('no domain'),
  ThrottlingException: () => voiceIdErrors.throttling(),
  AccessDeniedException: () => voiceIdErrors.accessDenied('denied'),
  InternalServerException: () => voiceIdErrors.internal(),
};

const raise = (table: Record<string, () => AwsError>, key: string | undefined) => {
  const make = key ? table[key] : undefined;
  if (make) {
    throw make();
  }
};

const stubs: OperationSpec[] = [
  {
    service: 'connect',
    name: 'DescribeQueue',
    http: { method: 'GET', path: '/queues/:InstanceId/:QueueId' },
    handler: (req) => {
      raise(connectErrorsByKey, req.params.QueueId);
      return {
        body: {
          Queue: { QueueId: req.params.QueueId, QueueArn: req.params.InstanceId, Name: 'Echo', Status: 'ENABLED' },
        },
      };
    },
  },
  {
    service: 'connect',
    name: 'GetCurrentMetricData',
    http: { method: 'POST', path: '/metrics/current/:InstanceId' },
    handler: () => ({ body: { MetricResults: [], DataSnapshotTime: 1767225600.123, ApproximateTotalCount: 0 } }),
  },
  {
    service: 'cloudwatch',
    name: 'ListMetrics',
    target: 'GraniteServiceVersion20100801.ListMetrics',
    handler: (req) => {
      raise(cloudWatchErrorsByKey, (req.body as { Namespace?: string } | undefined)?.Namespace);
      return {
        body: {
          Metrics: [
            { Namespace: 'AWS/Connect', MetricName: 'QueueSize', Dimensions: [{ Name: 'InstanceId', Value: 'i-1' }] },
          ],
        },
      };
    },
  },
  {
    service: 'chime',
    name: 'GetVoiceConnector',
    http: { method: 'GET', path: '/voice-connectors/:VoiceConnectorId' },
    handler: (req) => {
      raise(chimeErrorsByKey, req.params.VoiceConnectorId);
      return { body: { VoiceConnector: { VoiceConnectorId: req.params.VoiceConnectorId } } };
    },
  },
  {
    service: 'chime',
    name: 'CreateVoiceConnector',
    http: { method: 'POST', path: '/voice-connectors' },
    handler: (req) => ({ status: 201, body: { VoiceConnector: { Name: (req.body as { Name?: string })?.Name } } }),
  },
  {
    service: 'voiceid',
    name: 'DescribeDomain',
    target: 'VoiceID.DescribeDomain',
    handler: (req) => {
      raise(voiceIdErrorsByKey, (req.body as { DomainId?: string } | undefined)?.DomainId);
      return { body: { Domain: { DomainId: 'x' } } };
    },
  },
];

let sim: Simulator;
let endpoint: string;
/**
 * The request-quota buckets' clock: still unless a test moves it, so that a burst fired "at once" meets exactly the
 * bucket's size however loaded the machine is (on wall time, tokens refill while the burst is in flight).
 */
const quotaNowMs = 0;

beforeAll(async () => {
  sim = await buildSimulator({
    scenario: scenarioWithResources({ voiceConnectors: 7, domains: 13 }),
    operations: stubs,
    now: () => quotaNowMs,
  });
  await sim.app.listen({ port: 0, host: '127.0.0.1' });
  endpoint = `http://127.0.0.1:${(sim.app.server.address() as AddressInfo).port}`;
});
afterAll(() => sim.app.close());
beforeEach(() => {
  sim.limiter.resetBuckets();
  sim.limiter.resetRuntime();
  sim.faults.clear();
  sim.stats.reset();
});

const config = (region = 'us-east-1', extra: Record<string, unknown> = {}) => ({
  endpoint,
  region,
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  maxAttempts: 1,
  ...extra,
});
const chimeClient = (region?: string, extra?: Record<string, unknown>) =>
  new chime.ChimeSDKVoiceClient(config(region, extra));
const voiceIdClient = (region?: string, extra?: Record<string, unknown>) =>
  new voiceid.VoiceIDClient(config(region, extra));
const connectClient = (region?: string, extra?: Record<string, unknown>) =>
  new connect.ConnectClient(config(region, extra));
const cloudWatchClient = (region?: string, extra?: Record<string, unknown>) =>
  new cloudwatch.CloudWatchClient(config(region, extra));

/** The error a promise rejects with (fails the test if it resolves). */
async function failure(
  promise: Promise<unknown>
): Promise<Error & { $metadata?: { httpStatusCode?: number; attempts?: number }; $fault?: string }> {
  try {
    await promise;
  } catch (err) {
    return err as never;
  }
  throw new Error('expected the call to fail');
}

/** A client middleware that rewrites the outgoing HTTP request after signing. */
function tamper<C extends { middlewareStack: { add: (...args: never[]) => unknown } }>(
  client: C,
  edit: (request: { headers: Record<string, string>; body?: unknown }) => void
): C {
  (client.middlewareStack as unknown as { add: (mw: unknown, options: unknown) => void }).add(
    (next: (args: { request: unknown }) => Promise<unknown>) =>
      async (args: { request: { headers: Record<string, string>; body?: unknown } }) => {
        edit(args.request);
        return next(args);
      },
    { step: 'deserialize', name: 'tamper' }
  );
  return client;
}

describe('Chime SDK Voice: ListVoiceConnectors', () => {
  it('paginates across several pages with paginateListVoiceConnectors', async () => {
    const pages: chime.ListVoiceConnectorsCommandOutput[] = [];
    for await (const page of chime.paginateListVoiceConnectors({ client: chimeClient(), pageSize: 3 }, {})) {
      pages.push(page);
    }
    expect(pages.map((p) => p.VoiceConnectors?.length)).toEqual([3, 3, 1]);
    const connectors = pages.flatMap((p) => p.VoiceConnectors ?? []);
    expect(connectors.map((v) => v.Name)).toEqual(Array.from({ length: 7 }, (_, i) => `vc-us-east-1-${i + 1}`));
    // The SDK parsed the ISO-8601 timestamps.
    expect(connectors[0].CreatedTimestamp).toBeInstanceOf(Date);
    expect(connectors[0]).toMatchObject({
      AwsRegion: 'us-east-1',
      RequireEncryption: true,
      VoiceConnectorArn: expect.stringMatching(/^arn:aws:chime:us-east-1:/),
    });
    expect(pages[0].$metadata.requestId).toMatch(UUID);
    expect(sim.stats.count('chime', 'ListVoiceConnectors', 'ok')).toBe(3);
  });

  it('filters by the client region', async () => {
    const eu = await chimeClient('eu-west-2').send(new chime.ListVoiceConnectorsCommand({}));
    expect(eu.VoiceConnectors?.map((v) => v.AwsRegion)).toEqual(Array(7).fill('eu-west-2'));
    const none = await chimeClient('ap-southeast-2').send(new chime.ListVoiceConnectorsCommand({}));
    expect(none.VoiceConnectors).toEqual([]);
    expect(none.NextToken).toBeUndefined();
  });

  it('refuses MaxResults out of range with BadRequestException', async () => {
    const err = await failure(chimeClient().send(new chime.ListVoiceConnectorsCommand({ MaxResults: 101 })));
    expect(err).toBeInstanceOf(chime.BadRequestException);
    expect(err.$metadata?.httpStatusCode).toBe(400);
  });
});

describe('Voice ID: ListDomains', () => {
  it('paginates across several pages with paginateListDomains', async () => {
    const pages: voiceid.ListDomainsCommandOutput[] = [];
    for await (const page of voiceid.paginateListDomains({ client: voiceIdClient(), pageSize: 4 }, {})) {
      pages.push(page);
    }
    expect(pages.map((p) => p.DomainSummaries?.length)).toEqual([4, 4, 4, 1]);
    const domains = pages.flatMap((p) => p.DomainSummaries ?? []);
    expect(domains.map((d) => d.Name)).toEqual(Array.from({ length: 13 }, (_, i) => `domain-us-east-1-${i + 1}`));
    expect(domains[0].CreatedAt).toBeInstanceOf(Date);
    expect(domains[0]).toMatchObject({
      DomainStatus: 'ACTIVE',
      ServerSideEncryptionConfiguration: { KmsKeyId: expect.stringContaining(':kms:') },
    });
    expect(domains[0].DomainId).toHaveLength(22);
  });

  it('filters by the client region', async () => {
    const eu = await voiceIdClient('eu-west-2').send(new voiceid.ListDomainsCommand({ MaxResults: 10 }));
    expect(eu.DomainSummaries?.every((d) => d.Arn?.includes(':eu-west-2:'))).toBe(true);
    expect((await voiceIdClient('sa-east-1').send(new voiceid.ListDomainsCommand({}))).DomainSummaries).toEqual([]);
  });

  it('refuses MaxResults out of range with ValidationException', async () => {
    const err = await failure(voiceIdClient().send(new voiceid.ListDomainsCommand({ MaxResults: 11 })));
    expect(err).toBeInstanceOf(voiceid.ValidationException);
    expect(err.$metadata?.httpStatusCode).toBe(400);
  });
});

describe('every error class of the wire spec reaches the SDK as its own exception', () => {
  it.each([
    ['InvalidParameterException', 400],
    ['InvalidRequestException', 400],
    ['ResourceNotFoundException', 404],
    ['ThrottlingException', 429],
    ['LimitExceededException', 429],
    ['AccessDeniedException', 403],
    ['ServiceQuotaExceededException', 402],
    ['InternalServiceException', 500],
  ])('Connect %s (%i)', async (name, status) => {
    const err = await failure(
      connectClient().send(new connect.DescribeQueueCommand({ InstanceId: 'i', QueueId: name }))
    );
    expect(err).toBeInstanceOf((connect as unknown as Record<string, new () => Error>)[name]);
    expect([err.name, err.$metadata?.httpStatusCode]).toEqual([name, status]);
  });

  it.each([
    ['InvalidParameterValueException', 400],
    ['MissingRequiredParameterException', 400],
    ['InvalidParameterCombinationException', 400],
    ['InvalidNextToken', 400],
    ['LimitExceededFault', 400],
    ['LimitExceededException', 400],
    ['InternalServiceFault', 500],
  ])('CloudWatch %s (%i)', async (name, status) => {
    const err = await failure(cloudWatchClient().send(new cloudwatch.ListMetricsCommand({ Namespace: name })));
    expect(err).toBeInstanceOf((cloudwatch as unknown as Record<string, new () => Error>)[name]);
    expect([err.name, err.$metadata?.httpStatusCode]).toEqual([name, status]);
  });

  it.each([
    ['BadRequestException', 400],
    ['NotFoundException', 404],
    ['ThrottledClientException', 429],
    ['ForbiddenException', 403],
    ['UnauthorizedClientException', 401],
    ['ServiceFailureException', 500],
    ['ServiceUnavailableException', 503],
  ])('Chime SDK Voice %s (%i)', async (name, status) => {
    const err = await failure(chimeClient().send(new chime.GetVoiceConnectorCommand({ VoiceConnectorId: name })));
    expect(err).toBeInstanceOf((chime as unknown as Record<string, new () => Error>)[name]);
    expect([err.name, err.$metadata?.httpStatusCode]).toEqual([name, status]);
  });

  it.each([
    ['ValidationException', 400],
    ['ResourceNotFoundException', 404],
    ['ThrottlingException', 429],
    ['AccessDeniedException', 403],
    ['InternalServerException', 500],
  ])('Voice ID %s (%i)', async (name, status) => {
    const err = await failure(voiceIdClient().send(new voiceid.DescribeDomainCommand({ DomainId: name })));
    expect(err).toBeInstanceOf((voiceid as unknown as Record<string, new () => Error>)[name]);
    expect([err.name, err.$metadata?.httpStatusCode]).toEqual([name, status]);
  });

  it('restJson1 path labels arrive decoded, ARNs included', async () => {
    const arn =
      'arn:aws:connect:us-east-1:123456789012:instance/3f2c9a1e-7b4d-4e2a-9c61-5d8e0f4a2b17/queue/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
    const out = await connectClient().send(
      new connect.DescribeQueueCommand({ InstanceId: 'inst/with slash', QueueId: arn })
    );
    expect(out.Queue).toMatchObject({ QueueId: arn, QueueArn: 'inst/with slash' });
  });
});

describe('request quotas', () => {
  /** Fires n calls at once; returns how many succeeded and the errors of the others. */
  async function burst(n: number, call: () => Promise<unknown>) {
    const results = await Promise.allSettled(Array.from({ length: n }, call));
    const errors = results
      .filter((r): r is PromiseRejectedResult => r.status === 'rejected')
      .map((r) => r.reason as Error & { $metadata?: { httpStatusCode?: number } });
    return { ok: results.length - errors.length, errors };
  }

  it('Connect GetCurrentMetricData: a burst of 20 gets 8 through (burst 8), the rest ThrottlingException 429', async () => {
    const client = connectClient();
    const { ok, errors } = await burst(20, () =>
      client.send(
        new connect.GetCurrentMetricDataCommand({
          InstanceId: 'i',
          Filters: { Queues: ['q'] },
          CurrentMetrics: [{ Name: 'CONTACTS_IN_QUEUE', Unit: 'COUNT' }],
        })
      )
    );
    expect(ok).toBe(8);
    expect(errors.every((e) => e instanceof connect.ThrottlingException && e.$metadata?.httpStatusCode === 429)).toBe(
      true
    );
    expect(sim.stats.count('connect', 'GetCurrentMetricData', 'throttled')).toBe(errors.length);
  });

  it('Chime ListVoiceConnectors beyond 10: ThrottledClientException 429', async () => {
    const client = chimeClient();
    const { ok, errors } = await burst(14, () => client.send(new chime.ListVoiceConnectorsCommand({})));
    expect(ok).toBe(10);
    expect(errors).toHaveLength(4);
    expect(
      errors.every((e) => e instanceof chime.ThrottledClientException && e.$metadata?.httpStatusCode === 429)
    ).toBe(true);
  });

  it('Voice ID ListDomains beyond 10: ThrottlingException 429', async () => {
    const client = voiceIdClient();
    const { ok, errors } = await burst(13, () => client.send(new voiceid.ListDomainsCommand({})));
    expect(ok).toBe(10);
    expect(errors).toHaveLength(3);
    expect(errors.every((e) => e instanceof voiceid.ThrottlingException && e.$metadata?.httpStatusCode === 429)).toBe(
      true
    );
  });

  it('CloudWatch beyond its quota: 400 "Throttling", and the quota follows the admin API', async () => {
    sim.limiter.setRuntime({ ListMetrics: { rate: 0.01, burst: 3 } });
    const client = cloudWatchClient();
    const { ok, errors } = await burst(6, () => client.send(new cloudwatch.ListMetricsCommand({})));
    expect(ok).toBe(3);
    expect(errors.map((e) => [e.name, e.$metadata?.httpStatusCode])).toEqual(Array(3).fill(['Throttling', 400]));
    expect(errors[0]).toBeInstanceOf(cloudwatch.CloudWatchServiceException);
  });

  it('each access key has its own bucket', async () => {
    sim.limiter.setRuntime({ ListDomains: { rate: 0.01, burst: 1 } });
    await voiceIdClient().send(new voiceid.ListDomainsCommand({}));
    const other = new voiceid.VoiceIDClient({
      ...config(),
      credentials: { accessKeyId: 'other', secretAccessKey: 'test' },
    });
    await expect(other.send(new voiceid.ListDomainsCommand({}))).resolves.toBeDefined();
    await expect(voiceIdClient().send(new voiceid.ListDomainsCommand({}))).rejects.toBeInstanceOf(
      voiceid.ThrottlingException
    );
  });
});

describe('fault injection', () => {
  it('malformed bodies surface as an SDK deserialization error', async () => {
    sim.faults.set({ '*': { malformedRate: 1 } });
    for (const call of [
      () => chimeClient().send(new chime.ListVoiceConnectorsCommand({})),
      () => voiceIdClient().send(new voiceid.ListDomainsCommand({})),
      () => cloudWatchClient().send(new cloudwatch.ListMetricsCommand({})),
      () => connectClient().send(new connect.DescribeQueueCommand({ InstanceId: 'i', QueueId: 'q' })),
    ]) {
      const err = await failure(call());
      expect(err.name).toBe('SyntaxError');
      expect(err.message).toMatch(/Deserialization error/);
      expect(err.$metadata?.httpStatusCode).toBe(200);
    }
    expect(sim.stats.snapshot().totals.fault_malformed).toBe(4);
  });

  it('latency is added to the call, and a client timeout shorter than it fires', async () => {
    sim.faults.set({ ListDomains: { latencyMs: 150 } });
    const started = Date.now();
    await voiceIdClient().send(new voiceid.ListDomainsCommand({}));
    expect(Date.now() - started).toBeGreaterThanOrEqual(145);
    const err = await failure(
      voiceIdClient('us-east-1', { requestHandler: { requestTimeout: 40, throwOnRequestTimeout: true } }).send(
        new voiceid.ListDomainsCommand({})
      )
    );
    expect(err.name).toBe('TimeoutError');
  });

  it('errors are the service 5xx, retried by the SDK', async () => {
    sim.faults.set({ ListVoiceConnectors: { errorRate: 1 } });
    const err = await failure(
      chimeClient('us-east-1', { maxAttempts: 3 }).send(new chime.ListVoiceConnectorsCommand({}))
    );
    expect(err).toBeInstanceOf(chime.ServiceFailureException);
    expect(err.$metadata?.attempts).toBe(3);
    expect(sim.stats.count('chime', 'ListVoiceConnectors', 'fault_error')).toBe(3);
  });

  it('throttle faults are the service throttling error', async () => {
    sim.faults.set({ 'voiceid:ListDomains': { throttleRate: 1 } });
    const err = await failure(voiceIdClient().send(new voiceid.ListDomainsCommand({})));
    expect(err).toBeInstanceOf(voiceid.ThrottlingException);
    expect(sim.stats.count('voiceid', 'ListDomains', 'fault_throttle')).toBe(1);
  });
});

describe('requests AWS would refuse', () => {
  const unsigned = <C extends { middlewareStack: { add: (...args: never[]) => unknown } }>(client: C) =>
    tamper(client, (request) => {
      delete request.headers.authorization;
    });

  it('unsigned requests: 403 Missing Authentication Token, for every service', async () => {
    const errors = [
      await failure(unsigned(chimeClient()).send(new chime.ListVoiceConnectorsCommand({}))),
      await failure(unsigned(voiceIdClient()).send(new voiceid.ListDomainsCommand({}))),
      await failure(
        unsigned(connectClient()).send(new connect.DescribeQueueCommand({ InstanceId: 'i', QueueId: 'q' }))
      ),
      await failure(unsigned(cloudWatchClient()).send(new cloudwatch.ListMetricsCommand({}))),
    ];
    expect(errors.map((e) => [e.name, e.$metadata?.httpStatusCode, e.message])).toEqual([
      ['MissingAuthenticationTokenException', 403, 'Missing Authentication Token'],
      ['MissingAuthenticationTokenException', 403, 'Missing Authentication Token'],
      ['MissingAuthenticationTokenException', 403, 'Missing Authentication Token'],
      // CloudWatch names errors after the awsQuery code in x-amzn-query-error.
      ['MissingAuthenticationToken', 403, 'Missing Authentication Token'],
    ]);
  });

  it('malformed JSON request bodies: the service validation error', async () => {
    const broken = <C extends { middlewareStack: { add: (...args: never[]) => unknown } }>(client: C) =>
      tamper(client, (request) => {
        request.body = '{"MaxResults": ';
        request.headers['content-length'] = String(Buffer.byteLength(request.body as string));
      });
    const vid = await failure(broken(voiceIdClient()).send(new voiceid.ListDomainsCommand({ MaxResults: 5 })));
    expect(vid).toBeInstanceOf(voiceid.ValidationException);
    expect(vid.message).toMatch(/Malformed JSON request body/);
    const cw = await failure(
      broken(cloudWatchClient()).send(new cloudwatch.ListMetricsCommand({ Namespace: 'AWS/Connect' }))
    );
    expect(cw).toBeInstanceOf(cloudwatch.InvalidParameterValueException);
    const cn = await failure(
      broken(connectClient()).send(
        new connect.GetCurrentMetricDataCommand({ InstanceId: 'i', Filters: {}, CurrentMetrics: [] })
      )
    );
    expect(cn).toBeInstanceOf(connect.InvalidRequestException);
    const ch = await failure(
      broken(chimeClient()).send(new chime.CreateVoiceConnectorCommand({ Name: 'x', RequireEncryption: true }))
    );
    expect(ch).toBeInstanceOf(chime.BadRequestException);
    expect(ch.$metadata?.httpStatusCode).toBe(400);
  });

  it('unknown operations: UnknownOperationException (400 for JSON targets, 404 for REST paths)', async () => {
    const errors = [
      await failure(voiceIdClient().send(new voiceid.DescribeSpeakerCommand({ DomainId: 'd', SpeakerId: 's' }))),
      await failure(cloudWatchClient().send(new cloudwatch.DescribeAlarmsCommand({}))),
      await failure(chimeClient().send(new chime.GetSipMediaApplicationCommand({ SipMediaApplicationId: 'x' }))),
      await failure(connectClient().send(new connect.ListAgentStatusesCommand({ InstanceId: 'i' }))),
    ];
    expect(errors.map((e) => [e.name, e.$metadata?.httpStatusCode])).toEqual([
      ['UnknownOperationException', 400],
      ['UnknownOperationException', 400],
      ['UnknownOperationException', 404],
      ['UnknownOperationException', 404],
    ]);
  });
});

describe('after all of that', () => {
  it('the simulator is still up and serving', async () => {
    const health = await fetch(`${endpoint}/_sim/health`);
    expect(health.status).toBe(200);
    expect(((await health.json()) as { status: string }).status).toBe('ok');
    const out = await chimeClient().send(new chime.ListVoiceConnectorsCommand({}));
    expect(out.VoiceConnectors).toHaveLength(7);
    const stats = (await (await fetch(`${endpoint}/_sim/stats`)).json()) as { totals: Record<string, number> };
    expect(stats.totals.ok).toBeGreaterThanOrEqual(1);
    expect(stats.totals.server_error).toBe(0);
  });
});
