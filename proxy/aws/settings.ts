import type { IncomingHttpHeaders } from 'node:http';
import { AUTH_TYPES, AWS_HEADERS, REGION_PATTERN, ROLE_ARN_PATTERN } from '../../src/connect/proxyApi';
import type { AwsSettings } from './context';

/**
 * The AWS settings of one request, from the X-Switchboard-* headers the Grafana datasource route sets (Proxy API
 * v1), falling back to the proxy's defaults. Problems are reported together, naming the header and the rule;
 * values of secret headers (secret key, external id) are never repeated.
 */

/** IAM access key ids: 16 to 128 word characters (AKIA... for users, ASIA... for temporary ones). */
const ACCESS_KEY_ID = /^\w{16,128}$/;
/** STS external ids: 2 to 1224 characters of this set. */
const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;

import { AwsSettingsError } from '../errors';

export { AwsSettingsError, AWS_HEADERS, AUTH_TYPES };

export interface AwsDefaults {
  /** The proxy's AWS_REGION. */
  region: string;
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || first.trim() === '' ? undefined : first.trim();
}

const shown = (value: string) => JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);

export function readAwsSettings(headers: IncomingHttpHeaders, defaults: AwsDefaults): AwsSettings {
  const problems: string[] = [];

  const region = header(headers, AWS_HEADERS.region) ?? defaults.region;
  if (!REGION_PATTERN.test(region)) {
    problems.push(`X-Switchboard-Region must be an AWS Region code such as us-east-1 (got ${shown(region)})`);
  }

  const rawType = header(headers, AWS_HEADERS.authType)?.toLowerCase() ?? 'default';
  const authType = AUTH_TYPES.find((t) => t === rawType);
  if (!authType) {
    problems.push(`X-Switchboard-Auth-Type must be one of ${AUTH_TYPES.join(', ')} (got ${shown(rawType)})`);
  }

  const settings: AwsSettings = { region, authType: authType ?? 'default' };

  // Only the headers of the chosen auth type are read: Grafana keeps secrets of a previous choice around.
  if (authType === 'keys') {
    const accessKeyId = header(headers, AWS_HEADERS.accessKeyId);
    const secretAccessKey = header(headers, AWS_HEADERS.secretAccessKey);
    if (!accessKeyId) {
      problems.push('X-Switchboard-Access-Key is required with auth type keys');
    } else if (!ACCESS_KEY_ID.test(accessKeyId)) {
      problems.push('X-Switchboard-Access-Key must be an AWS access key id (16 to 128 letters and digits)');
    }
    if (!secretAccessKey) {
      problems.push('X-Switchboard-Secret-Key is required with auth type keys');
    } else if (/\s/.test(secretAccessKey) || secretAccessKey.length > 256) {
      problems.push('X-Switchboard-Secret-Key must be an AWS secret access key (no spaces, at most 256 characters)');
    }
    settings.accessKeyId = accessKeyId;
    settings.secretAccessKey = secretAccessKey;
  } else if (authType === 'assume-role') {
    const assumeRoleArn = header(headers, AWS_HEADERS.assumeRoleArn);
    const externalId = header(headers, AWS_HEADERS.externalId);
    if (!assumeRoleArn) {
      problems.push('X-Switchboard-Assume-Role-Arn is required with auth type assume-role');
    } else if (!ROLE_ARN_PATTERN.test(assumeRoleArn)) {
      problems.push(
        `X-Switchboard-Assume-Role-Arn must be an IAM role ARN such as arn:aws:iam::123456789012:role/GrafanaConnect (got ${shown(assumeRoleArn)})`
      );
    }
    if (externalId !== undefined && !EXTERNAL_ID.test(externalId)) {
      problems.push('X-Switchboard-External-Id must be 2 to 1224 characters of letters, digits and +=,.@:/-');
    }
    settings.assumeRoleArn = assumeRoleArn;
    if (externalId !== undefined) {
      settings.externalId = externalId;
    }
  }

  if (problems.length) {
    throw new AwsSettingsError(problems);
  }
  return settings;
}
