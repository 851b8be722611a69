import { buildSimulator, type Simulator } from './app';
import { Clock } from './clock';
import { jsonTarget, signed } from '../test/support/simulatorRequests';

let sim: Simulator;
let realNow = Date.parse('2026-11-22T10:00:00Z');
let key = 0;

beforeAll(async () => {
  sim = await buildSimulator({ clock: new Clock(() => realNow) });
});
afterAll(() => sim.app.close());
beforeEach(async () => {
  await sim.app.inject({ method: 'DELETE', url: '/_sim/faults' });
  await sim.app.inject({ method: 'DELETE', url: '/_sim/quotas' });
  await sim.app.inject({ method: 'DELETE', url: '/_sim/stats' });
});

const listConnectors = (accessKeyId = `admin-${key++}`) =>
  sim.app.inject({ method: 'GET', url: '/voice-connectors', headers: signed('chime', 'us-east-1', accessKeyId) });
const admin = (
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  body?: unknown,
  headers: Record<string, string> = {}
) =>
  sim.app.inject({
    method,
    url: `/_sim${url}`,
    payload: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    headers,
  });

describe('health', () => {
  it('answers without credentials', async () => {
    const res = await admin('GET', '/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', scenario: 'acme', seed: 20261122, clock: { mode: 'real' } });
  });
});

describe('stats', () => {
  it('counts calls per service, operation and outcome, and resets', async () => {
    await listConnectors();
    await sim.app.inject({ method: 'GET', url: '/voice-connectors' });
    await sim.app.inject({ method: 'POST', url: '/', headers: jsonTarget('VoiceID.ListDomains'), payload: '{}' });
    const stats = (await admin('GET', '/stats')).json();
    expect(stats.totals).toMatchObject({ requests: 3, ok: 2, client_error: 1 });
    expect(stats.services.chime.ListVoiceConnectors.outcomes).toMatchObject({ ok: 1, client_error: 1 });
    expect(stats.services.voiceid.ListDomains.requests).toBe(1);
    expect(stats.services.chime.ListVoiceConnectors.latencyMs.total).toBeGreaterThan(0);
    expect(stats.model).toEqual({ simulatedEpochs: expect.any(Number), cachedEpochs: expect.any(Number) });
    const reset = await admin('DELETE', '/stats');
    expect(reset.json().totals.requests).toBe(0);
    expect((await admin('GET', '/stats')).json().services).toEqual({});
  });
});

describe('clock', () => {
  it('freezes now or at an instant, sets, advances and resumes', async () => {
    expect((await admin('GET', '/clock')).json()).toMatchObject({ mode: 'real', now: '2026-11-22T10:00:00.000Z' });
    expect((await admin('POST', '/clock', { freeze: true })).json()).toMatchObject({
      mode: 'frozen',
      now: '2026-11-22T10:00:00.000Z',
    });
    realNow += 60_000;
    expect((await admin('GET', '/clock')).json().now).toBe('2026-11-22T10:00:00.000Z');
    expect((await admin('POST', '/clock', { freeze: '2026-11-18T17:00:00Z' })).json().now).toBe(
      '2026-11-18T17:00:00.000Z'
    );
    expect((await admin('POST', '/clock', { advanceSeconds: 90 })).json().now).toBe('2026-11-18T17:01:30.000Z');
    expect((await admin('POST', '/clock', { set: '2026-12-01T00:00:00+01:00' })).json().now).toBe(
      '2026-11-30T23:00:00.000Z'
    );
    const resumed = (await admin('POST', '/clock', { resume: true })).json();
    expect(resumed.mode).toBe('real');
    realNow += 5_000;
    expect((await admin('GET', '/clock')).json().now).toBe('2026-11-30T23:00:05.000Z');
    // The handlers see the same clock.
    expect(sim.context.clock.nowMs()).toBe(Date.parse('2026-11-30T23:00:05Z'));
    await admin('POST', '/clock', { set: new Date(realNow).toISOString() });
  });

  it.each([
    [{}, /fewer than 1|must NOT have fewer/],
    [{ freeze: true, resume: true }, /more than 1/],
    [{ freeze: false }, /^freeze: /],
    [{ freeze: 'yesterday' }, /^freeze: /],
    [{ set: '2026-13-45T99:00:00Z' }, /^set: /],
    [{ advanceSeconds: '60' }, /advanceSeconds: must be number/],
    [{ advanceSeconds: 1e300 }, /advanceSeconds: must be <=/],
    [{ rewind: 5 }, /additional properties: "rewind"/],
    ['{not json', /not valid JSON/],
    [[1], /body: must be object/],
  ])('refuses %p with 400 naming the problem', async (body, message) => {
    const res = await admin('POST', '/clock', body);
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(message);
  });
});

describe('faults', () => {
  it('PUT sets the table (validated), GET shows it, DELETE clears it; calls follow it', async () => {
    const table = { ListVoiceConnectors: { errorRate: 1, latencyMs: 5 }, '*': { latencyMs: 1 } };
    const put = await admin('PUT', '/faults', table);
    expect(put.statusCode).toBe(200);
    expect(put.json()).toEqual(table);
    expect((await admin('GET', '/faults')).json()).toEqual(table);
    const res = await listConnectors();
    expect([res.statusCode, res.headers['x-amzn-errortype']]).toEqual([500, 'ServiceFailureException']);
    expect((await admin('GET', '/stats')).json().services.chime.ListVoiceConnectors.outcomes.fault_error).toBe(1);
    expect((await admin('DELETE', '/faults')).json()).toEqual({});
    expect((await listConnectors()).statusCode).toBe(200);
  });

  it('PUT replaces the whole table and accepts "service:Operation" keys', async () => {
    await admin('PUT', '/faults', { ListVoiceConnectors: { errorRate: 1 } });
    await admin('PUT', '/faults', { 'voiceid:ListDomains': { throttleRate: 0.5 } });
    expect((await admin('GET', '/faults')).json()).toEqual({ 'voiceid:ListDomains': { throttleRate: 0.5 } });
    expect((await listConnectors()).statusCode).toBe(200);
  });

  it('reads JSON bodies whatever the content type', async () => {
    const res = await admin('PUT', '/faults', '{"ListDomains":{"malformedRate":0.1}}', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(res.statusCode).toBe(200);
  });

  it.each([
    [{ ListVoiceConnectors: { errorRate: 1.5 } }, 'ListVoiceConnectors.errorRate: must be <= 1'],
    [{ ListVoiceConnectors: { throttleRate: -0.1 } }, 'ListVoiceConnectors.throttleRate: must be >= 0'],
    [{ ListVoiceConnectors: { latencyMs: 'slow' } }, 'ListVoiceConnectors.latencyMs: must be number'],
    [{ ListVoiceConnectors: { latencyMs: 1e9 } }, 'ListVoiceConnectors.latencyMs: must be <= 600000'],
    [
      { ListVoiceConnectors: { errorrate: 0.5 } },
      'ListVoiceConnectors: must NOT have additional properties: "errorrate"',
    ],
    [{ ListVoiceConnectors: 0.5 }, 'ListVoiceConnectors: must be object'],
    [{ ListVoicConnectors: { errorRate: 0.5 } }, 'unknown operation "ListVoicConnectors"'],
    [['ListDomains'], 'body: must be object'],
  ])('refuses %p with 400 naming the field', async (body, message) => {
    const before = (await admin('GET', '/faults')).json();
    const res = await admin('PUT', '/faults', body);
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain(message);
    expect((await admin('GET', '/faults')).json()).toEqual(before);
  });

  it('an empty PUT body is refused', async () => {
    const res = await admin('PUT', '/faults');
    expect(res.statusCode).toBe(400);
  });
});

describe('quotas', () => {
  it('lists the quota in force for every operation, with its source', async () => {
    const quotas = (await admin('GET', '/quotas')).json();
    expect(quotas.quotas).toEqual(
      expect.arrayContaining([
        { service: 'chime', operation: 'ListVoiceConnectors', quota: { rate: 10, burst: 10 }, source: 'default' },
        { service: 'voiceid', operation: 'ListDomains', quota: { rate: 10, burst: 10 }, source: 'default' },
      ])
    );
    expect(quotas.runtimeOverrides).toEqual({});
    expect(quotas.enforced).toBe(true);
  });

  it('buildSimulator({ enforceQuotas: false }) reports quotas without enforcing them', async () => {
    const relaxed = await buildSimulator({ enforceQuotas: false });
    try {
      const statuses = await Promise.all(
        Array.from({ length: 15 }, () =>
          relaxed.app.inject({
            method: 'GET',
            url: '/voice-connectors',
            headers: signed('chime', 'us-east-1', 'one-caller'),
          })
        )
      );
      expect(statuses.every((r) => r.statusCode === 200)).toBe(true);
      expect((await relaxed.app.inject({ method: 'GET', url: '/_sim/quotas' })).json().enforced).toBe(false);
    } finally {
      await relaxed.app.close();
    }
  });

  it('PUT changes a quota at once (merged), null removes the override, DELETE restores defaults', async () => {
    const put = await admin('PUT', '/quotas', { ListVoiceConnectors: { rate: 0.01, burst: 2 } });
    expect(put.statusCode).toBe(200);
    expect(put.json().quotas).toContainEqual({
      service: 'chime',
      operation: 'ListVoiceConnectors',
      quota: { rate: 0.01, burst: 2 },
      source: 'runtime',
    });
    const statuses = [];
    for (let i = 0; i < 4; i++) {
      statuses.push((await listConnectors('same-caller')).statusCode);
    }
    expect(statuses).toEqual([200, 200, 429, 429]);
    await admin('PUT', '/quotas', { ListDomains: { rate: 1, burst: 1 } });
    expect(Object.keys((await admin('GET', '/quotas')).json().runtimeOverrides).sort()).toEqual([
      'ListDomains',
      'ListVoiceConnectors',
    ]);
    await admin('PUT', '/quotas', { ListDomains: null });
    expect(Object.keys((await admin('GET', '/quotas')).json().runtimeOverrides)).toEqual(['ListVoiceConnectors']);
    await admin('DELETE', '/quotas');
    expect((await listConnectors('same-caller')).statusCode).toBe(200);
  });

  it.each([
    [{ ListDomains: { rate: 0, burst: 1 } }, 'ListDomains.rate: must be > 0'],
    [{ ListDomains: { rate: 1, burst: 1.5 } }, 'ListDomains.burst: must be integer'],
    [{ ListDomains: { rate: 1 } }, 'ListDomains.burst: is required'],
    [{ '*': { rate: 1, burst: 1 } }, 'unknown operation "*"'],
    [{ NoSuchOp: { rate: 1, burst: 1 } }, 'unknown operation "NoSuchOp"'],
  ])('refuses %p with 400', async (body, message) => {
    const res = await admin('PUT', '/quotas', body);
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain(message);
  });
});

describe('scenario', () => {
  it('summarises instances, queues, routing profiles, voice connectors and Voice ID domains', async () => {
    const summary = (await admin('GET', '/scenario')).json();
    expect(summary).toMatchObject({ name: 'acme', seed: 20261122, accountId: '123456789012' });
    const support = summary.instances.find((i: { alias: string }) => i.alias === 'acme-support');
    expect(support).toMatchObject({ id: '3f2c9a1e-7b4d-4e2a-9c61-5d8e0f4a2b17', region: 'us-east-1' });
    expect(support.queues).toContainEqual({ id: expect.any(String), name: 'Billing', type: 'STANDARD' });
    expect(support.routingProfiles).toContainEqual({ id: expect.any(String), name: 'Tech Tier 1' });
    expect(support.agents).toBeGreaterThan(0);
    expect(summary.instances.map((i: { region: string }) => i.region)).toEqual(['us-east-1', 'eu-west-2']);
    expect(summary.voiceConnectors.map((v: { name: string }) => v.name)).toEqual([
      'acme-sbc-primary',
      'acme-sbc-backup',
    ]);
    expect(summary.voiceIdDomains).toEqual([
      {
        id: expect.stringMatching(/^[A-Za-z0-9]{22}$/),
        name: 'acme-voice-auth',
        region: 'us-east-1',
        arn: expect.stringContaining(':voiceid:'),
      },
    ]);
    expect(summary.operations).toContainEqual({ service: 'voiceid', name: 'ListDomains' });
  });
});

describe('unknown admin routes', () => {
  it('answer 404 with the list of routes', async () => {
    const res = await admin('GET', '/nothing');
    expect(res.statusCode).toBe(404);
    expect(res.json().message).toMatch(/health, stats, clock/);
  });
});

describe('scenario apiQuotas and faults', () => {
  it('apply from the start and show in the admin API', async () => {
    const { loadScenario } = await import('./scenario/load');
    const scenario = loadScenario();
    scenario.apiQuotas = { ListVoiceConnectors: { rate: 0.01, burst: 1 } };
    scenario.faults = { ListDomains: { errorRate: 1 } };
    const configured = await buildSimulator({ scenario });
    try {
      const get = (url: string) => configured.app.inject({ method: 'GET', url, headers: signed('chime') });
      expect((await configured.app.inject({ method: 'GET', url: '/_sim/faults' })).json()).toEqual({
        ListDomains: { errorRate: 1 },
      });
      expect((await configured.app.inject({ method: 'GET', url: '/_sim/quotas' })).json().quotas).toContainEqual({
        service: 'chime',
        operation: 'ListVoiceConnectors',
        quota: { rate: 0.01, burst: 1 },
        source: 'scenario',
      });
      expect([(await get('/voice-connectors')).statusCode, (await get('/voice-connectors')).statusCode]).toEqual([
        200, 429,
      ]);
      const domains = await configured.app.inject({
        method: 'POST',
        url: '/',
        headers: jsonTarget('VoiceID.ListDomains'),
        payload: '{}',
      });
      expect(domains.statusCode).toBe(500);
    } finally {
      await configured.app.close();
    }
  });
});
