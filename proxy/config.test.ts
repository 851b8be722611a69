import { ConfigError, DEMO_TOKEN, loadConfig } from './config';

const TOKEN = 'a-proxy-token-of-24-chars';

function problemsOf(env: NodeJS.ProcessEnv, argv: string[] = []): string[] {
  try {
    loadConfig(env, argv);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('has the documented defaults', () => {
    expect(loadConfig({ PROXY_TOKEN: TOKEN }, [])).toEqual({
      port: 8080,
      host: '127.0.0.1',
      token: TOKEN,
      demo: false,
      awsRegion: 'us-east-1',
      sdkMaxAttempts: 3,
      realtimeCacheTtlMs: 10_000,
      resourceCacheTtlMs: 300_000,
      cacheMaxBytes: 256 * 1024 * 1024,
      cacheMode: 'cache',
      staleMaxAgeMs: 300_000,
      staleIfSlowMs: 2000,
      staleRetryMs: 5000,
      rateLimitMaxWaitMs: 5000,
      upstreamQuotas: {},
      bodyLimitBytes: 1024 * 1024,
      logLevel: 'info',
    });
  });

  it('reads every variable', () => {
    const config = loadConfig(
      {
        PORT: '9090',
        HOST: '0.0.0.0',
        PROXY_TOKEN: TOKEN,
        AWS_REGION: 'eu-west-2',
        AWS_ENDPOINT_URL: 'http://127.0.0.1:4599',
        AWS_MAX_ATTEMPTS: '2',
        REALTIME_CACHE_TTL_MS: '0',
        RESOURCE_CACHE_TTL_MS: '60000',
        CACHE_MAX_MB: '16',
        CACHE_MODE: 'Passthrough',
        STALE_MAX_AGE_MS: '60000',
        STALE_IF_SLOW_MS: '0',
        STALE_RETRY_MS: '0',
        RATE_LIMIT_MAX_WAIT_MS: '250',
        UPSTREAM_QUOTAS: '{"GetCurrentMetricData":{"rate":10,"burst":12},"ListQueues":{"rate":0.5,"burst":1}}',
        BODY_LIMIT_BYTES: '2048',
        LOG_LEVEL: 'DEBUG',
      },
      []
    );
    expect(config).toMatchObject({
      port: 9090,
      host: '0.0.0.0',
      awsRegion: 'eu-west-2',
      awsEndpointUrl: 'http://127.0.0.1:4599',
      sdkMaxAttempts: 2,
      realtimeCacheTtlMs: 0,
      resourceCacheTtlMs: 60_000,
      cacheMaxBytes: 16 * 1024 * 1024,
      cacheMode: 'passthrough',
      staleMaxAgeMs: 60_000,
      staleIfSlowMs: 0,
      staleRetryMs: 0,
      rateLimitMaxWaitMs: 250,
      upstreamQuotas: { GetCurrentMetricData: { rate: 10, burst: 12 }, ListQueues: { rate: 0.5, burst: 1 } },
      bodyLimitBytes: 2048,
      logLevel: 'debug',
    });
  });

  it('treats empty variables as unset (docker compose passes them so)', () => {
    expect(loadConfig({ PROXY_TOKEN: TOKEN, PORT: '', AWS_REGION: ' ', AWS_ENDPOINT_URL: '' }, [])).toMatchObject({
      port: 8080,
      awsRegion: 'us-east-1',
    });
    expect(loadConfig({ PROXY_TOKEN: TOKEN }, []).awsEndpointUrl).toBeUndefined();
  });

  it('requires a token unless --demo, which defaults it', () => {
    expect(problemsOf({})).toEqual(['PROXY_TOKEN is required (or start with --demo)']);
    expect(loadConfig({}, ['--demo'])).toMatchObject({ demo: true, token: DEMO_TOKEN });
    expect(loadConfig({ PROXY_TOKEN: TOKEN }, ['--demo']).token).toBe(TOKEN);
  });

  it('refuses the public demo token for real AWS, and takes it in front of a simulator or with --demo', () => {
    expect(problemsOf({ PROXY_TOKEN: DEMO_TOKEN })).toEqual([
      `PROXY_TOKEN must not be the public demo token "${DEMO_TOKEN}" when the proxy calls AWS (AWS_ENDPOINT_URL unset): set your own, e.g. openssl rand -hex 32`,
    ]);
    expect(loadConfig({ PROXY_TOKEN: DEMO_TOKEN, AWS_ENDPOINT_URL: 'http://simulator:4599' }, []).token).toBe(
      DEMO_TOKEN
    );
    expect(loadConfig({ PROXY_TOKEN: DEMO_TOKEN }, ['--demo']).token).toBe(DEMO_TOKEN);
  });

  it('takes an optional METRICS_TOKEN of its own, checked like the proxy token', () => {
    expect(loadConfig({ PROXY_TOKEN: TOKEN }, []).metricsToken).toBeUndefined();
    expect(loadConfig({ PROXY_TOKEN: TOKEN, METRICS_TOKEN: '' }, []).metricsToken).toBeUndefined();
    expect(loadConfig({ PROXY_TOKEN: TOKEN, METRICS_TOKEN: 'scrape-token-0123456789' }, []).metricsToken).toBe(
      'scrape-token-0123456789'
    );
    expect(problemsOf({ PROXY_TOKEN: TOKEN, METRICS_TOKEN: 'short' })).toEqual([
      'METRICS_TOKEN must be at least 16 characters (it has 5)',
    ]);
    expect(problemsOf({ PROXY_TOKEN: TOKEN, METRICS_TOKEN: 'a scrape token with spaces' })).toEqual([
      'METRICS_TOKEN must be printable ASCII without spaces (it is sent in an Authorization header)',
    ]);
    expect(problemsOf({ PROXY_TOKEN: TOKEN, METRICS_TOKEN: TOKEN })).toEqual([
      'METRICS_TOKEN must differ from PROXY_TOKEN (Prometheus must not hold the token that reaches AWS)',
    ]);
  });

  it('refuses short or unprintable tokens without ever showing them', () => {
    const short = 'hunter2-short';
    const problems = problemsOf({ PROXY_TOKEN: short });
    expect(problems).toEqual([`PROXY_TOKEN must be at least 16 characters (it has ${short.length})`]);
    const spaced = 'a token with spaces in it';
    const message = (() => {
      try {
        loadConfig({ PROXY_TOKEN: spaced }, []);
        return '';
      } catch (err) {
        return (err as Error).message;
      }
    })();
    expect(message).toContain('PROXY_TOKEN must be printable ASCII without spaces');
    expect(message).not.toContain(spaced);
    expect(problemsOf({ PROXY_TOKEN: short }, ['--demo'])[0]).not.toContain(short);
  });

  it('lists every problem, each naming the variable, the rule and the value', () => {
    const problems = problemsOf({
      PORT: 'abc',
      HOST: 'bad host',
      AWS_REGION: 'Virginia',
      AWS_ENDPOINT_URL: 'ftp://x',
      AWS_MAX_ATTEMPTS: '0',
      REALTIME_CACHE_TTL_MS: '-5',
      RESOURCE_CACHE_TTL_MS: '1.5',
      CACHE_MAX_MB: '0',
      CACHE_MODE: 'off',
      STALE_MAX_AGE_MS: 'x',
      RATE_LIMIT_MAX_WAIT_MS: 'soon',
      BODY_LIMIT_BYTES: '10',
      LOG_LEVEL: 'loud',
    });
    expect(problems).toEqual([
      'PORT must be an integer from 1 to 65535 (got "abc")',
      'HOST must be a host name or IP address such as 127.0.0.1 or 0.0.0.0 (got "bad host")',
      'PROXY_TOKEN is required (or start with --demo)',
      'AWS_REGION must be an AWS Region code such as us-east-1 (got "Virginia")',
      'AWS_ENDPOINT_URL must be an http:// or https:// URL such as http://127.0.0.1:4599 (got "ftp://x")',
      'AWS_MAX_ATTEMPTS must be an integer from 1 to 10 (got "0")',
      'REALTIME_CACHE_TTL_MS must be an integer from 0 to 300000 (got "-5")',
      'RESOURCE_CACHE_TTL_MS must be an integer from 0 to 86400000 (got "1.5")',
      'CACHE_MAX_MB must be an integer from 1 to 65536 (got "0")',
      'STALE_MAX_AGE_MS must be an integer from 0 to 86400000 (got "x")',
      'CACHE_MODE must be cache or passthrough (got "off")',
      'RATE_LIMIT_MAX_WAIT_MS must be an integer from 0 to 120000 (got "soon")',
      'BODY_LIMIT_BYTES must be an integer from 1024 to 104857600 (got "10")',
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud")',
    ]);
  });

  it('puts every problem in one message', () => {
    expect(() => loadConfig({ PORT: '70000' }, [])).toThrow(
      'Invalid proxy configuration: PORT must be an integer from 1 to 65535 (got "70000"); PROXY_TOKEN is required (or start with --demo).'
    );
  });

  it('validates UPSTREAM_QUOTAS', () => {
    expect(problemsOf({ PROXY_TOKEN: TOKEN, UPSTREAM_QUOTAS: '{nope' })).toEqual([
      'UPSTREAM_QUOTAS must be JSON, e.g. {"GetCurrentMetricData":{"rate":5,"burst":8}} (it does not parse)',
    ]);
    const [problem] = problemsOf({
      PROXY_TOKEN: TOKEN,
      UPSTREAM_QUOTAS: '{"GetCurrentMetricData":{"rate":0,"burst":8}}',
    });
    expect(problem).toMatch(/^UPSTREAM_QUOTAS must map API names to \{"rate"/);
    expect(problem).toContain('GetCurrentMetricData.rate');
    expect(problemsOf({ PROXY_TOKEN: TOKEN, UPSTREAM_QUOTAS: '[1]' })).toHaveLength(1);
    expect(problemsOf({ PROXY_TOKEN: TOKEN, UPSTREAM_QUOTAS: '{"ListQueues":{"rate":1,"burst":1.5}}' })).toHaveLength(
      1
    );
  });

  it('takes only --demo on the command line', () => {
    const [problem] = problemsOf({ PROXY_TOKEN: TOKEN }, ['--port', '1']);
    expect(problem).toContain("'--port'");
    expect(problem).toContain('the proxy takes only --demo');
  });
});
