import { VOICE_ID_APIS } from '../../src/connect/cloudwatchCatalog';
import {
  NONE,
  cloudwatch,
  COLORS,
  fieldConfig,
  highIsBad,
  layout,
  row,
  stat,
  thresholds,
  timeseries,
  unitOf,
} from './builders';
import { dashboard, linkTo } from './dashboard';
import { datasourceVar, domainVar, regionVar } from './variables';

/**
 * Voice ID: the service's health per API (latency, errors, throttles: published by API, for the whole Region) and
 * each domain's population (sessions, speakers, fraudsters, jobs: published by Domain). The namespace is `VoiceID`,
 * without the `AWS/` prefix. fact: publishing-frequency: jobs, speakers and fraudsters are published every 15
 * minutes, the rest every minute; every period is `auto`, which the proxy starts at the metric's frequency.
 */

const NS = 'VoiceID';
const byApi = { API: ['*'] };
const byDomain = { Domain: ['$domain'] };
const vid = (refId: string, metricName: string, dimensions: Record<string, string[]>, label: string) =>
  cloudwatch({ refId, namespace: NS, metricName, dimensions, label });

const latency = timeseries({
  title: 'Request latency per API',
  description: `VoiceID RequestLatency, the average per API (${VOICE_ID_APIS.slice(0, 3).join(', ')}…), published every minute. EvaluateSession sits on the call path: orange from 300 ms, red from 1 s.`,
  w: 9,
  h: 8,
  targets: [vid('A', 'RequestLatency', byApi, '${API}')],
  fieldConfig: fieldConfig({
    unit: unitOf(NS, 'RequestLatency'),
    min: 0,
    thresholds: highIsBad(300, 1000),
    color: { mode: 'palette-classic' },
    custom: { thresholdsStyle: { mode: 'dashed' } },
  }),
});

const errors = timeseries(
  {
    title: 'Errors and throttles per API',
    description:
      'VoiceID UserErrors (4xx: bad requests, e.g. unknown speakers), SystemErrors (5xx) and Throttles per API, ' +
      'counted with Sum, published every minute.',
    w: 9,
    h: 8,
    targets: [
      vid('A', 'UserErrors', byApi, 'user errors ${API}'),
      vid('B', 'SystemErrors', byApi, 'system errors ${API}'),
      vid('C', 'Throttles', byApi, 'throttles ${API}'),
    ],
    fieldConfig: fieldConfig({ unit: unitOf(NS, 'UserErrors'), decimals: 0, min: 0, noValue: NONE }),
  },
  'bars'
);

const errorTotals = stat(
  {
    title: 'Over the range',
    description:
      'Totals of system errors and throttles over the range, all APIs (published every minute). Any system error is red.',
    w: 6,
    h: 8,
    targets: [
      vid('A', 'SystemErrors', byApi, 'System errors ${API}'),
      vid('B', 'Throttles', byApi, 'Throttles ${API}'),
    ],
    fieldConfig: fieldConfig({
      unit: 'short',
      decimals: 0,
      thresholds: thresholds(COLORS.ok, [1, COLORS.alert]),
      noValue: '0',
    }),
    links: [linkTo('noc')],
  },
  ['sum']
);

const population = stat(
  {
    title: 'Domain now',
    description:
      'Active sessions (published every minute), enrolled speakers and watchlisted fraudsters (published every 15 ' +
      'minutes, so up to 15 minutes old) per domain: the latest value of each.',
    w: 24,
    h: 5,
    targets: [
      vid('A', 'ActiveSessions', byDomain, 'Sessions ${Domain}'),
      vid('B', 'Speakers', byDomain, 'Speakers ${Domain}'),
      vid('C', 'Fraudsters', byDomain, 'Fraudsters ${Domain}'),
    ],
    fieldConfig: fieldConfig({ unit: 'short', decimals: 0, thresholds: thresholds(COLORS.info) }),
    options: { colorMode: 'value' },
  },
  ['lastNotNull']
);

const sessions = timeseries({
  title: 'Active sessions',
  description:
    'VoiceID ActiveSessions per domain, the maximum of each period (published every minute): calls being ' +
    'authenticated or screened.',
  w: 12,
  h: 8,
  targets: [vid('A', 'ActiveSessions', byDomain, '${Domain}')],
  fieldConfig: fieldConfig({ unit: unitOf(NS, 'ActiveSessions'), decimals: 0, min: 0 }),
});

const jobs = timeseries({
  title: 'Enrollment and registration jobs',
  description:
    'Speaker enrollment and fraudster registration batch jobs running per domain. Published every 15 minutes: a ' +
    'point per 15 minutes at the finest.',
  w: 12,
  h: 8,
  targets: [
    vid('A', 'ActiveSpeakerEnrollmentJobs', byDomain, 'Speaker enrollment ${Domain}'),
    vid('B', 'ActiveFraudsterRegistrationJobs', byDomain, 'Fraudster registration ${Domain}'),
  ],
  fieldConfig: fieldConfig({ unit: unitOf(NS, 'ActiveSpeakerEnrollmentJobs'), decimals: 0, min: 0 }),
});

const speakers = timeseries({
  title: 'Speakers and fraudsters',
  description:
    'Enrolled speakers and fraudsters on watchlists per domain. Published every 15 minutes: a point per 15 minutes ' +
    'at the finest.',
  w: 24,
  h: 7,
  targets: [
    vid('A', 'Speakers', byDomain, 'Speakers ${Domain}'),
    vid('B', 'Fraudsters', byDomain, 'Fraudsters ${Domain}'),
  ],
  fieldConfig: fieldConfig({ unit: unitOf(NS, 'Speakers'), decimals: 0, min: 0 }),
});

export const voiceId = dashboard({
  key: 'voiceId',
  description:
    'Amazon Connect Voice ID: latency, errors and throttles per API; sessions, speakers, fraudsters and jobs per domain.',
  tags: ['voice-id'],
  refresh: '1m',
  time: { from: 'now-6h', to: 'now' },
  variables: [datasourceVar, regionVar, domainVar],
  panels: layout([
    row('Service (per API)'),
    latency,
    errors,
    errorTotals,
    row('Domains'),
    population,
    sessions,
    jobs,
    speakers,
  ]),
});
