import { buildSimulator, type Simulator } from '../app';
import { jsonTarget, scenarioWithResources } from '../../test/support/simulatorRequests';

let sim: Simulator;
let key = 0;
beforeAll(async () => {
  sim = await buildSimulator({ scenario: scenarioWithResources({ voiceConnectors: 1, domains: 13 }) });
});
afterAll(() => sim.app.close());

const listDomains = (body: unknown, region = 'us-east-1') =>
  sim.app.inject({
    method: 'POST',
    url: '/',
    headers: jsonTarget('VoiceID.ListDomains', region, `voiceid-test-${key++}`),
    payload: body === undefined ? '' : JSON.stringify(body),
  });

describe('ListDomains', () => {
  it('returns domain summaries in the Voice ID wire shape, at most 10 by default', async () => {
    const res = await listDomains({});
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/x-amz-json-1.0');
    const body = res.json();
    expect(body.DomainSummaries).toHaveLength(10);
    expect(typeof body.NextToken).toBe('string');
    const domain = sim.context.world.voiceIdDomains.find((d) => d.name === 'domain-us-east-1-1')!;
    const summary = body.DomainSummaries[0];
    expect(summary).toEqual({
      DomainId: domain.id,
      Arn: `arn:aws:voiceid:us-east-1:123456789012:domain/${domain.id}`,
      Name: 'domain-us-east-1-1',
      DomainStatus: 'ACTIVE',
      ServerSideEncryptionConfiguration: {
        KmsKeyId: expect.stringMatching(/^arn:aws:kms:us-east-1:123456789012:key\/[0-9a-f-]{36}$/),
      },
      CreatedAt: domain.createdAt,
      UpdatedAt: domain.createdAt,
      WatchlistDetails: { DefaultWatchlistId: expect.stringMatching(/^[A-Za-z0-9]{22}$/) },
    });
    expect(summary.DomainId).toHaveLength(22);
    // Voice ID timestamps are epoch seconds.
    expect(typeof summary.CreatedAt).toBe('number');
  });

  it('pages through every domain of the region with MaxResults and NextToken', async () => {
    const names: string[] = [];
    let token: string | undefined;
    let calls = 0;
    do {
      const body = (await listDomains({ MaxResults: 4, NextToken: token })).json();
      names.push(...body.DomainSummaries.map((d: { Name: string }) => d.Name));
      token = body.NextToken;
      calls++;
    } while (token);
    expect(calls).toBe(4);
    expect(names).toEqual(Array.from({ length: 13 }, (_, i) => `domain-us-east-1-${i + 1}`));
  });

  it('filters by region; an empty body is fine', async () => {
    const eu = (await listDomains(undefined, 'eu-west-2')).json();
    expect(eu.DomainSummaries.every((d: { Arn: string }) => d.Arn.includes(':eu-west-2:'))).toBe(true);
    expect((await listDomains({}, 'sa-east-1')).json()).toEqual({ DomainSummaries: [] });
  });

  it.each([0, 11, -5, 2.5, '5', true, 1e308])('refuses MaxResults %p with ValidationException', async (value) => {
    const res = await listDomains({ MaxResults: value });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      __type: 'com.amazonaws.voiceid#ValidationException',
      message: expect.stringContaining('maxResults'),
    });
  });

  it.each([['garbage'], [''], [42]])('refuses NextToken %p with ValidationException', async (token) => {
    const res = await listDomains({ NextToken: token });
    expect(res.statusCode).toBe(400);
    expect(res.json().__type).toBe('com.amazonaws.voiceid#ValidationException');
  });

  it('refuses a token from another region', async () => {
    const token = (await listDomains({ MaxResults: 1 })).json().NextToken;
    const res = await listDomains({ NextToken: token }, 'eu-west-2');
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/different parameters/);
  });
});
