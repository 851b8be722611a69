import { createHash } from 'node:crypto';
import { ChimeSDKVoiceClient } from '@aws-sdk/client-chime-sdk-voice';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { ConnectClient } from '@aws-sdk/client-connect';
import { VoiceIDClient } from '@aws-sdk/client-voice-id';
import {
  fromNodeProviderChain,
  fromTemporaryCredentials,
  type FromTemporaryCredentialsOptions,
} from '@aws-sdk/credential-providers';
import { StandardRetryStrategy } from '@smithy/util-retry';
import type { ProxyConfig } from '../config.types';
import type { AuthType, AwsContext, AwsSettings } from './context';

/**
 * AWS SDK clients for the proxy, one factory per app. A client carries a connection pool, a retry quota and
 * resolved credentials, so clients are built once per (credentials, region, service) and shared by every request
 * of the datasources using those credentials.
 */

/** A credentials provider as the SDK takes it. */
export type CredentialsProvider = ReturnType<typeof fromNodeProviderChain>;
export type Credentials = Awaited<ReturnType<CredentialsProvider>>;

/** Session name of assumed roles: what the account's CloudTrail shows for the proxy's calls. */
export const ROLE_SESSION_NAME = 'switchboard-proxy';
/** The credentials of `--demo` against the simulator, which accepts any keys. */
export const DEMO_CREDENTIALS: Credentials = { accessKeyId: 'switchboard-demo', secretAccessKey: 'switchboard-demo' };
/** Assumed-role credentials are renewed this long before they expire (the SDK's own margin). */
export const REFRESH_BEFORE_EXPIRY_MS = 5 * 60_000;

const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * The non-secret name of a datasource's credentials, used to key rate limiters and caches: "default",
 * "keys:<access key id>|<sha256(secret key), 16 hex>", "role:<arn>|<sha256(external id), 8 hex>". The secret's digest
 * is part of it because the caches answer without asking AWS: keyed by the access key id alone (which is not
 * secret, CloudTrail shows it), a caller with the proxy token and any secret key would read another datasource's
 * cached data. A rotated secret starts with empty caches, the price of that.
 */
export function credentialsKeyOf(settings: AwsSettings): string {
  switch (settings.authType) {
    case 'keys':
      return `keys:${settings.accessKeyId ?? ''}|${sha256Hex(settings.secretAccessKey ?? '').slice(0, 16)}`;
    case 'assume-role':
      return settings.externalId === undefined
        ? `role:${settings.assumeRoleArn ?? ''}`
        : `role:${settings.assumeRoleArn ?? ''}|${sha256Hex(settings.externalId).slice(0, 8)}`;
    default:
      return 'default';
  }
}

/**
 * The client cache's key: like credentialsKeyOf, plus a digest of the secret parts, so that a rotated secret or a
 * changed external id gets a new client instead of the one holding the old credentials.
 */
function cacheKeyOf(settings: AwsSettings): string {
  switch (settings.authType) {
    case 'keys':
      return `keys:${settings.accessKeyId ?? ''}|${sha256Hex(settings.secretAccessKey ?? '')}`;
    case 'assume-role':
      return `role:${settings.assumeRoleArn ?? ''}|${sha256Hex(settings.externalId ?? '')}`;
    default:
      return 'default';
  }
}

/** The AwsContext the proxy hands out: plus how it authenticates (never the secrets), for health messages. */
export interface ProxyAwsContext extends AwsContext {
  authType: AuthType;
  /** The role of auth type assume-role. */
  roleArn?: string;
}

/** A role the proxy could not assume; the message names the role and what to check, never the external id. */
export class AssumeRoleError extends Error {
  constructor(
    message: string,
    readonly cause: unknown
  ) {
    super(message);
    this.name = 'AssumeRoleError';
  }
}

/**
 * One assumed-role session shared by every client of a credential set. fromTemporaryCredentials does not cache:
 * each call of its provider is an AssumeRole (read in @aws-sdk/credential-providers). The SDK client caches the
 * credentials its provider returns (memoizeIdentityProvider, renewed 5 minutes before `expiration`), but per
 * client: one session, and one AssumeRole an hour, per region and service. Here the credentials are kept until
 * REFRESH_BEFORE_EXPIRY_MS before their expiration, concurrent callers wait for the same AssumeRole, and failures
 * are not kept (the next call tries again). The provider is marked `memoized`, which makes the SDK use it as is
 * instead of wrapping it in its own per-client cache (clients.test.ts checks both the sharing and the renewal).
 */
export function sharedRoleSession(
  assume: () => Promise<Credentials>,
  describe: (err: unknown) => Error,
  now: () => number = Date.now
): CredentialsProvider {
  let current: Credentials | undefined;
  let pending: Promise<Credentials> | undefined;
  const fresh = (c: Credentials) =>
    c.expiration === undefined || c.expiration.getTime() - now() > REFRESH_BEFORE_EXPIRY_MS;
  const provider = async () => {
    if (current && fresh(current)) {
      return current;
    }
    pending ??= assume().then(
      (credentials) => {
        current = credentials;
        pending = undefined;
        return credentials;
      },
      (err: unknown) => {
        pending = undefined;
        throw describe(err);
      }
    );
    return pending;
  };
  return Object.assign(provider, { memoized: true }) as CredentialsProvider;
}

/** Why AssumeRole failed, in words that point at the fix (one line; never the external id). */
function assumeRoleReason(settings: AwsSettings, err: unknown): string {
  const e = (err ?? {}) as { name?: string; message?: string };
  const name = e.name ?? 'Error';
  let message = (e.message ?? '').replace(/\s+/g, ' ').trim();
  if (settings.externalId) {
    message = message.split(settings.externalId).join('[external id]');
  }
  if (name === 'SyntaxError' || /deserialization error|parse error/i.test(message)) {
    return 'the STS endpoint did not answer like STS: AWS_ENDPOINT_URL overrides STS as well, and the simulator has no STS';
  }
  if (name === 'CredentialsProviderError') {
    return `the proxy has no credentials of its own to assume the role with: ${message}`;
  }
  return `${name}: ${message}`;
}

function assumeRoleMessage(settings: AwsSettings, err: unknown): string {
  const trust = settings.externalId ? ' (with the external id set in the datasource)' : '';
  return `Could not assume role ${settings.assumeRoleArn} (${assumeRoleReason(settings, err)}). The proxy's own credentials need sts:AssumeRole on this role, and the role's trust policy must allow them${trust}.`;
}

type Service = 'connect' | 'cloudwatch' | 'chime' | 'voiceid';
interface SdkClient {
  destroy(): void;
}
const CONSTRUCTORS: Record<Service, new (config: Record<string, unknown>) => SdkClient> = {
  connect: ConnectClient as never,
  cloudwatch: CloudWatchClient as never,
  chime: ChimeSDKVoiceClient as never,
  voiceid: VoiceIDClient as never,
};

interface CredentialSet {
  credentialsKey: string;
  credentials: CredentialsProvider | Credentials;
  /** `${region}|${service}` -> client */
  clients: Map<string, SdkClient>;
}

export interface AwsClientsOptions {
  /**
   * The proxy's own credentials: for auth type default and as the source of assumed roles. Default: the SDK's
   * default chain (environment, shared profile, SSO, web identity, container or instance role), or the demo
   * keys in `--demo` mode against an endpoint override (the simulator).
   */
  baseCredentials?: CredentialsProvider | Credentials;
  /** Builds the AssumeRole provider (tests replace it; default: fromTemporaryCredentials). */
  assumeRole?: (options: FromTemporaryCredentialsOptions) => CredentialsProvider;
  /** Credential sets kept at once; the least recently used beyond it are closed. Default 100. */
  maxCredentialSets?: number;
  now?: () => number;
}

/** Evicted clients are destroyed this long after, so that requests still using them can finish. */
const EVICTION_GRACE_MS = 60_000;

export class AwsClients {
  private readonly sets = new Map<string, CredentialSet>();
  private readonly retiring = new Set<SdkClient>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly baseCredentials: CredentialsProvider | Credentials;
  private readonly maxCredentialSets: number;
  private closed = false;

  constructor(
    private readonly config: ProxyConfig,
    private readonly options: AwsClientsOptions = {}
  ) {
    this.baseCredentials =
      options.baseCredentials ?? (config.demo && config.awsEndpointUrl ? DEMO_CREDENTIALS : fromNodeProviderChain());
    this.maxCredentialSets = options.maxCredentialSets ?? 100;
  }

  /** The AwsContext of a datasource's settings: the same clients for the same credentials, request after request. */
  forSettings(settings: AwsSettings): ProxyAwsContext {
    const cacheKey = cacheKeyOf(settings);
    const credentialsKey = credentialsKeyOf(settings);
    const client = <T>(service: Service, region: string): T => this.client(cacheKey, settings, service, region) as T;
    return {
      credentialsKey,
      defaultRegion: settings.region,
      authType: settings.authType,
      ...(settings.authType === 'assume-role' ? { roleArn: settings.assumeRoleArn } : {}),
      connect: (region) => client<ConnectClient>('connect', region),
      cloudwatch: (region) => client<CloudWatchClient>('cloudwatch', region),
      chime: (region) => client<ChimeSDKVoiceClient>('chime', region),
      voiceId: (region) => client<VoiceIDClient>('voiceid', region),
    };
  }

  /** How many SDK clients are open (for tests and diagnostics). */
  clientCount(): number {
    let n = 0;
    for (const set of this.sets.values()) {
      n += set.clients.size;
    }
    return n;
  }

  /** Destroys every client (their sockets close); the factory must not be used afterwards. */
  close(): void {
    this.closed = true;
    for (const set of this.sets.values()) {
      set.clients.forEach((c) => c.destroy());
    }
    this.sets.clear();
    this.retiring.forEach((c) => c.destroy());
    this.retiring.clear();
    this.timers.forEach((t) => clearTimeout(t));
    this.timers.clear();
  }

  private client(cacheKey: string, settings: AwsSettings, service: Service, region: string): SdkClient {
    if (this.closed) {
      throw new Error('the AWS clients are closed (the proxy is shutting down)');
    }
    const set = this.credentialSet(cacheKey, settings);
    const key = `${region}|${service}`;
    let c = set.clients.get(key);
    if (!c) {
      c = new CONSTRUCTORS[service](this.clientConfig(region, set.credentials));
      set.clients.set(key, c);
    }
    return c;
  }

  private credentialSet(cacheKey: string, settings: AwsSettings): CredentialSet {
    let set = this.sets.get(cacheKey);
    if (set) {
      // least recently used goes first
      this.sets.delete(cacheKey);
      this.sets.set(cacheKey, set);
      return set;
    }
    set = {
      credentialsKey: credentialsKeyOf(settings),
      credentials: this.credentialsFor(settings),
      clients: new Map(),
    };
    this.sets.set(cacheKey, set);
    while (this.sets.size > this.maxCredentialSets) {
      const [oldestKey, oldest] = this.sets.entries().next().value as [string, CredentialSet];
      this.sets.delete(oldestKey);
      this.retire([...oldest.clients.values()]);
    }
    return set;
  }

  private retire(clients: SdkClient[]): void {
    clients.forEach((c) => this.retiring.add(c));
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      clients.forEach((c) => {
        c.destroy();
        this.retiring.delete(c);
      });
    }, EVICTION_GRACE_MS);
    timer.unref();
    this.timers.add(timer);
  }

  private credentialsFor(settings: AwsSettings): CredentialsProvider | Credentials {
    switch (settings.authType) {
      case 'keys':
        return { accessKeyId: settings.accessKeyId ?? '', secretAccessKey: settings.secretAccessKey ?? '' };
      case 'assume-role': {
        const build = this.options.assumeRole ?? fromTemporaryCredentials;
        const assume = build({
          params: {
            RoleArn: settings.assumeRoleArn,
            RoleSessionName: ROLE_SESSION_NAME,
            ...(settings.externalId !== undefined ? { ExternalId: settings.externalId } : {}),
          },
          // The proxy's own credentials assume the role (Grafana's "assume role" on top of the default chain).
          masterCredentials: this.baseCredentials,
          // A regional STS endpoint in the datasource's region; the same endpoint override as every other client.
          clientConfig: {
            region: settings.region,
            maxAttempts: this.config.sdkMaxAttempts,
            ...(this.config.awsEndpointUrl ? { endpoint: this.config.awsEndpointUrl } : {}),
          },
        });
        // Called without the caller's client config on purpose: fromTemporaryCredentials would otherwise borrow the
        // request handler of whichever client asked first, and lose it when that client is destroyed.
        return sharedRoleSession(
          () => assume(),
          (err) => new AssumeRoleError(assumeRoleMessage(settings, err), err),
          this.options.now
        );
      }
      default:
        return this.baseCredentials;
    }
  }

  private clientConfig(region: string, credentials: CredentialsProvider | Credentials): Record<string, unknown> {
    const maxAttempts = this.config.sdkMaxAttempts;
    return {
      region,
      credentials,
      ...(this.config.awsEndpointUrl ? { endpoint: this.config.awsEndpointUrl } : {}),
      // Standard retries, few attempts. The proxy's rate limiter already spaces calls to AWS's quotas per
      // (credentials, region, API), so a throttle here is rare and means another tool shares the quota: a couple of
      // retries with backoff absorb it. Adaptive mode would add a second client-side limiter per client that slows
      // every later call after a throttle (2 s spacing observed) and fights ours; many attempts would hold a
      // dashboard refresh for seconds and spend the quota the other panels wait for. The strategy is set
      // explicitly so AWS_RETRY_MODE in the environment cannot switch it; maxAttempts too, for the
      // amz-sdk-request header.
      maxAttempts,
      retryStrategy: new StandardRetryStrategy(maxAttempts),
      // A dead endpoint fails fast instead of holding the request until the client gives up.
      requestHandler: { connectionTimeout: 3000, requestTimeout: 30_000 },
      userAgentAppId: 'switchboard-proxy',
    };
  }
}
