import { voiceIdErrors } from '../protocol/awsError';
import { paginate, requestFingerprint } from '../protocol/paging';
import type { OperationSpec, SimRequest, SimulatorContext } from '../protocol/types';
import { alnumFrom, uuidFrom } from '../model/random';
import type { VoiceIdDomainWorld } from '../scenario/world';

/**
 * Voice ID (AWS JSON 1.0, target prefix "VoiceID."). Only ListDomains: the Voice ID domain template variable and
 * the Domain dimension of the VoiceID namespace. (Voice ID reaches end of support on 2026-05-20.)
 */

/**
 * The Smithy model constrains MaxResults to 1..10 (aws-wire-spec.md, [S]); the doc string in the SDK says
 * "default 100, maximum 100", which the model contradicts. We follow the model and default to its maximum.
 */
export const MAX_RESULTS = { min: 1, max: 10, default: 10 } as const;

export function domainWire(domain: VoiceIdDomainWorld, accountId: string) {
  return {
    DomainId: domain.id,
    Arn: domain.arn,
    Name: domain.name,
    DomainStatus: 'ACTIVE',
    ServerSideEncryptionConfiguration: {
      KmsKeyId: `arn:aws:kms:${domain.region}:${accountId}:key/${uuidFrom(`kms:${domain.name}`)}`,
    },
    // Voice ID timestamps are epoch seconds (JSON numbers).
    CreatedAt: domain.createdAt,
    UpdatedAt: domain.createdAt,
    WatchlistDetails: { DefaultWatchlistId: alnumFrom(`watchlist:${domain.name}`, 22) },
  };
}

function validation(member: string, value: unknown, constraint: string) {
  const shown = JSON.stringify(value) ?? String(value);
  return voiceIdErrors.validation(
    `1 validation error detected: Value ${shown.slice(0, 60)} at '${member}' failed to satisfy constraint: ${constraint}`
  );
}

/** ListDomains: POST / x-amz-target VoiceID.ListDomains {MaxResults?, NextToken?} */
export const listDomains: OperationSpec = {
  service: 'voiceid',
  name: 'ListDomains',
  target: 'VoiceID.ListDomains',
  handler: (req: SimRequest, sim: SimulatorContext) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const { MaxResults, NextToken } = body;
    let maxResults: number = MAX_RESULTS.default;
    if (MaxResults !== undefined && MaxResults !== null) {
      if (
        typeof MaxResults !== 'number' ||
        !Number.isInteger(MaxResults) ||
        MaxResults < MAX_RESULTS.min ||
        MaxResults > MAX_RESULTS.max
      ) {
        throw validation(
          'maxResults',
          MaxResults,
          `Member must be an integer between ${MAX_RESULTS.min} and ${MAX_RESULTS.max}`
        );
      }
      maxResults = MaxResults;
    }
    if (NextToken !== undefined && NextToken !== null && (typeof NextToken !== 'string' || NextToken.length === 0)) {
      throw validation('nextToken', NextToken, 'Member must be a non-empty string');
    }
    const inRegion = sim.world.voiceIdDomains.filter((d) => d.region === req.region);
    const page = paginate(
      inRegion,
      maxResults,
      NextToken as string | undefined,
      requestFingerprint(['ListDomains', req.region]),
      voiceIdErrors.validation
    );
    return {
      body: { DomainSummaries: page.items.map((d) => domainWire(d, sim.world.accountId)), NextToken: page.nextToken },
    };
  },
};

export function voiceIdOperations(): OperationSpec[] {
  return [listDomains];
}
