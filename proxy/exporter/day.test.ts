import { startOfDayMs, todayRange, TODAY_STEP_MS } from './day';

/** The exporter's "today": midnight in its time zone, whatever the offset or a DST change in the night. */

const at = (iso: string) => Date.parse(iso);

describe('startOfDayMs', () => {
  it('is midnight UTC in UTC', () => {
    expect(startOfDayMs(at('2026-03-03T17:42:10.500Z'), 'UTC')).toBe(at('2026-03-03T00:00:00Z'));
    expect(startOfDayMs(at('2026-03-03T00:00:00Z'), 'UTC')).toBe(at('2026-03-03T00:00:00Z'));
  });

  it("is the zone's midnight, on either side of UTC's date line", () => {
    // 01:30 in Berlin (UTC+1) is still the 2nd in UTC.
    expect(startOfDayMs(at('2026-03-03T00:30:00Z'), 'Europe/Berlin')).toBe(at('2026-03-02T23:00:00Z'));
    // 19:00 in New York (UTC-5) is already the 4th in UTC.
    expect(startOfDayMs(at('2026-03-04T00:00:00Z'), 'America/New_York')).toBe(at('2026-03-03T05:00:00Z'));
    expect(startOfDayMs(at('2026-03-03T12:00:00Z'), 'Asia/Kolkata')).toBe(at('2026-03-02T18:30:00Z'));
  });

  it('takes the offset midnight had, not the one of now, on the day clocks change', () => {
    // Berlin goes to summer time at 02:00 on 29 March 2026: midnight was UTC+1, the afternoon is UTC+2.
    expect(startOfDayMs(at('2026-03-29T15:00:00Z'), 'Europe/Berlin')).toBe(at('2026-03-28T23:00:00Z'));
    // New York goes back to winter time on 1 November 2026: midnight was UTC-4, the evening is UTC-5.
    expect(startOfDayMs(at('2026-11-01T22:00:00Z'), 'America/New_York')).toBe(at('2026-11-01T04:00:00Z'));
  });
});

describe('todayRange', () => {
  it('ends at the start of the current minute, so every poll of a minute asks the same question', () => {
    const a = todayRange(at('2026-03-03T17:42:01Z'), 'UTC');
    const b = todayRange(at('2026-03-03T17:42:59Z'), 'UTC');
    expect(a).toEqual({ fromMs: at('2026-03-03T00:00:00Z'), toMs: at('2026-03-03T17:42:00Z') });
    expect(b).toEqual(a);
    expect(TODAY_STEP_MS).toBe(60_000);
  });

  it("is empty in the day's first minute", () => {
    const r = todayRange(at('2026-03-03T00:00:30Z'), 'UTC');
    expect(r.toMs).toBe(r.fromMs);
  });
});
