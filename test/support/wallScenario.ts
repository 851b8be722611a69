import { loadScenario } from '../../simulator/scenario/load';
import type { Scenario } from '../../simulator/scenario/schema';

/**
 * The NOC wall at scale (issue 15): the default scenario with its first instance's 8 queues and 7 routing profiles
 * copied 20 times (160 queues, 140 routing profiles: both above the 100 that one GetCurrentMetricData call takes)
 * and 24 voice connectors (12 copies of each of the two SBCs; every eighth keeps the primary's 14:00 incident, so a
 * few connectors alert at that hour and the rest do not).
 *
 * Copy k of a queue is "<name> kk" (k = 2..20; the first keeps its name) with a quarter of its traffic; copy k of a
 * routing profile serves the copies k of its queues with a third of its agents (rounded up), so each
 * copy is a small contact center of its own and the queues' fortunes differ with the seeds of their copies.
 */
export const WALL_QUEUE_COPIES = 20;
export const WALL_CONNECTORS = 24;

const suffix = (k: number) => (k === 1 ? '' : ` ${String(k).padStart(2, '0')}`);

export function wallScenario(base: Scenario = loadScenario()): Scenario {
  const s = structuredClone(base);
  const inst = s.instances[0];
  const queues = inst.queues;
  const profiles = inst.routingProfiles;
  inst.queues = [];
  inst.routingProfiles = [];
  for (let k = 1; k <= WALL_QUEUE_COPIES; k++) {
    for (const q of queues) {
      const channels = Object.fromEntries(
        Object.entries(q.channels).map(([c, spec]) => [c, { ...spec, perHour: spec!.perHour / 4 }])
      );
      inst.queues.push({ ...structuredClone(q), id: undefined, name: q.name + suffix(k), channels });
    }
    for (const p of profiles) {
      inst.routingProfiles.push({
        ...structuredClone(p),
        id: undefined,
        name: p.name + suffix(k),
        queues: p.queues.map((x) => ({ ...x, queue: x.queue + suffix(k) })),
        shifts: p.shifts.map((sh) => ({ ...sh, agents: Math.ceil(sh.agents / 3) })),
      });
    }
  }
  // Quotas and call rate grow with the copies (the instance would be throttled and over quota otherwise).
  inst.quotas = Object.fromEntries(Object.entries(inst.quotas).map(([c, n]) => [c, n! * 5]));
  inst.callsPerSecond = (inst.callsPerSecond ?? 2) * 5;
  const connectors = base.voiceConnectors ?? [];
  s.voiceConnectors = Array.from({ length: WALL_CONNECTORS }, (_, i) => {
    const vc = structuredClone(connectors[i % connectors.length]);
    const keepIncident = i % 8 === 0;
    return {
      ...vc,
      id: undefined,
      name: `${vc.name}-${String(Math.floor(i / connectors.length) + 1).padStart(2, '0')}`,
      incidents: keepIncident ? vc.incidents : undefined,
    };
  });
  return s;
}
