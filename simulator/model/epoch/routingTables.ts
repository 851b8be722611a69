import { CHANNELS } from '../../../src/connect/channels';
import { CHANNEL_INDEX } from '../codes';
import type { InstanceWorld } from '../../scenario/world';

/**
 * Who may serve what, flattened out of the scenario's routing profiles once per epoch. Imported bindings are
 * getters once compiled to CommonJS and the profiles are nested objects: the routing decisions of the hot loop
 * read these locals and typed arrays instead.
 */
export interface RoutingTables {
  /** Concurrency per agent and channel (agent * 4 + channel). */
  agentConc: Int8Array;
  /** Agents that can serve each queue slot (queue * 4 + channel). */
  slotAgents: Int32Array[];
  /** Per routing profile, the queue slots it serves and their priority. */
  rpSlots: Array<{ slots: Int32Array; priorities: Int32Array }>;
  /** Routing profile of each agent. */
  agentRp: Int32Array;
}

export function buildRoutingTables(instance: InstanceWorld): RoutingTables {
  const channelNames = CHANNELS;
  const nAgents = instance.agents.length;
  const nQueues = instance.queues.length;
  const agentConc = new Int8Array(nAgents * 4);
  for (const agent of instance.agents) {
    const rp = instance.routingProfiles[agent.routingProfileIndex];
    for (let ch = 0; ch < 4; ch++) {
      agentConc[agent.index * 4 + ch] = rp.concurrency[channelNames[ch]];
    }
  }
  const slotAgents: Int32Array[] = Array.from({ length: nQueues * 4 }, (_, slot) => {
    const q = instance.queues[slot >> 2];
    const rps = q.servedBy[channelNames[slot & 3]] ?? [];
    return Int32Array.from(rps.flatMap((r) => instance.routingProfiles[r].agentIndices));
  });
  const rpSlots = instance.routingProfiles.map((rp) => {
    const slots: number[] = [];
    const priorities: number[] = [];
    for (const entry of rp.queues) {
      for (const chName of entry.channels) {
        slots.push(entry.queueIndex * 4 + CHANNEL_INDEX[chName]);
        priorities.push(entry.priority);
      }
    }
    return { slots: Int32Array.from(slots), priorities: Int32Array.from(priorities) };
  });
  const agentRp = Int32Array.from(instance.agents.map((a) => a.routingProfileIndex));
  return { agentConc, slotAgents, rpSlots, agentRp };
}
