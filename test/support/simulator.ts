import type { AddressInfo } from 'node:net';
import { buildSimulator, defaultOperations, type Simulator } from '../../simulator/app';
import { Clock } from '../../simulator/clock';
import { ModelMetricSource } from '../../simulator/model/cloudwatch/source';
import { AwsError } from '../../simulator/protocol/awsError';
import type { OperationSpec } from '../../simulator/protocol/types';
import type { MetricSource } from '../../simulator/model/metricSource';
import { loadScenario } from '../../simulator/scenario/load';
import type { Scenario } from '../../simulator/scenario/schema';

export interface TestSimulator extends Simulator {
  url: string;
  clock: Clock;
  /** SDK client configuration for a region, pointing at the simulator. */
  config(region?: string, extra?: Record<string, unknown>): Record<string, unknown>;
  close(): Promise<void>;
}

/**
 * A simulator on a free loopback port with every service, the default scenario (optionally edited) and a clock
 * frozen at `at`.
 */
export async function startTestSimulator(
  options: {
    at?: string;
    edit?: (s: Scenario) => void;
    seed?: number;
    scenario?: Scenario;
    awsQuotas?: boolean;
    /** CloudWatch data other than the model's (e.g. fixed values a test publishes). */
    metrics?: MetricSource;
    /** Monotonic ms for the request-quota buckets: a test's own clock makes throttling exact (default real time). */
    quotaNow?: () => number;
    /** Operations served instead of the simulator's own of the same service and name (e.g. deniedOperation). */
    replace?: OperationSpec[];
  } = {}
): Promise<TestSimulator> {
  const scenario = options.scenario ?? loadScenario();
  options.edit?.(scenario);
  const clock = new Clock();
  clock.freeze(Date.parse(options.at ?? '2026-11-18T17:00:00Z'));
  const replaced = new Set((options.replace ?? []).map((o) => `${o.service}:${o.name}`));
  const sim = await buildSimulator({
    scenario,
    operations: [
      ...(options.replace ?? []),
      ...defaultOperations().filter((o) => !replaced.has(`${o.service}:${o.name}`)),
    ],
    seed: options.seed,
    clock,
    // Tests call faster than AWS allows; only the tests about quotas keep AWS's request quotas.
    enforceQuotas: options.awsQuotas ?? false,
    now: options.quotaNow,
    metrics: options.metrics ?? (({ world, model }) => new ModelMetricSource(world, model, clock)),
  });
  await sim.app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(sim.app.server.address() as AddressInfo).port}`;
  return {
    ...sim,
    url,
    clock,
    config: (region = 'us-east-1', extra = {}) => ({
      endpoint: url,
      region,
      credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' },
      maxAttempts: 1,
      ...extra,
    }),
    close: () => sim.app.close(),
  };
}

/**
 * The proxy's dataClock for a test against this simulator: AWS's now is the simulator's (frozen) time, so a range
 * ending at it is "now" for CloudWatch's retention, however many days ago the test's date is.
 */
export const dataClockOf = (sim: { clock: Clock }) => ({ dataClock: () => sim.clock.nowMs() });

/**
 * A simulator (frozen clock, no request quotas) whose operations named in `overrides` are replaced, e.g. by one
 * that answers AccessDenied: the simulator's fault injection has throttles, 5xx, latency and malformed bodies only.
 */
export const startSimulatorWith = (overrides: OperationSpec[]) => startTestSimulator({ replace: overrides });

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

/** An operation that always fails as AWS answers keys it does not know (a typo, a deleted key). */
export function rejectedKeysOperation(spec: OperationSpec): OperationSpec {
  return {
    ...spec,
    handler: () => {
      throw new AwsError('UnrecognizedClientException', 'The security token included in the request is invalid.', 400);
    },
  };
}
