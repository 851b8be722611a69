import { CHANNELS, type Channel } from '../../src/connect/channels';

/** Numeric codes the simulation stores in typed arrays. */

export const CHANNEL_INDEX: Record<Channel, number> = { VOICE: 0, CHAT: 1, TASK: 2, EMAIL: 3 };
export const channelAt = (index: number): Channel => CHANNELS[index];

/** An agent's state as the real-time metrics count it. */
export const AgentState = {
  OFFLINE: 0,
  AVAILABLE: 1,
  ON_CONTACT: 2,
  ACW: 3,
  NPT: 4,
  ERROR: 5,
} as const;

/** What became of a contact. */
export const Outcome = {
  PENDING: 0,
  HANDLED: 1,
  ABANDONED: 2,
  REJECTED_QUOTA: 3,
  REJECTED_RATE: 4,
  REJECTED_QUEUE_FULL: 5,
  CALLBACK_NOT_DIALABLE: 6,
  CALLBACK_SCHEDULED: 7,
} as const;

/** Counted occurrences that become CloudWatch counters. */
export const Occurrence = {
  CALL_STARTED: 0,
  CALL_BREACH: 1,
  CALL_THROTTLED: 2,
  MISSED_CALL: 3,
  CHAT_BREACH: 4,
  CHAT_STARTED: 5,
  TASK_BREACH: 6,
  QUEUE_FULL: 7,
  CALLBACK_NOT_DIALABLE: 8,
  EMAIL_BREACH: 9,
} as const;
export const OCCURRENCE_KINDS = 10;

/** Contact subtypes (Connect's `connect:*` values) and their share within a channel. */
export const SUBTYPES = [
  'connect:Telephony',
  'connect:WebRTC',
  'connect:Chat',
  'connect:SMS',
  'connect:WhatsApp',
  'connect:Task',
  'connect:Email',
] as const;
export const SUBTYPE_MIX: Record<Channel, Array<[number, number]>> = {
  VOICE: [
    [0, 0.9],
    [1, 0.1],
  ],
  CHAT: [
    [2, 0.8],
    [3, 0.15],
    [4, 0.05],
  ],
  TASK: [[5, 1]],
  EMAIL: [[6, 1]],
};
