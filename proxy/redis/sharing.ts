import type { FastifyBaseLogger } from 'fastify';
import type { Registry } from 'prom-client';
import type { SharedBuckets, SharedTier } from '../upstream/shared';
import { DEFAULT_CONNECTION_TIMINGS, RedisConnection, type RedisConnectionTimings } from './connection';
import { RedisKeys } from './keys';
import { createRedisMetrics } from './metrics';
import { RedisSharedCache, type SharedCacheTimings } from './sharedCache';
import { RedisTokenBuckets } from './tokenBucket';

/**
 * What the proxy's replicas share through Redis when REDIS_URL is set (docs/ha.md): the data caches' second tier
 * and the rate limiter's buckets, over one connection for commands and one for notices.
 */

export interface RedisSharingOptions {
  url: string;
  /** REDIS_KEY_PREFIX: several deployments can share one Redis under different prefixes. */
  keyPrefix: string;
  /** AWS_ENDPOINT_URL: part of every key's digest. */
  awsEndpointUrl?: string;
  log: FastifyBaseLogger;
  /** The proxy's metrics registry: the switchboard_redis_* metrics join it. */
  registry: Registry;
  /**
   * The longest the rate limiter lets a call wait (RATE_LIMIT_MAX_WAIT_MS): a replica holding a lock may spend that
   * long waiting for a token, so the others wait at least as long for its value before calling AWS themselves.
   */
  rateLimitMaxWaitMs: number;
  /** Overrides for tests (short cooldowns and waits). */
  timings?: Partial<RedisConnectionTimings & SharedCacheTimings>;
}

export interface RedisSharing {
  tier: SharedTier;
  buckets: SharedBuckets;
  connection: RedisConnection;
  /** The /api/health check of Redis. */
  health(): { status: 'ok' | 'warning'; message: string };
  /** Resolves true once connected, false after timeoutMs (the proxy starts either way). */
  ready(timeoutMs?: number): Promise<boolean>;
  close(): void;
}

/** Time an AWS call takes on top of the rate limiter's wait, with the SDK's retries: the lock's margin. */
const CALL_MARGIN_MS = 10_000;

export function createRedisSharing(options: RedisSharingOptions): RedisSharing {
  const metrics = createRedisMetrics(options.registry);
  const t = options.timings ?? {};
  const connection = new RedisConnection(options.url, options.log, metrics, {
    commandTimeoutMs: t.commandTimeoutMs ?? DEFAULT_CONNECTION_TIMINGS.commandTimeoutMs,
    cooldownMs: t.cooldownMs ?? DEFAULT_CONNECTION_TIMINGS.cooldownMs,
    maxReconnectDelayMs: t.maxReconnectDelayMs ?? DEFAULT_CONNECTION_TIMINGS.maxReconnectDelayMs,
  });
  const keys = new RedisKeys(options.keyPrefix, options.awsEndpointUrl);
  const lockMs = t.lockMs ?? options.rateLimitMaxWaitMs + CALL_MARGIN_MS;
  const tier = new RedisSharedCache(connection, keys, metrics, {
    lockMs,
    waitMs: t.waitMs ?? lockMs,
    pollMs: t.pollMs ?? 100,
  });
  return {
    tier,
    buckets: new RedisTokenBuckets(connection, keys),
    connection,
    health: () => connection.health(),
    ready: (timeoutMs) => connection.ready(timeoutMs),
    close: () => connection.close(),
  };
}
