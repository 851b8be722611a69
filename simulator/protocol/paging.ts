import { createHash } from 'node:crypto';

/**
 * Paging for list operations. A NextToken is opaque to clients but simple here: base64url JSON holding the
 * offset of the next item and a fingerprint of the request's filters, so a token replayed with different
 * filters is refused the way AWS refuses it instead of silently skipping items.
 *
 *   const fp = requestFingerprint({ op: 'ListQueues', instance: id, types });
 *   const { items, nextToken } = paginate(all, maxResults, req.query.nextToken, fp, connectErrors.invalidParameter);
 *   return { body: { QueueSummaryList: items, NextToken: nextToken } };   // undefined NextToken is dropped
 */

interface PageToken {
  /** Offset of the first item of the next page. */
  o: number;
  /** Fingerprint of the request the token belongs to. */
  f: string;
}

/** A short stable hash of whatever identifies a listing (operation, parent resource, filters). */
export function requestFingerprint(parts: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(parts) ?? 'undefined')
    .digest('base64url')
    .slice(0, 16);
}

/**
 * The one NextToken codec of the simulator (list paging here, CloudWatch's and Connect's metric tokens): base64url
 * JSON of a small object. What the object holds, and which error a bad token gets, is each service's.
 */
export function encodeNextToken(payload: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(payload)).toString('base64url');
}

/** The object inside a NextToken, or undefined when the token is not base64url JSON of an object. */
export function decodeNextToken(token: string): Record<string, unknown> | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(token)) {
    return undefined;
  }
  try {
    const value: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export function encodePageToken(offset: number, fingerprint: string): string {
  const token: PageToken = { o: offset, f: fingerprint };
  return encodeNextToken({ ...token });
}

export function decodePageToken(token: string): PageToken | undefined {
  const value = decodeNextToken(token);
  return value && Number.isSafeInteger(value.o) && typeof value.f === 'string'
    ? (value as unknown as PageToken)
    : undefined;
}

/**
 * One page of `items`. `maxResults` must already be validated by the caller (each API has its own range and
 * error). A token that is not ours, belongs to another request or points past the end raises `invalidToken`.
 */
export function paginate<T>(
  items: readonly T[],
  maxResults: number,
  nextToken: string | undefined | null,
  fingerprint: string,
  invalidToken: (message: string) => Error
): { items: T[]; nextToken?: string } {
  let offset = 0;
  if (nextToken !== undefined && nextToken !== null) {
    const token = decodePageToken(nextToken);
    if (!token) {
      throw invalidToken('Invalid NextToken: the token was not issued by this service');
    }
    if (token.f !== fingerprint) {
      throw invalidToken('Invalid NextToken: the token was issued for a request with different parameters');
    }
    if (token.o < 0 || token.o > items.length) {
      throw invalidToken('Invalid NextToken: the token points past the end of the list');
    }
    offset = token.o;
  }
  const end = Math.min(items.length, offset + Math.max(1, Math.floor(maxResults)));
  return {
    items: items.slice(offset, end),
    nextToken: end < items.length ? encodePageToken(end, fingerprint) : undefined,
  };
}
