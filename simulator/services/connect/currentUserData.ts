import { CHANNELS } from '../../../src/connect/channels';
import { connectErrors } from '../../protocol/awsError';
import type { OperationSpec } from '../../protocol/types';
import { AgentState } from '../../model/codes';
import { hierarchyPath } from '../../scenario/people';
import type { AgentWorld, InstanceWorld } from '../../scenario/world';
import type { Snapshot } from '../../model/contactCenter';

import { asObject, findInstance, idOf, optionalNumber, optionalString, stringList } from './resolve';
import { decodeToken, encodeToken, fingerprint } from './tokens';

const LIMIT = 100;

/**
 * GetCurrentUserData: POST /metrics/userdata/{InstanceId}. The logged-in agents matching the filters, with their
 * status, slots per channel and contacts at this instant.
 */
export const getCurrentUserData: OperationSpec = {
  service: 'connect',
  name: 'GetCurrentUserData',
  http: { method: 'POST', path: '/metrics/userdata/:InstanceId' },
  handler: (req, sim) => {
    const instance = findInstance(sim, req, req.params.InstanceId);
    const body = asObject(req.body, 'body', true)!;
    const filters = asObject(body.Filters, 'Filters', true)!;
    const queues = stringList(filters.Queues, 'Filters.Queues') ?? [];
    const routingProfiles = stringList(filters.RoutingProfiles, 'Filters.RoutingProfiles') ?? [];
    const agentsFilter = stringList(filters.Agents, 'Filters.Agents') ?? [];
    const hierarchy = stringList(filters.UserHierarchyGroups, 'Filters.UserHierarchyGroups') ?? [];
    const statuses = stringList(filters.AgentStatuses, 'Filters.AgentStatuses') ?? [];
    const maxResults = optionalNumber(body.MaxResults, 'MaxResults');
    const nextToken = optionalString(body.NextToken, 'NextToken');
    const resourceFilters = [
      ['Queues', filters.Queues, queues],
      ['RoutingProfiles', filters.RoutingProfiles, routingProfiles],
      ['Agents', filters.Agents, agentsFilter],
      ['UserHierarchyGroups', filters.UserHierarchyGroups, hierarchy],
    ] as const;
    for (const [name, raw, list] of resourceFilters) {
      // "Array Members: Minimum number of 1 item" (UserHierarchyGroups: "Fixed number of 1 item").
      if (raw !== undefined && raw !== null && list.length === 0) {
        throw connectErrors.invalidParameter(`Filters.${name}: at least 1 value is required (got none)`);
      }
      const max = name === 'UserHierarchyGroups' ? 1 : 100;
      if (list.length > max) {
        throw connectErrors.invalidParameter(
          `Filters.${name}: at most ${max} value${max > 1 ? 's' : ''} (got ${list.length})`
        );
      }
    }
    const contactFilter = asObject(filters.ContactFilter, 'Filters.ContactFilter');
    const contactStates = stringList(contactFilter?.ContactStates, 'Filters.ContactFilter.ContactStates') ?? [];
    if (contactStates.length > CONTACT_STATES.length) {
      throw connectErrors.invalidParameter(
        `Filters.ContactFilter.ContactStates: at most ${CONTACT_STATES.length} values (got ${contactStates.length})`
      );
    }
    for (const state of contactStates) {
      if (!(CONTACT_STATES as readonly string[]).includes(state)) {
        throw connectErrors.invalidParameter(
          `Filters.ContactFilter.ContactStates: ${JSON.stringify(state)} is not one of ${CONTACT_STATES.join(', ')}`
        );
      }
    }
    const given = resourceFilters.filter(([, , list]) => list.length > 0).map(([name]) => name);
    // "A maximum of one filter can be passed from queues, routing profiles, agents, and user hierarchy groups."
    if (given.length > 1) {
      throw connectErrors.invalidRequest(
        `Filters: a maximum of one filter can be passed from Queues, RoutingProfiles, Agents and UserHierarchyGroups (got ${given.join(' and ')})`
      );
    }
    if (given.length === 0) {
      throw connectErrors.invalidParameter('Filters: include Queues, RoutingProfiles, Agents or UserHierarchyGroups');
    }
    if (maxResults !== undefined && (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > LIMIT)) {
      throw connectErrors.invalidParameter(`MaxResults must be a whole number from 1 to ${LIMIT} (got ${maxResults})`);
    }

    const print = fingerprint([instance.id, filters, maxResults ?? null]);
    const nowMs = sim.clock.nowMs();
    const token = nextToken ? decodeToken(nextToken, print, nowMs) : undefined;
    const t = token ? token.t : nowMs / 1000;
    const snapshot = sim.model.snapshot(instance, t);
    const { epoch } = snapshot;

    const queueIds = new Set(queues.map(idOf));
    const rpIds = new Set(routingProfiles.map(idOf));
    const agentIds = new Set(agentsFilter.map(idOf));
    const statusIds = new Set(statuses.map(idOf));
    const groupIds = new Set(hierarchy.map(idOf));
    const stateSet = new Set(contactStates);
    const pathOf = (agent: AgentWorld) => hierarchyPath(instance.hierarchyGroups, agent.hierarchyGroupIndex);
    const contactsOf = (agent: AgentWorld) => agentContacts(instance, snapshot, agent, t);
    const matching = instance.agents.filter((agent) => {
      const k = snapshot.agentSegment[agent.index];
      const tl = epoch.agents[agent.index];
      if (tl.state[k] === AgentState.OFFLINE) {
        return false;
      }
      const rp = instance.routingProfiles[agent.routingProfileIndex];
      if (queueIds.size && !rp.queues.some((e) => queueIds.has(instance.queues[e.queueIndex].id))) {
        return false;
      }
      if (rpIds.size && !rpIds.has(rp.id)) {
        return false;
      }
      if (agentIds.size && !agentIds.has(agent.id)) {
        return false;
      }
      if (statusIds.size && !statusIds.has(instance.statuses[tl.status[k]].id)) {
        return false;
      }
      // A group matches the agents in it and in the groups below it (a site its teams' agents).
      if (groupIds.size && !pathOf(agent).some((g) => groupIds.has(g.id))) {
        return false;
      }
      // ContactFilter: "users who ... have contacts that are in the specified ContactState".
      if (stateSet.size && !contactsOf(agent).some((c) => stateSet.has(c.AgentContactState))) {
        return false;
      }
      return true;
    });

    const offset = token?.o ?? 0;
    const pageSize = maxResults ?? LIMIT;
    const page = matching.slice(offset, offset + pageSize);
    return {
      body: {
        UserDataList: page.map((agent) => {
          const tl = epoch.agents[agent.index];
          const k = snapshot.agentSegment[agent.index];
          const rp = instance.routingProfiles[agent.routingProfileIndex];
          let since = k;
          while (since > 0 && tl.status[since - 1] === tl.status[k] && tl.state[since - 1] !== AgentState.OFFLINE) {
            since--;
          }
          const status = instance.statuses[tl.status[k]];
          const bySlots = (f: (c: number, conc: number) => number) =>
            Object.fromEntries(
              CHANNELS.filter((c) => rp.concurrency[c] > 0).map((c, _i) => [
                c,
                f(CHANNELS.indexOf(c), rp.concurrency[c]),
              ])
            );
          const routable = tl.state[k] !== AgentState.ERROR && tl.status[k] === 0;
          const contacts = contactsOf(agent);
          return {
            User: { Id: agent.id, Arn: agent.arn },
            RoutingProfile: { Id: rp.id, Arn: rp.arn },
            // HierarchyPathReference: Id and Arn per level, no name (ListUserHierarchyGroups has the names).
            HierarchyPath: Object.fromEntries(
              pathOf(agent).map((g, level) => [LEVELS[level], { Id: g.id, Arn: g.arn }])
            ),
            Status: { StatusStartTimestamp: tl.t[since], StatusArn: status.arn, StatusName: status.name },
            AvailableSlotsByChannel: bySlots((c, conc) =>
              !routable ? 0 : tl.channel[k] === 255 ? conc : tl.channel[k] === c ? Math.max(0, conc - tl.slots[k]) : 0
            ),
            MaxSlotsByChannel: bySlots((_c, conc) => conc),
            ActiveSlotsByChannel: bySlots((c) => (tl.channel[k] === c ? tl.slots[k] : 0)),
            Contacts: contacts,
          };
        }),
        ApproximateTotalCount: matching.length,
        ...(offset + pageSize < matching.length
          ? { NextToken: encodeToken({ o: offset + pageSize, f: print, c: token?.c ?? nowMs, t }) }
          : {}),
      },
    };
  },
};

const LEVELS = ['LevelOne', 'LevelTwo', 'LevelThree', 'LevelFour', 'LevelFive'];

/** ContactFilter.ContactStates' valid values (API reference). */
export const CONTACT_STATES = [
  'INCOMING',
  'PENDING',
  'CONNECTING',
  'CONNECTED',
  'CONNECTED_ONHOLD',
  'MISSED',
  'ERROR',
  'ENDED',
  'REJECTED',
] as const;

interface AgentContact {
  ContactId: string;
  Channel: string;
  InitiationMethod: string;
  /** The model has CONNECTING (ringing), CONNECTED and ENDED (after-contact work). */
  AgentContactState: string;
  StateStartTimestamp: number;
  ConnectedToAgentTimestamp?: number;
  Queue: { Id: string; Arn: string };
}

/** The contacts an agent has at instant t: offered and ringing, connected, or in after-contact work. */
function agentContacts(instance: InstanceWorld, snapshot: Snapshot, agent: AgentWorld, t: number): AgentContact[] {
  const { epoch } = snapshot;
  const offers = epoch.assignments;
  const contacts: AgentContact[] = [];
  for (let j = offers.offsets[agent.index]; j < offers.offsets[agent.index + 1]; j++) {
    const id = offers.contact[j];
    const offeredAt = offers.offer[j];
    const ringEnd = offers.ringEnd[j];
    // An offer lasts until the ring ends (missed) or the after-contact work ends (accepted).
    const until = offers.missed[j]
      ? ringEnd
      : Number.isNaN(epoch.contacts.acwEnd[id])
        ? Infinity
        : epoch.contacts.acwEnd[id];
    if (offeredAt > t || t >= until) {
      continue;
    }
    const ringing = t < ringEnd;
    const connected = !ringing && t < epoch.contacts.end[id];
    const q = instance.queues[epoch.contacts.queue[id]];
    contacts.push({
      ContactId: contactId(instance.id, epoch.day, id),
      Channel: CHANNELS[epoch.contacts.channel[id]],
      InitiationMethod: epoch.contacts.isCallback[id]
        ? 'CALLBACK'
        : CHANNELS[epoch.contacts.channel[id]] === 'TASK'
          ? 'API'
          : 'INBOUND',
      AgentContactState: ringing ? 'CONNECTING' : connected ? 'CONNECTED' : 'ENDED',
      StateStartTimestamp: ringing ? offeredAt : connected ? ringEnd : epoch.contacts.end[id],
      ...(ringing ? {} : { ConnectedToAgentTimestamp: ringEnd }),
      Queue: { Id: q.id, Arn: q.arn },
    });
  }
  return contacts;
}

/** A stable contact id for a contact of an epoch. */
export function contactId(instanceId: string, day: number, index: number): string {
  const hex = (n: number, w: number) => (n >>> 0).toString(16).padStart(w, '0').slice(-w);
  return `${instanceId.slice(0, 8)}-${hex(day, 4)}-4${hex(index >>> 16, 3)}-8${hex(index >>> 4, 3)}-${hex(index, 4)}${instanceId.slice(-8)}`;
}
