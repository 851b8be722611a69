import { findMetric } from './cloudwatchCatalog';
import {
  CHANNEL_QUOTAS,
  deriveQuota,
  headroom,
  integerPercentage,
  percentageToRatio,
  percentScaleOf,
  quotaFrequencySeconds,
  quotaInterval,
} from './quotas';

const at = (inUse: number, percentage: number, time = 0) => ({ time, inUse, percentage });

describe('fact quota-scales: each percentage in the scale AWS documents', () => {
  it('reads calls as a decimal and chats, tasks and emails as percent', () => {
    expect(percentScaleOf('VOICE')).toBe('fraction');
    expect(percentScaleOf('CHAT')).toBe('percent');
    expect(percentScaleOf('TASK')).toBe('percent');
    expect(percentScaleOf('EMAIL')).toBe('percent');
    expect(integerPercentage('CHAT')).toBe(true);
    expect(integerPercentage('TASK')).toBe(false);
    for (const q of Object.values(CHANNEL_QUOTAS)) {
      expect(findMetric('AWS/Connect', q.inUse)?.metricGroup).toBe(q.metricGroups[0]);
    }
  });

  // AWS's worked examples (docs/aws-facts.md, quota-scales): calls 30 at 0.3 -> 100, chats 45 at 30 -> 150 (and
  // 1000 at 50 -> 2000), tasks 20 at 50 -> 40, emails 20 at 50 -> 40.
  it("derives AWS's worked examples", () => {
    expect(deriveQuota([at(30, 0.3)], 'VOICE')).toMatchObject({ ok: true, quota: 100, low: 100, high: 100 });
    expect(deriveQuota([at(45, 30)], 'CHAT')).toMatchObject({ ok: true, quota: 150 });
    expect(deriveQuota([at(1000, 50)], 'CHAT')).toMatchObject({ ok: true, quota: 2000 });
    expect(deriveQuota([at(20, 50)], 'TASK')).toMatchObject({ ok: true, quota: 40, low: 40, high: 40 });
    expect(deriveQuota([at(20, 50)], 'EMAIL')).toMatchObject({ ok: true, quota: 40 });
  });

  it('publishes tasks and emails every 5 minutes (fact: connect-5-minute-metrics)', () => {
    expect(quotaFrequencySeconds('VOICE')).toBe(60);
    expect(quotaFrequencySeconds('CHAT')).toBe(60);
    expect(quotaFrequencySeconds('TASK')).toBe(300);
    expect(quotaFrequencySeconds('EMAIL')).toBe(300);
  });
});

describe('fact quota-derivation: the most precise period decides, with its precision', () => {
  it('bounds a quota from a whole-percent chat: 1 chat at 1 % is 67 to 200, 45 at 30 is 148 to 152', () => {
    // 1 / (1.5 %) = 66.7 -> 67; 1 / (0.5 %) = 200
    expect(quotaInterval(at(1, 1), 'percent', true)).toEqual({ estimate: 100, low: 67, high: 200 });
    // 45 / 30.5 % = 147.5 -> 148; 45 / 29.5 % = 152.5 -> 152
    expect(quotaInterval(at(45, 30), 'percent', true)).toEqual({ estimate: 150, low: 148, high: 152 });
  });

  it('takes the busiest period of a whole-percent metric and narrows it with the others', () => {
    // quota 150: 1 chat shows as 1 %, 45 chats as 30 %, 60 as 40 %
    const night = [at(1, 1, 0), at(1, 1, 60)];
    // AWS's arithmetic (1 / 1 %), within 67..200
    expect(deriveQuota(night, 'CHAT')).toMatchObject({ ok: true, quota: 100, low: 67, high: 200 });
    const day = [...night, at(45, 30, 120), at(60, 40, 180)];
    // 60 at 40 %: 60/0.405 = 148.1 -> 149 .. 60/0.395 = 151.9 -> 151; with 45 at 30 %: 148..152 -> 149..151
    expect(deriveQuota(day, 'CHAT')).toMatchObject({ ok: true, quota: 150, low: 149, high: 151 });
  });

  it('treats a decimal whose quotient is no whole number as rounded to its digits', () => {
    // 7 tasks of 40 = 17.5 %; published 18 (rounded): 7 / 0.185 = 37.8 -> 38 .. 7 / 0.175 = 40
    expect(quotaInterval(at(7, 18), 'percent', false)).toEqual({ estimate: 39, low: 38, high: 40 });
    expect(quotaInterval(at(1, 1 / 3), 'fraction', false)).toEqual({ estimate: 3, low: 3, high: 3 });
  });

  it('says why a quota cannot be derived, never 0 or Infinity', () => {
    const none = deriveQuota([at(0, 0), at(0, 0, 60)], 'TASK');
    expect(none).toEqual({ ok: false, reason: expect.stringMatching(/nothing was in use/) });
    expect(deriveQuota([at(3, 0)], 'CHAT')).toEqual({
      ok: false,
      reason: expect.stringMatching(/ConcurrentActiveChatsPercentage is 0 or absent/),
    });
    // The old misreading: tasks 20 at 50 taken as a decimal would be a quota of 0.4.
    expect(deriveQuota([at(20, 0.5 * 100 * 100)], 'TASK')).toEqual({
      ok: false,
      reason: expect.stringMatching(/not in the 0-100 scale AWS documents/),
    });
    expect(deriveQuota([], 'VOICE').ok).toBe(false);
  });

  it('converts a percentage to a ratio and counts headroom', () => {
    expect(percentageToRatio(25, 'percent')).toBe(0.25);
    expect(percentageToRatio(0.25, 'fraction')).toBe(0.25);
    expect(headroom(80, 100)).toBe(20);
    expect(headroom(120, 100)).toBe(0);
    expect(headroom(1, undefined)).toBeUndefined();
  });
});
