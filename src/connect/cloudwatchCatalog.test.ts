import { CONNECT_NAMESPACES, NAMESPACES, allCatalogMetrics, findMetric, metricsOf } from './cloudwatchCatalog';

describe('CloudWatch catalogue', () => {
  it('lists every metric of the seeds', () => {
    // seed 000: 25 AWS/Connect metrics (+2 email metrics from the wire spec), 9 Voice ID, 9 AppIntegrations; seed 001: 43 Chime (9 call counters, 6 SIP classes, 6 per leg x 4 legs, 2 RTT, 2 MOS)
    expect(metricsOf('AWS/Connect')).toHaveLength(27);
    expect(metricsOf('VoiceID')).toHaveLength(9);
    expect(metricsOf('AWS/AppIntegrations')).toHaveLength(9);
    expect(metricsOf('AWS/ChimeVoiceConnector')).toHaveLength(43);
    expect(new Set(allCatalogMetrics().map((m) => `${m.namespace}/${m.name}`)).size).toBe(88);
  });

  it('spells the Voice ID namespace without AWS/', () => {
    expect(CONNECT_NAMESPACES).toContain('VoiceID');
    expect(findMetric('AWS/VoiceID', 'Speakers')).toBeUndefined();
    expect(findMetric('VoiceID', 'Speakers')?.frequencySeconds).toBe(900);
  });

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
  });
});
