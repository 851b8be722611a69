import { findMetric } from '../../connect/cloudwatchCatalog';
import { CALLPATH_METRICS, endpointName, isRightward, legsOf, legTitle, metricOfName } from './metrics';

describe('call path metrics', () => {
  it('uses 14 AWS/ChimeVoiceConnector metrics of the catalogue, and not PacketsLost', () => {
    expect(CALLPATH_METRICS).toHaveLength(14);
    expect(new Set(CALLPATH_METRICS).size).toBe(14);
    // fact: chime-packets-lost-cumulative: loss comes from RtpPackets and the calls in progress.
    expect(CALLPATH_METRICS).toEqual(expect.arrayContaining(['InboundCallsActive', 'OutboundCallsActive']));
    expect(CALLPATH_METRICS.filter((m) => m.endsWith('RtpPackets'))).toHaveLength(4);
    expect(CALLPATH_METRICS.filter((m) => m.endsWith('PacketsLost'))).toEqual([]);
    for (const m of CALLPATH_METRICS) {
      expect(findMetric('AWS/ChimeVoiceConnector', m)).toBeDefined();
    }
  });

  it('draws each side’s rightward leg above and the leg back below', () => {
    expect(legsOf('customer').map((l) => l.id)).toEqual(['CustomerToVc', 'VcToCustomer']);
    expect(legsOf('remote').map((l) => l.id)).toEqual(['VcToRemote', 'RemoteToVc']);
    expect(legsOf('remote').map(isRightward)).toEqual([true, false]);
    expect(legTitle(legsOf('remote')[1])).toBe('remote end → Voice Connector');
    expect(endpointName('vc')).toBe('Voice Connector');
    expect(endpointName('remote')).toBe('Remote end');
  });
});

describe('metricOfName', () => {
  it('reads the metric from the label ${METRIC}', () => {
    expect(metricOfName('MOSBetweenVcAndRemote')).toBe('MOSBetweenVcAndRemote');
  });

  it('finds the metric inside a longer name or a query string', () => {
    expect(metricOfName('abcdef1234 CustomerToVcJitter')).toBe('CustomerToVcJitter');
    expect(metricOfName('AWS/ChimeVoiceConnector VcToRemoteRtpPackets Sum 60s')).toBe('VcToRemoteRtpPackets');
  });

  it('recognises the calls in progress the loss estimate needs', () => {
    expect(metricOfName('InboundCallsActive')).toBe('InboundCallsActive');
    expect(metricOfName('abcdef1234 OutboundCallsActive')).toBe('OutboundCallsActive');
  });

  it('recognises no metric the panel does not use', () => {
    expect(metricOfName('CustomerToVcRtpBytes')).toBeUndefined();
    expect(metricOfName('CustomerToVcPacketsLost')).toBeUndefined();
    expect(metricOfName('InboundCallAttempts')).toBeUndefined();
    expect(metricOfName('Value')).toBeUndefined();
    expect(metricOfName('')).toBeUndefined();
    expect(metricOfName(undefined)).toBeUndefined();
  });
});
