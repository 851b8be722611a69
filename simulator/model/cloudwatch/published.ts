/**
 * What AWS publishes to CloudWatch for Connect and its neighbours, as the simulator reads AWS's own pages (the
 * Connect administrator guide's "Monitoring your instance using CloudWatch", newest revision first; the Chime SDK
 * administrator guide's CloudWatch page; docs/aws-facts.md lists them). The simulator plays AWS, so it keeps its own
 * table and never reads Switchboard's catalogue: when the two disagree, a test says so.
 */

export type ConnectMetricGroup =
  'VoiceCalls' | 'Chats' | 'Tasks' | 'Emails' | 'Queue' | 'ContactFlow' | 'CallRecordings';

export interface ConnectPublication {
  name: string;
  /** CloudWatch unit AWS names for it. */
  unit: 'Count' | 'Seconds' | 'Percent';
  /** The MetricGroup dimension value; absent for the metrics published without one. */
  group?: ConnectMetricGroup;
  /** The dimension after InstanceId and MetricGroup that splits the metric. */
  per?: 'QueueName' | 'ContactFlowName' | 'ContactId' | 'SigningKeyId';
  /** How often AWS sends a data point. */
  everySeconds: number;
}

const c = (
  name: string,
  group: ConnectMetricGroup | undefined,
  extra: Partial<ConnectPublication> = {}
): ConnectPublication => ({ name, unit: 'Count', group, everySeconds: 60, ...extra });

/**
 * "Data about your contact center is sent to CloudWatch every 1 minute"; "Data for ConcurrentTasks is sent to
 * CloudWatch every 5 minutes" (and ConcurrentTasksPercentage, ConcurrentEmails, ConcurrentEmailsPercentage).
 * CallBackNotDialableNumber: the page's metric list files it under the queue dimension (its table under flows);
 * the simulator publishes it per queue, where its callbacks are.
 */
export const CONNECT_PUBLISHED: readonly ConnectPublication[] = [
  c('ConcurrentCalls', 'VoiceCalls'),
  c('ConcurrentCallsPercentage', 'VoiceCalls', { unit: 'Percent' }),
  c('CallsPerInterval', 'VoiceCalls'),
  c('CallsBreachingConcurrencyQuota', 'VoiceCalls'),
  c('MissedCalls', 'VoiceCalls'),
  c('ThrottledCalls', 'VoiceCalls'),
  c('MisconfiguredPhoneNumbers', 'VoiceCalls'),
  c('ConcurrentActiveChats', 'Chats'),
  c('ConcurrentActiveChatsPercentage', 'Chats', { unit: 'Percent' }),
  c('ChatsBreachingActiveChatQuota', 'Chats'),
  c('SuccessfulChatsPerInterval', 'Chats'),
  c('ConcurrentTasks', 'Tasks', { everySeconds: 300 }),
  c('ConcurrentTasksPercentage', 'Tasks', { unit: 'Percent', everySeconds: 300 }),
  c('TasksBreachingConcurrencyQuota', 'Tasks'),
  c('TasksExpired', 'Tasks', { per: 'ContactId' }),
  c('TasksExpiryWarningReached', 'Tasks', { per: 'ContactId' }),
  c('ConcurrentEmails', 'Emails', { everySeconds: 300 }),
  c('ConcurrentEmailsPercentage', 'Emails', { unit: 'Percent', everySeconds: 300 }),
  c('QueueSize', 'Queue', { per: 'QueueName' }),
  c('LongestQueueWaitTime', 'Queue', { per: 'QueueName', unit: 'Seconds' }),
  c('QueueCapacityExceededError', 'Queue', { per: 'QueueName' }),
  c('CallBackNotDialableNumber', 'Queue', { per: 'QueueName' }),
  c('ContactFlowErrors', 'ContactFlow', { per: 'ContactFlowName' }),
  c('ContactFlowFatalErrors', 'ContactFlow', { per: 'ContactFlowName' }),
  c('CallRecordingUploadError', 'CallRecordings'),
  c('PublicSigningKeyUsage', undefined, { per: 'SigningKeyId' }),
  // "reported every 10 seconds"; dimensions Instance ID (with a space), Participant, Stream Type, Type of Connection.
  c('ToInstancePacketLossRate', undefined, { unit: 'Percent', everySeconds: 10 }),
];

/** The channel of each concurrency MetricGroup. */
export const CONCURRENCY_GROUPS = { VoiceCalls: 'VOICE', Chats: 'CHAT', Tasks: 'TASK', Emails: 'EMAIL' } as const;

/**
 * A quota percentage as AWS writes it for a share in use (0..1): ConcurrentCallsPercentage "output displays as a
 * decimal"; ConcurrentActiveChatsPercentage "Output displays as an integer. For example, 1% of chats is shown as 1";
 * the task and email percentages are "multiplied by 100" (their quota examples: (20 / 50) × 100 = 40).
 */
export function publishedPercentage(metric: string, share: number): number {
  switch (metric) {
    case 'ConcurrentCallsPercentage':
      return share;
    case 'ConcurrentActiveChatsPercentage':
      return Math.round(share * 100);
    case 'ConcurrentTasksPercentage':
    case 'ConcurrentEmailsPercentage':
      return share * 100;
    default:
      throw new Error(`${metric} is not a quota percentage`);
  }
}

/** The in-use and percentage metric names of each concurrency group. */
export const CONCURRENCY_METRICS: Record<keyof typeof CONCURRENCY_GROUPS, { inUse: string; percentage: string }> = {
  VoiceCalls: { inUse: 'ConcurrentCalls', percentage: 'ConcurrentCallsPercentage' },
  Chats: { inUse: 'ConcurrentActiveChats', percentage: 'ConcurrentActiveChatsPercentage' },
  Tasks: { inUse: 'ConcurrentTasks', percentage: 'ConcurrentTasksPercentage' },
  Emails: { inUse: 'ConcurrentEmails', percentage: 'ConcurrentEmailsPercentage' },
};

/** AWS/ChimeVoiceConnector: the per-call counters and the per-leg media metrics of the Chime SDK guide. */
const LEGS = ['CustomerToVc', 'VcToCustomer', 'RemoteToVc', 'VcToRemote'];
export const CHIME_PUBLISHED: readonly string[] = [
  'InboundCallAttempts',
  'InboundCallFailures',
  'InboundCallsAnswered',
  'InboundCallsActive',
  'OutboundCallAttempts',
  'OutboundCallFailures',
  'OutboundCallsAnswered',
  'OutboundCallsActive',
  'Throttles',
  'Sip1xxCodes',
  'Sip2xxCodes',
  'Sip3xxCodes',
  'Sip4xxCodes',
  'Sip5xxCodes',
  'Sip6xxCodes',
  ...LEGS.flatMap((leg) =>
    ['RtpPackets', 'RtpBytes', 'RtcpPackets', 'RtcpBytes', 'PacketsLost', 'Jitter'].map((m) => `${leg}${m}`)
  ),
  'RTTBetweenVcAndCustomer',
  'MOSBetweenVcAndCustomer',
  'RTTBetweenVcAndRemote',
  'MOSBetweenVcAndRemote',
];

/** Units of the Chime metrics that are not counts. */
export function chimeUnit(metric: string): string {
  if (metric.endsWith('Jitter') || metric.startsWith('RTT')) {
    return 'Microseconds';
  }
  return metric.startsWith('MOS') ? 'None' : 'Count';
}

/** The Voice ID operations with per-API metrics ("This dimension limits the data to one of the following"). */
export const VOICE_ID_API_NAMES = [
  'DeleteFraudster',
  'EvaluateSession',
  'ListSpeakers',
  'DeleteSpeaker',
  'OptOutSpeaker',
] as const;
export type VoiceIdApi = (typeof VOICE_ID_API_NAMES)[number];

/** VoiceID (no AWS/ prefix): per-API metrics every minute; per-domain ones every minute or every 15 minutes. */
export const VOICE_ID_PUBLISHED: ReadonlyArray<{
  name: string;
  by: 'API' | 'Domain';
  unit: string;
  everySeconds: number;
}> = [
  { name: 'RequestLatency', by: 'API', unit: 'Milliseconds', everySeconds: 60 },
  { name: 'UserErrors', by: 'API', unit: 'Count', everySeconds: 60 },
  { name: 'SystemErrors', by: 'API', unit: 'Count', everySeconds: 60 },
  { name: 'Throttles', by: 'API', unit: 'Count', everySeconds: 60 },
  { name: 'ActiveSessions', by: 'Domain', unit: 'Count', everySeconds: 60 },
  { name: 'ActiveSpeakerEnrollmentJobs', by: 'Domain', unit: 'Count', everySeconds: 900 },
  { name: 'ActiveFraudsterRegistrationJobs', by: 'Domain', unit: 'Count', everySeconds: 900 },
  { name: 'Speakers', by: 'Domain', unit: 'Count', everySeconds: 900 },
  { name: 'Fraudsters', by: 'Domain', unit: 'Count', everySeconds: 900 },
];

/** How long each namespace keeps data, in days: Connect "two weeks"; one-minute data elsewhere 15 days. */
export const RETENTION_DAYS: Record<string, number> = {
  'AWS/Connect': 14,
  'AWS/ChimeVoiceConnector': 15,
  VoiceID: 15,
  'AWS/AppIntegrations': 15,
};

/** AWS/AppIntegrations units ("EventsThrottled ... Unit: Bytes" is AWS's, kept as written). */
const APP_INTEGRATION_UNITS: Record<string, string> = {
  RecordsDownloaded: 'Count',
  RecordsFailed: 'Count',
  DataDownloaded: 'Bytes',
  DataProcessingDuration: 'Milliseconds',
  EventsReceived: 'Count',
  EventsProcessed: 'Count',
  EventsThrottled: 'Bytes',
  EventsFailed: 'Bytes',
  EventProcessingDuration: 'Milliseconds',
};

/** The unit a metric is published with, where the pages give one (GetMetricStatistics reports it). */
export function publishedUnitOf(namespace: string, metricName: string): string | undefined {
  switch (namespace) {
    case 'AWS/Connect':
      return CONNECT_PUBLISHED.find((m) => m.name === metricName)?.unit;
    case 'AWS/ChimeVoiceConnector':
      return CHIME_PUBLISHED.includes(metricName) ? chimeUnit(metricName) : undefined;
    case 'VoiceID':
      return VOICE_ID_PUBLISHED.find((m) => m.name === metricName)?.unit;
    case 'AWS/AppIntegrations':
      return APP_INTEGRATION_UNITS[metricName];
  }
  return undefined;
}
