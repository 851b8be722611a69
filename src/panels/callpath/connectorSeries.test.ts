import { dataFrameFromJSON } from '@grafana/data';
import { connectorsFromFrames } from './connectorSeries';
import { cloudwatchFrame, MINUTE, T0 } from './testFrames';

describe('connectorsFromFrames', () => {
  it('sorts the proxy’s frames by connector and metric, durations in ms', () => {
    const parsed = connectorsFromFrames([
      cloudwatchFrame('CustomerToVcJitter', 'vc-a', [12_000, 8000]),
      cloudwatchFrame('MOSBetweenVcAndCustomer', 'vc-a', [4.1, 4.2]),
      cloudwatchFrame('CustomerToVcJitter', 'vc-b', [3000]),
    ]);
    expect(parsed.connectors.map((c) => c.key)).toEqual(['vc-a', 'vc-b']);
    const a = parsed.connectors[0];
    expect(a.metrics.CustomerToVcJitter).toEqual([
      { time: T0, value: 12 },
      { time: T0 + MINUTE, value: 8 },
    ]);
    expect(a.metrics.MOSBetweenVcAndCustomer.map((p) => p.value)).toEqual([4.1, 4.2]);
    expect(parsed.unrecognized).toEqual([]);
  });

  it('reads the metric from a name that contains it, or from the query when the label is only the id', () => {
    const parsed = connectorsFromFrames([
      cloudwatchFrame('RTTBetweenVcAndRemote', 'vc-a', [90_000], { label: 'vc-a RTTBetweenVcAndRemote' }),
      cloudwatchFrame('VcToRemoteRtpPackets', 'vc-a', [100], { label: 'vc-a' }),
    ]);
    expect(parsed.connectors[0].metrics.RTTBetweenVcAndRemote).toEqual([{ time: T0, value: 90 }]);
    expect(parsed.connectors[0].metrics.VcToRemoteRtpPackets).toEqual([{ time: T0, value: 100 }]);
  });

  it('reads a duration in the unit its field says, CloudWatch’s µs without one', () => {
    const parsed = connectorsFromFrames([
      cloudwatchFrame('CustomerToVcJitter', 'vc-a', [7.5], { unit: 'ms' }),
      cloudwatchFrame('VcToCustomerJitter', 'vc-a', [7500], { unit: null }),
    ]);
    expect(parsed.connectors[0].metrics.CustomerToVcJitter[0].value).toBe(7.5);
    expect(parsed.connectors[0].metrics.VcToCustomerJitter[0].value).toBe(7.5);
  });

  it('drops null points and sorts points by time', () => {
    const frame = dataFrameFromJSON({
      schema: {
        name: 'MOSBetweenVcAndRemote',
        fields: [
          { name: 'Time', type: 'time' as never },
          { name: 'Value', type: 'number' as never, labels: { VoiceConnectorId: 'vc-a' } },
        ],
      },
      data: {
        values: [
          [T0 + 2 * MINUTE, T0, T0 + MINUTE],
          [3.9, 4.3, null],
        ],
      },
    });
    expect(connectorsFromFrames([frame]).connectors[0].metrics.MOSBetweenVcAndRemote).toEqual([
      { time: T0, value: 4.3 },
      { time: T0 + 2 * MINUTE, value: 3.9 },
    ]);
  });

  it('keeps a connector whose series has no points, so it shows without data', () => {
    const parsed = connectorsFromFrames([cloudwatchFrame('CustomerToVcJitter', 'vc-quiet', [null, null])]);
    expect(parsed.connectors).toEqual([
      { key: 'vc-quiet', id: 'vc-quiet', metrics: { CustomerToVcJitter: [] }, periods: { CustomerToVcJitter: 60 } },
    ]);
  });

  it('keeps per-Region series apart', () => {
    const parsed = connectorsFromFrames([
      cloudwatchFrame('CustomerToVcJitter', 'vc-a', [1000], { region: 'us-east-1' }),
      cloudwatchFrame('CustomerToVcJitter', 'vc-a', [2000], { region: 'us-west-2' }),
    ]);
    expect(parsed.connectors.map((c) => [c.key, c.id, c.region])).toEqual([
      ['vc-a/us-east-1', 'vc-a', 'us-east-1'],
      ['vc-a/us-west-2', 'vc-a', 'us-west-2'],
    ]);
  });

  it('merges two series of the same connector and metric by timestamp', () => {
    const parsed = connectorsFromFrames([
      cloudwatchFrame('CustomerToVcRtpPackets', 'vc-a', [1, 2]),
      cloudwatchFrame('CustomerToVcRtpPackets', 'vc-a', [null, 5, 6]),
    ]);
    expect(parsed.connectors[0].metrics.CustomerToVcRtpPackets.map((p) => p.value)).toEqual([1, 5, 6]);
  });

  it('reports series it cannot place: other metrics, no connector, error notices', () => {
    const parsed = connectorsFromFrames([
      cloudwatchFrame('CustomerToVcJitter', 'vc-a', [1000], {
        notices: [
          { severity: 'error', text: 'CloudWatch status Forbidden for this series.' },
          { severity: 'warning', text: 'partial' },
        ],
      }),
      cloudwatchFrame('Throttles', 'vc-a', [3], { label: 'Throttles' }),
      cloudwatchFrame('VcToRemoteJitter', 'vc-a', [1000], { noLabels: true }),
    ]);
    expect(parsed.connectors.map((c) => Object.keys(c.metrics))).toEqual([['CustomerToVcJitter']]);
    expect(parsed.unrecognized).toEqual(['Throttles']);
    expect(parsed.withoutConnector).toEqual(['VcToRemoteJitter']);
    expect(parsed.errors).toEqual(['CloudWatch status Forbidden for this series.']);
  });

  it('reads the calls in progress, which the loss estimate needs, as the connector’s metrics', () => {
    const parsed = connectorsFromFrames([
      cloudwatchFrame('InboundCallsActive', 'vc-a', [3, 4]),
      cloudwatchFrame('OutboundCallsActive', 'vc-a', [1], { label: 'vc-a OutboundCallsActive' }),
    ]);
    expect(parsed.unrecognized).toEqual([]);
    expect(parsed.connectors[0].metrics.InboundCallsActive.map((p) => p.value)).toEqual([3, 4]);
    expect(parsed.connectors[0].metrics.OutboundCallsActive).toEqual([{ time: T0, value: 1 }]);
  });

  it('takes each series’ period from the proxy’s meta, the Time field, or else the step between points', () => {
    const withMeta = cloudwatchFrame('CustomerToVcRtpPackets', 'vc-a', [1, 2], { period: 300 });
    // A frame without meta.custom whose Time field still says the period.
    const timeOnly = dataFrameFromJSON({
      schema: {
        fields: [
          { name: 'Time', type: 'time' as never, config: { custom: { period: 600 } } },
          { name: 'VcToCustomerRtpPackets', type: 'number' as never, labels: { VoiceConnectorId: 'vc-a' } },
        ],
      },
      data: { values: [[T0], [5]] },
    });
    const parsed = connectorsFromFrames([
      withMeta,
      timeOnly,
      // Neither says: points 2 and 3 minutes apart (a gap) give 120 s.
      cloudwatchFrame('RemoteToVcRtpPackets', 'vc-a', [1, null, 2, null, null, 3], { period: null }),
      // Neither says and one point: unknown.
      cloudwatchFrame('VcToRemoteRtpPackets', 'vc-a', [7], { period: null }),
    ]);
    expect(parsed.connectors[0].periods).toEqual({
      CustomerToVcRtpPackets: 300,
      VcToCustomerRtpPackets: 600,
      RemoteToVcRtpPackets: 120,
    });
  });

  it('reads wide frames field by field', () => {
    const frame = dataFrameFromJSON({
      schema: {
        fields: [
          { name: 'Time', type: 'time' as never },
          {
            name: 'MOSBetweenVcAndCustomer',
            type: 'number' as never,
            labels: { VoiceConnectorId: 'vc-a' },
          },
          {
            name: 'Value',
            type: 'number' as never,
            labels: { VoiceConnectorId: 'vc-a' },
            config: { displayNameFromDS: 'RTTBetweenVcAndCustomer', unit: 'µs' },
          },
        ],
      },
      data: { values: [[T0], [4.2], [50_000]] },
    });
    const c = connectorsFromFrames([frame]).connectors[0];
    expect(c.metrics.MOSBetweenVcAndCustomer).toEqual([{ time: T0, value: 4.2 }]);
    expect(c.metrics.RTTBetweenVcAndCustomer).toEqual([{ time: T0, value: 50 }]);
  });
});
