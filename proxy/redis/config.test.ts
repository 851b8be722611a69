import { ConfigError, loadConfig } from '../config';
import { describeRedisUrl } from './connection';
import { RedisKeys } from './keys';

/** REDIS_URL and REDIS_KEY_PREFIX as the configuration reads them, and what of them reaches logs and keys. */

const TOKEN = 'a-proxy-token-of-24-chars';

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig({ PROXY_TOKEN: TOKEN, ...env }, []);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('Redis settings', () => {
  it('are off unless REDIS_URL is set (empty counts as unset)', () => {
    const config = loadConfig({ PROXY_TOKEN: TOKEN, REDIS_URL: '' }, []);
    expect(config.redisUrl).toBeUndefined();
    expect(config.redisKeyPrefix).toBeUndefined();
  });

  it('reads redis:// and rediss:// URLs, with credentials and database, and a key prefix', () => {
    expect(
      loadConfig(
        { PROXY_TOKEN: TOKEN, REDIS_URL: 'rediss://:pw@cache.internal:6380/2', REDIS_KEY_PREFIX: 'prod-a:' },
        []
      )
    ).toMatchObject({ redisUrl: 'rediss://:pw@cache.internal:6380/2', redisKeyPrefix: 'prod-a:' });
    expect(loadConfig({ PROXY_TOKEN: TOKEN, REDIS_URL: 'redis://redis:6379' }, []).redisUrl).toBe('redis://redis:6379');
  });

  it('refuses other URLs and prefixes, without echoing the URL (it may hold a password)', () => {
    const problems = problemsOf({ REDIS_URL: 'http://user:hunter2@redis:6379', REDIS_KEY_PREFIX: 'has space' });
    expect(problems).toEqual([
      'REDIS_URL must be a redis:// or rediss:// URL such as redis://redis:6379 (or empty for none)',
      'REDIS_KEY_PREFIX must be 1 to 64 printable ASCII characters without spaces (got "has space")',
    ]);
    expect(problemsOf({ REDIS_URL: 'redis-server:6379' })).toHaveLength(1);
    expect(problemsOf({ REDIS_KEY_PREFIX: 'x'.repeat(65) })).toHaveLength(1);
  });

  it('names Redis in logs and health messages by scheme, host, port and database only', () => {
    expect(describeRedisUrl('redis://:s3cret@10.0.0.5:6380/3')).toBe('redis://10.0.0.5:6380/3');
    expect(describeRedisUrl('rediss://default:s3cret@cache.example')).toBe('rediss://cache.example:6379');
  });

  it('keys values by a digest that covers the endpoint, so proxies of different endpoints never share', () => {
    const aws = new RedisKeys('sb:', undefined);
    const sim = new RedisKeys('sb:', 'http://127.0.0.1:4599');
    expect(aws.value('realtime', 'k')).toMatch(/^sb:v1:c:realtime:[A-Za-z0-9_-]{43}$/);
    expect(aws.value('realtime', 'k')).not.toBe(sim.value('realtime', 'k'));
    expect(aws.value('realtime', 'k')).not.toBe(aws.value('cloudwatch', 'k'));
    expect(aws.lock(aws.value('realtime', 'k'))).toBe(`${aws.value('realtime', 'k')}:lock`);
    expect(aws.bucket('keys:AKIA|us-east-1|GetCurrentMetricData')).toMatch(/^sb:v1:rl:[A-Za-z0-9_-]{43}$/);
  });
});
