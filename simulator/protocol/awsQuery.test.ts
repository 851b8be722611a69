import { buildSimulator, type Simulator } from '../app';
import { cloudWatchErrors } from './awsError';
import { integer, list, string, structure, timestamp } from './shapes';
import { signed } from '../../test/support/simulatorRequests';
import type { OperationSpec, QuerySpec } from './types';

/**
 * The awsQuery side of the protocol layer (form-encoded requests, XML answers) with stub operations, so that
 * routing, decoding, encoding, quotas, faults and stats are checked apart from CloudWatch's handlers.
 */

const NS = 'http://monitoring.amazonaws.com/doc/2010-08-01/';

const echoSpec: QuerySpec = {
  action: 'Echo',
  version: '2010-08-01',
  xmlNamespace: NS,
  input: structure({ Name: string, Count: integer, At: timestamp, Items: list(string) }),
  output: structure({ Name: string, Count: integer, At: timestamp, Items: list(string) }),
  resultWrapper: 'EchoResult',
};

const stubs: OperationSpec[] = [
  {
    service: 'cloudwatch',
    name: 'Echo',
    target: 'GraniteServiceVersion20100801.Echo',
    query: echoSpec,
    handler: (req) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      switch (body.Name) {
        case 'refuse':
          throw cloudWatchErrors.invalidParameterCombination('not like that');
        case 'crash':
          throw new TypeError('handler bug');
        default:
          return { body: { ...body, Region: req.region } };
      }
    },
  },
];

let sim: Simulator;
let fakeNow = 0;

beforeAll(async () => {
  sim = await buildSimulator({ operations: stubs, now: () => fakeNow });
});
afterAll(() => sim.app.close());
beforeEach(() => {
  fakeNow += 60_000;
  sim.faults.clear();
  sim.stats.reset();
  sim.limiter.resetRuntime();
});

const FORM = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };

function post(body: string, headers: Record<string, string> = signed('monitoring', 'eu-west-2', 'AKIDTEST', FORM)) {
  return sim.app.inject({ method: 'POST', url: '/', headers, payload: body });
}

/** The Error fields of an ErrorResponse. */
function errorFields(xml: string) {
  const field = (name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];
  expect(xml).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<ErrorResponse xmlns="[^"]+"><Error>/);
  return { type: field('Type'), code: field('Code'), message: field('Message'), requestId: field('RequestId') };
}

describe('awsQuery routing and encoding', () => {
  it('routes a form POST by Action, decodes it by the model and answers XML with the result wrapper', async () => {
    const res = await post(
      'Action=Echo&Version=2010-08-01&Name=hello%20world&Count=3&At=2026-11-18T17%3A00%3A00Z&Items.member.1=a&Items.member.2=b'
    );
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/xml');
    const requestId = res.headers['x-amzn-requestid'] as string;
    expect(res.body).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
        `<EchoResponse xmlns="${NS}"><EchoResult><Name>hello world</Name><Count>3</Count>` +
        '<At>2026-11-18T17:00:00Z</At><Items><member>a</member><member>b</member></Items></EchoResult>' +
        `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></EchoResponse>`
    );
    expect(sim.stats.count('cloudwatch', 'Echo', 'ok')).toBe(1);
  });

  it('reads parameters from the URL of a GET too', async () => {
    const res = await sim.app.inject({
      method: 'GET',
      url: '/?Action=Echo&Version=2010-08-01&Name=via-get',
      headers: signed('monitoring'),
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<Name>via-get</Name>');
  });

  it('leaves a request with x-amz-target to the JSON protocol', async () => {
    const res = await sim.app.inject({
      method: 'POST',
      url: '/',
      headers: signed('monitoring', 'us-east-1', 'AKIDTEST', {
        'x-amz-target': 'GraniteServiceVersion20100801.Echo',
        'content-type': 'application/x-amz-json-1.0',
      }),
      payload: JSON.stringify({ Name: 'json' }),
    });
    expect(res.headers['content-type']).toBe('application/x-amz-json-1.0');
    expect(JSON.parse(res.body)).toEqual({ Name: 'json', Region: 'us-east-1' });
  });

  it.each([
    ['no Action', 'Version=2010-08-01', 400, 'MissingAction', /must contain the parameter Action/],
    ['garbage', '%%%&&==&', 400, 'MissingAction', /Action/],
    ['an unknown Action', 'Action=Nope&Version=2010-08-01', 400, 'InvalidAction', /Could not find operation Nope/],
    ['no Version', 'Action=Echo', 400, 'MissingParameter', /parameter Version/],
    ['another Version', 'Action=Echo&Version=2011-01-01', 400, 'InvalidParameterValue', /API version is 2010-08-01/],
    ['a bad member', 'Action=Echo&Version=2010-08-01&Count=many', 400, 'InvalidParameterValue', /Count/],
    [
      'a refused request',
      'Action=Echo&Version=2010-08-01&Name=refuse',
      400,
      'InvalidParameterCombination',
      /not like that/,
    ],
  ])('answers %s with an XML error', async (_name, body, status, code, message) => {
    const res = await post(body);
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toBe('text/xml');
    const e = errorFields(res.body);
    expect(e).toMatchObject({ type: 'Sender', code });
    expect(e.message).toMatch(message);
    expect(e.requestId).toBe(res.headers['x-amzn-requestid']);
  });

  it('answers an unsigned request 403 MissingAuthenticationToken in XML', async () => {
    const res = await post('Action=Echo&Version=2010-08-01', FORM);
    expect(res.statusCode).toBe(403);
    expect(errorFields(res.body)).toMatchObject({ type: 'Sender', code: 'MissingAuthenticationToken' });
  });

  it('turns a handler crash into 500 InternalServiceError (Receiver) and keeps serving', async () => {
    const res = await post('Action=Echo&Version=2010-08-01&Name=crash');
    expect(res.statusCode).toBe(500);
    expect(errorFields(res.body)).toMatchObject({ type: 'Receiver', code: 'InternalServiceError' });
    expect(sim.stats.count('cloudwatch', 'Echo', 'server_error')).toBe(1);
    expect((await post('Action=Echo&Version=2010-08-01')).statusCode).toBe(200);
  });

  it('answers a body over the limit with 413 in XML', async () => {
    const res = await post(`Action=Echo&Version=2010-08-01&Name=${'x'.repeat(9 * 1024 * 1024)}`);
    expect(res.statusCode).toBe(413);
    expect(errorFields(res.body).code).toBe('InvalidParameterValue');
  });
});

describe('awsQuery quotas and faults', () => {
  it('throttles beyond the quota with 400 Throttling (Sender), counted as throttled', async () => {
    sim.limiter.setRuntime({ Echo: { rate: 1, burst: 1 } });
    expect((await post('Action=Echo&Version=2010-08-01')).statusCode).toBe(200);
    const res = await post('Action=Echo&Version=2010-08-01');
    expect(res.statusCode).toBe(400);
    expect(errorFields(res.body)).toMatchObject({ type: 'Sender', code: 'Throttling', message: 'Rate exceeded' });
    expect(sim.stats.count('cloudwatch', 'Echo', 'throttled')).toBe(1);
  });

  it('injects throttling, 500s and unparseable bodies on the operation', async () => {
    sim.faults.set({ Echo: { throttleRate: 1 } });
    expect(errorFields((await post('Action=Echo&Version=2010-08-01')).body).code).toBe('Throttling');
    sim.faults.set({ 'cloudwatch:Echo': { errorRate: 1 } });
    const failed = await post('Action=Echo&Version=2010-08-01');
    expect(failed.statusCode).toBe(500);
    expect(errorFields(failed.body).code).toBe('InternalServiceError');
    sim.faults.set({ '*': { malformedRate: 1 } });
    const malformed = await post('Action=Echo&Version=2010-08-01');
    expect(malformed.statusCode).toBe(200);
    expect(malformed.headers['content-type']).toBe('text/xml');
    expect(malformed.body).not.toMatch(/<\/EchoResponse>\s*$/);
    expect(sim.stats.snapshot().services.cloudwatch?.Echo.outcomes).toMatchObject({
      fault_throttle: 1,
      fault_error: 1,
      fault_malformed: 1,
    });
  });

  it('counts unknown Actions under (unknown)', async () => {
    await post('Action=Nope&Version=2010-08-01');
    expect(sim.stats.count('cloudwatch', '(unknown)', 'client_error')).toBe(1);
  });
});

describe('operation specs', () => {
  it('refuses a query spec on a restJson1 operation and a duplicate Action', async () => {
    await expect(
      buildSimulator({
        operations: [
          { service: 'connect', name: 'X', http: { method: 'GET', path: '/x' }, query: echoSpec, handler: () => ({}) },
        ],
      })
    ).rejects.toThrow('awsQuery (query) is only spoken by AWS JSON operations');
    await expect(
      buildSimulator({
        operations: [stubs[0], { ...stubs[0], name: 'Echo2', target: 'GraniteServiceVersion20100801.Echo2' }],
      })
    ).rejects.toThrow('awsQuery Action Echo is already registered by Echo');
  });
});
