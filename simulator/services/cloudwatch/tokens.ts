import { cloudWatchErrors } from '../../protocol/awsError';
import { decodeNextToken, encodeNextToken, requestFingerprint } from '../../protocol/paging';

/**
 * CloudWatch NextTokens (the simulator's one codec, protocol/paging.ts): a small payload plus `f`, a fingerprint of the request that produced
 * the token. Clients treat them as opaque; the fingerprint makes a token replayed with a different request fail
 * with InvalidNextToken, as CloudWatch does, instead of silently returning the wrong page.
 */

/** A short stable hash of whatever identifies the request (operation, region, filters or queries). */
export const fingerprint = requestFingerprint;

export function encodeToken(payload: Record<string, unknown>, requestFingerprint: string): string {
  return encodeNextToken({ ...payload, f: requestFingerprint });
}

/**
 * The payload of `token` if it is one of ours (checked by `isPayload`) and belongs to the request with
 * `requestFingerprint`; InvalidNextToken otherwise.
 */
export function decodeToken<T>(
  token: string,
  requestFingerprint: string,
  isPayload: (value: Record<string, unknown>) => value is Record<string, unknown> & T
): T {
  const value = decodeNextToken(token);
  if (!value || !isPayload(value)) {
    throw cloudWatchErrors.invalidNextToken('The NextToken is not valid: it was not issued by this service.');
  }
  if (value.f !== requestFingerprint) {
    throw cloudWatchErrors.invalidNextToken(
      'The NextToken is not valid for this request: repeat the request that produced it with the same parameters.'
    );
  }
  return value as T;
}

export const isNonNegativeInteger = (v: unknown): v is number =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
