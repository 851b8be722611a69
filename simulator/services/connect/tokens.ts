import { connectErrors } from '../../protocol/awsError';
import { requestFingerprint } from '../../protocol/paging';

/**
 * NextTokens of the Connect metric operations. Connect's tokens expire 5 minutes after they are created and
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
  return Buffer.from(JSON.stringify(body)).toString('base64url');
}

export function decodeToken(token: string, expectedFingerprint: string, nowMs: number): TokenBody {
  let body: TokenBody;
  try {
    body = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw connectErrors.invalidParameter('NextToken is not valid');
  }
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
  return body;
}
