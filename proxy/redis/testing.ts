import type { FastifyBaseLogger } from 'fastify';
import pino from 'pino';
import { Registry } from 'prom-client';
import { createRedisSharing, type RedisSharing, type RedisSharingOptions } from './sharing';

/** Replicas' Redis sharing for tests: each with its own connections, registry and (captured) log. */

export interface TestReplica extends RedisSharing {
  registry: Registry;
  /** The log lines this replica wrote (JSON objects). */
  logs: Array<{ level: number; msg: string; [k: string]: unknown }>;
  /** The value of a switchboard_* counter or gauge with these labels (0 when absent). */
  metric(name: string, labels?: Record<string, string>): Promise<number>;
}

export function testReplica(url: string, keyPrefix: string, timings: RedisSharingOptions['timings'] = {}): TestReplica {
  const logs: TestReplica['logs'] = [];
  const log = pino(
    { level: 'info' },
    { write: (line: string) => logs.push(JSON.parse(line) as TestReplica['logs'][number]) }
  ) as unknown as FastifyBaseLogger;
  const registry = new Registry();
  const sharing = createRedisSharing({
    url,
    keyPrefix,
    log,
    registry,
    rateLimitMaxWaitMs: 5000,
    timings: { cooldownMs: 100, maxReconnectDelayMs: 100, ...timings },
  });
  return {
    ...sharing,
    registry,
    logs,
    metric: async (name, labels = {}) => {
      const m = await registry.getSingleMetric(name)?.get();
      const match = m?.values.find((v) => Object.entries(labels).every(([k, x]) => v.labels[k] === x));
      return match?.value ?? 0;
    },
  };
}

/** Polls until `check` holds (Redis reconnections take a few hundred ms), failing with `what` after timeoutMs. */
export async function eventually(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 5000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) {
      return;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}
