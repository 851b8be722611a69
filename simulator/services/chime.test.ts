import { buildSimulator, type Simulator } from '../app';
import { scenarioWithResources, signed } from '../../test/support/simulatorRequests';
import { MAX_RESULTS } from './chime';

let sim: Simulator;
let key = 0;
beforeAll(async () => {
  sim = await buildSimulator({ scenario: scenarioWithResources({ voiceConnectors: 7, domains: 1 }) });
});
afterAll(() => sim.app.close());

/** A new access key per call keeps these tests clear of the 10 rps quota. */
const list = (query = '', region = 'us-east-1') =>
  sim.app.inject({
    method: 'GET',
    url: `/voice-connectors${query}`,
    headers: signed('chime', region, `chime-test-${key++}`),
  });

describe('ListVoiceConnectors', () => {
  it('lists the voice connectors of the signed region, in the Chime wire shape', async () => {
    const res = await list();
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    const body = res.json();
    expect(body.NextToken).toBeUndefined();
    expect(body.VoiceConnectors).toHaveLength(7);
    const vc = sim.context.world.voiceConnectors.find((v) => v.name === 'vc-us-east-1-1')!;
    expect(body.VoiceConnectors[0]).toEqual({
      VoiceConnectorId: vc.id,
      AwsRegion: 'us-east-1',
      Name: 'vc-us-east-1-1',
      OutboundHostName: `${vc.id}.voiceconnector.chime.aws`,
      RequireEncryption: true,
      CreatedTimestamp: vc.createdTimestamp,
      UpdatedTimestamp: vc.createdTimestamp,
      VoiceConnectorArn: `arn:aws:chime:us-east-1:123456789012:vc/${vc.id}`,
    });
    // Chime timestamps are ISO-8601 strings (a number would make the SDK throw).
    expect(typeof body.VoiceConnectors[0].CreatedTimestamp).toBe('string');
    expect(Number.isNaN(Date.parse(body.VoiceConnectors[0].CreatedTimestamp))).toBe(false);
  });

  it('filters by region', async () => {
    const eu = (await list('', 'eu-west-2')).json();
    expect(eu.VoiceConnectors.map((v: { Name: string }) => v.Name)).toEqual(
      Array.from({ length: 7 }, (_, i) => `vc-eu-west-2-${i + 1}`)
    );
    expect((await list('', 'ap-southeast-2')).json()).toEqual({ VoiceConnectors: [] });
  });

  it('pages with max-results and next-token', async () => {
    const names: string[] = [];
    let token: string | undefined;
    let calls = 0;
    do {
      const res = await list(`?max-results=3${token ? `&next-token=${encodeURIComponent(token)}` : ''}`);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.VoiceConnectors.length).toBeLessThanOrEqual(3);
      names.push(...body.VoiceConnectors.map((v: { Name: string }) => v.Name));
      token = body.NextToken;
      calls++;
    } while (token);
    expect(calls).toBe(3);
    expect(names).toEqual(Array.from({ length: 7 }, (_, i) => `vc-us-east-1-${i + 1}`));
  });

  it.each(['0', '101', '-1', '1.5', 'ten', '', '1e2', '99999999999999999999'])(
    'refuses max-results=%p with BadRequestException',
    async (value) => {
      const res = await list(`?max-results=${encodeURIComponent(value)}`);
      expect(res.statusCode).toBe(400);
      expect(res.headers['x-amzn-errortype']).toBe('BadRequestException');
      expect(res.json()).toMatchObject({ Code: 'BadRequest', Message: expect.stringContaining('maxResults') });
    }
  );

  it('accepts the bounds of max-results', async () => {
    expect((await list(`?max-results=${MAX_RESULTS.min}`)).json().VoiceConnectors).toHaveLength(1);
    expect((await list(`?max-results=${MAX_RESULTS.max}`)).json().VoiceConnectors).toHaveLength(7);
  });

  it('refuses a foreign or cross-region next-token with BadRequestException', async () => {
    const token = (await list('?max-results=2')).json().NextToken as string;
    for (const res of [
      await list(`?next-token=${encodeURIComponent(token)}`, 'eu-west-2'),
      await list('?next-token=not-a-token'),
    ]) {
      expect(res.statusCode).toBe(400);
      expect(res.headers['x-amzn-errortype']).toBe('BadRequestException');
      expect(res.json().Message).toMatch(/NextToken/);
    }
  });

  it('the default scenario has two connectors in us-east-1', async () => {
    const plain = await buildSimulator();
    try {
      const res = await plain.app.inject({ method: 'GET', url: '/voice-connectors', headers: signed('chime') });
      expect(res.json().VoiceConnectors.map((v: { Name: string }) => v.Name)).toEqual([
        'acme-sbc-primary',
        'acme-sbc-backup',
      ]);
    } finally {
      await plain.app.close();
    }
  });
});
