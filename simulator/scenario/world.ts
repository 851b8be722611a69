import { CHANNELS, type Channel } from '../../src/connect/channels';
import { alnumFrom, hashString, uuidFrom } from '../model/random';
import { agentName, hierarchyGroups, teamOf, type HierarchyGroupWorld } from './people';
import type {
  AppIntegrationSpec,
  ChannelLoad,
  InstanceSpec,
  QueueSpec,
  Scenario,
  VoiceConnectorSpec,
  VoiceIdDomainSpec,
  Window,
} from './schema';

/**
 * A scenario resolved into the things AWS would return: ids, ARNs, agents, statuses, and index lookups.
 * Everything here is derived from the scenario file alone (ids from names, never from the seed), so that
 * dashboards and provisioning can name an instance id that stays put.
 */

export interface AgentStatusWorld {
  id: string;
  arn: string;
  name: string;
  type: 'ROUTABLE' | 'CUSTOM' | 'OFFLINE';
}

export interface QueueWorld {
  index: number;
  id: string;
  arn: string;
  name: string;
  type: 'STANDARD' | 'AGENT';
  spec: QueueSpec;
  /** Channels with load, in CHANNELS order. */
  channels: Channel[];
  load: Partial<Record<Channel, ChannelLoad>>;
  maxContacts: number;
  /** Routing profiles that serve this queue (indices), per channel. */
  servedBy: Partial<Record<Channel, number[]>>;
}

export interface RoutingProfileWorld {
  index: number;
  id: string;
  arn: string;
  name: string;
  queues: Array<{ queueIndex: number; channels: Channel[]; priority: number }>;
  concurrency: Record<Channel, number>;
  /** Channels this profile takes at all. */
  channels: Channel[];
  agentIndices: number[];
}

export interface ShiftWorld {
  /** Seconds after local midnight; end may exceed 86400 for shifts crossing midnight. */
  start: number;
  end: number;
}

export interface AgentWorld {
  index: number;
  /** Position within its shift and the shift's size: weekends rotate half of each shift. */
  shiftSlot: number;
  shiftSize: number;
  id: string;
  arn: string;
  username: string;
  /** IdentityInfo (SearchUsers): derived from the id (scenario/people.ts). */
  firstName: string;
  lastName: string;
  /** The agent's user hierarchy group: a level-two team of instance.hierarchyGroups. */
  hierarchyGroupIndex: number;
  routingProfileIndex: number;
  shift: ShiftWorld;
}

/** Local time of a contact center: its offset, when its simulated days start and its arrival curve. */
export interface Locale {
  utcOffsetSeconds: number;
  /** Seconds after local midnight at which each simulated day begins. */
  dayStartSeconds: number;
  arrivalCurve: { weekday: number[]; weekend: number[] };
}

export interface InstanceWorld {
  index: number;
  locale: Locale;
  id: string;
  arn: string;
  alias: string;
  region: string;
  createdTime: number;
  spec: InstanceSpec;
  queues: QueueWorld[];
  /** Agent queues (one per agent, type AGENT): listed by ListQueues, never loaded. */
  agentQueues: Array<{ id: string; arn: string; agentIndex: number }>;
  routingProfiles: RoutingProfileWorld[];
  agents: AgentWorld[];
  statuses: AgentStatusWorld[];
  /** User hierarchy: level-one sites, then level-two teams (scenario/people.ts). */
  hierarchyGroups: HierarchyGroupWorld[];
  hierarchyGroupById: Map<string, HierarchyGroupWorld>;
  quotas: Record<Channel, number>;
  callsPerSecond: number;
  missProbability: number;
  queueById: Map<string, QueueWorld>;
  routingProfileById: Map<string, RoutingProfileWorld>;
}

export interface VoiceConnectorWorld {
  index: number;
  id: string;
  arn: string;
  name: string;
  region: string;
  outboundHostName: string;
  createdTimestamp: string;
  spec: VoiceConnectorSpec;
}

export interface VoiceIdDomainWorld {
  index: number;
  id: string;
  arn: string;
  name: string;
  region: string;
  createdAt: number;
  spec: VoiceIdDomainSpec;
}

export interface AppIntegrationWorld {
  index: number;
  arn: string;
  name: string;
  region: string;
  spec: AppIntegrationSpec;
}

export interface World extends Locale {
  scenario: Scenario;
  seed: number;
  accountId: string;
  instances: InstanceWorld[];
  instanceById: Map<string, InstanceWorld>;
  voiceConnectors: VoiceConnectorWorld[];
  voiceIdDomains: VoiceIdDomainWorld[];
  appIntegrations: AppIntegrationWorld[];
}

/** Default service quotas of a new Connect instance (Service Quotas console). */
export const DEFAULT_QUOTAS: Record<Channel, number> = { VOICE: 10, CHAT: 100, TASK: 100, EMAIL: 100 };

/** A typical contact-center day: quiet at night, peaks late morning and early afternoon. */
export const DEFAULT_WEEKDAY_CURVE = [
  0.05, 0.03, 0.02, 0.02, 0.03, 0.08, 0.25, 0.55, 0.9, 1.15, 1.25, 1.2, 1.05, 1.1, 1.15, 1.05, 0.9, 0.7, 0.5, 0.35,
  0.25, 0.18, 0.12, 0.08,
];

export function parseTimeOfDay(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 3600 + m * 60;
}

function arn(region: string, accountId: string, service: string, resource: string): string {
  return `arn:aws:${service}:${region}:${accountId}:${resource}`;
}

export function resolveWorld(scenario: Scenario, seedOverride?: number): World {
  const accountId = scenario.accountId ?? '123456789012';
  const weekday = scenario.arrivalCurve?.weekday ?? DEFAULT_WEEKDAY_CURVE;
  const locale: Locale = {
    utcOffsetSeconds: (scenario.utcOffsetMinutes ?? 0) * 60,
    dayStartSeconds: parseTimeOfDay(scenario.dayStartsAt ?? '03:00'),
    arrivalCurve: { weekday, weekend: scenario.arrivalCurve?.weekend ?? weekday.map((v) => v * 0.4) },
  };
  const instances = scenario.instances.map((spec, index) => resolveInstance(spec, index, accountId, locale));
  return {
    scenario,
    seed: seedOverride ?? scenario.seed ?? 1,
    accountId,
    ...locale,
    instances,
    instanceById: new Map(instances.map((i) => [i.id, i])),
    voiceConnectors: (scenario.voiceConnectors ?? []).map((spec, index) => {
      const id = spec.id ?? alnumFrom(`vc:${spec.name}`, 22).toLowerCase().slice(0, 22);
      return {
        index,
        id,
        arn: arn(spec.region, accountId, 'chime', `vc/${id}`),
        name: spec.name,
        region: spec.region,
        outboundHostName: `${id}.voiceconnector.chime.aws`,
        createdTimestamp: '2025-01-06T09:00:00.000Z',
        spec,
      };
    }),
    voiceIdDomains: (scenario.voiceIdDomains ?? []).map((spec, index) => {
      const id = spec.id ?? alnumFrom(`voiceid:${spec.name}`, 22);
      return {
        index,
        id,
        arn: arn(spec.region, accountId, 'voiceid', `domain/${id}`),
        name: spec.name,
        region: spec.region,
        createdAt: Date.UTC(2025, 0, 6) / 1000,
        spec,
      };
    }),
    appIntegrations: (scenario.appIntegrations ?? []).map((spec, index) => ({
      index,
      arn: arn(
        spec.region,
        accountId,
        'app-integrations',
        `${spec.type === 'DataIntegration' ? 'data-integration' : 'event-integration'}/${spec.name}`
      ),
      name: spec.name,
      region: spec.region,
      spec,
    })),
  };
}

function resolveInstance(spec: InstanceSpec, index: number, accountId: string, scenarioLocale: Locale): InstanceWorld {
  const id = spec.id ?? uuidFrom(`instance:${spec.alias}`);
  const instanceArn = arn(spec.region, accountId, 'connect', `instance/${id}`);
  const sub = (kind: string, childId: string) => `${instanceArn}/${kind}/${childId}`;

  const queues: QueueWorld[] = spec.queues.map((q, qi) => {
    const qid = q.id ?? uuidFrom(`queue:${spec.alias}:${q.name}`);
    const channels = CHANNELS.filter((c) => q.channels[c] !== undefined);
    return {
      index: qi,
      id: qid,
      arn: sub('queue', qid),
      name: q.name,
      type: q.type ?? 'STANDARD',
      spec: q,
      channels,
      load: q.channels,
      maxContacts: q.maxContacts ?? 1000,
      servedBy: {},
    };
  });
  const queueByName = new Map(queues.map((q) => [q.name, q]));

  const agents: AgentWorld[] = [];
  const routingProfiles: RoutingProfileWorld[] = spec.routingProfiles.map((rp, ri) => {
    const rid = rp.id ?? uuidFrom(`routing-profile:${spec.alias}:${rp.name}`);
    const rpQueues = rp.queues.map((entry) => {
      const queue = queueByName.get(entry.queue);
      if (!queue) {
        throw new Error(
          `instances[${index}].routingProfiles[${ri}].queues: no queue named ${JSON.stringify(entry.queue)}`
        );
      }
      return {
        queueIndex: queue.index,
        channels: CHANNELS.filter((c) => entry.channels.includes(c)),
        priority: entry.priority ?? 1,
      };
    });
    const channels = CHANNELS.filter((c) => rpQueues.some((e) => e.channels.includes(c)));
    const concurrency = Object.fromEntries(
      CHANNELS.map((c) => [c, channels.includes(c) ? (rp.concurrency[c] ?? (c === 'CHAT' ? 2 : 1)) : 0])
    ) as Record<Channel, number>;
    const agentIndices: number[] = [];
    for (const shift of rp.shifts) {
      const start = parseTimeOfDay(shift.start);
      let end = parseTimeOfDay(shift.end);
      if (end <= start) {
        end += 86400;
      }
      for (let k = 0; k < shift.agents; k++) {
        const n = agents.length;
        const username = `${rp.name.toLowerCase().replace(/[^a-z0-9]+/g, '.')}.${String(agentIndices.length + 1).padStart(3, '0')}`;
        const aid = uuidFrom(`agent:${spec.alias}:${rp.name}:${agentIndices.length}`);
        agents.push({
          index: n,
          id: aid,
          arn: sub('agent', aid),
          username,
          ...agentName(spec.alias, aid),
          hierarchyGroupIndex: teamOf(n),
          routingProfileIndex: ri,
          shift: { start, end },
          shiftSlot: k,
          shiftSize: shift.agents,
        });
        agentIndices.push(n);
      }
    }
    return {
      index: ri,
      id: rid,
      arn: sub('routing-profile', rid),
      name: rp.name,
      queues: rpQueues,
      concurrency,
      channels,
      agentIndices,
    };
  });

  for (const rp of routingProfiles) {
    for (const entry of rp.queues) {
      for (const c of entry.channels) {
        const list = (queues[entry.queueIndex].servedBy[c] ??= []);
        list.push(rp.index);
      }
    }
  }

  const statusNames = spec.breakStatuses ?? ['Break', 'Lunch', 'Training'];
  const status = (name: string, type: AgentStatusWorld['type']): AgentStatusWorld => {
    const sid = uuidFrom(`agent-status:${spec.alias}:${name}`);
    return { id: sid, arn: sub('agent-state', sid), name, type };
  };
  const statuses = [
    status('Available', 'ROUTABLE'),
    status('Offline', 'OFFLINE'),
    ...statusNames.map((n) => status(n, 'CUSTOM')),
  ];

  const groups = hierarchyGroups(spec.alias, sub);

  return {
    index,
    locale:
      spec.utcOffsetMinutes === undefined
        ? scenarioLocale
        : { ...scenarioLocale, utcOffsetSeconds: spec.utcOffsetMinutes * 60 },
    id,
    arn: instanceArn,
    alias: spec.alias,
    region: spec.region,
    createdTime: spec.createdTime ? Date.parse(spec.createdTime) / 1000 : Date.UTC(2024, 0, 15) / 1000,
    spec,
    queues,
    agentQueues: agents.map((a) => {
      const qid = uuidFrom(`agent-queue:${spec.alias}:${a.id}`);
      return { id: qid, arn: sub('queue', qid), agentIndex: a.index };
    }),
    routingProfiles,
    agents,
    statuses,
    hierarchyGroups: groups,
    hierarchyGroupById: new Map(groups.map((g) => [g.id, g])),
    quotas: { ...DEFAULT_QUOTAS, ...spec.quotas },
    callsPerSecond:
      spec.callsPerSecond ?? Math.max(1, Math.ceil(((spec.quotas?.VOICE ?? DEFAULT_QUOTAS.VOICE) as number) / 10)),
    missProbability: spec.missProbability ?? 0.02,
    queueById: new Map(queues.map((q) => [q.id, q])),
    routingProfileById: new Map(routingProfiles.map((r) => [r.id, r])),
  };
}

/** Seconds of the local day (0..86399) for an instant. */
export function localSecondOfDay(locale: Locale, tSeconds: number): number {
  const local = tSeconds + locale.utcOffsetSeconds;
  return ((local % 86400) + 86400) % 86400;
}

/** True when a window (daily at a local time, or once at an instant) covers the instant. */
export function inWindow(locale: Locale, window: Window, tSeconds: number): boolean {
  const length = window.minutes * 60;
  if (window.at) {
    const start = Date.parse(window.at) / 1000;
    return tSeconds >= start && tSeconds < start + length;
  }
  if (window.daily) {
    const start = parseTimeOfDay(window.daily);
    const sod = localSecondOfDay(locale, tSeconds);
    const into = (sod - start + 86400) % 86400;
    return into < length;
  }
  return false;
}

export { hashString };
