import { Stats, UNKNOWN_OPERATION } from './stats';

describe('Stats', () => {
  it('counts per service, operation and outcome, with latency totals', () => {
    const stats = new Stats();
    stats.record('connect', 'GetCurrentMetricData', 'ok', 10);
    stats.record('connect', 'GetCurrentMetricData', 'throttled', 2);
    stats.record('chime', 'ListVoiceConnectors', 'fault_malformed', 4);
    stats.record('chime', UNKNOWN_OPERATION, 'client_error', 1);
    const snap = stats.snapshot();
    expect(snap.totals).toMatchObject({
      requests: 4,
      ok: 1,
      throttled: 1,
      fault_malformed: 1,
      client_error: 1,
      server_error: 0,
    });
    expect(snap.services.connect!.GetCurrentMetricData).toEqual({
      requests: 2,
      outcomes: {
        ok: 1,
        throttled: 1,
        client_error: 0,
        server_error: 0,
        fault_throttle: 0,
        fault_error: 0,
        fault_malformed: 0,
      },
      latencyMs: { total: 12, max: 10, mean: 6 },
    });
    expect(snap.services.chime![UNKNOWN_OPERATION].requests).toBe(1);
    expect(stats.count('connect', 'GetCurrentMetricData')).toBe(2);
    expect(stats.count('connect', 'GetCurrentMetricData', 'throttled')).toBe(1);
    expect(stats.count('voiceid', 'ListDomains')).toBe(0);
  });

  it('reset starts over', () => {
    const stats = new Stats();
    stats.record('voiceid', 'ListDomains', 'ok', 1);
    stats.reset();
    expect(stats.snapshot().totals.requests).toBe(0);
    expect(stats.snapshot().services).toEqual({});
  });
});
