import type { AuthType } from '../../src/connect/proxyApi';
import type { ChimeSDKVoiceClient } from '@aws-sdk/client-chime-sdk-voice';
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { ConnectClient } from '@aws-sdk/client-connect';
import type { VoiceIDClient } from '@aws-sdk/client-voice-id';

/** How a datasource authenticates (the Proxy API's auth types), from the X-Switchboard-* headers the Grafana route sets. */
export type { AuthType };

export interface AwsSettings {
  region: string;
  authType: AuthType;
  assumeRoleArn?: string;
  externalId?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
}

/**
 * The AWS side of one request: clients for the request's credentials, per region. Clients are shared between
 * requests with the same credentials (they carry connection pools and the assumed-role cache).
 */
export interface AwsContext {
  /**
   * A name for the credentials, never the secret: "default", "keys:<access key id>|<sha256 of the secret, 16 hex>",
   * "role:<arn>|<sha256 of the external id, 8 hex>". The rate limiter and the caches are per (credentials, region,
   * API); the secret's digest keeps one datasource's cached answers from another that only knows its key id.
   */
  credentialsKey: string;
  /** The region of the datasource (X-Switchboard-Region) or the proxy's AWS_REGION. */
  defaultRegion: string;
  connect(region: string): ConnectClient;
  cloudwatch(region: string): CloudWatchClient;
  chime(region: string): ChimeSDKVoiceClient;
  voiceId(region: string): VoiceIDClient;
}

export type AwsService = 'connect' | 'cloudwatch' | 'chime' | 'voiceid' | 'sts';
