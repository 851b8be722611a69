import { Writable } from 'node:stream';

import { buildSimulator, type Simulator } from '../app';
import { AwsError, connectErrors } from './awsError';
import { jsonTarget, signed } from '../../test/support/simulatorRequests';
import type { OperationSpec } from './types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Stub operations that echo what the protocol layer hands them, or fail on demand. */
const stubs: OperationSpec[] = [
  {
    service: 'connect',
    name: 'DescribeQueue',
    http: { method: 'GET', path: '/queues/:InstanceId/:QueueId' },
    handler: (req) => ({
      body: {
        params: req.params,
        query: req.query,
        region: req.region,
        accessKeyId: req.accessKeyId,
        operation: req.operation,
        path: req.path,
        method: req.method,
        body: req.body ?? null,
      },
    }),
  },
  {
    service: 'connect',
    name: 'GetCurrentMetricData',
    http: { method: 'POST', path: '/metrics/current/:InstanceId' },
    handler: (req) => ({
      body: {
        received: req.body ?? null,
        hasProto: req.body ? Object.prototype.hasOwnProperty.call(req.body, '__proto__') : false,
      },
    }),
  },
  {
    service: 'connect',
    name: 'Boom',
    http: { method: 'GET', path: '/boom/:kind' },
    handler: async (req) => {
      switch (req.params.kind) {
        case 'aws':
          throw connectErrors.notFound('no such thing');
        case 'type':
          throw new TypeError('cannot read properties of undefined');
        case 'reject':
          return Promise.reject(new Error('async failure'));
        case 'unserialisable':
          return { body: { big: BigInt(1) } };
        default:
          return { status: 202, headers: { 'x-custom': 'yes' }, body: { accepted: true } };
      }
    },
  },
  {
    service: 'cloudwatch',
    name: 'ListMetrics',
    target: 'GraniteServiceVersion20100801.ListMetrics',
    handler: (req) => {
      if ((req.body as { Namespace?: string } | undefined)?.Namespace === 'boom') {
        throw new Error('handler bug');
      }
      return { body: { Metrics: [], echo: req.body ?? null } };
    },
  },
  {
    service: 'voiceid',
    name: 'DescribeDomain',
    target: 'VoiceID.DescribeDomain',
    handler: () => Promise.reject(new RangeError('bug')),
  },
  {
    service: 'chime',
    name: 'GetVoiceConnector',
    http: { method: 'GET', path: '/voice-connectors/:VoiceConnectorId' },
    handler: () => {
      throw new Error('bug');
    },
  },
];

function logCapture() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { lines, logger: { level: 'error', stream } };
}

let sim: Simulator;
let fakeNow = 0;
const logs = logCapture();

beforeAll(async () => {
  sim = await buildSimulator({ operations: stubs, logger: logs.logger, now: () => fakeNow });
});
afterAll(() => sim.app.close());
beforeEach(() => {
  // A fresh second for every test: buckets refill between tests but not within one.
  fakeNow += 60_000;
  sim.faults.clear();
  sim.stats.reset();
});

const connect = (extra: Record<string, string> = {}) => signed('connect', 'us-east-1', 'AKIDTEST', extra);

describe('routing', () => {
  it('hands restJson1 path parameters decoded, ARNs with slashes included', async () => {
    const arn =
      'arn:aws:connect:us-east-1:123456789012:instance/3f2c9a1e-7b4d-4e2a-9c61-5d8e0f4a2b17/queue/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
    const res = await sim.app.inject({
      method: 'GET',
      url: `/queues/inst-1/${encodeURIComponent(arn)}`,
      headers: connect(),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      params: { InstanceId: 'inst-1', QueueId: arn },
      region: 'us-east-1',
      accessKeyId: 'AKIDTEST',
      operation: 'DescribeQueue',
      method: 'GET',
      path: `/queues/inst-1/${encodeURIComponent(arn)}`,
      body: null,
    });
  });

  it('turns repeated query keys into arrays and decodes values', async () => {
    const res = await sim.app.inject({
      method: 'GET',
      url: '/queues/i/q?queueTypes=STANDARD&queueTypes=AGENT&nextToken=abc%2F%2B%3D&maxResults=10',
      headers: connect(),
    });
    expect(res.json().query).toEqual({ queueTypes: ['STANDARD', 'AGENT'], nextToken: 'abc/+=', maxResults: '10' });
  });

  it('routes POST / by x-amz-target and reads the region from the credential scope', async () => {
    const res = await sim.app.inject({
      method: 'POST',
      url: '/',
      headers: jsonTarget('GraniteServiceVersion20100801.ListMetrics', 'eu-west-2'),
      payload: '{"Namespace":"AWS/Connect"}',
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/x-amz-json-1.0');
    expect(res.json()).toEqual({ Metrics: [], echo: { Namespace: 'AWS/Connect' } });
  });

  it('sends restJson1 successes as application/json, with the handler status and headers', async () => {
    const res = await sim.app.inject({ method: 'GET', url: '/boom/ok', headers: connect() });
    expect(res.statusCode).toBe(202);
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.headers['x-custom']).toBe('yes');
    expect(res.json()).toEqual({ accepted: true });
  });

  it('puts a request id (UUID) on every response', async () => {
    const responses = await Promise.all([
      sim.app.inject({ method: 'GET', url: '/boom/ok', headers: connect() }),
      sim.app.inject({ method: 'GET', url: '/boom/aws', headers: connect() }),
      sim.app.inject({ method: 'GET', url: '/nowhere' }),
      sim.app.inject({ method: 'GET', url: '/_sim/health' }),
    ]);
    const ids = responses.map((r) => r.headers['x-amzn-requestid']);
    ids.forEach((id) => expect(id).toMatch(UUID));
    expect(new Set(ids).size).toBe(4);
  });

  it('does not answer HEAD for GET operations', async () => {
    const res = await sim.app.inject({ method: 'HEAD', url: '/queues/i/q', headers: connect() });
    expect(res.statusCode).toBe(404);
  });
});

describe('request bodies', () => {
  it.each([['application/json'], ['application/x-amz-json-1.0'], ['text/plain'], ['application/octet-stream']])(
    'accepts %s as JSON',
    async (type) => {
      const res = await sim.app.inject({
        method: 'POST',
        url: '/metrics/current/i',
        headers: connect({ 'content-type': type }),
        payload: '{"Filters":{"Queues":["q1"]}}',
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().received).toEqual({ Filters: { Queues: ['q1'] } });
    }
  );

  it('accepts a body without a content type, and treats an empty body as no body', async () => {
    const withBody = await sim.app.inject({
      method: 'POST',
      url: '/metrics/current/i',
      headers: connect(),
      payload: Buffer.from('{"A":1}'),
    });
    expect(withBody.json().received).toEqual({ A: 1 });
    const empty = await sim.app.inject({
      method: 'POST',
      url: '/metrics/current/i',
      headers: connect({ 'content-type': 'application/json' }),
      payload: '',
    });
    expect(empty.json().received).toBeNull();
    const blank = await sim.app.inject({
      method: 'POST',
      url: '/metrics/current/i',
      headers: connect({ 'content-type': 'application/json' }),
      payload: ' \n ',
    });
    expect(blank.json().received).toBeNull();
  });

  it('drops __proto__ members', async () => {
    const res = await sim.app.inject({
      method: 'POST',
      url: '/metrics/current/i',
      headers: connect({ 'content-type': 'application/json' }),
      payload: '{"__proto__":{"polluted":true},"A":1}',
    });
    expect(res.json()).toEqual({ received: { A: 1 }, hasProto: false });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    [
      'connect',
      { method: 'POST' as const, url: '/metrics/current/i', headers: connect({ 'content-type': 'application/json' }) },
      'InvalidRequestException',
    ],
    [
      'cloudwatch',
      { method: 'POST' as const, url: '/', headers: jsonTarget('GraniteServiceVersion20100801.ListMetrics') },
      'InvalidParameterValueException',
    ],
    [
      'voiceid',
      { method: 'POST' as const, url: '/', headers: jsonTarget('VoiceID.ListDomains') },
      'ValidationException',
    ],
  ])('malformed JSON gets the %s validation error naming the problem', async (_service, request, code) => {
    const res = await sim.app.inject({ ...request, payload: '{"Filters": {"Queues": [' });
    expect(res.statusCode).toBe(400);
    const text = `${res.headers['x-amzn-errortype'] ?? ''} ${res.body}`;
    expect(text).toContain(code);
    expect(text).toMatch(/Malformed JSON request body/);
  });

  it('a JSON body that is not an object is refused', async () => {
    for (const payload of ['[1,2]', '"text"', '42', 'null']) {
      const res = await sim.app.inject({
        method: 'POST',
        url: '/',
        headers: jsonTarget('VoiceID.ListDomains'),
        payload,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({
        __type: 'com.amazonaws.voiceid#ValidationException',
        message: expect.stringMatching(/must be a JSON object/),
      });
    }
  });

  it('a content type that is not a media type is the service own 400, not a crash', async () => {
    const res = await sim.app.inject({
      method: 'POST',
      url: '/metrics/current/i',
      headers: connect({ 'content-type': '((garbage' }),
      payload: '{}',
    });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expect(res.headers['x-amzn-errortype']).toBe('InvalidRequestException');
  });

  it('a body over the limit is refused with 413 in the service encoding', async () => {
    const res = await sim.app.inject({
      method: 'POST',
      url: '/',
      headers: jsonTarget('GraniteServiceVersion20100801.ListMetrics'),
      payload: `{"x":"${'a'.repeat(9 * 1024 * 1024)}"}`,
    });
    expect(res.statusCode).toBe(413);
    expect(res.headers['x-amzn-query-error']).toBe('InvalidParameterValue;Sender');
  });
});

describe('unknown operations', () => {
  it('unknown x-amz-target: 400 UnknownOperationException in the encoding of the target prefix', async () => {
    const cw = await sim.app.inject({
      method: 'POST',
      url: '/',
      headers: jsonTarget('GraniteServiceVersion20100801.DescribeAlarms'),
      payload: '{}',
    });
    expect(cw.statusCode).toBe(400);
    expect(cw.headers['x-amzn-query-error']).toBe('UnknownOperationException;Sender');
    expect(cw.json().__type).toBe('com.amazonaws.cloudwatch#UnknownOperationException');
    const vid = await sim.app.inject({
      method: 'POST',
      url: '/',
      headers: jsonTarget('VoiceID.DescribeSpeaker'),
      payload: '{}',
    });
    expect(vid.json()).toEqual({
      __type: 'com.amazonaws.voiceid#UnknownOperationException',
      message: 'Unknown operation "VoiceID.DescribeSpeaker"',
    });
    const other = await sim.app.inject({
      method: 'POST',
      url: '/',
      headers: connect({ 'x-amz-target': 'DynamoDB_20120810.ListTables' }),
      payload: '{}',
    });
    expect(other.statusCode).toBe(400);
    expect(other.headers['x-amzn-errortype']).toBe('UnknownOperationException');
    expect(sim.stats.count('cloudwatch', '(unknown)', 'client_error')).toBe(1);
  });

  it('unknown REST path: 404 UnknownOperationException, restJson1-encoded (Chime by path or signing name)', async () => {
    const res = await sim.app.inject({ method: 'GET', url: '/users-summary/abc', headers: connect() });
    expect(res.statusCode).toBe(404);
    expect(res.headers['x-amzn-errortype']).toBe('UnknownOperationException');
    expect(res.json()).toEqual({ Message: 'No operation matches GET /users-summary/abc' });
    const chime = await sim.app.inject({ method: 'DELETE', url: '/voice-connectors', headers: signed('chime') });
    expect(chime.statusCode).toBe(404);
    expect(chime.json()).toMatchObject({ Code: 'UnknownOperation' });
    const bySigningName = await sim.app.inject({
      method: 'GET',
      url: '/sip-media-applications',
      headers: signed('chime'),
    });
    expect(bySigningName.json()).toMatchObject({ Code: 'UnknownOperation' });
  });

  it('POST / without a target is an unknown operation', async () => {
    const res = await sim.app.inject({ method: 'POST', url: '/', headers: connect(), payload: '{}' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['x-amzn-errortype']).toBe('UnknownOperationException');
  });
});

describe('authentication', () => {
  it.each([
    [
      'connect',
      { method: 'GET' as const, url: '/queues/i/q', headers: {} },
      (r: { headers: Record<string, unknown> }) =>
        r.headers['x-amzn-errortype'] === 'MissingAuthenticationTokenException',
    ],
    [
      'chime',
      { method: 'GET' as const, url: '/voice-connectors', headers: {} },
      (r: { headers: Record<string, unknown> }) =>
        r.headers['x-amzn-errortype'] === 'MissingAuthenticationTokenException',
    ],
    [
      'cloudwatch',
      { method: 'POST' as const, url: '/', headers: { 'x-amz-target': 'GraniteServiceVersion20100801.ListMetrics' } },
      (r: { headers: Record<string, unknown> }) =>
        r.headers['x-amzn-query-error'] === 'MissingAuthenticationToken;Sender',
    ],
    ['voiceid', { method: 'POST' as const, url: '/', headers: { 'x-amz-target': 'VoiceID.ListDomains' } }, () => true],
  ])('refuses an unsigned %s request with 403 Missing Authentication Token', async (_service, request, check) => {
    const res = await sim.app.inject({ ...request, payload: request.method === 'POST' ? '{}' : undefined });
    expect(res.statusCode).toBe(403);
    expect(check(res)).toBe(true);
    expect(res.body).toContain('Missing Authentication Token');
  });

  it('refuses unknown paths without credentials the same way (as API Gateway does)', async () => {
    const res = await sim.app.inject({ method: 'GET', url: '/no/such/thing' });
    expect(res.statusCode).toBe(403);
  });

  it('refuses a malformed Authorization header with 403 IncompleteSignatureException', async () => {
    const res = await sim.app.inject({
      method: 'GET',
      url: '/queues/i/q',
      headers: { authorization: 'AWS4-HMAC-SHA256 Signature=abc' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.headers['x-amzn-errortype']).toBe('IncompleteSignatureException');
  });
});

describe('handler failures', () => {
  it('an AwsError is encoded as thrown and counted as a client error', async () => {
    const res = await sim.app.inject({ method: 'GET', url: '/boom/aws', headers: connect() });
    expect(res.statusCode).toBe(404);
    expect(res.headers['x-amzn-errortype']).toBe('ResourceNotFoundException');
    expect(res.json()).toEqual({ Message: 'no such thing' });
    expect(sim.stats.count('connect', 'Boom', 'client_error')).toBe(1);
  });

  it.each(['type', 'reject', 'unserialisable'])(
    'an unexpected failure (%s) becomes InternalServiceException 500 and is logged',
    async (kind) => {
      const before = logs.lines.length;
      const res = await sim.app.inject({ method: 'GET', url: `/boom/${kind}`, headers: connect() });
      expect(res.statusCode).toBe(500);
      expect(res.headers['x-amzn-errortype']).toBe('InternalServiceException');
      expect(logs.lines.length).toBeGreaterThan(before);
      expect(logs.lines.at(-1)).toMatchObject({ level: 50, operation: 'Boom' });
      expect(sim.stats.count('connect', 'Boom', 'server_error')).toBe(1);
    }
  );

  it('each service has its own 500', async () => {
    const cw = await sim.app.inject({
      method: 'POST',
      url: '/',
      headers: jsonTarget('GraniteServiceVersion20100801.ListMetrics'),
      payload: '{"Namespace":"boom"}',
    });
    expect([cw.statusCode, cw.headers['x-amzn-query-error'], cw.json().__type]).toEqual([
      500,
      'InternalServiceError;Receiver',
      'com.amazonaws.cloudwatch#InternalServiceFault',
    ]);
    const vid = await sim.app.inject({
      method: 'POST',
      url: '/',
      headers: jsonTarget('VoiceID.DescribeDomain'),
      payload: '{}',
    });
    expect([vid.statusCode, vid.json().__type]).toEqual([500, 'com.amazonaws.voiceid#InternalServerException']);
    const chime = await sim.app.inject({ method: 'GET', url: '/voice-connectors/abc', headers: signed('chime') });
    expect([chime.statusCode, chime.headers['x-amzn-errortype'], chime.json().Code]).toEqual([
      500,
      'ServiceFailureException',
      'ServiceFailure',
    ]);
  });
});

describe('request quotas', () => {
  it('throttles ListVoiceConnectors beyond its burst with ThrottledClientException 429', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      statuses.push(
        (
          await sim.app.inject({
            method: 'GET',
            url: '/voice-connectors',
            headers: signed('chime', 'us-east-1', 'quota-test'),
          })
        ).statusCode
      );
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(10);
    expect(statuses.slice(10)).toEqual([429, 429]);
    const res = await sim.app.inject({
      method: 'GET',
      url: '/voice-connectors',
      headers: signed('chime', 'us-east-1', 'quota-test'),
    });
    expect(res.headers['x-amzn-errortype']).toBe('ThrottledClientException');
    expect(res.json()).toEqual({ Code: 'Throttled', Message: 'Rate exceeded' });
    // Another caller, or the same caller in another region, has its own bucket.
    expect(
      (
        await sim.app.inject({
          method: 'GET',
          url: '/voice-connectors',
          headers: signed('chime', 'eu-west-2', 'quota-test'),
        })
      ).statusCode
    ).toBe(200);
    expect(sim.stats.count('chime', 'ListVoiceConnectors', 'throttled')).toBe(3);
    // A second later one token is back.
    fakeNow += 100;
    expect(
      (
        await sim.app.inject({
          method: 'GET',
          url: '/voice-connectors',
          headers: signed('chime', 'us-east-1', 'quota-test'),
        })
      ).statusCode
    ).toBe(200);
  });

  it('CloudWatch throttling is 400 Throttling;Sender', async () => {
    sim.limiter.setRuntime({ ListMetrics: { rate: 1, burst: 1 } });
    try {
      const call = () =>
        sim.app.inject({
          method: 'POST',
          url: '/',
          headers: jsonTarget('GraniteServiceVersion20100801.ListMetrics'),
          payload: '{}',
        });
      expect((await call()).statusCode).toBe(200);
      const res = await call();
      expect(res.statusCode).toBe(400);
      expect(res.headers['x-amzn-query-error']).toBe('Throttling;Sender');
      expect(res.json().__type).toBe('com.amazonaws.cloudwatch#Throttling');
    } finally {
      sim.limiter.resetRuntime();
    }
  });
});

describe('fault injection', () => {
  const list = () =>
    sim.app.inject({
      method: 'GET',
      url: '/voice-connectors',
      headers: signed('chime', 'us-east-1', `fault-${Math.random()}`),
    });

  it('throttleRate answers with the service throttling error', async () => {
    sim.faults.set({ ListVoiceConnectors: { throttleRate: 1 } });
    const res = await list();
    expect([res.statusCode, res.headers['x-amzn-errortype']]).toEqual([429, 'ThrottledClientException']);
    expect(sim.stats.count('chime', 'ListVoiceConnectors', 'fault_throttle')).toBe(1);
  });

  it('errorRate answers with the service 5xx', async () => {
    sim.faults.set({ '*': { errorRate: 1 } });
    const res = await list();
    expect([res.statusCode, res.headers['x-amzn-errortype']]).toEqual([500, 'ServiceFailureException']);
    expect(sim.stats.count('chime', 'ListVoiceConnectors', 'fault_error')).toBe(1);
  });

  it('malformedRate answers 200 with a body that is not JSON', async () => {
    sim.faults.set({ 'chime:ListVoiceConnectors': { malformedRate: 1 } });
    const res = await list();
    expect(res.statusCode).toBe(200);
    expect(() => JSON.parse(res.body)).toThrow(SyntaxError);
    expect(sim.stats.count('chime', 'ListVoiceConnectors', 'fault_malformed')).toBe(1);
  });

  it('latencyMs delays the answer', async () => {
    sim.faults.set({ ListVoiceConnectors: { latencyMs: 120 } });
    const started = Date.now();
    expect((await list()).statusCode).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
    expect(sim.stats.snapshot().services.chime!.ListVoiceConnectors.latencyMs.max).toBeGreaterThanOrEqual(110);
  });

  it('faults on one operation leave the others alone', async () => {
    sim.faults.set({ ListDomains: { errorRate: 1 } });
    expect((await list()).statusCode).toBe(200);
  });
});

describe('operation specs', () => {
  const base = { service: 'connect' as const, handler: () => ({}) };
  it.each([
    [
      [
        { ...base, name: 'A', http: { method: 'GET' as const, path: '/a' } },
        { ...base, name: 'B', http: { method: 'GET' as const, path: '/a' } },
      ],
      /already registered by A/,
    ],
    [[{ ...base, name: 'A' }], /exactly one of http/],
    [
      [{ ...base, name: 'A', http: { method: 'GET' as const, path: '/a' }, target: 'VoiceID.A' }],
      /exactly one of http/,
    ],
    [[{ ...base, name: 'A', http: { method: 'GET' as const, path: '/_sim/x' } }], /reserved/],
    [[{ ...base, name: 'A', target: 'Nope.A' }], /no known service prefix/],
    [
      [
        { ...base, name: 'A', target: 'VoiceID.A' },
        { ...base, name: 'B', target: 'VoiceID.A' },
      ],
      /already registered/,
    ],
  ])('refuses bad specs at build time (%#)', async (operations, message) => {
    await expect(buildSimulator({ operations: operations as OperationSpec[] })).rejects.toThrow(message);
  });

  it('adds the Chime and Voice ID operations to the caller list unless the caller overrides them', async () => {
    const own: OperationSpec = {
      service: 'chime',
      name: 'ListVoiceConnectors',
      http: { method: 'GET', path: '/voice-connectors' },
      handler: () => ({ body: { mine: true } }),
    };
    const built = await buildSimulator({ operations: [own] });
    try {
      expect(built.operations.map((o) => `${o.service}:${o.name}`)).toEqual([
        'chime:ListVoiceConnectors',
        'voiceid:ListDomains',
      ]);
      const res = await built.app.inject({ method: 'GET', url: '/voice-connectors', headers: signed('chime') });
      expect(res.json()).toEqual({ mine: true });
    } finally {
      await built.app.close();
    }
  });
});
