import { isWeekend, localDay } from '../curves';
import type { EventQueue } from '../eventQueue';
import { hashString, Rng } from '../random';
import type { InstanceWorld } from '../../scenario/world';
import { BREAK_START, SHIFT_END, SHIFT_START } from './events';

/**
 * Schedules every agent's shifts (with small per-day jitter) and breaks that touch [simStart, simEnd). Like
 * arrivals, each agent-day draws from its own generator, so overlapping epochs agree on who works when; the loop
 * then decides what a break or a shift end means for an agent who is busy at that moment.
 */
export function scheduleShifts(
  seed: number,
  instance: InstanceWorld,
  simStart: number,
  simEnd: number,
  events: EventQueue
): void {
  const locale = instance.locale;
  const breakStatus = (name: string) =>
    Math.max(
      2,
      instance.statuses.findIndex((s) => s.name === name)
    );
  const customCount = instance.statuses.length - 2;
  const firstDay = localDay(locale, simStart) - 1;
  const lastDay = localDay(locale, simEnd);
  for (const agent of instance.agents) {
    const aKey = hashString(agent.id);
    for (let d = firstDay; d <= lastDay; d++) {
      const rng = Rng.of(seed, aKey, d);
      const midnight = d * 86400 - locale.utcOffsetSeconds;
      // Weekends: half of each shift works, rotating day by day.
      if (isWeekend(locale, midnight + 43200) && (agent.shiftSlot + d) % 2 !== 0 && agent.shiftSize > 1) {
        continue;
      }
      const s = midnight + agent.shift.start + rng.uniform(-300, 420);
      const e = midnight + agent.shift.end + rng.uniform(-120, 600);
      if (e <= simStart || s >= simEnd) {
        continue;
      }
      events.push(Math.max(s, simStart), SHIFT_START, agent.index);
      events.push(e, SHIFT_END, agent.index);
      const length = e - s;
      const breaks: Array<[number, number, string]> = [];
      if (length >= 4 * 3600) {
        breaks.push([s + 2 * 3600 + rng.uniform(-900, 900), 900, 'Break']);
        breaks.push([s + length / 2 + rng.uniform(-1200, 1200), 1800, 'Lunch']);
        breaks.push([e - 2 * 3600 + rng.uniform(-900, 600), 900, 'Break']);
        if (customCount >= 3 && rng.chance(0.15)) {
          breaks.push([s + 3 * 3600 + rng.uniform(0, 1800), rng.uniform(1800, 3600), instance.statuses[4].name]);
        }
      } else if (length >= 2 * 3600) {
        breaks.push([s + length / 2, 900, 'Break']);
      }
      for (const [at, seconds, name] of breaks) {
        if (at > Math.max(s, simStart) && at < e) {
          events.push(at, BREAK_START, agent.index, breakStatus(name) * 100000 + Math.round(seconds));
        }
      }
    }
  }
}
