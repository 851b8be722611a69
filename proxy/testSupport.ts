import type { AddressInfo } from 'node:net';
import { buildSimulator, defaultOperations } from '../simulator/app';
import { Clock } from '../simulator/clock';
import { ModelMetricSource } from '../simulator/model/cloudwatch/source';
import { AwsError } from '../simulator/protocol/awsError';
import type { OperationSpec } from '../simulator/protocol/types';
import type { TestSimulator } from '../test/support/simulator';
import type { ProxyConfig } from './config.types';
import { testConfig as baseTestConfig } from './testing';

/** Shared by the proxy's tests: a valid configuration, the headers of a datasource using access keys, simulators. */

export const TEST_TOKEN = 'test-proxy-token-0123456789';

/** The proxy settings of the tests (proxy/testing.ts), with the token the tests send. */
export const testConfig = (overrides: Partial<ProxyConfig> = {}): ProxyConfig =>
  baseTestConfig({ token: TEST_TOKEN, logLevel: 'info', ...overrides });
// AWS's documented example key pair (IAM user guide): not a credential, and recognisably so in logs.
export const TEST_ACCESS_KEY = 'AKIAIOSFODNN7EXAMPLE';
export const TEST_SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

/** Authorization plus access-key settings, as the Grafana datasource route sends them. */
export function keysHeaders(extra: Record<string, string> = {}): Record<string, string> {
  return {
    authorization: `Bearer ${TEST_TOKEN}`,
    'x-switchboard-auth-type': 'keys',
    'x-switchboard-access-key': TEST_ACCESS_KEY,
    'x-switchboard-secret-key': TEST_SECRET_KEY,
    ...extra,
  };
}

/**
 * A simulator (frozen clock, no request quotas) whose operations named in `overrides` are replaced, e.g. by one
 * that answers AccessDenied: the simulator's fault injection has throttles, 5xx, latency and malformed bodies only.
 */
export async function startSimulatorWith(overrides: OperationSpec[]): Promise<TestSimulator> {
  const replaced = new Set(overrides.map((o) => `${o.service}:${o.name}`));
  const operations = [...overrides, ...defaultOperations().filter((o) => !replaced.has(`${o.service}:${o.name}`))];
  const clock = new Clock();
  clock.freeze(Date.parse('2026-11-18T17:00:00Z'));
  const sim = await buildSimulator({
    operations,
    clock,
    enforceQuotas: false,
    metrics: ({ world, model }) => new ModelMetricSource(world, model, clock),
  });
  await sim.app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(sim.app.server.address() as AddressInfo).port}`;
  return { ...sim, url, clock, config: () => ({}), close: () => sim.app.close() };
}

/** An operation that always fails with AWS's access denial of its service. */
export function deniedOperation(spec: OperationSpec): OperationSpec {
  const error =
    spec.service === 'cloudwatch'
      ? new AwsError('AccessDenied', `User is not authorized to perform: cloudwatch:${spec.name}`, 403, {
          queryCode: 'AccessDenied',
          fault: 'Sender',
        })
      : new AwsError('AccessDeniedException', `User is not authorized to perform: ${spec.service}:${spec.name}`, 403);
  return {
    ...spec,
    handler: () => {
      throw error;
    },
  };
}
