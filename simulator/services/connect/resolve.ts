import { connectErrors } from '../../protocol/awsError';
import type { SimRequest, SimulatorContext } from '../../protocol/types';
import type { InstanceWorld } from '../../scenario/world';

/** The last path segment of an ARN, or the value itself (Connect accepts ids and ARNs alike). */
export function idOf(value: string): string {
  const slash = value.lastIndexOf('/');
  return value.startsWith('arn:') && slash >= 0 ? value.slice(slash + 1) : value;
}

/** The instance a request names (id or ARN), in the region the request was signed for. */
export function findInstance(sim: SimulatorContext, req: SimRequest, idOrArn: string | undefined): InstanceWorld {
  if (!idOrArn) {
    throw connectErrors.invalidParameter('InstanceId is required');
  }
  const id = idOrArn.startsWith('arn:') ? (idOrArn.match(/instance\/([^/]+)/)?.[1] ?? idOrArn) : idOrArn;
  const instance = sim.world.instanceById.get(id);
  if (!instance || instance.region !== req.region) {
    throw connectErrors.notFound(`Instance ${idOrArn} not found in ${req.region}`);
  }
  return instance;
}

/** Checks that a body member is an array of strings; names the member in the error. */
export function stringList(value: unknown, member: string): string[] | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    throw connectErrors.invalidParameter(`${member} must be a list of strings`);
  }
  return value as string[];
}

export function optionalNumber(value: unknown, member: string): number | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw connectErrors.invalidParameter(`${member} must be a number`);
  }
  return value;
}

export function optionalString(value: unknown, member: string): string | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value !== 'string') {
    throw connectErrors.invalidParameter(`${member} must be a string`);
  }
  return value;
}

export function asObject(value: unknown, member: string, required = false): Record<string, unknown> | undefined {
  if (value === undefined || value === null) {
    if (required) {
      throw connectErrors.invalidParameter(`${member} is required`);
    }
    return undefined;
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw connectErrors.invalidParameter(`${member} must be an object`);
  }
  return value as Record<string, unknown>;
}
