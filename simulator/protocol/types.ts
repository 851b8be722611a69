import type { Clock } from '../clock';
import type { World } from '../scenario/world';
import type { MetricSource } from '../model/metricSource';
import type { ContactCenterModel } from '../model/contactCenter';
import type { ServiceName } from './awsError';

/** A request as the protocol layer hands it to an operation handler. */
export interface SimRequest {
  service: ServiceName;
  operation: string;
  method: string;
  /** The URL path without the query string. */
  path: string;
  /** restJson1 path parameters, e.g. { InstanceId } for /metrics/current/{InstanceId}. */
  params: Record<string, string>;
  /** Query string parameters; repeated keys become arrays (ListQueues' queueTypes). */
  query: Record<string, string | string[]>;
  headers: Record<string, string | string[] | undefined>;
  /** The parsed JSON body, or undefined when the request had none. */
  body: unknown;
  /** From the SigV4 Authorization header: the caller and the region it signed for. */
  accessKeyId: string;
  region: string;
}

export interface SimResponse {
  status?: number;
  headers?: Record<string, string>;
  /** Serialised as JSON; undefined sends "{}". */
  body?: unknown;
}

export type OperationHandler = (req: SimRequest, sim: SimulatorContext) => SimResponse | Promise<SimResponse>;

/**
 * One AWS operation the simulator speaks. restJson1 services (Connect, Chime SDK Voice) are routed by method and
 * path (fastify syntax, `/metrics/current/:InstanceId`); AWS JSON services (CloudWatch, Voice ID) by x-amz-target.
 */
export interface OperationSpec {
  service: ServiceName;
  name: string;
  http?: { method: 'GET' | 'POST' | 'PUT' | 'DELETE'; path: string };
  /** Full x-amz-target value, e.g. GraniteServiceVersion20100801.GetMetricData or VoiceID.ListDomains. */
  target?: string;
  handler: OperationHandler;
}

/** What every handler can reach. */
export interface SimulatorContext {
  world: World;
  clock: Clock;
  /** CloudWatch data computed from the model. */
  metrics: MetricSource;
  /** The contact-center simulation (Connect operations read it). */
  model: ContactCenterModel;
}
