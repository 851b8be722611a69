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

export function encodePageToken(offset: number, fingerprint: string): string {
  const token: PageToken = { o: offset, f: fingerprint };
  return Buffer.from(JSON.stringify(token)).toString('base64url');
}

export function decodePageToken(token: string): PageToken | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(token)) {
    return undefined;
  }
  try {
    const value: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (
      value &&
      typeof value === 'object' &&
      Number.isSafeInteger((value as PageToken).o) &&
      typeof (value as PageToken).f === 'string'
    ) {
      return value as PageToken;
    }
  } catch {
    // not JSON
  }
  return undefined;
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
