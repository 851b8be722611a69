import { createHash } from 'node:crypto';

/**
 * Names of everything the proxy keeps in Redis. The proxy's cache keys name credentials (an access key id, a role
 * ARN), instances and queues; Redis gets a SHA-256 of them instead, so nothing readable about an AWS account sits
 * in Redis's keyspace, and keys stay short whatever the query. The digest also covers the AWS endpoint, so that
 * proxies pointed at different endpoints (AWS, a simulator) never share answers under the same prefix.
 *
 * `v1` is the format of the stored values (serialize.ts): a release that changes what a cache holds bumps it, so
 * that replicas of two releases running side by side during a rollout do not read each other's values.
 */

export const FORMAT = 'v1';

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest('base64url');

export class RedisKeys {
  constructor(
    /** REDIS_KEY_PREFIX, e.g. "switchboard:". */
    readonly prefix: string,
    /** AWS_ENDPOINT_URL, or undefined for AWS itself. */
    private readonly endpoint: string | undefined
  ) {}

  /** A cache entry: `<prefix>v1:c:<cache>:<digest>`. */
  value(cache: string, key: string): string {
    return `${this.prefix}${FORMAT}:c:${cache}:${digest(JSON.stringify([this.endpoint ?? 'aws', cache, key]))}`;
  }

  /** The lock of a cache entry: held by the replica that loads it. */
  lock(valueKey: string): string {
    return `${valueKey}:lock`;
  }

  /** A token bucket of the rate limiter, per (credentials, region, API). */
  bucket(id: string): string {
    return `${this.prefix}${FORMAT}:rl:${digest(JSON.stringify([this.endpoint ?? 'aws', id]))}`;
  }

  /** The pub/sub channel on which a replica announces the entry it has just stored (the message is its key). */
  get filledChannel(): string {
    return `${this.prefix}${FORMAT}:filled`;
  }
}
