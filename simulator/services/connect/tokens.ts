import { connectErrors } from '../../protocol/awsError';
import { decodeNextToken, encodeNextToken, requestFingerprint } from '../../protocol/paging';

/**
 * NextTokens of the Connect metric operations (the simulator's one codec, protocol/paging.ts). Connect's tokens expire 5 minutes after they are created and
 * only work with the parameters that produced them; the token carries the snapshot instant so that every page
 * describes the same moment (DataSnapshotTime).
 */
export const TOKEN_LIFETIME_MS = 5 * 60 * 1000;

interface TokenBody {
  /** offset of the next row */
  o: number;
  /** fingerprint of the request parameters */
  f: string;
  /** created, simulated ms */
  c: number;
  /** snapshot instant, seconds */
  t: number;
}

export const fingerprint = requestFingerprint;

export function encodeToken(body: TokenBody): string {
  return encodeNextToken({ ...body });
}

export function decodeToken(token: string, expectedFingerprint: string, nowMs: number): TokenBody {
  const body = decodeNextToken(token) as Partial<TokenBody> | undefined;
  if (
    !body ||
    typeof body.o !== 'number' ||
    typeof body.f !== 'string' ||
    typeof body.c !== 'number' ||
    typeof body.t !== 'number'
  ) {
    throw connectErrors.invalidParameter('NextToken is not valid');
  }
  if (body.f !== expectedFingerprint) {
    throw connectErrors.invalidParameter(
      'NextToken was created for different request parameters; repeat the request that produced it'
    );
  }
  if (nowMs - body.c > TOKEN_LIFETIME_MS) {
    throw connectErrors.invalidParameter('NextToken has expired (tokens are valid for 5 minutes)');
  }
  return body as TokenBody;
}
