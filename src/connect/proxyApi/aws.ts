/**
 * The datasource's AWS settings as the Grafana route sends them to the proxy (docs/api.md "Authentication and AWS
 * settings"). The route itself is in src/datasource/plugin.json, which a test keeps in step with these names.
 */

/** How a datasource authenticates: the proxy's credential chain, the datasource's keys, or a role to assume. */
export const AUTH_TYPES = ['default', 'keys', 'assume-role'] as const;
export type AuthType = (typeof AUTH_TYPES)[number];

/** The headers, lower case as Node reads them (HTTP header names are case-insensitive). */
export const AWS_HEADERS = {
  region: 'x-switchboard-region',
  authType: 'x-switchboard-auth-type',
  assumeRoleArn: 'x-switchboard-assume-role-arn',
  externalId: 'x-switchboard-external-id',
  accessKeyId: 'x-switchboard-access-key',
  secretAccessKey: 'x-switchboard-secret-key',
} as const;

/** IAM role ARNs in any partition (aws, aws-cn, aws-us-gov), paths allowed. */
export const ROLE_ARN_PATTERN = /^arn:aws(-[a-z]+)*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
