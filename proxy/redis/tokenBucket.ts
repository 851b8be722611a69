import type { Redis } from 'ioredis';
import type { Quota } from '../upstream/rateLimiter';
import type { SharedBuckets, SharedReservation } from '../upstream/shared';
import type { RedisConnection } from './connection';
import type { RedisKeys } from './keys';

/**
 * The rate limiter's token buckets in Redis, shared by every replica: the same bucket as the local one
 * (upstream/rateLimiter.ts: refill at the quota's rate up to its burst, each caller reserves the next token, waiting
 * callers hold negative tokens so the queue is first come, first served), computed inside Redis by one Lua script
 * so that reservations of all replicas are atomic and use one clock (Redis's TIME, not the replicas').
 *
 * The caller sleeps the returned wait itself: a reservation, once made, is the caller's slot whether it waits in
 * this process or another. A refused reservation (the wait would exceed the caller's limit) takes no token.
 */

/**
 * KEYS[1]: the bucket, a hash {tokens, ms}. ARGV: rate (per second), burst, longest wait (ms).
 * Returns {1, wait ms} for a reservation, {0, wait ms} for a refusal; numbers as strings (Lua numbers returned to
 * Redis become integers).
 */
const TAKE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local maxWait = tonumber(ARGV[3])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'ms')
local tokens = tonumber(state[1])
local last = tonumber(state[2])
if tokens == nil or last == nil then
  tokens = burst
  last = now
end
tokens = math.min(burst, tokens + math.max(0, now - last) * rate / 1000)
local wait = 0
if tokens < 1 then
  wait = (1 - tokens) * 1000 / rate
end
if wait > maxWait then
  return {0, tostring(wait)}
end
tokens = tokens - 1
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ms', tostring(now))
-- A bucket left alone until full is forgotten: a missing bucket starts full, which is the same.
redis.call('PEXPIRE', KEYS[1], math.ceil((burst - tokens) * 1000 / rate) + 1000)
return {1, tostring(wait)}
`;

type TakeCommand = (bucketKey: string, rate: number, burst: number, maxWaitMs: number) => Promise<[number, string]>;

export class RedisTokenBuckets implements SharedBuckets {
  private readonly takeCommand: TakeCommand;

  constructor(
    private readonly conn: RedisConnection,
    private readonly keys: RedisKeys
  ) {
    conn.client.defineCommand('switchboardTakeToken', { numberOfKeys: 1, lua: TAKE });
    this.takeCommand = (
      conn.client as unknown as Record<'switchboardTakeToken', TakeCommand>
    ).switchboardTakeToken.bind(conn.client);
  }

  async take(bucket: string, quota: Quota, maxWaitMs: number): Promise<SharedReservation | undefined> {
    if (!this.conn.usable()) {
      return undefined;
    }
    try {
      const [granted, wait] = await this.conn.run('rate_limiter', (_c: Redis) =>
        this.takeCommand(this.keys.bucket(bucket), quota.rate, quota.burst, maxWaitMs)
      );
      return { waitMs: Number(wait), refused: Number(granted) === 0 };
    } catch {
      // counted and logged by the connection: this replica's own bucket applies
      return undefined;
    }
  }
}
