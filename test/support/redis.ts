import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './ports';
import type { FastifyBaseLogger } from 'fastify';
import pino from 'pino';
import { Registry } from 'prom-client';
import { createRedisSharing, type RedisSharing, type RedisSharingOptions } from '../../proxy/redis/sharing';

/**
 * A real redis-server for tests and benchmarks: Debian's /usr/bin/redis-server (or REDIS_SERVER), on a free
 * loopback port, no persistence (--save '' --appendonly no), its working directory a temp dir removed at stop.
 * `kill()` and `start()` again (same port) play an outage. Missing redis-server fails with how to install it:
 * these tests are never skipped.
 */

export const REDIS_SERVER = process.env.REDIS_SERVER ?? '/usr/bin/redis-server';

export interface TestRedis {
  url: string;
  port: number;
  /** Stops the server abruptly (SIGKILL): connections drop as in a crash. */
  kill(): Promise<void>;
  /** Starts it again on the same port, empty. */
  start(): Promise<void>;
  /** Stops it for good and removes its directory. */
  stop(): Promise<void>;
}

/** Resolves once the server answers PING on the port. */
async function waitForPong(port: number, proc: ChildProcess, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (proc.exitCode !== null) {
      throw new Error(`redis-server exited with code ${proc.exitCode} before answering on port ${port}`);
    }
    const pong = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ port, host: '127.0.0.1' });
      socket.setTimeout(500);
      socket.once('connect', () => socket.write('PING\r\n'));
      socket.once('data', (d) => {
        socket.destroy();
        resolve(d.toString().startsWith('+PONG'));
      });
      socket.once('error', () => resolve(false));
      socket.once('timeout', () => {
        socket.destroy();
        resolve(false);
      });
    });
    if (pong) {
      return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`redis-server did not answer on port ${port} within ${timeoutMs} ms`);
}

export async function startTestRedis(): Promise<TestRedis> {
  if (!existsSync(REDIS_SERVER)) {
    throw new Error(
      `${REDIS_SERVER} not found: these tests need a real Redis server. Install it (Debian/Ubuntu: apt-get install -y redis-server) or set REDIS_SERVER to its path.`
    );
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'switchboard-redis-'));
  const port = await freePort();
  let proc: ChildProcess | undefined;

  const start = async () => {
    const child = spawn(
      REDIS_SERVER,
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--dir',
        dir,
        '--daemonize',
        'no',
        '--loglevel',
        'warning',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] }
    );
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    proc = child;
    try {
      await waitForPong(port, child);
    } catch (err) {
      child.kill('SIGKILL');
      throw new Error(`${(err as Error).message}${stderr ? `: ${stderr.trim()}` : ''}`);
    }
  };

  const kill = async () => {
    const child = proc;
    proc = undefined;
    if (!child || child.exitCode !== null) {
      return;
    }
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  };

  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    kill,
    start,
    stop: async () => {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

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
