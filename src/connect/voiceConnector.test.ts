import { findMetric } from './cloudwatchCatalog';
import { grafanaTimeUnitInMs } from './units';
import {
  legQualityMetrics,
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
