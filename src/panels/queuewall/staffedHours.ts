/**
 * Staffed hours, "08:00-20:00" (the dashboard's time zone; an end before the start crosses midnight): within them a
 * rule judged only while contacts wait judges always.
 */

export interface StaffedHours {
  /** Minutes after midnight. */
  start: number;
  end: number;
}

const PATTERN = /^\s*([01]?\d|2[0-3]):([0-5]\d)\s*[-–]\s*([01]?\d|2[0-3]):([0-5]\d)\s*$/;

export function parseStaffedHours(text: string): StaffedHours | undefined {
  const m = PATTERN.exec(text);
  if (!m) {
    return undefined;
  }
  return { start: Number(m[1]) * 60 + Number(m[2]), end: Number(m[3]) * 60 + Number(m[4]) };
}

/** The saved text when it reads as hours ("8:00-20:00" becomes "08:00-20:00"), '' for empty, undefined otherwise. */
export function readStaffedHours(input: unknown): string | undefined {
  if (typeof input !== 'string' || input.trim() === '') {
    return input === undefined || input === null || input === '' ? '' : undefined;
  }
  const h = parseStaffedHours(input);
  if (!h) {
    return undefined;
  }
  const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  return `${hhmm(h.start)}-${hhmm(h.end)}`;
}

/** Whether `minuteOfDay` (local to the dashboard) falls within the hours. */
export function withinHours(hours: StaffedHours, minuteOfDay: number): boolean {
  if (hours.start === hours.end) {
    return true;
  }
  return hours.start < hours.end
    ? minuteOfDay >= hours.start && minuteOfDay < hours.end
    : minuteOfDay >= hours.start || minuteOfDay < hours.end;
}
