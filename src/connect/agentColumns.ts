import { CHANNELS, CHANNEL_LABELS, type Channel } from './channels';
import type { FieldType } from './proxyApi/frames';
import type { GrafanaUnit } from './units';

/**
 * The columns of an agents query's answer: one row per agent (fact: gcud-user-data), one frame per query. Written
 * once here so that the proxy's runner writes them and the agent board and its table read them by the same names.
 * Durations are whole seconds at the moment the proxy answered (`answeredAt` in the frame's meta); the start times
 * beside them let a panel tick them on between refreshes.
 */

export interface AgentColumn {
  /** Stable key, for code. */
  key: string;
  /** The field name in the frame. */
  name: string;
  type: FieldType;
  unit?: GrafanaUnit;
  description: string;
}

/** The slots columns: active, available and maximum per channel (ActiveSlotsByChannel, AvailableSlotsByChannel, MaxSlotsByChannel). */
export const SLOT_KINDS = ['active', 'available', 'max'] as const;
export type SlotKind = (typeof SLOT_KINDS)[number];

export const slotColumnKey = (channel: Channel, kind: SlotKind): string => `slots.${channel}.${kind}`;

const SLOT_KIND_LABELS: Record<SlotKind, string> = { active: 'active', available: 'available', max: 'max' };

/**
 * One contact of the `contacts` column (a JSON array, as text: frames carry no object fields here). Times are epoch
 * milliseconds; `queue` is the queue's name when known, else its id.
 */
export interface AgentContactCell {
  contactId: string;
  channel: string;
  state: string;
  initiationMethod?: string;
  queue?: string;
  stateSince?: number;
  connectedToAgentAt?: number;
}

export const AGENT_COLUMNS: readonly AgentColumn[] = [
  {
    key: 'name',
    name: 'Agent',
    type: 'string',
    description: 'First and last name (SearchUsers); the user id when the user is not found (deleted since)',
  },
  {
    key: 'login',
    name: 'Login',
    type: 'string',
    description: 'The Connect user name; empty when the user is not found',
  },
  { key: 'userId', name: 'User id', type: 'string', description: 'User.Id' },
  { key: 'status', name: 'Status', type: 'string', description: 'Status.StatusName, the status set in the CCP' },
  {
    key: 'state',
    name: 'State',
    type: 'string',
    description: 'The state family (available, onContact, afterContactWork, nonProductive, offline, error)',
  },
  {
    key: 'activity',
    name: 'Activity',
    type: 'string',
    description:
      "Connect's Agent Activity (ERROR, MISSED, REJECTED, ON_CONTACT, AFTER_CONTACT_WORK, INCOMING, CUSTOM, AVAILABLE, OFFLINE)",
  },
  { key: 'statusSince', name: 'Status since', type: 'time', description: 'Status.StatusStartTimestamp' },
  { key: 'timeInStatus', name: 'Time in status', type: 'number', unit: 's', description: 'Seconds since Status since' },
  {
    key: 'stateSince',
    name: 'State since',
    type: 'time',
    description:
      'Since when the agent is in this activity: the deciding contacts’ earliest state start, else the status start',
  },
  { key: 'timeInState', name: 'Time in state', type: 'number', unit: 's', description: 'Seconds since State since' },
  {
    key: 'routingProfile',
    name: 'Routing profile',
    type: 'string',
    description: 'RoutingProfile: its name when known, else its id',
  },
  {
    key: 'hierarchyPath',
    name: 'Hierarchy',
    type: 'string',
    description: 'HierarchyPath, level one to five, names joined by " / " (ids where a name is unknown)',
  },
  ...CHANNELS.flatMap((channel) =>
    SLOT_KINDS.map((kind): AgentColumn => ({
      key: slotColumnKey(channel, kind),
      name: `${CHANNEL_LABELS[channel]} ${SLOT_KIND_LABELS[kind]}`,
      type: 'number',
      unit: 'none',
      description: `${kind === 'active' ? 'ActiveSlotsByChannel' : kind === 'available' ? 'AvailableSlotsByChannel' : 'MaxSlotsByChannel'}.${channel} (empty when the routing profile has no ${channel} slots)`,
    }))
  ),
  {
    key: 'contactCount',
    name: 'Contacts',
    type: 'number',
    unit: 'none',
    description: 'How many contacts the agent has',
  },
  {
    key: 'contacts',
    name: 'Contact details',
    type: 'string',
    description:
      'The contacts as a JSON array of AgentContactCell (channel, state, queue, state since, connected to agent at)',
  },
  {
    key: 'nextStatus',
    name: 'Next status',
    type: 'string',
    description: 'NextStatus: the status the agent chose to go to after their contacts',
  },
];

/** The column of a key (throws for an unknown key: a typo in the runner or the panel). */
export function agentColumn(key: string): AgentColumn {
  const column = AGENT_COLUMNS.find((c) => c.key === key);
  if (!column) {
    throw new Error(`no agent column ${key}`);
  }
  return column;
}
