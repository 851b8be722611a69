import type { FastifyBaseLogger } from 'fastify';
import { Redis, type RedisOptions } from 'ioredis';
import type { RedisMetrics } from './metrics';

/**
 * The connections to Redis and what this replica knows about their health. Redis is an optimisation here, never a
 * dependency: every command has a short timeout, no command waits in a queue while Redis is away (the caller falls
 * back to its local cache and limiter at once), and after a failure the replica leaves Redis alone for a cooldown
 * instead of paying a timeout on every request. ioredis reconnects by itself; the outage is logged once when it
 * starts and once when it ends, and counted in switchboard_redis_errors_total / switchboard_redis_up.
 */

export interface RedisConnectionTimings {
  /** Longest one command may take before it counts as a failure (ms). */
  commandTimeoutMs: number;
  /** After a failure, how long this replica works alone before it tries Redis again (ms). */
  cooldownMs: number;
  /** Longest wait between reconnection attempts (ms). */
  maxReconnectDelayMs: number;
}

export const DEFAULT_CONNECTION_TIMINGS: RedisConnectionTimings = {
  commandTimeoutMs: 500,
  cooldownMs: 5000,
  maxReconnectDelayMs: 2000,
};

/** A failed Redis command (already counted and logged): the caller falls back to working alone. */
export class RedisUnavailable extends Error {
  constructor(
    readonly operation: string,
    cause: unknown
  ) {
    super(`Redis ${operation} failed: ${(cause as Error)?.message ?? String(cause)}`);
    this.name = 'RedisUnavailable';
  }
}

/** Where Redis is, for logs and health messages: scheme, host, port and database, never the password. */
export function describeRedisUrl(url: string): string {
  try {
    const u = new URL(url);
    const db = u.pathname.replace(/^\//, '');
    return `${u.protocol}//${u.hostname}:${u.port || '6379'}${db ? `/${db}` : ''}`;
  } catch {
    return 'the configured Redis';
  }
}

export class RedisConnection {
  /** Commands: cache reads and writes, locks, the token buckets. */
  readonly client: Redis;
  /** Pub/sub only (a subscribed connection takes no other commands): the "value stored" notices. */
  readonly subscriber: Redis;
  readonly where: string;
  /** Since when Redis has been failing (ms since the epoch), or undefined while it answers. */
  private downSince: number | undefined;
  private lastError = '';
  private cooldownUntil = 0;
  private closed = false;

  constructor(
    url: string,
    private readonly log: FastifyBaseLogger,
    private readonly metrics: RedisMetrics,
    private readonly timings: RedisConnectionTimings = DEFAULT_CONNECTION_TIMINGS
  ) {
    this.where = describeRedisUrl(url);
    const common: RedisOptions = {
      connectTimeout: 2000,
      // Reconnect forever, backing off to maxReconnectDelayMs: Redis coming back is picked up without a restart.
      retryStrategy: (times) => Math.min(100 * 2 ** Math.min(times, 10), timings.maxReconnectDelayMs),
      connectionName: 'switchboard-proxy',
    };
    this.client = new Redis(url, {
      ...common,
      // While Redis is away a command fails at once instead of queueing: the request goes on without it.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      autoResendUnfulfilledCommands: false,
      commandTimeout: timings.commandTimeoutMs,
    });
    this.subscriber = new Redis(url, {
      ...common,
      // The one SUBSCRIBE waits for the first connection; ioredis subscribes again after every reconnection.
      enableOfflineQueue: true,
      maxRetriesPerRequest: null,
      autoResubscribe: true,
    });
    this.metrics.up.set(0);
    this.client.on('ready', () => this.succeeded());
    // ioredis reports every failed (re)connection here; without a listener it would print them itself.
    this.client.on('error', (err: Error) => this.failed('connection', err));
    // A clean close (Redis shut down) comes without an error; a failed reconnection brings both, counted once.
    this.client.on('close', () => {
      if (this.downSince === undefined) {
        this.failed('connection', new Error('connection closed'));
      }
    });
    this.subscriber.on('error', () => undefined);
  }

  /** Whether to try Redis now: connected, and not within the cooldown after a failure. */
  usable(): boolean {
    return !this.closed && this.client.status === 'ready' && Date.now() >= this.cooldownUntil;
  }

  /** Runs a command; a failure is counted, logged (once per outage) and rethrown as RedisUnavailable. */
  async run<R>(operation: string, command: (client: Redis) => Promise<R>): Promise<R> {
    try {
      const out = await command(this.client);
      this.succeeded();
      return out;
    } catch (err) {
      this.failed(operation, err);
      throw new RedisUnavailable(operation, err);
    }
  }

  private succeeded(): void {
    this.cooldownUntil = 0;
    this.metrics.up.set(1);
    if (this.downSince !== undefined) {
      this.log.info(
        { redis: this.where, downMs: Date.now() - this.downSince },
        'Redis answers again: sharing the cache and rate limits with the other replicas'
      );
      this.downSince = undefined;
    }
  }

  private failed(operation: string, err: unknown): void {
    if (this.closed) {
      return;
    }
    this.metrics.errors.inc({ operation });
    this.metrics.up.set(0);
    this.cooldownUntil = Date.now() + this.timings.cooldownMs;
    this.lastError = (err as Error)?.message ?? String(err);
    if (this.downSince === undefined) {
      this.downSince = Date.now();
      this.log.warn(
        { redis: this.where, operation, error: this.lastError },
        'Redis is unavailable: this replica answers from its own cache and rate limiter until it is back'
      );
    }
  }

  /** For /api/health: a warning, not an error, while Redis is away (the proxy still answers). */
  health(): { status: 'ok' | 'warning'; message: string } {
    if (this.usable() && this.downSince === undefined) {
      return {
        status: 'ok',
        message: `Sharing the cache and AWS rate limits with the other replicas through Redis at ${this.where}.`,
      };
    }
    const since = this.downSince !== undefined ? ` since ${new Date(this.downSince).toISOString()}` : '';
    const why = this.lastError
      ? ` (${this.lastError})`
      : this.client.status === 'ready'
        ? ''
        : ` (${this.client.status})`;
    return {
      status: 'warning',
      message: `Redis at ${this.where} has not answered${since}${why}: this replica answers from its own cache and rate limiter, so replicas do not share AWS calls or quotas until it is back; it reconnects by itself.`,
    };
  }

  /** Resolves true once both connections are up, false after timeoutMs (the proxy works either way). */
  async ready(timeoutMs = 2000): Promise<boolean> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      if (this.client.status === 'ready' && this.subscriber.status === 'ready') {
        return true;
      }
      await new Promise((r) => setTimeout(r, 10));
    }
    return false;
  }

  close(): void {
    this.closed = true;
    this.client.disconnect();
    this.subscriber.disconnect();
  }
}
