import { arrivalRate } from '../curves';
import { CHANNEL_INDEX } from '../codes';
import type { EventQueue } from '../eventQueue';
import { hashString, mix, Rng } from '../random';
import type { InstanceWorld } from '../../scenario/world';
import type { ContactBook } from './contacts';
import { ARRIVE } from './events';

/**
 * Creates every contact that arrives in [simStart, simEnd) and schedules its arrival. Each minute of each queue
 * and channel draws from its own generator (keyed by seed, instance, queue, channel and minute), so two epochs
 * that overlap (a day's warm-up and the previous day's last hour) see the very same contacts.
 */
export function scheduleArrivals(
  seed: number,
  instance: InstanceWorld,
  simStart: number,
  simEnd: number,
  contacts: ContactBook,
  events: EventQueue
): void {
  const locale = instance.locale;
  const instKey = hashString(instance.id);
  for (const q of instance.queues) {
    const qKey = hashString(q.id);
    for (const ch of q.channels) {
      const ci = CHANNEL_INDEX[ch];
      for (let minute = Math.floor(simStart / 60); minute * 60 < simEnd; minute++) {
        const rng = Rng.of(seed, instKey, qKey, ci, minute);
        const n = rng.poisson(arrivalRate(locale, q, ch, minute * 60 + 30) * 60);
        for (let k = 0; k < n; k++) {
          const t = minute * 60 + rng.next() * 60;
          const id = contacts.add(q.index, ci, t, mix(qKey, ci, minute, k), rng, false);
          events.push(t, ARRIVE, id);
        }
      }
    }
  }
}
