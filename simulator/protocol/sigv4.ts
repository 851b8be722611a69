/**
 * Who is calling, read from the SigV4 credential scope. The simulator never verifies signatures (the SDK signs
 * with whatever credentials it was given); it only needs the access key (throttling buckets are per caller),
 * the region the request was signed for (resources are regional) and the service (to encode errors for
 * requests it cannot otherwise attribute).
 */

export interface SigV4Scope {
  accessKeyId: string;
  /** yyyymmdd */
  date: string;
  region: string;
  /** The signing name: connect | monitoring | chime | voiceid. */
  service: string;
}

export type SigV4Result =
  | { ok: true; scope: SigV4Scope }
  /** missing: no credentials at all; malformed: an Authorization header that is not a usable SigV4 one. */
  | { ok: false; reason: 'missing' | 'malformed'; message: string };

const CREDENTIAL = /(?:^|[\s,])Credential=([^,\s]+)/;

/** Splits `AKID/20261122/us-east-1/connect/aws4_request`. */
export function parseCredential(credential: string): SigV4Scope | undefined {
  const parts = credential.split('/');
  if (parts.length !== 5 || parts[4] !== 'aws4_request') {
    return undefined;
  }
  const [accessKeyId, date, region, service] = parts;
  if (!accessKeyId || !/^\d{8}$/.test(date) || !region || !service) {
    return undefined;
  }
  return { accessKeyId, date, region, service };
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Reads the scope from the Authorization header, or from a presigned URL's X-Amz-Credential query parameter.
 */
export function readSigV4(
  headers: Record<string, string | string[] | undefined>,
  query: Record<string, string | string[]> = {}
): SigV4Result {
  const authorization = first(headers.authorization);
  if (authorization === undefined || authorization.trim() === '') {
    const presigned = first(query['X-Amz-Credential']);
    if (presigned !== undefined) {
      const scope = parseCredential(presigned);
      return scope
        ? { ok: true, scope }
        : { ok: false, reason: 'malformed', message: 'X-Amz-Credential is not a valid SigV4 credential scope' };
    }
    return { ok: false, reason: 'missing', message: 'Missing Authentication Token' };
  }
  if (!authorization.startsWith('AWS4-HMAC-SHA256 ')) {
    return {
      ok: false,
      reason: 'malformed',
      message: `Authorization header requires the AWS4-HMAC-SHA256 scheme, got ${JSON.stringify(authorization.split(' ')[0].slice(0, 40))}`,
    };
  }
  const credential = CREDENTIAL.exec(authorization)?.[1];
  if (credential === undefined) {
    return { ok: false, reason: 'malformed', message: "Authorization header requires 'Credential' parameter" };
  }
  const scope = parseCredential(credential);
  if (!scope) {
    return {
      ok: false,
      reason: 'malformed',
      message:
        'Credential should be scoped to a valid region and service: <AccessKeyId>/<yyyymmdd>/<region>/<service>/aws4_request',
    };
  }
  return { ok: true, scope };
}
