import type { Scenario } from '../../simulator/scenario/schema';

/**
 * A large contact center for benchmarks: `instances` instances, each with `queues` queues and `agents` agents in
 * routing profiles of ten queues, loaded so that agents are busy most of the day.
 */
export function bigScenario(instances: number, queues: number, agents: number): Scenario {
  const profiles = Math.ceil(queues / 10);
  const perProfile = Math.floor(agents / profiles);
  // Offered load per queue so that ~85% of the agents' time is spent on contacts at the daily peak.
  const handle = 300;
  const acw = 30;
  const perHour = ((agents * 0.85 * 3600) / (handle + acw) / queues) * 0.8;
  return {
    name: `bench-${instances}x${queues}x${agents}`,
    seed: 42,
    utcOffsetMinutes: 0,
    instances: Array.from({ length: instances }, (_, i) => ({
      alias: `bench-${i + 1}`,
      region: 'us-east-1',
      quotas: { VOICE: agents * 2, CHAT: agents * 4, TASK: agents, EMAIL: agents },
      callsPerSecond: 50,
      queues: Array.from({ length: queues }, (_, q) => ({
        name: `Queue ${String(q + 1).padStart(4, '0')}`,
        maxContacts: 200,
        channels: {
          VOICE: {
            perHour: perHour * 0.7,
            handleSeconds: handle,
            acwSeconds: acw,
            patienceSeconds: 300,
            flowSeconds: 30,
          },
          CHAT: {
            perHour: perHour * 0.3,
            handleSeconds: handle * 1.5,
            acwSeconds: acw,
            patienceSeconds: 600,
            flowSeconds: 10,
          },
        },
      })),
      routingProfiles: Array.from({ length: profiles }, (_, p) => ({
        name: `Profile ${p + 1}`,
        concurrency: { VOICE: 1, CHAT: 2 },
        queues: Array.from({ length: Math.min(10, queues - p * 10) }, (_, k) => ({
          queue: `Queue ${String(p * 10 + k + 1).padStart(4, '0')}`,
          channels: ['VOICE', 'CHAT'] as Array<'VOICE' | 'CHAT'>,
        })),
        shifts: [
          { start: '06:00', end: '14:30', agents: Math.ceil(perProfile * 0.4) },
          { start: '10:00', end: '18:30', agents: Math.ceil(perProfile * 0.4) },
          { start: '14:00', end: '22:30', agents: Math.max(0, perProfile - 2 * Math.ceil(perProfile * 0.4)) },
        ],
      })),
    })),
  };
}
