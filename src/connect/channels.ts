/** Contact channels of Amazon Connect, in the order Connect documents them. */
export const CHANNELS = ['VOICE', 'CHAT', 'TASK', 'EMAIL'] as const;
export type Channel = (typeof CHANNELS)[number];

export const CHANNEL_LABELS: Record<Channel, string> = {
  VOICE: 'Voice',
  CHAT: 'Chat',
  TASK: 'Task',
  EMAIL: 'Email',
};

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && (CHANNELS as readonly string[]).includes(value);
}
