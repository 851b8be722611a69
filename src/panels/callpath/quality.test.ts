import { DEFAULT_THRESHOLDS } from './options';
import { describeThreshold, durationInMs, formatQuality, qualitySeverity, type QualityThresholds } from './quality';

const t = DEFAULT_THRESHOLDS;

describe('qualitySeverity', () => {
  it('judges MOS low as bad, inclusive of the thresholds', () => {
    expect(qualitySeverity('mos', 4.2, t)).toBe('ok');
    expect(qualitySeverity('mos', 3.8, t)).toBe('warn');
    expect(qualitySeverity('mos', 3.6, t)).toBe('warn');
    expect(qualitySeverity('mos', 3.5, t)).toBe('alert');
    expect(qualitySeverity('mos', 1.2, t)).toBe('alert');
  });

  it('judges jitter, loss and RTT high as bad, inclusive of the thresholds', () => {
    expect(qualitySeverity('jitterMs', 29.9, t)).toBe('ok');
    expect(qualitySeverity('jitterMs', 30, t)).toBe('warn');
    expect(qualitySeverity('jitterMs', 50, t)).toBe('alert');
    expect(qualitySeverity('lossPercent', 0.5, t)).toBe('ok');
    expect(qualitySeverity('lossPercent', 1, t)).toBe('warn');
    expect(qualitySeverity('lossPercent', 3.2, t)).toBe('alert');
    expect(qualitySeverity('rttMs', 149, t)).toBe('ok');
    expect(qualitySeverity('rttMs', 200, t)).toBe('warn');
    expect(qualitySeverity('rttMs', 300, t)).toBe('alert');
  });

  it('never calls a missing value ok, and skips thresholds switched off', () => {
    expect(qualitySeverity('mos', null, t)).toBe('nodata');
    const noWarn: QualityThresholds = { ...t, jitterMs: { warn: null, alert: 50 } };
    expect(qualitySeverity('jitterMs', 45, noWarn)).toBe('ok');
    expect(qualitySeverity('jitterMs', 55, noWarn)).toBe('alert');
  });
});

describe('durationInMs', () => {
  it('reads CloudWatch’s microseconds, and any time unit the field names', () => {
    expect(durationInMs(12_500, 'µs', 'CustomerToVcJitter')).toBe(12.5);
    expect(durationInMs(12.5, 'ms', 'CustomerToVcJitter')).toBe(12.5);
    expect(durationInMs(0.25, 's', 'RTTBetweenVcAndRemote')).toBe(250);
  });

  it('falls back on the catalogue’s unit when the field has no time unit', () => {
    expect(durationInMs(80_000, undefined, 'RTTBetweenVcAndCustomer')).toBe(80);
    expect(durationInMs(80_000, 'short', 'RTTBetweenVcAndCustomer')).toBe(80);
    expect(durationInMs(5, undefined, 'NotAMetric')).toBeUndefined();
  });
});

describe('formatQuality', () => {
  it('prints the unit with every value and a dash without one', () => {
    expect(formatQuality('mos', 4.123)).toBe('4.12');
    expect(formatQuality('jitterMs', 12.34)).toBe('12.3 ms');
    expect(formatQuality('jitterMs', 123.4)).toBe('123 ms');
    expect(formatQuality('rttMs', 84.6)).toBe('85 ms');
    expect(formatQuality('lossPercent', 0.1234)).toBe('0.12 %');
    expect(formatQuality('lossPercent', 12.34)).toBe('12.3 %');
    expect(formatQuality('rttMs', null)).toBe('–');
  });

  it('describes thresholds with their direction and unit', () => {
    expect(describeThreshold('jitterMs', { warn: 30, alert: 50 })).toBe('warn at ≥ 30 ms, alert at ≥ 50 ms');
    expect(describeThreshold('mos', { warn: 3.8, alert: null })).toBe('warn at ≤ 3.8');
    expect(describeThreshold('lossPercent', { warn: null, alert: null })).toBe('no thresholds');
  });
});
