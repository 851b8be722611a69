import { CONNECT_NAMESPACES, NAMESPACES, allCatalogMetrics, findMetric, metricsOf } from './cloudwatchCatalog';
import { everyText, periodBelowPublishing, publishingPeriod } from './cloudwatchRules';
import { packetLossRateAsRatio } from './packetLossRate';

describe('CloudWatch catalogue', () => {
  it('lists every metric of the seeds', () => {
    // seed 000: 25 AWS/Connect metrics, and the newest page's 2 email and 3 high-volume metrics (facts register:
    // email-metric-group, connect-high-volume-metrics); 9 Voice ID, 9 AppIntegrations; seed 001: 43 Chime (9 call
    // counters, 6 SIP classes, 6 per leg x 4 legs, 2 RTT, 2 MOS)
    expect(metricsOf('AWS/Connect')).toHaveLength(30);
    expect(metricsOf('VoiceID')).toHaveLength(9);
    expect(metricsOf('AWS/AppIntegrations')).toHaveLength(9);
    expect(metricsOf('AWS/ChimeVoiceConnector')).toHaveLength(43);
    expect(new Set(allCatalogMetrics().map((m) => `${m.namespace}/${m.name}`)).size).toBe(91);
  });

  it('spells the Voice ID namespace without AWS/', () => {
    expect(CONNECT_NAMESPACES).toContain('VoiceID');
    expect(findMetric('AWS/VoiceID', 'Speakers')).toBeUndefined();
    expect(findMetric('VoiceID', 'Speakers')?.frequencySeconds).toBe(900);
  });

  // fact: chime-units
  it('carries the units AWS documents', () => {
    expect(findMetric('AWS/Connect', 'LongestQueueWaitTime')?.grafanaUnit).toBe('s');
    expect(findMetric('AWS/Connect', 'ConcurrentCallsPercentage')?.grafanaUnit).toBe('percentunit');
    expect(findMetric('AWS/Connect', 'ConcurrentActiveChatsPercentage')?.grafanaUnit).toBe('percent');
    expect(findMetric('AWS/Connect', 'ToInstancePacketLossRate')?.frequencySeconds).toBe(10);
    expect(findMetric('AWS/ChimeVoiceConnector', 'CustomerToVcJitter')?.unit).toBe('Microseconds');
    expect(findMetric('AWS/ChimeVoiceConnector', 'VcToRemoteRtpBytes')?.grafanaUnit).toBe('bytes');
    expect(findMetric('VoiceID', 'RequestLatency')?.unit).toBe('Milliseconds');
    expect(findMetric('AWS/AppIntegrations', 'DataDownloaded')?.unit).toBe('Bytes');
  });

  // fact: connect-metric-dimensions, counter-statistics, calls-per-interval
  it('gives every metric a dimension set, a statistic and a description', () => {
    for (const ns of Object.values(NAMESPACES)) {
      for (const m of ns.metrics) {
        expect(m.dimensionSets.length).toBeGreaterThan(0);
        for (const set of m.dimensionSets) {
          for (const d of set) {
            expect(ns.dimensions[d]).toBeDefined();
          }
        }
        expect(m.description.length).toBeGreaterThan(10);
      }
    }
    expect(findMetric('AWS/Connect', 'QueueSize')?.dimensionSets).toEqual([['InstanceId', 'MetricGroup', 'QueueName']]);
    expect(findMetric('AWS/Connect', 'QueueSize')?.metricGroup).toBe('Queue');
    expect(findMetric('AWS/Connect', 'ConcurrentCalls')?.statistic).toBe('Maximum');
    expect(findMetric('AWS/Connect', 'MissedCalls')?.statistic).toBe('Sum');
    expect(findMetric('AWS/Connect', 'CallsPerInterval')?.statistic).toBe('Sum');
    expect(findMetric('AWS/Connect', 'TasksExpired')?.dimensionSets).toEqual([
      ['InstanceId', 'MetricGroup', 'ContactId'],
    ]);
    expect(findMetric('AWS/Connect', 'PublicSigningKeyUsage')?.dimensionSets).toEqual([['InstanceId', 'SigningKeyId']]);
    expect(findMetric('AWS/Connect', 'ToInstancePacketLossRate')?.dimensionSets[0]).toContain('Instance ID');
  });
});

describe('fact publishing-frequency: periods never finer than AWS publishes', () => {
  it('knows the 15-minute Voice ID counters, the 5-minute task and email counts and the 10-second loss rate', () => {
    expect(publishingPeriod('VoiceID', 'Speakers')).toBe(900);
    expect(publishingPeriod('VoiceID', 'ActiveSessions')).toBe(60);
    expect(publishingPeriod('AWS/Connect', 'ConcurrentTasks')).toBe(300);
    expect(publishingPeriod('AWS/Connect', 'ConcurrentEmailsPercentage')).toBe(300);
    expect(publishingPeriod('AWS/Connect', 'ConcurrentCalls')).toBe(60);
    expect(publishingPeriod('AWS/Connect', 'ToInstancePacketLossRate')).toBe(10);
    expect(publishingPeriod('Custom/Thing', 'X')).toBeUndefined();
  });

  it('says why a period is too fine, and nothing otherwise', () => {
    expect(periodBelowPublishing('VoiceID', 'Speakers', 60)).toBe(
      'AWS publishes VoiceID Speakers every 15 minutes: a 60-second period would show empty periods between its points, so 900 seconds is used'
    );
    expect(periodBelowPublishing('VoiceID', 'Speakers', 900)).toBeUndefined();
    expect(periodBelowPublishing('AWS/Connect', 'ToInstancePacketLossRate', 10)).toBeUndefined();
    expect(periodBelowPublishing('Custom/Thing', 'X', 1)).toBeUndefined();
    expect([everyText(10), everyText(60), everyText(300)]).toEqual([
      'every 10 seconds',
      'every minute',
      'every 5 minutes',
    ]);
  });
});

describe('fact quota-scales, email-metric-group, callback-not-dialable-dimensions, connect-high-volume-metrics', () => {
  it('reads the task and email percentages in percent and knows both email spellings', () => {
    expect(findMetric('AWS/Connect', 'ConcurrentTasksPercentage')).toMatchObject({
      percentScale: 'percent',
      grafanaUnit: 'percent',
    });
    expect(findMetric('AWS/Connect', 'ConcurrentEmailsPercentage')).toMatchObject({
      percentScale: 'percent',
      metricGroup: 'Emails',
      alternates: [{ metricGroup: 'Email', dimensions: ['InstanceId', 'MetricGroup'] }],
    });
    expect(findMetric('AWS/Connect', 'ConcurrentHighVolumeCallsPercentage')?.percentScale).toBe('fraction');
    expect(findMetric('AWS/Connect', 'CallBackNotDialableNumber')).toMatchObject({
      metricGroup: 'Queue',
      alternates: [{ metricGroup: 'ContactFlow', dimensions: ['InstanceId', 'MetricGroup', 'ContactFlowName'] }],
    });
  });

  it('reads Chime packet losses as running totals per call (fact: chime-packets-lost-cumulative)', () => {
    expect(findMetric('AWS/ChimeVoiceConnector', 'CustomerToVcPacketsLost')).toMatchObject({ statistic: 'Maximum' });
    expect(findMetric('AWS/ChimeVoiceConnector', 'CustomerToVcPacketsLost')?.description).toMatch(
      /cumulative per call/
    );
  });
});

describe('fact packet-loss-rate-scale', () => {
  it('keeps a 0..1 series, rescales one that goes above 1, and leaves sums alone', () => {
    expect(packetLossRateAsRatio([0.002, 0.02], 'Average')).toEqual({ values: [0.002, 0.02], rescaled: false });
    expect(packetLossRateAsRatio([0.5, 2], 'Maximum')).toEqual({ values: [0.005, 0.02], rescaled: true });
    expect(packetLossRateAsRatio([3, 5], 'Sum')).toEqual({ values: [3, 5], rescaled: false });
  });
});
