import { findMetric } from './cloudwatchCatalog';
import { CHANNEL_QUOTAS, deriveQuota, headroom, percentageToRatio, ratioToPercentage } from './quotas';

describe('concurrency quotas', () => {
  it('knows each channel percentage scale from the catalogue', () => {
    for (const q of Object.values(CHANNEL_QUOTAS)) {
      expect(findMetric('AWS/Connect', q.percentage)?.percentScale).toBe(q.scale);
      expect(findMetric('AWS/Connect', q.inUse)).toBeDefined();
    }
    expect(CHANNEL_QUOTAS.VOICE.scale).toBe('fraction');
    expect(CHANNEL_QUOTAS.CHAT.scale).toBe('percent');
  });

  it('derives the quota the way seed 000 describes, per scale', () => {
    // 20 calls at 0.2 (decimal) -> 100; 1000 chats at 40 (integer percent) -> 2500
    expect(deriveQuota(20, 0.2, 'fraction')).toBe(100);
    expect(deriveQuota(1000, 40, 'percent')).toBe(2500);
    expect(deriveQuota(0, 0, 'fraction')).toBeUndefined();
    expect(deriveQuota(5, 0, 'percent')).toBeUndefined();
  });

  it('converts between ratio and wire percentage', () => {
    expect(ratioToPercentage(0.254, 'percent')).toBe(25);
    expect(ratioToPercentage(0.254, 'fraction')).toBe(0.254);
    expect(percentageToRatio(25, 'percent')).toBe(0.25);
    expect(headroom(80, 100)).toBe(20);
    expect(headroom(120, 100)).toBe(0);
    expect(headroom(1, undefined)).toBeUndefined();
  });
});
