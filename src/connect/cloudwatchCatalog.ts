import { CLOUDWATCH_UNIT_TO_GRAFANA, type CloudWatchUnit, type GrafanaUnit } from './units';
import { VOICE_CONNECTOR_ENDPOINTS, VOICE_CONNECTOR_LEGS } from './voiceConnector';

/**
 * The CloudWatch metrics of Amazon Connect and its neighbours, from AWS's documentation: unit, the dimension sets
 * they are published with, the statistic that makes sense and how often they are sent. Each entry follows the facts
 * register (docs/aws-facts.md): the seeds (000, 001) and the newer revisions of the same AWS pages, where the newer
 * page decides.
 */

export const BASIC_STATISTICS = ['Average', 'Sum', 'Minimum', 'Maximum', 'SampleCount'] as const;
export type BasicStatistic = (typeof BASIC_STATISTICS)[number];

export type NamespaceName = 'AWS/Connect' | 'AWS/ChimeVoiceConnector' | 'VoiceID' | 'AWS/AppIntegrations';

/** The percentage metrics of Connect do not share one scale (seed 000): some are 0..1, some 0..100. */
export type PercentScale = 'fraction' | 'percent';

export interface CloudWatchMetricInfo {
  namespace: NamespaceName;
  name: string;
  unit: CloudWatchUnit;
  /** The Grafana unit for values as CloudWatch returns them (a 0..1 "Percent" metric is `percentunit`). */
  grafanaUnit: GrafanaUnit;
  description: string;
  /** Dimension sets the metric is published with; a query must use one of them exactly. */
  dimensionSets: string[][];
  /** AWS/Connect only: the value of the MetricGroup dimension. */
  metricGroup?: string;
  /**
   * Other ways AWS's pages say the metric is published, where they disagree (facts register): another MetricGroup
   * value and/or another dimension set. Queries that need the data ask for both forms.
   */
  alternates?: Array<{ metricGroup?: string; dimensions: string[] }>;
  /** The statistic to pick by default. */
  statistic: BasicStatistic;
  /** How often AWS publishes a data point, in seconds. */
  frequencySeconds: number;
  percentScale?: PercentScale;
}

export interface NamespaceInfo {
  name: NamespaceName;
  label: string;
  description: string;
  /** Every dimension name the namespace uses, with what it means. */
  dimensions: Record<string, string>;
  /** How long AWS keeps the data, in days (AWS/Connect: two weeks; CloudWatch otherwise 15 days at 1 minute). */
  retentionDays: number;
  metrics: CloudWatchMetricInfo[];
}

type Spec = [
  name: string,
  unit: CloudWatchUnit,
  statistic: BasicStatistic,
  description: string,
  extra?: Partial<CloudWatchMetricInfo>,
];

function build(
  namespace: NamespaceName,
  dimensionSets: string[][],
  frequencySeconds: number,
  specs: Spec[],
  group?: string
): CloudWatchMetricInfo[] {
  return specs.map(([name, unit, statistic, description, extra]) => ({
    namespace,
    name,
    unit,
    grafanaUnit: CLOUDWATCH_UNIT_TO_GRAFANA[unit],
    description,
    dimensionSets,
    statistic,
    frequencySeconds,
    ...(group ? { metricGroup: group } : {}),
    ...extra,
  }));
}

const fraction: Partial<CloudWatchMetricInfo> = { percentScale: 'fraction', grafanaUnit: 'percentunit' };
const percent: Partial<CloudWatchMetricInfo> = { percentScale: 'percent', grafanaUnit: 'percent' };
const every5min: Partial<CloudWatchMetricInfo> = { frequencySeconds: 300 };
// fact: email-metric-group ("Emails" in the 2026 page, "Email" in the 2025 one)
const emailGroups: Partial<CloudWatchMetricInfo> = {
  alternates: [{ metricGroup: 'Email', dimensions: ['InstanceId', 'MetricGroup'] }],
};

const INSTANCE = [['InstanceId', 'MetricGroup']];
const QUEUE = [['InstanceId', 'MetricGroup', 'QueueName']];
const FLOW = [['InstanceId', 'MetricGroup', 'ContactFlowName']];
const CONTACT = [['InstanceId', 'MetricGroup', 'ContactId']];

const connectMetrics: CloudWatchMetricInfo[] = [
  ...build(
    'AWS/Connect',
    INSTANCE,
    60,
    [
      [
        'ConcurrentCalls',
        'Count',
        'Maximum',
        'Active voice calls in the instance (all of them, not only those with agents).',
      ],
      [
        'ConcurrentCallsPercentage',
        'Percent',
        'Maximum',
        'Share of the concurrent-calls quota in use, as a decimal (0.5 = 50 %).',
        fraction,
      ],
      ['CallsPerInterval', 'Count', 'Sum', 'Voice calls received or placed, inbound and outbound.'],
      [
        'CallsBreachingConcurrencyQuota',
        'Count',
        'Sum',
        'Voice calls that exceeded the concurrent-calls quota (use Sum).',
      ],
      ['MissedCalls', 'Count', 'Sum', 'Voice calls not answered by an agent within 20 seconds.'],
      ['ThrottledCalls', 'Count', 'Sum', 'Voice calls rejected because the call rate exceeded the supported quota.'],
      // fact: connect-high-volume-metrics
      [
        'ConcurrentHighVolumeCalls',
        'Count',
        'Maximum',
        'Concurrent outbound campaign (high-volume) calls in the instance.',
      ],
      [
        'ConcurrentHighVolumeCallsPerInterval',
        'Count',
        'Sum',
        'Outbound campaign (high-volume) calls the instance places.',
      ],
      [
        'ConcurrentHighVolumeCallsPercentage',
        'Percent',
        'Maximum',
        'Share of the concurrent high-volume calls limit in use, as a decimal (0.5 = 50 %).',
        fraction,
      ],
      [
        'MisconfiguredPhoneNumbers',
        'Count',
        'Sum',
        'Calls that failed because the phone number is not associated with a flow.',
      ],
    ],
    'VoiceCalls'
  ),
  ...build(
    'AWS/Connect',
    INSTANCE,
    60,
    [
      ['ConcurrentActiveChats', 'Count', 'Maximum', 'Active chats in the instance.'],
      [
        'ConcurrentActiveChatsPercentage',
        'Percent',
        'Maximum',
        'Share of the concurrent-active-chats quota in use, in whole percent (1 = 1 %).',
        percent,
      ],
      [
        'ChatsBreachingActiveChatQuota',
        'Count',
        'Sum',
        'Chat start requests that exceeded the concurrent-active-chats quota (use Sum).',
      ],
      ['SuccessfulChatsPerInterval', 'Count', 'Sum', 'Chats successfully started.'],
    ],
    'Chats'
  ),
  ...build(
    'AWS/Connect',
    INSTANCE,
    60,
    [
      // fact: connect-5-minute-metrics
      ['ConcurrentTasks', 'Count', 'Maximum', 'Active tasks in the instance (sent every 5 minutes).', every5min],
      [
        'ConcurrentTasksPercentage',
        'Percent',
        'Maximum',
        'Share of the concurrent-tasks quota in use, in percent (50 = 50 %; sent every 5 minutes).',
        { ...percent, ...every5min },
      ],
      ['TasksBreachingConcurrencyQuota', 'Count', 'Sum', 'Tasks that exceeded the concurrent-tasks quota (use Sum).'],
    ],
    'Tasks'
  ),
  ...build(
    'AWS/Connect',
    CONTACT,
    60,
    [
      ['TasksExpired', 'Count', 'Sum', 'Tasks that expired after being active for 7 days.'],
      [
        'TasksExpiryWarningReached',
        'Count',
        'Sum',
        'Tasks active for 6 days 22 hours that reached the expiry warning.',
      ],
    ],
    'Tasks'
  ),
  ...build(
    'AWS/Connect',
    INSTANCE,
    60,
    [
      [
        'ConcurrentEmails',
        'Count',
        'Maximum',
        'Active email contacts: in flows, queued, with agents and being written (sent every 5 minutes).',
        { ...every5min, ...emailGroups },
      ],
      [
        'ConcurrentEmailsPercentage',
        'Percent',
        'Maximum',
        'Share of the concurrent-active-emails quota in use, in percent (sent every 5 minutes).',
        { ...percent, ...every5min, ...emailGroups },
      ],
    ],
    'Emails'
  ),
  ...build(
    'AWS/Connect',
    QUEUE,
    60,
    [
      ['QueueSize', 'Count', 'Maximum', 'Contacts in the queue when the data point was taken.'],
      [
        'LongestQueueWaitTime',
        'Seconds',
        'Maximum',
        'The longest time a contact waited in the queue during the interval.',
      ],
      ['QueueCapacityExceededError', 'Count', 'Sum', 'Calls rejected because the queue was full.'],
      // fact: callback-not-dialable-dimensions (AWS's table says ContactFlow + ContactFlowName, its list Queue)
      [
        'CallBackNotDialableNumber',
        'Count',
        'Sum',
        'Queued callbacks that could not be dialled: the country is not allowed for the instance.',
        { alternates: [{ metricGroup: 'ContactFlow', dimensions: ['InstanceId', 'MetricGroup', 'ContactFlowName'] }] },
      ],
    ],
    'Queue'
  ),
  ...build(
    'AWS/Connect',
    FLOW,
    60,
    [
      ['ContactFlowErrors', 'Count', 'Sum', 'Times the error branch of a flow ran.'],
      ['ContactFlowFatalErrors', 'Count', 'Sum', 'Times a flow failed to run because of a system error.'],
    ],
    'ContactFlow'
  ),
  ...build(
    'AWS/Connect',
    INSTANCE,
    60,
    [
      [
        'CallRecordingUploadError',
        'Count',
        'Sum',
        "Call recordings that failed to upload to the instance's S3 bucket.",
      ],
    ],
    'CallRecordings'
  ),
  ...build('AWS/Connect', [['InstanceId', 'SigningKeyId']], 60, [
    [
      'PublicSigningKeyUsage',
      'Count',
      'Sum',
      'Times a flow security key (public signing key) encrypted customer input.',
    ],
  ]),
  ...build('AWS/Connect', [['Instance ID', 'Participant', 'Stream Type', 'Type of Connection']], 10, [
    // fact: packet-loss-rate-scale (0..1 in the seed, 0..100 since 2023-02; read as 0..1 unless a value says otherwise)
    [
      'ToInstancePacketLossRate',
      'Percent',
      'Average',
      'Share of packets lost on agent WebRTC voice streams, every 10 seconds (a ratio 0 to 1; see the facts register).',
      fraction,
    ],
  ]),
];

const chimeDims = [['VoiceConnectorId'], ['VoiceConnectorId', 'Region']];
const legs = VOICE_CONNECTOR_LEGS.map((leg) => ({
  prefix: leg.id,
  from: `the ${VOICE_CONNECTOR_ENDPOINTS[leg.from]}`,
  to: `the ${VOICE_CONNECTOR_ENDPOINTS[leg.to]}`,
}));
const legSpecs: Spec[] = legs.flatMap(({ prefix, from, to }): Spec[] => [
  [`${prefix}RtpPackets`, 'Count', 'Sum', `RTP packets sent from ${from} to ${to}.`],
  // AWS publishes byte counters with the unit Count; Grafana should still show them as bytes.
  [`${prefix}RtpBytes`, 'Count', 'Sum', `Bytes in RTP packets sent from ${from} to ${to}.`, { grafanaUnit: 'bytes' }],
  [`${prefix}RtcpPackets`, 'Count', 'Sum', `RTCP packets sent from ${from} to ${to}.`],
  [`${prefix}RtcpBytes`, 'Count', 'Sum', `Bytes in RTCP packets sent from ${from} to ${to}.`, { grafanaUnit: 'bytes' }],
  // fact: chime-packets-lost-cumulative: a running total per call, so the value of a minute is not that minute's loss.
  [
    `${prefix}PacketsLost`,
    'Count',
    'Maximum',
    `Packets lost in transit from ${from} to ${to} so far on the calls in progress (cumulative per call).`,
  ],
  [`${prefix}Jitter`, 'Microseconds', 'Average', `Average jitter of packets from ${from} to ${to}.`],
]);
const chimeMetrics: CloudWatchMetricInfo[] = build('AWS/ChimeVoiceConnector', chimeDims, 60, [
  ['InboundCallAttempts', 'Count', 'Sum', 'Inbound calls attempted.'],
  ['InboundCallFailures', 'Count', 'Sum', 'Inbound call failures.'],
  ['InboundCallsAnswered', 'Count', 'Sum', 'Inbound calls answered.'],
  ['InboundCallsActive', 'Count', 'Maximum', 'Inbound calls currently active.'],
  ['OutboundCallAttempts', 'Count', 'Sum', 'Outbound calls attempted.'],
  ['OutboundCallFailures', 'Count', 'Sum', 'Outbound call failures.'],
  ['OutboundCallsAnswered', 'Count', 'Sum', 'Outbound calls answered.'],
  ['OutboundCallsActive', 'Count', 'Maximum', 'Outbound calls currently active.'],
  ['Throttles', 'Count', 'Sum', 'Times the account was throttled when attempting a call.'],
  ['Sip1xxCodes', 'Count', 'Sum', 'SIP messages with 1xx (provisional) status codes.'],
  ['Sip2xxCodes', 'Count', 'Sum', 'SIP messages with 2xx (success) status codes.'],
  ['Sip3xxCodes', 'Count', 'Sum', 'SIP messages with 3xx (redirection) status codes.'],
  ['Sip4xxCodes', 'Count', 'Sum', 'SIP messages with 4xx (client failure) status codes.'],
  ['Sip5xxCodes', 'Count', 'Sum', 'SIP messages with 5xx (server failure) status codes.'],
  ['Sip6xxCodes', 'Count', 'Sum', 'SIP messages with 6xx (global failure) status codes.'],
  ...legSpecs.slice(0, 12),
  [
    'RTTBetweenVcAndCustomer',
    'Microseconds',
    'Average',
    'Average round-trip time between the customer and the Voice Connector.',
  ],
  [
    'MOSBetweenVcAndCustomer',
    'None',
    'Average',
    'Estimated mean opinion score (1.0 to 4.4) of the streams between the customer and the Voice Connector.',
  ],
  ...legSpecs.slice(12),
  [
    'RTTBetweenVcAndRemote',
    'Microseconds',
    'Average',
    'Average round-trip time between the remote end and the Voice Connector.',
  ],
  [
    'MOSBetweenVcAndRemote',
    'None',
    'Average',
    'Estimated mean opinion score (1.0 to 4.4) of the streams between the remote end and the Voice Connector.',
  ],
]);

const voiceIdMetrics: CloudWatchMetricInfo[] = [
  ...build('VoiceID', [['API']], 60, [
    ['RequestLatency', 'Milliseconds', 'Average', 'Elapsed time of Voice ID requests.'],
    ['UserErrors', 'Count', 'Sum', 'Errors caused by bad requests.'],
    ['SystemErrors', 'Count', 'Sum', 'Errors caused by an internal service error.'],
    ['Throttles', 'Count', 'Sum', 'Requests rejected for exceeding the allowed rate.'],
  ]),
  ...build('VoiceID', [['Domain']], 60, [
    ['ActiveSessions', 'Count', 'Maximum', 'Sessions pending or ongoing in the domain.'],
  ]),
  ...build('VoiceID', [['Domain']], 900, [
    ['ActiveSpeakerEnrollmentJobs', 'Count', 'Maximum', 'Batch speaker enrollment jobs pending or in progress.'],
    [
      'ActiveFraudsterRegistrationJobs',
      'Count',
      'Maximum',
      'Batch fraudster registration jobs pending or in progress.',
    ],
    ['Speakers', 'Count', 'Maximum', 'Speakers in the domain.'],
    ['Fraudsters', 'Count', 'Maximum', 'Fraudsters in the domain.'],
  ]),
];

const appIntegrationDims = [['IntegrationARN'], ['IntegrationType']];
const appIntegrationMetrics: CloudWatchMetricInfo[] = build('AWS/AppIntegrations', appIntegrationDims, 60, [
  ['RecordsDownloaded', 'Count', 'Sum', 'Records downloaded by an AppFlow flow run of a data integration.'],
  ['RecordsFailed', 'Count', 'Sum', 'Records that failed to download in a data integration flow run.'],
  ['DataDownloaded', 'Bytes', 'Sum', 'Bytes downloaded by a data integration flow run.'],
  ['DataProcessingDuration', 'Milliseconds', 'Average', 'Time to process and download the data of one flow run.'],
  ['EventsReceived', 'Count', 'Sum', 'Events emitted by the third-party source and received on the event bus.'],
  ['EventsProcessed', 'Count', 'Sum', 'Events processed and forwarded for rule evaluation.'],
  // AWS documents the unit of these two as Bytes although they count events: we keep AWS's unit on the
  // wire and show them as plain counts.
  [
    'EventsThrottled',
    'Bytes',
    'Sum',
    'Events throttled because the rate exceeded the quota.',
    { grafanaUnit: 'short' },
  ],
  ['EventsFailed', 'Bytes', 'Sum', 'Events that failed to process.', { grafanaUnit: 'short' }],
  ['EventProcessingDuration', 'Milliseconds', 'Average', 'Time to process and forward one event.'],
]);

export const NAMESPACES: Record<NamespaceName, NamespaceInfo> = {
  'AWS/Connect': {
    name: 'AWS/Connect',
    label: 'Amazon Connect',
    description:
      'Instance, queue, flow and quota metrics of Amazon Connect, published every minute (tasks and emails in use every 5 minutes) and kept two weeks.',
    dimensions: {
      InstanceId: 'The Connect instance id.',
      MetricGroup: 'VoiceCalls, Chats, Tasks, Emails (also seen as Email), Queue, ContactFlow or CallRecordings.',
      QueueName: 'The queue name (queues with non-ASCII names are not published).',
      ContactFlowName: 'The flow name (flows with non-ASCII names are not published).',
      ContactId: 'The contact (task) id.',
      SigningKeyId: 'The flow security key id.',
      'Instance ID': 'The instance id, as spelled by ToInstancePacketLossRate.',
      Participant: 'Agent.',
      'Stream Type': 'Voice.',
      'Type of Connection': 'WebRTC.',
    },
    retentionDays: 14,
    metrics: connectMetrics,
  },
  'AWS/ChimeVoiceConnector': {
    name: 'AWS/ChimeVoiceConnector',
    label: 'Chime SDK Voice Connector',
    description: 'Call attempts, SIP responses and media quality per leg of Amazon Chime SDK Voice Connectors.',
    dimensions: { VoiceConnectorId: 'The Voice Connector id.', Region: 'The AWS Region of the event.' },
    retentionDays: 15,
    metrics: chimeMetrics,
  },
  VoiceID: {
    name: 'VoiceID',
    label: 'Amazon Connect Voice ID',
    description: 'Voice ID request health per API and domain activity (the namespace has no AWS/ prefix).',
    dimensions: {
      API: 'The Voice ID operation, e.g. EvaluateSession.',
      Domain: 'The Voice ID domain id.',
    },
    retentionDays: 15,
    metrics: voiceIdMetrics,
  },
  'AWS/AppIntegrations': {
    name: 'AWS/AppIntegrations',
    label: 'Amazon AppIntegrations',
    description: 'Data and event integrations feeding Amazon Connect.',
    dimensions: {
      AccountId: 'AWS account id.',
      ClientId: 'Service principal of the client.',
      IntegrationARN: 'ARN of the event or data integration.',
      IntegrationType: 'DataIntegration or EventIntegration.',
      Region: 'Region of the integration.',
    },
    retentionDays: 15,
    metrics: appIntegrationMetrics,
  },
};

/** The Connect-related namespaces, in the order an editor should offer them. */
export const CONNECT_NAMESPACES: NamespaceName[] = [
  'AWS/Connect',
  'AWS/ChimeVoiceConnector',
  'VoiceID',
  'AWS/AppIntegrations',
];

/** Voice ID operations AWS publishes per-API metrics for. */
export const VOICE_ID_APIS = [
  'DeleteFraudster',
  'EvaluateSession',
  'ListSpeakers',
  'DeleteSpeaker',
  'OptOutSpeaker',
] as const;

/** Values of the AWS/Connect MetricGroup dimension. */
export const CONNECT_METRIC_GROUPS = [
  'VoiceCalls',
  'Chats',
  'Tasks',
  'Emails',
  'Queue',
  'ContactFlow',
  'CallRecordings',
] as const;

const byKey = new Map<string, CloudWatchMetricInfo>();
for (const ns of Object.values(NAMESPACES)) {
  for (const metric of ns.metrics) {
    byKey.set(`${ns.name}\u0000${metric.name}`, metric);
  }
}

export function isKnownNamespace(name: string): name is NamespaceName {
  return name in NAMESPACES;
}

/** The catalogue entry of a metric, or undefined for namespaces and metrics Switchboard does not know. */
export function findMetric(namespace: string, metricName: string): CloudWatchMetricInfo | undefined {
  return byKey.get(`${namespace}\u0000${metricName}`);
}

export function metricsOf(namespace: string): CloudWatchMetricInfo[] {
  return isKnownNamespace(namespace) ? NAMESPACES[namespace].metrics : [];
}

export function allCatalogMetrics(): CloudWatchMetricInfo[] {
  return [...byKey.values()];
}
