import { CHANNELS } from '../../src/connect/channels';
import type { CurrentGrouping as Grouping, CurrentMetricName } from '../services/connect/currentMetricNames';
import { AgentState, CHANNEL_INDEX, SUBTYPE_MIX } from './codes';
import type { Snapshot } from './contactCenter';
import type { InstanceWorld, RoutingProfileWorld } from '../scenario/world';

/**
 * GetCurrentMetricData's arithmetic over a snapshot: which rows a request has, which agents and contacts each
 * row counts, and the metric values (in seconds; the wire quirks are the handler's business).
 *
 * Membership, read from the API reference ("Metric data is retrieved only for the resources associated with the
 * queues or routing profiles, and by any channels included in the filter"; docs/simulator.md):
 * - with a routing-profile filter, the row's queues are those the profiles serve, and its agents are the profiles'
 *   own agents;
 * - an agent belongs to a queue row when its routing profile serves that queue on one of the row's channels;
 * - a contact belongs to a row when it waits in one of the row's queues on one of the row's channels: a queue's
 *   contacts are the queue's, whichever routing profile brought the queue into the request;
 * - agent metrics count each agent once per row, in its single state.
 */

export interface ResolvedRequest {
  /** Standard queue indices in the filter, or null when filtering by routing profile. */
  queues: number[] | null;
  /** Agent queues in the queue filter, as agent indices. */
  agentQueues: number[];
  routingProfiles: number[] | null;
  /** Channel indices in scope (all four when the request has no channel filter). */
  channels: number[];
  routingStepExpressions: string[] | null;
  agentStatuses: number[] | null;
  subtypes: number[] | null;
  /** Validation test types: the simulator runs no validation tests, so such a filter matches nothing. */
  validationTestTypes: string[] | null;
  groupings: Grouping[];
  metrics: CurrentMetricName[];
}

export interface RowKey {
  queue?: number;
  agentQueue?: number;
  channel?: number;
  routingProfile?: number;
  routingStepExpression?: string;
  agentStatus?: number;
  subtype?: number;
}

export interface RealtimeRow {
  key: RowKey;
  /** One value per requested metric, in seconds for time metrics; null when Connect could not compute it. */
  values: Array<number | null>;
}

interface RowScope {
  key: RowKey;
  queues: number[];
  agentQueues: number[];
  channelMask: number;
  routingProfiles: Set<number> | null;
  status: number | null;
  subtype: number | null;
  expression: string | null;
}

const bit = (channel: number) => 1 << channel;

/** Which routing profiles serve which queues on which channels, computed once per instance. */
interface ServiceTable {
  /** Channel mask of profile r on queue q at r * queues + q (0 when it does not serve it). */
  mask: Uint8Array;
  /** Profiles serving each queue on some channel. */
  profilesOf: number[][];
  /** Concurrency of each agent per channel at agent * 4 + channel. */
  concurrency: Int8Array;
}
const serviceTables = new WeakMap<InstanceWorld, ServiceTable>();

function serviceTable(instance: InstanceWorld): ServiceTable {
  let table = serviceTables.get(instance);
  if (!table) {
    const nq = instance.queues.length;
    const mask = new Uint8Array(instance.routingProfiles.length * nq);
    const profilesOf: number[][] = instance.queues.map(() => []);
    for (const rp of instance.routingProfiles) {
      for (const entry of rp.queues) {
        for (const c of entry.channels) {
          mask[rp.index * nq + entry.queueIndex] |= bit(CHANNEL_INDEX[c]);
        }
        if (!profilesOf[entry.queueIndex].includes(rp.index)) {
          profilesOf[entry.queueIndex].push(rp.index);
        }
      }
    }
    const concurrency = new Int8Array(instance.agents.length * 4);
    for (const agent of instance.agents) {
      const rp = instance.routingProfiles[agent.routingProfileIndex];
      CHANNELS.forEach((c, i) => (concurrency[agent.index * 4 + i] = rp.concurrency[c]));
    }
    table = { mask, profilesOf, concurrency };
    serviceTables.set(instance, table);
  }
  return table;
}

function servesMask(rp: RoutingProfileWorld, queue: number, instance: InstanceWorld): number {
  return serviceTable(instance).mask[rp.index * instance.queues.length + queue];
}

/** The routing step a waiting contact is in, from how long it has waited. */
export function currentStep(steps: Array<{ expression: string; seconds: number }>, age: number): string | undefined {
  let elapsed = 0;
  for (const step of steps) {
    elapsed += step.seconds;
    if (age < elapsed) {
      return step.expression;
    }
  }
  return steps.length ? steps[steps.length - 1].expression : undefined;
}

export function computeRealtime(snapshot: Snapshot, req: ResolvedRequest): RealtimeRow[] {
  const { instance } = snapshot;
  const scopes = rowScopes(instance, req);
  const waitingByQueue: number[][] = instance.queues.map(() => []);
  for (const w of snapshot.waiting) {
    waitingByQueue[snapshot.epoch.contacts.queue[w]].push(w);
  }
  const scheduledByQueue = new Int32Array(instance.queues.length);
  for (const q of snapshot.scheduledQueues) {
    scheduledByQueue[q]++;
  }
  const seen = new Int32Array(instance.routingProfiles.length).fill(-1);
  return scopes.map((scope, i) =>
    computeRow(snapshot, req, scope, { waitingByQueue, scheduledByQueue, seen, stamp: i })
  );
}

interface RowContext {
  waitingByQueue: number[][];
  scheduledByQueue: Int32Array;
  /** Marks the profiles already counted for the current row (stamped with the row index). */
  seen: Int32Array;
  stamp: number;
}

function scopeQueues(instance: InstanceWorld, req: ResolvedRequest): number[] {
  if (req.queues) {
    return req.queues;
  }
  const set = new Set<number>();
  for (const r of req.routingProfiles ?? []) {
    for (const entry of instance.routingProfiles[r].queues) {
      set.add(entry.queueIndex);
    }
  }
  return [...set].sort((a, b) => a - b);
}

function rowScopes(instance: InstanceWorld, req: ResolvedRequest): RowScope[] {
  const queues = scopeQueues(instance, req);
  const allChannels = req.channels.reduce((m, c) => m | bit(c), 0);
  const rpFilter = req.routingProfiles ? new Set(req.routingProfiles) : null;
  const base: RowScope = {
    key: {},
    queues,
    agentQueues: req.agentQueues,
    channelMask: allChannels,
    routingProfiles: rpFilter,
    status: null,
    subtype: null,
    expression: null,
  };
  if (req.validationTestTypes && req.validationTestTypes.length > 0) {
    return [];
  }
  let scopes: RowScope[] = [base];
  for (const grouping of req.groupings) {
    const next: RowScope[] = [];
    for (const s of scopes) {
      switch (grouping) {
        case 'QUEUE':
          for (const q of s.queues) {
            next.push({ ...s, key: { ...s.key, queue: q }, queues: [q], agentQueues: [] });
          }
          for (const a of s.agentQueues) {
            next.push({ ...s, key: { ...s.key, agentQueue: a }, queues: [], agentQueues: [a] });
          }
          break;
        case 'CHANNEL':
          for (const c of req.channels) {
            if (s.channelMask & bit(c)) {
              next.push({ ...s, key: { ...s.key, channel: c }, channelMask: bit(c) });
            }
          }
          break;
        case 'ROUTING_PROFILE':
          for (const rp of instance.routingProfiles) {
            if (s.routingProfiles && !s.routingProfiles.has(rp.index)) {
              continue;
            }
            const touches =
              s.queues.some((q) => servesMask(rp, q, instance) & s.channelMask) || (rpFilter?.has(rp.index) ?? false);
            if (touches) {
              // The profile's row holds the queues it serves (on the row's channels): their contacts are its.
              next.push({
                ...s,
                key: { ...s.key, routingProfile: rp.index },
                queues: s.queues.filter((q) => servesMask(rp, q, instance) & s.channelMask),
                routingProfiles: new Set([rp.index]),
              });
            }
          }
          break;
        case 'ROUTING_STEP_EXPRESSION': {
          const expressions = new Set<string>();
          for (const q of s.queues) {
            for (const step of instance.queues[q].spec.routingSteps ?? []) {
              expressions.add(step.expression);
            }
          }
          for (const e of expressions) {
            if (!req.routingStepExpressions || req.routingStepExpressions.includes(e)) {
              next.push({ ...s, key: { ...s.key, routingStepExpression: e }, expression: e });
            }
          }
          break;
        }
        case 'AGENT_STATUS':
          instance.statuses.forEach((status, index) => {
            if (status.type === 'OFFLINE' || (req.agentStatuses && !req.agentStatuses.includes(index))) {
              return;
            }
            next.push({ ...s, key: { ...s.key, agentStatus: index }, status: index });
          });
          break;
        case 'SUBTYPE': {
          // A row per subtype the row's queues can carry on the row's channels.
          const subtypes = new Set<number>();
          for (const q of s.queues) {
            for (const ch of instance.queues[q].channels) {
              if (s.channelMask & bit(CHANNEL_INDEX[ch])) {
                for (const [code] of SUBTYPE_MIX[ch]) {
                  subtypes.add(code);
                }
              }
            }
          }
          for (const st of [...subtypes].sort((a, b) => a - b)) {
            if (!req.subtypes || req.subtypes.includes(st)) {
              next.push({ ...s, key: { ...s.key, subtype: st }, subtype: st });
            }
          }
          break;
        }
        case 'VALIDATION_TEST_TYPE':
          break;
      }
    }
    scopes = next;
  }
  return scopes;
}

function computeRow(snapshot: Snapshot, req: ResolvedRequest, scope: RowScope, ctx: RowContext): RealtimeRow {
  const { instance, epoch, t } = snapshot;
  const contacts = epoch.contacts;
  const table = serviceTable(instance);
  const nq = instance.queues.length;

  // Agents of the row: routing profiles are disjoint in agents, so collecting per profile counts each once.
  const agents: number[] = [];
  for (const q of scope.queues) {
    for (const r of table.profilesOf[q]) {
      if (
        ctx.seen[r] === ctx.stamp ||
        (scope.routingProfiles && !scope.routingProfiles.has(r)) ||
        !(table.mask[r * nq + q] & scope.channelMask)
      ) {
        continue;
      }
      ctx.seen[r] = ctx.stamp;
      for (const a of instance.routingProfiles[r].agentIndices) {
        agents.push(a);
      }
    }
  }
  for (const a of scope.agentQueues) {
    agents.push(a);
  }

  const counts = [0, 0, 0, 0, 0, 0];
  let slotsActive = 0;
  let slotsAvailable = 0;
  let statusOnline = 0;
  for (const a of agents) {
    const tl = epoch.agents[a];
    const k = snapshot.agentSegment[a];
    const state = tl.state[k];
    if (scope.status !== null) {
      if (state !== AgentState.OFFLINE && tl.status[k] === scope.status) {
        statusOnline++;
      }
      continue;
    }
    counts[state]++;
    const ch = tl.channel[k];
    for (let c = 0; c < 4; c++) {
      if (!(scope.channelMask & bit(c))) {
        continue;
      }
      const conc = table.concurrency[a * 4 + c];
      if (conc <= 0) {
        continue;
      }
      if (ch === c) {
        slotsActive += tl.slots[k];
      }
      const routable =
        state !== AgentState.OFFLINE && state !== AgentState.ERROR && state !== AgentState.NPT && tl.status[k] === 0;
      if (routable) {
        slotsAvailable += ch === 255 ? conc : ch === c ? Math.max(0, conc - tl.slots[k]) : 0;
      }
    }
  }

  // Contacts of the row.
  let inQueue = 0;
  let oldest = 0;
  for (const q of scope.queues) {
    for (const w of ctx.waitingByQueue[q]) {
      const c = contacts.channel[w];
      if (!(scope.channelMask & bit(c))) {
        continue;
      }
      if (scope.subtype !== null && contacts.subtype[w] !== scope.subtype) {
        continue;
      }
      if (req.subtypes && !req.subtypes.includes(contacts.subtype[w])) {
        continue;
      }
      const age = t - contacts.enqueue[w];
      const steps = instance.queues[q].spec.routingSteps ?? [];
      if (scope.expression !== null || req.routingStepExpressions) {
        const step = currentStep(steps, age);
        if (scope.expression !== null && step !== scope.expression) {
          continue;
        }
        if (req.routingStepExpressions && (step === undefined || !req.routingStepExpressions.includes(step))) {
          continue;
        }
      }
      inQueue++;
      oldest = Math.max(oldest, age);
    }
  }
  let scheduled = 0;
  if (scope.channelMask & bit(0)) {
    for (const q of scope.queues) {
      scheduled += ctx.scheduledByQueue[q];
    }
  }

  const online = agents.length - counts[AgentState.OFFLINE];
  const staffed = online - counts[AgentState.NPT];
  const values = req.metrics.map((name): number | null => {
    if (scope.status !== null) {
      return name === 'AGENTS_ONLINE' ? statusOnline : null;
    }
    switch (name) {
      case 'AGENTS_ONLINE':
        return online;
      case 'AGENTS_AVAILABLE':
        return counts[AgentState.AVAILABLE];
      case 'AGENTS_ON_CALL':
      case 'AGENTS_ON_CONTACT':
        return counts[AgentState.ON_CONTACT];
      case 'AGENTS_NON_PRODUCTIVE':
        return counts[AgentState.NPT];
      case 'AGENTS_AFTER_CONTACT_WORK':
        return counts[AgentState.ACW];
      case 'AGENTS_ERROR':
        return counts[AgentState.ERROR];
      case 'AGENTS_STAFFED':
        return staffed;
      case 'CONTACTS_IN_QUEUE':
        return inQueue;
      case 'OLDEST_CONTACT_AGE':
        return oldest;
      case 'CONTACTS_SCHEDULED':
        return scheduled;
      case 'SLOTS_ACTIVE':
        return slotsActive;
      case 'SLOTS_AVAILABLE':
        return slotsAvailable;
      case 'ESTIMATED_WAIT_TIME':
        return estimatedWait(snapshot, scope, inQueue, staffed);
    }
  });
  return { key: scope.key, values };
}

/** Queue position times the mean handle time, shared by the staffed agents; null with nobody staffed. */
function estimatedWait(snapshot: Snapshot, scope: RowScope, inQueue: number, staffed: number): number | null {
  if (staffed <= 0) {
    return null;
  }
  let handle = 0;
  let n = 0;
  for (const q of scope.queues) {
    for (const [ch, load] of Object.entries(snapshot.instance.queues[q].load)) {
      if (load && scope.channelMask & bit(CHANNEL_INDEX[ch as keyof typeof CHANNEL_INDEX])) {
        handle += load.handleSeconds + (load.acwSeconds ?? 0);
        n++;
      }
    }
  }
  if (n === 0) {
    return null;
  }
  return Math.round(((inQueue + 1) * (handle / n)) / staffed);
}
