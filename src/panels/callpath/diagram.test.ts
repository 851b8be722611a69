import { connectorsFromFrames } from './connectorSeries';
import { buildConnectorViews } from './diagram';
import { DEFAULT_OPTIONS, type CallPathOptions } from './options';
import { cloudwatchFrame, connectorFrames, healthyMetrics } from './testFrames';

const views = (
  frames: ReturnType<typeof connectorFrames>,
  options: Partial<CallPathOptions> = {},
  names?: Map<string, string>
) => buildConnectorViews(connectorsFromFrames(frames), { ...DEFAULT_OPTIONS, ...options }, names);

describe('buildConnectorViews', () => {
  it('shows a healthy connector: every value ok, the latest point by default', () => {
    const [v] = views(connectorFrames('vc-a', healthyMetrics()));
    expect(v.severity).toBe('ok');
    expect(v.missingMetrics).toEqual([]);
    expect(v.legs.CustomerToVc.jitter).toMatchObject({ value: 5, severity: 'ok' });
    expect(v.legs.CustomerToVc.loss.value).toBeCloseTo(0.1);
    expect(v.sides.remote.mos).toMatchObject({ value: 4.3, severity: 'ok' });
    expect(v.sides.remote.rtt).toMatchObject({ value: 40, severity: 'ok' });
  });

  it('colours a leg by the worse of its jitter and loss, and the badge by the worst value', () => {
    const m = healthyMetrics();
    m.VcToRemoteJitter = [5000, 5000, 35_000]; // 35 ms: warn
    m.RemoteToVcRtpPackets = [8991, 8991, 8550]; // 8,550 of 9,000: 5 %, alert
    const [v] = views(connectorFrames('vc-a', m));
    expect(v.legs.VcToRemote).toMatchObject({ severity: 'warn', jitter: { severity: 'warn' } });
    expect(v.legs.RemoteToVc).toMatchObject({ severity: 'alert', loss: { severity: 'alert' } });
    expect(v.legs.CustomerToVc.severity).toBe('ok');
    expect(v.severity).toBe('alert');
  });

  it('follows the reducer: the mean or the worst point of the range', () => {
    const m = healthyMetrics();
    m.MOSBetweenVcAndCustomer = [4.3, 3.4, 4.3];
    m.RTTBetweenVcAndCustomer = [40_000, 400_000, 40_000];
    expect(views(connectorFrames('vc-a', m))[0].sides.customer.mos.value).toBe(4.3);
    const worst = views(connectorFrames('vc-a', m), { reducer: 'worst' })[0];
    expect(worst.sides.customer.mos).toMatchObject({ value: 3.4, severity: 'alert' });
    expect(worst.sides.customer.rtt).toMatchObject({ value: 400, severity: 'alert' });
    const mean = views(connectorFrames('vc-a', m), { reducer: 'mean' })[0];
    expect(mean.sides.customer.rtt.value).toBeCloseTo(160);
    expect(mean.sides.customer.rtt.severity).toBe('warn');
  });

  it('says why a value is missing: no query, or no points', () => {
    const m = healthyMetrics();
    delete m.CustomerToVcJitter;
    delete m.CustomerToVcRtpPackets;
    m.MOSBetweenVcAndRemote = [null, null];
    m.VcToRemoteRtpPackets = [null, null, null];
    const [v] = views(connectorFrames('vc-a', m));
    expect(v.missingMetrics).toEqual(['CustomerToVcJitter', 'CustomerToVcRtpPackets']);
    expect(v.legs.CustomerToVc.jitter).toMatchObject({ value: null, severity: 'nodata' });
    expect(v.legs.CustomerToVc.jitter.missing).toContain('no CustomerToVcJitter series');
    expect(v.legs.CustomerToVc.loss.missing).toContain('no CustomerToVcRtpPackets series');
    expect(v.sides.remote.mos).toMatchObject({ value: null, missing: 'No data in the time range' });
    expect(v.legs.VcToRemote.loss).toMatchObject({ value: null, missing: 'No data in the time range' });
    // The leg with jitter but no loss takes the jitter's colour; the badge ignores missing values.
    expect(v.legs.VcToRemote.severity).toBe('ok');
    expect(v.severity).toBe('ok');
  });

  // fact: chime-packets-lost-cumulative: loss needs the calls in progress; without them, no loss, loudly.
  it('shows no loss, and says why, when the calls-in-progress series is missing: never a quiet 0 %', () => {
    const m = healthyMetrics();
    delete m.OutboundCallsActive;
    const [v] = views(connectorFrames('vc-a', m));
    expect(v.missingMetrics).toEqual(['OutboundCallsActive']);
    for (const leg of ['CustomerToVc', 'VcToCustomer', 'RemoteToVc', 'VcToRemote'] as const) {
      expect(v.legs[leg].loss).toMatchObject({ value: null, severity: 'nodata' });
      expect(v.legs[leg].loss.missing).toContain('no OutboundCallsActive series');
      expect(v.legs[leg].loss.missing).toContain('calls in progress');
    }
    // Jitter, MOS and RTT are still judged.
    expect(v.legs.CustomerToVc.jitter.value).toBe(5);
    expect(v.severity).toBe('ok');
  });

  it('shows no loss without a call in progress, or without any calls-in-progress point', () => {
    const quiet = healthyMetrics();
    quiet.InboundCallsActive = [0, 0, 0];
    quiet.OutboundCallsActive = [0, 0, 0];
    const [q] = views(connectorFrames('vc-a', quiet));
    expect(q.legs.RemoteToVc.loss).toMatchObject({ value: null, severity: 'nodata' });
    expect(q.legs.RemoteToVc.loss.missing).toContain('no call in progress');
    const unknown = healthyMetrics();
    unknown.InboundCallsActive = [null, null];
    unknown.OutboundCallsActive = [];
    const [u] = views(connectorFrames('vc-a', unknown));
    expect(u.legs.RemoteToVc.loss.value).toBeNull();
    expect(u.legs.RemoteToVc.loss.missing).toContain('no InboundCallsActive or OutboundCallsActive point');
  });

  it('estimates loss over the period the proxy says, else the step between points', () => {
    const fiveMinutes = (metric: string, values: Array<number | null>, period: number | null) =>
      cloudwatchFrame(metric, 'vc-a', values, { period, step: 300 });
    // 5-minute periods with 2 calls on average: 30,000 packets expected per period; 29,400 and 29,100 counted.
    const frames = (period: number | null) => [
      fiveMinutes('CustomerToVcRtpPackets', [29_400, 29_100], period),
      fiveMinutes('InboundCallsActive', [1.5, 1.5], period),
      fiveMinutes('OutboundCallsActive', [0.5, 0.5], period),
    ];
    for (const period of [300, null]) {
      // Last: 29,100 of 30,000, 3 %; mean: 58,500 of 60,000, 2.5 %.
      expect(views(frames(period))[0].legs.CustomerToVc.loss.value).toBeCloseTo(3);
      expect(views(frames(period), { reducer: 'mean' })[0].legs.CustomerToVc.loss.value).toBeCloseTo(2.5);
    }
    // One point and no period: the estimate cannot be made.
    const [one] = views([
      fiveMinutes('CustomerToVcRtpPackets', [29_100], null),
      fiveMinutes('InboundCallsActive', [2], null),
      fiveMinutes('OutboundCallsActive', [0], null),
    ]);
    expect(one.legs.CustomerToVc.loss.value).toBeNull();
    expect(one.legs.CustomerToVc.loss.missing).toContain('period of CustomerToVcRtpPackets is unknown');
  });

  it('titles connectors by name when known and orders them by name or severity', () => {
    const bad = healthyMetrics();
    bad.MOSBetweenVcAndCustomer = [3.0];
    const frames = [...connectorFrames('vc-1', healthyMetrics()), ...connectorFrames('vc-2', bad)];
    const names = new Map([
      ['vc-1', 'Zurich SBC'],
      ['vc-2', 'Amsterdam SBC'],
    ]);
    expect(views(frames, {}, names).map((v) => [v.title, v.id])).toEqual([
      ['Amsterdam SBC', 'vc-2'],
      ['Zurich SBC', 'vc-1'],
    ]);
    expect(views(frames, { sortBy: 'name' }).map((v) => v.title)).toEqual(['vc-1', 'vc-2']);
    expect(views(frames, { sortBy: 'severity' }).map((v) => [v.id, v.severity])).toEqual([
      ['vc-2', 'alert'],
      ['vc-1', 'ok'],
    ]);
  });
});
