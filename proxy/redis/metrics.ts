import { Counter, Gauge, type Registry } from 'prom-client';

/**
 * The shared tier's Prometheus metrics, registered on the proxy's registry only when REDIS_URL is set (a proxy
 * without Redis should not report a Redis that is "down").
 */
export interface RedisMetrics {
  /** 1 while Redis answers, 0 while this replica works alone. */
  up: Gauge;
  errors: Counter<'operation'>;
  lookups: Counter<'cache' | 'outcome'>;
}

/** How a local cache miss was answered through the shared tier. */
export type SharedOutcome =
  /** Redis had a fresh value (another replica's, or this one's from before a restart). */
  | 'hit'
  /** This replica held the lock and called AWS; its value is now shared. */
  | 'filled'
  /** Another replica held the lock; its value arrived while this one waited. */
  | 'waited'
  /** The wait for another replica's value ran out: this replica called AWS itself. */
  | 'timeout'
  /** Redis could not be used: this replica called AWS itself. */
  | 'unavailable';

export function createRedisMetrics(registry: Registry): RedisMetrics {
  const registers = [registry];
  return {
    up: new Gauge({
      name: 'switchboard_redis_up',
      help: 'Whether Redis (REDIS_URL) answers: 1 yes, 0 no (the replica then uses its own cache and rate limiter).',
      registers,
    }),
    errors: new Counter({
      name: 'switchboard_redis_errors_total',
      help: 'Redis failures by operation (connection, cache_read, cache_store, rate_limiter); each falls back to this replica alone.',
      labelNames: ['operation'],
      registers,
    }),
    lookups: new Counter({
      name: 'switchboard_shared_cache_lookups_total',
      help: 'Local cache misses answered through Redis, by cache and outcome (hit, filled: this replica called AWS for all, waited: another replica did, timeout, unavailable).',
      labelNames: ['cache', 'outcome'],
      registers,
    }),
  };
}
