import { performance } from 'node:perf_hooks';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AwsError, type ServiceName } from './awsError';
import { jsonCodec, queryCodec, type WireCodec } from './codec';
import { protocolErrors, type EncodedResponse } from './encode';
import type { Delays, FaultInjector } from './faults';
import { readSigV4 } from './sigv4';
import { UNKNOWN_OPERATION, type Outcome, type Stats } from './stats';
import type { RequestThrottle } from './throttle';
import type { OperationSpec, SimRequest, SimulatorContext } from './types';

/**
 * The life of one AWS call, in the order AWS itself would refuse it:
 *   authentication -> known operation -> readable body -> (injected latency) -> request quota -> injected fault
 *   -> the operation's handler.
 * Every path ends in an encoded response and one stats record; nothing a client sends can make it throw.
 */

export interface ProtocolDeps {
  context: SimulatorContext;
  limiter: RequestThrottle;
  faults: FaultInjector;
  stats: Stats;
  delays: Delays;
}

/** What the router knows about a request before the pipeline runs. */
export interface CallTarget {
  service: ServiceName;
  operation?: OperationSpec;
  /** Why there is no operation (used when `operation` is absent); `queryCode` overrides the awsQuery error code. */
  unknown?: { message: string; status: 400 | 404; queryCode?: string };
  /** Set for awsQuery calls (form-encoded, answered in XML): their parameters and the service's XML namespace. */
  awsQuery?: { params: Array<[string, string]>; xmlNamespace: string };
}

/** How the call is read and answered: awsQuery when the router says so, else the service's JSON protocol. */
export function codecOf(target: CallTarget): WireCodec {
  return target.awsQuery
    ? queryCodec(target.awsQuery.params, target.awsQuery.xmlNamespace, target.operation?.query)
    : jsonCodec(target.service);
}

interface Result {
  response: EncodedResponse;
  outcome: Outcome;
}

const errorResult = (codec: WireCodec, error: AwsError, outcome: Outcome): Result => ({
  response: codec.error(error),
  outcome,
});

const outcomeOfStatus = (status: number): Outcome =>
  status >= 500 ? 'server_error' : status >= 400 ? 'client_error' : 'ok';

/** fastify's query object (null prototype, repeated keys already arrays) as a plain record of strings. */
export function normaliseQuery(query: unknown): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  if (query && typeof query === 'object') {
    for (const [key, value] of Object.entries(query as Record<string, unknown>)) {
      out[key] = Array.isArray(value) ? value.map(String) : String(value ?? '');
    }
  }
  return out;
}

async function run(request: FastifyRequest, target: CallTarget, deps: ProtocolDeps, codec: WireCodec): Promise<Result> {
  const { service, operation } = target;
  const query = normaliseQuery(request.query);

  const auth = readSigV4(request.headers, query);
  if (!auth.ok) {
    const error =
      auth.reason === 'missing'
        ? protocolErrors.missingAuthentication()
        : protocolErrors.incompleteSignature(auth.message);
    return errorResult(codec, error, 'client_error');
  }
  if (!operation) {
    const unknown = target.unknown ?? { message: 'Unknown operation', status: 404 };
    return errorResult(
      codec,
      protocolErrors.unknownOperation(unknown.message, unknown.status, unknown.queryCode),
      'client_error'
    );
  }

  let body: Record<string, unknown> | undefined;
  try {
    body = codec.readInput(request.body);
  } catch (err) {
    const error =
      err instanceof AwsError ? err : protocolErrors.badRequest(service, (err as Error).message ?? String(err));
    return errorResult(codec, error, 'client_error');
  }

  // Drawn for every call, throttled or not, so the fault sequence depends only on the call sequence.
  const fault = deps.faults.decide(service, operation.name);
  await deps.delays.wait(fault.latencyMs);

  const { accessKeyId, region } = auth.scope;
  if (!deps.limiter.take(service, operation.name, accessKeyId, region)) {
    return errorResult(codec, protocolErrors.throttling(service), 'throttled');
  }
  switch (fault.kind) {
    case 'throttle':
      return errorResult(codec, protocolErrors.throttling(service), 'fault_throttle');
    case 'error':
      return errorResult(codec, protocolErrors.internal(service), 'fault_error');
    case 'malformed':
      return { response: codec.malformed(), outcome: 'fault_malformed' };
    case 'none':
      break;
  }

  const simRequest: SimRequest = {
    service,
    operation: operation.name,
    method: request.method,
    path: request.url.split('?')[0],
    params: { ...(request.params as Record<string, string> | undefined) },
    query,
    headers: request.headers,
    body,
    accessKeyId,
    region,
  };
  try {
    const result = await operation.handler(simRequest, deps.context);
    const response = codec.success(result ?? {});
    return { response, outcome: outcomeOfStatus(response.status) };
  } catch (err) {
    if (err instanceof AwsError) {
      return errorResult(codec, err, outcomeOfStatus(err.status));
    }
    request.log.error({ err, service, operation: operation.name }, 'operation handler failed');
    return errorResult(codec, protocolErrors.internal(service), 'server_error');
  }
}

/**
 * Sends an encoded response as bytes: fastify would append "; charset=utf-8" to a JSON content type given a
 * string, and AWS sends the bare media type.
 */
export function sendEncoded(reply: FastifyReply, response: EncodedResponse): FastifyReply {
  return reply.code(response.status).headers(response.headers).send(Buffer.from(response.body, 'utf8'));
}

/** Runs one AWS call and sends its response. */
export async function serveCall(
  request: FastifyRequest,
  reply: FastifyReply,
  target: CallTarget,
  deps: ProtocolDeps
): Promise<FastifyReply> {
  const started = performance.now();
  const codec = codecOf(target);
  let result: Result;
  try {
    result = await run(request, target, deps, codec);
  } catch (err) {
    // Only a bug in the protocol layer itself gets here; still answer like the service would.
    request.log.error({ err }, 'protocol pipeline failed');
    result = errorResult(codec, protocolErrors.internal(target.service), 'server_error');
  }
  deps.stats.record(
    target.service,
    target.operation?.name ?? UNKNOWN_OPERATION,
    result.outcome,
    performance.now() - started
  );
  return sendEncoded(reply, result.response);
}
