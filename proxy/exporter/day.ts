/**
 * "Today" for the exporter's day-so-far gauges: from midnight in a time zone to now, the end cut to the minute so
 * that every poll of a minute asks the same GetMetricDataV2 question and reads the proxy's cache (the historical
 * runner keeps a current answer 60 s): at most one call a minute per instance, however short EXPORTER_INTERVAL_MS.
 */

/** The step the end of the day so far moves by. */
export const TODAY_STEP_MS = 60_000;

/** Wall-clock time of `ms` in `timeZone`, read as if it were UTC, minus `ms`: the zone's offset then. */
function offsetMs(ms: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(ms));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(ms / 1000) * 1000;
}

/** The last midnight at or before `ms` in `timeZone` (an IANA name or UTC), in ms since the epoch. */
export function startOfDayMs(ms: number, timeZone: string): number {
  const wall = ms + offsetMs(ms, timeZone);
  const wallMidnight = wall - (((wall % 86_400_000) + 86_400_000) % 86_400_000);
  // The offset at midnight may differ from now's (a DST change during the night): take midnight's own offset.
  let guess = wallMidnight - offsetMs(ms, timeZone);
  guess = wallMidnight - offsetMs(guess, timeZone);
  // A zone whose midnight does not exist on a DST day starts the day at the first instant after it.
  return guess > ms ? wallMidnight - offsetMs(ms, timeZone) : guess;
}

/** The day so far at `nowMs`: midnight in the zone to the start of the current minute (empty in the day's first minute). */
export function todayRange(nowMs: number, timeZone: string): { fromMs: number; toMs: number } {
  return { fromMs: startOfDayMs(nowMs, timeZone), toMs: Math.floor(nowMs / TODAY_STEP_MS) * TODAY_STEP_MS };
}
