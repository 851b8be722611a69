import { valueSeverity, worstSeverity } from './severity';

describe('valueSeverity', () => {
  const above = { warn: 5, alert: 10, direction: 'above' as const };
  const below = { warn: 1, alert: 0, direction: 'below' as const };

  it('"above": at or above alert is alert, at or above warn is warn, else ok', () => {
    expect([0, 4, 5, 9, 10, 42].map((v) => valueSeverity(v, above))).toEqual([
      'ok',
      'ok',
      'warn',
      'warn',
      'alert',
      'alert',
    ]);
  });

  it('"below": at or below alert is alert, at or below warn is warn, else ok', () => {
    expect([3, 2, 1, 0, -1].map((v) => valueSeverity(v, below))).toEqual(['ok', 'ok', 'warn', 'alert', 'alert']);
  });

  it('a rule with only one threshold judges with that one', () => {
    expect(valueSeverity(7, { warn: 5, direction: 'above' })).toBe('warn');
    expect(valueSeverity(700, { warn: 5, direction: 'above' })).toBe('warn');
    expect(valueSeverity(7, { alert: 5, direction: 'above' })).toBe('alert');
    expect(valueSeverity(4, { alert: 5, direction: 'above' })).toBe('ok');
    expect(valueSeverity(4, { direction: 'above' })).toBe('ok');
  });

  it('alert wins when thresholds overlap (alert less strict than warn)', () => {
    expect(valueSeverity(12, { warn: 20, alert: 10, direction: 'above' })).toBe('alert');
  });

  it('a missing or non-finite value is "nodata", never ok', () => {
    for (const v of [null, undefined, NaN, Infinity]) {
      expect(valueSeverity(v, above)).toBe('nodata');
      expect(valueSeverity(v, below)).toBe('nodata');
    }
  });
});

describe('worstSeverity', () => {
  it('alert over warn over ok over nodata', () => {
    expect(worstSeverity(['ok', 'warn', 'nodata'])).toBe('warn');
    expect(worstSeverity(['ok', 'alert', 'warn'])).toBe('alert');
    expect(worstSeverity(['nodata', 'ok'])).toBe('ok');
    expect(worstSeverity(['nodata'])).toBe('nodata');
    expect(worstSeverity([])).toBe('nodata');
  });
});
