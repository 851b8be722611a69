import { loadScenario } from '../../simulator/scenario/load';
import type { Scenario, VoiceConnectorSpec, VoiceIdDomainSpec } from '../../simulator/scenario/schema';

/** Requests as AWS clients sign them and scenarios with many resources, for the simulator's protocol, service and admin tests. */

/** A SigV4 Authorization header as the SDK sends it (the simulator reads the scope, never the signature). */
export function authorization(service: string, region = 'us-east-1', accessKeyId = 'AKIDTEST'): string {
  return `AWS4-HMAC-SHA256 Credential=${accessKeyId}/20261122/${region}/${service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=0123456789abcdef`;
}

export function signed(
  service: string,
  region = 'us-east-1',
  accessKeyId = 'AKIDTEST',
  extra: Record<string, string> = {}
) {
  return { authorization: authorization(service, region, accessKeyId), 'x-amz-date': '20261122T100000Z', ...extra };
}

export function jsonTarget(target: string, region = 'us-east-1', accessKeyId = 'AKIDTEST') {
  const service = target.startsWith('VoiceID.') ? 'voiceid' : 'monitoring';
  return signed(service, region, accessKeyId, { 'x-amz-target': target, 'content-type': 'application/x-amz-json-1.0' });
}

const connector = (name: string, region: string): VoiceConnectorSpec => ({
  name,
  region,
  inboundPerHour: 10,
  outboundPerHour: 2,
  callSeconds: 200,
  failureShare: 0.01,
  customer: { lossPct: 0.1, jitterMs: 3, rttMs: 40 },
  remote: { lossPct: 0.1, jitterMs: 3, rttMs: 40 },
});

const domain = (name: string, region: string): VoiceIdDomainSpec => ({
  name,
  region,
  speakers: 10,
  fraudsters: 1,
  sessionsPerHour: 5,
});

/**
 * The default scenario with `perRegion` voice connectors and Voice ID domains in each of us-east-1 and eu-west-2
 * (names vc-<region>-<n>, domain-<region>-<n>), so list operations have several pages.
 */
export function scenarioWithResources(perRegion: { voiceConnectors: number; domains: number }): Scenario {
  const scenario = loadScenario();
  const regions = ['us-east-1', 'eu-west-2'];
  scenario.voiceConnectors = regions.flatMap((r) =>
    Array.from({ length: perRegion.voiceConnectors }, (_, i) => connector(`vc-${r}-${i + 1}`, r))
  );
  scenario.voiceIdDomains = regions.flatMap((r) =>
    Array.from({ length: perRegion.domains }, (_, i) => domain(`domain-${r}-${i + 1}`, r))
  );
  return scenario;
}
