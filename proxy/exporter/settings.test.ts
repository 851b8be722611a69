import { ConfigError, loadConfig } from '../config';
import { EXPORTER_INTERVAL, EXPORTER_SERVICE_LEVEL } from './settings';

/** The EXPORTER_* variables through the proxy's own loadConfig, as the proxy reads them at start. */

const TOKEN = 'a-proxy-token-of-24-chars';
const ID = '3f2c9a1e-7b4d-4e2a-9c61-5d8e0f4a2b17';
const OTHER = 'a1b2c3d4-0000-4000-8000-000000000001';

const load = (env: Record<string, string>) => loadConfig({ PROXY_TOKEN: TOKEN, ...env }, []);

function problemsOf(env: Record<string, string>): string[] {
  try {
    load(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('exporter settings', () => {
  it('are off unless EXPORTER_INSTANCES names instances (empty counts as unset, as compose passes it)', () => {
    expect(load({}).exporter).toBeUndefined();
    expect(load({ EXPORTER_INSTANCES: '  ', EXPORTER_QUEUES: 'Billing' }).exporter).toBeUndefined();
  });

  it('have the documented defaults', () => {
    expect(load({ EXPORTER_INSTANCES: ID, AWS_REGION: 'eu-west-2' }).exporter).toEqual({
      instances: [{ id: ID, region: 'eu-west-2' }],
      queues: 'all',
      channels: ['VOICE', 'CHAT', 'TASK', 'EMAIL'],
      intervalMs: EXPORTER_INTERVAL.defaultMs,
      region: 'eu-west-2',
      quotas: true,
      voiceConnectors: [],
      historical: true,
      timeZone: 'UTC',
      serviceLevelSeconds: 20,
    });
  });

  it('read every variable; an ARN brings its own region, duplicates count once', () => {
    const exporter = load({
      EXPORTER_INSTANCES: `${ID}, arn:aws:connect:eu-west-2:123456789012:instance/${OTHER},${ID}`,
      EXPORTER_QUEUES: 'Billing, 83fda9ba-a844-4d2f-a64b-3a37a504e7e0 ,Billing',
      EXPORTER_CHANNELS: 'voice,Chat',
      EXPORTER_INTERVAL_MS: '30000',
      EXPORTER_REGION: 'us-west-2',
      EXPORTER_QUOTAS: 'FALSE',
      EXPORTER_VOICE_CONNECTORS: 'kxo2zrpxeouxgi7qzahv3t,heecs3hvkqeao4qvb20som',
      EXPORTER_HISTORICAL: 'false',
      EXPORTER_TIME_ZONE: 'Europe/Berlin',
      EXPORTER_SERVICE_LEVEL_SECONDS: '30',
    }).exporter;
    expect(exporter).toEqual({
      instances: [
        { id: ID, region: 'us-west-2' },
        { id: OTHER, region: 'eu-west-2' },
      ],
      queues: ['Billing', '83fda9ba-a844-4d2f-a64b-3a37a504e7e0'],
      channels: ['VOICE', 'CHAT'],
      intervalMs: 30_000,
      region: 'us-west-2',
      quotas: false,
      voiceConnectors: ['kxo2zrpxeouxgi7qzahv3t', 'heecs3hvkqeao4qvb20som'],
      historical: false,
      timeZone: 'Europe/Berlin',
      serviceLevelSeconds: 30,
    });
  });

  it('take "all" for instances, queues and voice connectors, in any case', () => {
    expect(
      load({ EXPORTER_INSTANCES: 'ALL', EXPORTER_QUEUES: 'All', EXPORTER_VOICE_CONNECTORS: 'all' }).exporter
    ).toMatchObject({ instances: 'all', queues: 'all', voiceConnectors: 'all' });
  });

  it('report every problem at once, each naming its variable and the rule', () => {
    expect(
      problemsOf({
        EXPORTER_INSTANCES: `${ID},not an id,arn:aws:connect:eu-west-2:123:instance/x`,
        EXPORTER_QUEUES: ' , ',
        EXPORTER_CHANNELS: 'VOICE,FAX',
        EXPORTER_INTERVAL_MS: '500',
        EXPORTER_REGION: 'Europe',
        EXPORTER_QUOTAS: 'yes',
        EXPORTER_VOICE_CONNECTORS: 'vc 1',
        EXPORTER_HISTORICAL: 'maybe',
        EXPORTER_TIME_ZONE: 'Mars/Olympus',
        EXPORTER_SERVICE_LEVEL_SECONDS: '0',
      })
    ).toEqual([
      'EXPORTER_REGION must be an AWS Region code such as us-east-1 (got "Europe")',
      'EXPORTER_INSTANCES must be "all" or a comma list of Connect instance ids or ARNs (arn:aws:connect:<region>:<account>:instance/<id>) (got "not an id")',
      'EXPORTER_INSTANCES must be "all" or a comma list of Connect instance ids or ARNs (arn:aws:connect:<region>:<account>:instance/<id>) (got "arn:aws:connect:eu-west-2:123:instance/x")',
      'EXPORTER_QUEUES must be "all" or a comma list of queue names, ids or ARNs (got only commas)',
      'EXPORTER_CHANNELS must be a comma list of VOICE, CHAT, TASK, EMAIL (got "FAX")',
      `EXPORTER_INTERVAL_MS must be an integer from ${EXPORTER_INTERVAL.minMs} to ${EXPORTER_INTERVAL.maxMs} (got "500")`,
      'EXPORTER_QUOTAS must be true or false (got "yes")',
      'EXPORTER_VOICE_CONNECTORS must be "all" or a comma list of Voice Connector ids (got "vc 1")',
      'EXPORTER_HISTORICAL must be true or false (got "maybe")',
      'EXPORTER_TIME_ZONE must be an IANA time zone such as Europe/Berlin, or UTC (got "Mars/Olympus")',
      `EXPORTER_SERVICE_LEVEL_SECONDS must be an integer from ${EXPORTER_SERVICE_LEVEL.minSeconds} to ${EXPORTER_SERVICE_LEVEL.maxSeconds} (got "0")`,
    ]);
  });

  it('are checked even while the exporter is off, so a typo shows before it is switched on', () => {
    expect(problemsOf({ EXPORTER_INTERVAL_MS: 'soon' })).toEqual([
      `EXPORTER_INTERVAL_MS must be an integer from ${EXPORTER_INTERVAL.minMs} to ${EXPORTER_INTERVAL.maxMs} (got "soon")`,
    ]);
    expect(problemsOf({ EXPORTER_INSTANCES: ',,' })).toEqual([
      'EXPORTER_INSTANCES must be "all" or a comma list of Connect instance ids or ARNs (got only commas)',
    ]);
  });
});
