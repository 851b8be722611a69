import { findMetric } from './cloudwatchCatalog';
import { grafanaTimeUnitInMs } from './units';
import {
  CALLS_IN_PROGRESS_METRICS,
  estimatedLossPercent,
  expectedRtpPackets,
  legQualityMetrics,
  LOSS_ESTIMATE_STATISTICS,
  RTP_PACKETS_PER_CALL_MINUTE,
  SIDE_QUALITY_METRICS,
  VOICE_CONNECTOR_ENDPOINTS,
  VOICE_CONNECTOR_LEGS,
} from './voiceConnector';

const chime = (name: string) => findMetric('AWS/ChimeVoiceConnector', name);

describe('Voice Connector media path', () => {
  it('has four legs, two per side, each between the Voice Connector and that side’s end', () => {
    expect(VOICE_CONNECTOR_LEGS.map((l) => l.id)).toEqual(['CustomerToVc', 'VcToCustomer', 'RemoteToVc', 'VcToRemote']);
    for (const leg of VOICE_CONNECTOR_LEGS) {
      expect([leg.from, leg.to]).toContain('vc');
      expect([leg.from, leg.to]).toContain(leg.side);
    }
  });

  it('names per-leg metrics the catalogue knows, with AWS’s units', () => {
    for (const leg of VOICE_CONNECTOR_LEGS) {
      const m = legQualityMetrics(leg.id);
      expect(chime(m.jitter)).toMatchObject({ unit: 'Microseconds', grafanaUnit: 'µs', statistic: 'Average' });
      // fact: chime-packets-lost-cumulative: a running total per call, read with Maximum, never added up over time.
      expect(chime(m.packetsLost)).toMatchObject({ unit: 'Count', statistic: 'Maximum' });
      expect(chime(m.rtpPackets)).toMatchObject({ unit: 'Count', statistic: 'Sum' });
      // The catalogue's descriptions are written from the same endpoint names.
      expect(chime(m.jitter)?.description).toContain(
        `from the ${VOICE_CONNECTOR_ENDPOINTS[leg.from]} to the ${VOICE_CONNECTOR_ENDPOINTS[leg.to]}`
      );
    }
  });

  it('names per-side MOS (no unit) and RTT (microseconds) metrics the catalogue knows', () => {
    for (const side of Object.values(SIDE_QUALITY_METRICS)) {
      expect(chime(side.mos)).toMatchObject({ unit: 'None', statistic: 'Average' });
      expect(chime(side.rtt)).toMatchObject({ unit: 'Microseconds', grafanaUnit: 'µs' });
    }
  });
});

describe('packet loss estimate (fact: chime-packets-lost-cumulative)', () => {
  it('expects 3,000 RTP packets a call-minute: one every 20 ms, AWS sample’s figure', () => {
    expect(RTP_PACKETS_PER_CALL_MINUTE).toBe(3000);
    expect(expectedRtpPackets(1, 60)).toBe(3000);
    expect(expectedRtpPackets(2, 300)).toBe(30_000);
    // Half a call on average over a minute (a call that ended halfway) is half a minute of packets.
    expect(expectedRtpPackets(0.5, 60)).toBe(1500);
  });

  it('gives AWS sample’s (3000 - RtpPackets) / 3000 * 100 for one call over one minute', () => {
    expect(estimatedLossPercent(2970, 1, 60)).toBeCloseTo(1);
    expect(estimatedLossPercent(3000, 1, 60)).toBe(0);
    expect(estimatedLossPercent(0, 1, 60)).toBe(100);
  });

  it('extends it to several calls and longer periods: 2 calls over 5 minutes, 29,100 of 30,000 is 3 %', () => {
    expect(estimatedLossPercent(29_100, 2, 300)).toBeCloseTo(3);
    // 4.5 calls on average over 10 minutes: 135,000 expected, 132,300 counted: 2 %.
    expect(estimatedLossPercent(132_300, 4.5, 600)).toBeCloseTo(2);
  });

  it('never goes below 0 (calls starting or ending mid-period send more than their average share)', () => {
    // 1.5 calls on average over a minute: 4,500 expected, 4,800 counted would be -6.7 %.
    expect(estimatedLossPercent(4800, 1.5, 60)).toBe(0);
  });

  it('has no value when no call was in progress or an input is unusable', () => {
    expect(estimatedLossPercent(0, 0, 60)).toBeUndefined();
    expect(estimatedLossPercent(500, 0, 60)).toBeUndefined();
    expect(estimatedLossPercent(3000, 1, 0)).toBeUndefined();
    expect(estimatedLossPercent(Number.NaN, 1, 60)).toBeUndefined();
    expect(estimatedLossPercent(3000, Number.NaN, 60)).toBeUndefined();
  });

  it('names the connector’s calls-in-progress metrics the catalogue knows, read with Average', () => {
    for (const name of Object.values(CALLS_IN_PROGRESS_METRICS)) {
      expect(chime(name)).toMatchObject({
        unit: 'Count',
        dimensionSets: [['VoiceConnectorId'], ['VoiceConnectorId', 'Region']],
      });
    }
    expect(CALLS_IN_PROGRESS_METRICS).toEqual({ inbound: 'InboundCallsActive', outbound: 'OutboundCallsActive' });
    expect(LOSS_ESTIMATE_STATISTICS).toEqual({ rtpPackets: 'Sum', callsInProgress: 'Average' });
  });
});

describe('grafanaTimeUnitInMs', () => {
  it('gives milliseconds per unit for Grafana’s time units and nothing for other units', () => {
    expect(grafanaTimeUnitInMs('µs')).toBe(0.001);
    expect(grafanaTimeUnitInMs('ms')).toBe(1);
    expect(grafanaTimeUnitInMs('s')).toBe(1000);
    expect(grafanaTimeUnitInMs('ns')).toBe(1e-6);
    expect(grafanaTimeUnitInMs('short')).toBeUndefined();
    expect(grafanaTimeUnitInMs('toString')).toBeUndefined();
    expect(grafanaTimeUnitInMs(undefined)).toBeUndefined();
  });
});
