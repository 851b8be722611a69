import type { Channel } from '../../src/connect/channels';
import { inWindow, localSecondOfDay, parseTimeOfDay, type Locale, type QueueWorld } from '../scenario/world';

/** Local calendar day number (days since 1970-01-01 local) of an instant. */
export function localDay(locale: Locale, tSeconds: number): number {
  return Math.floor((tSeconds + locale.utcOffsetSeconds) / 86400);
}

/** Saturday or Sunday, local time. */
export function isWeekend(locale: Locale, tSeconds: number): boolean {
  const dow = (localDay(locale, tSeconds) + 4) % 7; // 1970-01-01 was a Thursday
  return dow === 0 || dow === 6;
}

/** The time-of-day multiplier of arrivals, linearly interpolated between hourly values. */
export function arrivalMultiplier(locale: Locale, tSeconds: number): number {
  const curve = isWeekend(locale, tSeconds) ? locale.arrivalCurve.weekend : locale.arrivalCurve.weekday;
  const hour = localSecondOfDay(locale, tSeconds) / 3600;
  const h0 = Math.floor(hour) % 24;
  const h1 = (h0 + 1) % 24;
  const f = hour - Math.floor(hour);
  return curve[h0] * (1 - f) + curve[h1] * f;
}

/** Arrivals per second expected for a queue and channel at an instant (before randomness). */
export function arrivalRate(locale: Locale, queue: QueueWorld, channel: Channel, tSeconds: number): number {
  const load = queue.load[channel];
  if (!load || load.perHour <= 0 || !isOpen(locale, queue, tSeconds)) {
    return 0;
  }
  let rate = (load.perHour / 3600) * arrivalMultiplier(locale, tSeconds);
  for (const surge of queue.spec.surges ?? []) {
    if ((surge.channel === undefined || surge.channel === channel) && inWindow(locale, surge, tSeconds)) {
      rate *= surge.multiplier;
    }
  }
  return rate;
}

/** The UTC instant at which simulated day `day` of the scenario begins (its `dayStartsAt`, local). */
export function dayStart(locale: Locale, day: number): number {
  return day * 86400 + locale.dayStartSeconds - locale.utcOffsetSeconds;
}

/** The simulated day an instant belongs to. */
export function dayOf(locale: Locale, tSeconds: number): number {
  return Math.floor((tSeconds + locale.utcOffsetSeconds - locale.dayStartSeconds) / 86400);
}

/** Whether a queue's hours of operation cover an instant (queues without hours are always open). */
export function isOpen(locale: Locale, queue: QueueWorld, tSeconds: number): boolean {
  const hours = queue.spec.hoursOfOperation;
  if (!hours) {
    return true;
  }
  const sod = localSecondOfDay(locale, tSeconds);
  const open = parseTimeOfDay(hours.open);
  const close = parseTimeOfDay(hours.close);
  return open <= close ? sod >= open && sod < close : sod >= open || sod < close;
}
