import { createHash, randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';

/**
 * Finding secrets in what the proxy wrote (log lines, response bodies and headers), in every form a leak takes:
 * as is, URL-encoded, JSON-escaped, base64 and base64url at each of the three byte alignments (so a secret inside a
 * longer encoded blob, such as a Basic header or an encoded JSON, is found too), hex, and SHA-256 digests (a logged
 * digest of a short token can be brute-forced offline). Used by test/integration/proxy-security.test.ts.
 */

export interface Secret {
  /** What the secret is, for the failure message ("proxy token", "datasource secret key", ...). */
  name: string;
  value: string;
}

export interface Source {
  /** Where the text comes from ("log line 12", "GET /api/health body"). */
  where: string;
  text: string;
}

/** Encoded fragments shorter than this are not searched: they would match by chance. */
const MIN_FRAGMENT = 10;

const sha256 = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * base64 of the secret after 0, 1 and 2 leading bytes, without the characters that mix the secret with its
 * neighbours (the first and last 4): whatever the secret sits next to in an encoded blob, one of these appears.
 */
function base64Fragments(value: string, encoding: 'base64' | 'base64url'): string[] {
  const bytes = Buffer.from(value, 'utf8');
  return [0, 1, 2].map((pad) =>
    Buffer.concat([Buffer.alloc(pad), bytes])
      .toString(encoding)
      .slice(4, -4)
  );
}

/** The forms of a secret that count as a leak, each with its name. */
export function leakForms(value: string): Array<{ form: string; text: string }> {
  const forms = [
    { form: 'as is', text: value },
    { form: 'URL-encoded', text: encodeURIComponent(value) },
    { form: 'JSON-escaped', text: JSON.stringify(value).slice(1, -1) },
    { form: 'hex', text: Buffer.from(value, 'utf8').toString('hex') },
    { form: 'SHA-256 hex', text: sha256(value).toString('hex') },
    { form: 'SHA-256 base64', text: sha256(value).toString('base64').replace(/=+$/, '') },
    ...base64Fragments(value, 'base64').map((text) => ({ form: 'base64', text })),
    ...base64Fragments(value, 'base64url').map((text) => ({ form: 'base64url', text })),
  ];
  const seen = new Set<string>();
  return forms.filter((f) => f.text.length >= MIN_FRAGMENT && !seen.has(f.text) && seen.add(f.text));
}

/** Every (secret, form, source) where a form of a secret appears: `"<secret> (<form>) in <where>"`. */
export function findLeaks(secrets: Secret[], sources: Source[]): string[] {
  const leaks: string[] = [];
  for (const secret of secrets) {
    for (const { form, text } of leakForms(secret.value)) {
      for (const source of sources) {
        if (source.text.includes(text)) {
          leaks.push(`${secret.name} (${form}) in ${source.where}`);
        }
      }
    }
  }
  return leaks;
}

/** Random characters of `alphabet`. */
export function randomText(length: number, alphabet: string): string {
  const bytes = randomBytes(length);
  return [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
}

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** An access key id of AWS's shape: AKIA (long-term) or ASIA (temporary) and 16 characters. */
export const accessKeyId = (prefix: 'AKIA' | 'ASIA' = 'AKIA') => `${prefix}${randomText(16, UPPER)}`;

/** A 40-character secret access key with a "/" and a "+", so that its URL-encoded form differs from it. */
export const secretAccessKey = () => `${randomText(18, BASE64)}/${randomText(20, BASE64)}+`;

/** A session token of the length STS hands out (several hundred characters). */
export const sessionToken = () => `IQoJb3JpZ2luX2Vj${randomText(400, BASE64)}`;

/** A log destination (pino writes one JSON line per entry) that keeps every line. */
export function logCapture(): { stream: Writable; lines: string[] } {
  const lines: string[] = [];
  let partial = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      const parts = (partial + String(chunk)).split('\n');
      partial = parts.pop() ?? '';
      lines.push(...parts.filter(Boolean));
      done();
    },
  });
  return { stream, lines };
}
