import { decodePageToken, encodePageToken, paginate, requestFingerprint } from './paging';

const invalid = (message: string) => new Error(`INVALID: ${message}`);
const items = Array.from({ length: 7 }, (_, i) => i);

describe('paginate', () => {
  it('walks every item exactly once, in order', () => {
    const fp = requestFingerprint(['op', 'us-east-1']);
    const seen: number[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = paginate(items, 3, token, fp, invalid);
      seen.push(...page.items);
      token = page.nextToken;
      pages++;
    } while (token);
    expect(seen).toEqual(items);
    expect(pages).toBe(3);
  });

  it('has no token when everything fits, and an empty list is one empty page', () => {
    expect(paginate(items, 7, undefined, 'f', invalid)).toEqual({ items, nextToken: undefined });
    expect(paginate([], 5, null, 'f', invalid)).toEqual({ items: [], nextToken: undefined });
  });

  it('refuses a token made for other filters', () => {
    const token = paginate(items, 2, undefined, requestFingerprint({ region: 'a' }), invalid).nextToken!;
    expect(() => paginate(items, 2, token, requestFingerprint({ region: 'b' }), invalid)).toThrow(
      /INVALID: .*different parameters/
    );
  });

  it.each([
    'garbage!',
    '',
    'e30',
    Buffer.from('{"o":"1","f":"x"}').toString('base64url'),
    Buffer.from('[1]').toString('base64url'),
  ])('refuses a token it did not issue: %p', (token) => {
    expect(() => paginate(items, 2, token, 'x', invalid)).toThrow(/INVALID: .*not issued/);
  });

  it('refuses a token past the end of the list', () => {
    expect(() => paginate(items, 2, encodePageToken(99, 'f'), 'f', invalid)).toThrow(/past the end/);
    expect(() => paginate(items, 2, encodePageToken(-1, 'f'), 'f', invalid)).toThrow(/past the end/);
  });

  it('tokens are opaque base64url that round-trip', () => {
    const token = encodePageToken(42, 'abc');
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodePageToken(token)).toEqual({ o: 42, f: 'abc' });
  });

  it('fingerprints are stable and differ by content', () => {
    expect(requestFingerprint({ a: 1 })).toBe(requestFingerprint({ a: 1 }));
    expect(requestFingerprint({ a: 1 })).not.toBe(requestFingerprint({ a: 2 }));
    expect(requestFingerprint(undefined)).toHaveLength(16);
  });
});
