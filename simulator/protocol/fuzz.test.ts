import fc from 'fast-check';
import { buildSimulator, type Simulator } from '../app';
import { authorization } from '../../test/support/simulatorRequests';

/**
 * Garbage at every route: random methods, paths, headers and bodies (random bytes, wrong types, huge numbers,
 * deep nesting). Whatever arrives, the simulator answers with a well-formed status, never a 500 of its own, and
 * keeps answering /_sim/health.
 */

let sim: Simulator;
beforeAll(async () => {
  sim = await buildSimulator({ seed: 1 });
});
afterAll(() => sim.app.close());

const paths = [
  '/',
  '/voice-connectors',
  '/voice-connectors/abc',
  '/metrics/current/3f2c9a1e-7b4d-4e2a-9c61-5d8e0f4a2b17',
  '/queues-summary/x',
  '/_sim/health',
  '/_sim/stats',
  '/_sim/clock',
  '/_sim/faults',
  '/_sim/quotas',
  '/_sim/scenario',
  '/_sim/',
  '//',
  '/%E0%A4%A',
  '/queues/%/x',
  '/voice-connectors?max-results=%zz&max-results=5&next-token=',
  `/voice-connectors?next-token=${'A'.repeat(5000)}`,
  '/?x-amz-target=VoiceID.ListDomains',
];
const targets = [
  'VoiceID.ListDomains',
  'GraniteServiceVersion20100801.GetMetricData',
  'VoiceID.',
  'GraniteServiceVersion20100801.',
  'x',
  '',
];
const contentTypes = [
  'application/json',
  'application/x-amz-json-1.0',
  'text/plain',
  '((',
  'multipart/form-data; boundary=',
  ';;;',
  'application/json; charset=latin1',
  'application/x-www-form-urlencoded',
  'application/x-www-form-urlencoded; charset=utf-8',
];

const hugeNumbers = fc.constantFrom(1e308, -1e308, 2 ** 53 + 1, -0, 0.1, 1e-320, 99999999999999999999);
const weirdValue = fc.oneof(
  hugeNumbers,
  fc.string(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.object({ maxDepth: 2 })
);
const jsonBody = fc.oneof(
  fc.record({ MaxResults: weirdValue, NextToken: weirdValue }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
  fc
    .record(
      { ListDomains: fc.record({ throttleRate: weirdValue, latencyMs: weirdValue }, { requiredKeys: [] }) },
      { requiredKeys: [] }
    )
    .map((v) => JSON.stringify(v)),
  fc
    .record({ freeze: weirdValue, advanceSeconds: weirdValue, set: weirdValue }, { requiredKeys: [] })
    .map((v) => JSON.stringify(v)),
  fc.json(),
  fc.constant(`${'['.repeat(20000)}${']'.repeat(20000)}`),
  fc.constant(`{"a":${'{"a":'.repeat(5000)}1${'}'.repeat(5001)}`),
  fc.constant('{"MaxResults": 1e999}')
);
// awsQuery bodies: CloudWatch's parameter names (lists, structures, numbers, timestamps) with good and bad values.
const formKey = fc.oneof(
  fc.constantFrom(
    'Action',
    'Version',
    'MetricDataQueries.member.1.Id',
    'MetricDataQueries.member.1.Expression',
    'MetricDataQueries.member.1.MetricStat.Period',
    'MetricDataQueries.member.1.MetricStat.Stat',
    'MetricDataQueries.member.2.MetricStat.Metric.Dimensions.member.1.Name',
    'MetricDataQueries.member.x.Id',
    'MetricDataQueries',
    'StartTime',
    'EndTime',
    'Period',
    'Statistics.member.1',
    'ExtendedStatistics.member.1',
    'Namespace',
    'MetricName',
    'Dimensions',
    'Dimensions.member.0.Name',
    'NextToken',
    'MaxDatapoints',
    'LabelOptions.Timezone'
  ),
  fc.string({ maxLength: 30 })
);
const formValue = fc.oneof(
  fc.constantFrom(
    'GetMetricData',
    'ListMetrics',
    'GetMetricStatistics',
    '2010-08-01',
    'm1',
    'SUM(METRICS())',
    'FILL(m1, LINEAR)',
    'IF(m1 > 1, m1)',
    'Sum',
    'p99',
    '300',
    '-1',
    '1e999',
    '2026-11-18T17:00:00Z',
    'true'
  ),
  fc.string({ maxLength: 40 })
);
const formBody = fc
  .array(fc.tuple(formKey, formValue), { maxLength: 12 })
  .map((pairs) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&'));

const body = fc.oneof(
  fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
  jsonBody.map((s) => Buffer.from(s)),
  formBody.map((s) => Buffer.from(s)),
  fc.string({ maxLength: 200 }).map((s) => Buffer.from(s)),
  fc.constant(undefined)
);

const request = fc.record({
  method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'),
  url: fc.oneof(
    fc.constantFrom(...paths),
    fc.webPath().map((p) => (p.startsWith('/') ? p : `/${p}`)),
    fc.string({ maxLength: 50 }).map((s) => `/${encodeURIComponent(s)}`)
  ),
  target: fc.option(fc.oneof(fc.constantFrom(...targets), fc.string({ maxLength: 40 }))),
  contentType: fc.option(fc.constantFrom(...contentTypes)),
  auth: fc.constantFrom('chime', 'voiceid', 'monitoring', 'connect', 'garbage', 'none'),
  region: fc.constantFrom('us-east-1', 'eu-west-2', '', 'x'.repeat(300)),
  body,
});

it('never fails on garbage, and keeps answering /_sim/health', async () => {
  await fc.assert(
    fc.asyncProperty(request, async (r) => {
      const headers: Record<string, string> = {};
      if (r.auth === 'garbage') {
        headers.authorization = 'AWS4-HMAC-SHA256 Credential=///, Signature=';
      } else if (r.auth !== 'none') {
        headers.authorization = authorization(r.auth, r.region || 'us-east-1', 'fuzzer');
      }
      if (r.target !== null) {
        headers['x-amz-target'] = r.target;
      }
      if (r.contentType !== null) {
        headers['content-type'] = r.contentType;
      }
      const payload = r.method === 'GET' || r.method === 'HEAD' ? undefined : r.body;
      const res = await sim.app.inject({ method: r.method as 'GET', url: r.url, headers, payload });
      expect(res.statusCode).toBeGreaterThanOrEqual(200);
      expect(res.statusCode).toBeLessThan(600);
      if (r.method !== 'HEAD') {
        expect(res.headers['x-amzn-requestid']).toBeDefined();
      }
      // A 5xx may only come from an injected fault (the fuzzer can PUT /_sim/faults), never from a bug.
      if (res.statusCode >= 500) {
        expect(sim.stats.snapshot().totals.server_error).toBe(0);
        expect(res.statusCode === 500 || res.statusCode === 503).toBe(true);
      }
    }),
    { seed: 20261122, numRuns: 400 }
  );
  expect(sim.stats.snapshot().totals.server_error).toBe(0);
  const health = await sim.app.inject({ method: 'GET', url: '/_sim/health' });
  expect(health.statusCode).toBe(200);
  expect(health.json().status).toBe('ok');
});

it('survives the nastiest fixed inputs', async () => {
  const cases = [
    {
      method: 'POST' as const,
      url: '/',
      headers: { 'x-amz-target': 'VoiceID.ListDomains', authorization: authorization('voiceid') },
      payload: '['.repeat(200000),
    },
    {
      method: 'POST' as const,
      url: '/',
      headers: { 'x-amz-target': 'VoiceID.ListDomains', authorization: authorization('voiceid') },
      payload: Buffer.from([0xff, 0xfe, 0x00, 0x7b]),
    },
    { method: 'POST' as const, url: '/_sim/clock', payload: '{"set": "275760-09-13T00:00:00.001Z"}' },
    { method: 'POST' as const, url: '/_sim/clock', payload: '{"advanceSeconds": -1e15}' },
    {
      method: 'PUT' as const,
      url: '/_sim/faults',
      payload: `{${Array.from({ length: 2000 }, (_, i) => `"op${i}":{}`).join(',')}}`,
    },
    {
      method: 'GET' as const,
      url: `/voice-connectors?max-results=${'9'.repeat(400)}`,
      headers: { authorization: authorization('chime') },
    },
    ...[
      // awsQuery: a dotted name 20,000 levels deep, a list index far past the items, 50,000 members
      `Action=ListMetrics&Version=2010-08-01&${'a.'.repeat(20000)}b=1`,
      'Action=GetMetricData&Version=2010-08-01&MetricDataQueries.member.99999999999999999999.Id=m1',
      `Action=GetMetricStatistics&Version=2010-08-01&${Array.from({ length: 50000 }, (_, i) => `Statistics.member.${i + 1}=Sum`).join('&')}`,
      'Action=GetMetricData&Version=2010-08-01&MetricDataQueries.member.1.Id=e1&MetricDataQueries.member.1.Expression=' +
        encodeURIComponent(`${'SUM('.repeat(3000)}1${')'.repeat(3000)}`),
    ].map((payload) => ({
      method: 'POST' as const,
      url: '/',
      headers: { authorization: authorization('monitoring'), 'content-type': 'application/x-www-form-urlencoded' },
      payload,
    })),
  ];
  for (const c of cases) {
    const res = await sim.app.inject(c);
    expect(res.statusCode).toBeLessThan(500);
  }
  expect((await sim.app.inject({ method: 'GET', url: '/_sim/health' })).statusCode).toBe(200);
});
