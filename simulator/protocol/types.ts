import type { Clock } from '../clock';
import type { World } from '../scenario/world';
import type { MetricSource } from '../model/metricSource';
import type { ContactCenterModel } from '../model/contactCenter';
import type { ServiceName } from './awsError';
import type { StructureShape } from './shapes';

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
 * How an operation is also spoken in the awsQuery protocol (form-encoded `Action=...&Version=...`, XML answers),
 * which CloudWatch serves besides AWS JSON: older SDKs (botocore < 1.42, AWS SDK for JavaScript <= 3.948) use it.
 * The shapes come from the service model; the handler still sees and returns the AWS JSON shape.
 */
export interface QuerySpec {
  /** The Action parameter, e.g. GetMetricData. */
  action: string;
  /** The Version parameter the service expects, e.g. 2010-08-01. */
  version: string;
  /** The model's xmlNamespace (the xmlns of every response). */
  xmlNamespace: string;
  input: StructureShape;
  output: StructureShape;
  /** The model's resultWrapper, e.g. GetMetricDataResult. */
  resultWrapper?: string;
}

/**
 * One AWS operation the simulator speaks. restJson1 services (Connect, Chime SDK Voice) are routed by method and
 * path (fastify syntax, `/metrics/current/:InstanceId`); AWS JSON services (CloudWatch, Voice ID) by x-amz-target,
 * and, with `query`, by the awsQuery Action too.
 */
export interface OperationSpec {
  service: ServiceName;
  name: string;
  http?: { method: 'GET' | 'POST' | 'PUT' | 'DELETE'; path: string };
  /** Full x-amz-target value, e.g. GraniteServiceVersion20100801.GetMetricData or VoiceID.ListDomains. */
  target?: string;
  /** Also served over awsQuery (only with `target`). */
  query?: QuerySpec;
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
