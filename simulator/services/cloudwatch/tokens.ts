import { createHash } from 'node:crypto';
import { cloudWatchErrors } from '../../protocol/awsError';

/**
 * CloudWatch NextTokens: base64url JSON of a small payload plus `f`, a fingerprint of the request that produced
 * the token. Clients treat them as opaque; the fingerprint makes a token replayed with a different request fail
 * with InvalidNextToken, as CloudWatch does, instead of silently returning the wrong page.
 */

/** A short stable hash of whatever identifies the request (operation, region, filters or queries). */
export function fingerprint(parts: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(parts) ?? 'undefined')
    .digest('base64url')
    .slice(0, 16);
}

export function encodeToken(payload: Record<string, unknown>, requestFingerprint: string): string {
  return Buffer.from(JSON.stringify({ ...payload, f: requestFingerprint })).toString('base64url');
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
  let value: unknown;
  if (/^[A-Za-z0-9_-]+$/.test(token)) {
    try {
      value = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    } catch {
      value = undefined;
    }
  }
  if (!value || typeof value !== 'object' || Array.isArray(value) || !isPayload(value as Record<string, unknown>)) {
    throw cloudWatchErrors.invalidNextToken('The NextToken is not valid: it was not issued by this service.');
  }
  if ((value as Record<string, unknown>).f !== requestFingerprint) {
    throw cloudWatchErrors.invalidNextToken(
      'The NextToken is not valid for this request: repeat the request that produced it with the same parameters.'
    );
  }
  return value as T;
}

export const isNonNegativeInteger = (v: unknown): v is number =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
