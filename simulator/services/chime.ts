import { chimeErrors } from '../protocol/awsError';
import { paginate, requestFingerprint } from '../protocol/paging';
import type { OperationSpec, SimRequest, SimulatorContext } from '../protocol/types';
import type { VoiceConnectorWorld } from '../scenario/world';

/**
 * Chime SDK Voice (restJson1). Only what Switchboard reads: the voice connectors of a region, for the
 * voice-connector template variable and the AWS/ChimeVoiceConnector dimension values.
 */

/** API reference: "Valid Range: Minimum value of 1. Maximum value of 100." No default is documented; we use the maximum. */
export const MAX_RESULTS = { min: 1, max: 100, default: 100 } as const;

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** max-results arrives as a query string; anything but an integer in range is a BadRequestException. */
function maxResultsOf(raw: string | undefined): number {
  if (raw === undefined) {
    return MAX_RESULTS.default;
  }
  const n = /^-?\d+$/.test(raw.trim()) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(n) || n < MAX_RESULTS.min || n > MAX_RESULTS.max) {
    throw chimeErrors.badRequest(
      `1 validation error detected: Value '${raw.slice(0, 40)}' at 'maxResults' failed to satisfy constraint: Member must be an integer between ${MAX_RESULTS.min} and ${MAX_RESULTS.max}`
    );
  }
  return n;
}

/** The wire shape of one voice connector. Chime timestamps are ISO-8601 strings, not epoch numbers. */
export function voiceConnectorWire(vc: VoiceConnectorWorld) {
  return {
    VoiceConnectorId: vc.id,
    AwsRegion: vc.region,
    Name: vc.name,
    OutboundHostName: vc.outboundHostName,
    RequireEncryption: true,
    CreatedTimestamp: vc.createdTimestamp,
    UpdatedTimestamp: vc.createdTimestamp,
    VoiceConnectorArn: vc.arn,
  };
}

/** ListVoiceConnectors: GET /voice-connectors?max-results=&next-token= */
export const listVoiceConnectors: OperationSpec = {
  service: 'chime',
  name: 'ListVoiceConnectors',
  http: { method: 'GET', path: '/voice-connectors' },
  handler: (req: SimRequest, sim: SimulatorContext) => {
    const maxResults = maxResultsOf(first(req.query['max-results']));
    const nextToken = first(req.query['next-token']);
    const inRegion = sim.world.voiceConnectors.filter((vc) => vc.region === req.region);
    const page = paginate(
      inRegion,
      maxResults,
      nextToken,
      requestFingerprint(['ListVoiceConnectors', req.region]),
      chimeErrors.badRequest
    );
    return { body: { VoiceConnectors: page.items.map(voiceConnectorWire), NextToken: page.nextToken } };
  },
};

export function chimeOperations(): OperationSpec[] {
  return [listVoiceConnectors];
}
