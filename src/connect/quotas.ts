import type { Channel } from './channels';
import type { PercentScale } from './cloudwatchCatalog';

/**
 * Concurrency quotas per channel, read from CloudWatch. Each channel has an "in use" metric, a percentage
 * metric (whose scale differs per channel, seed 000) and, for some, a breach counter.
 */
export interface ChannelQuotaMetrics {
  channel: Channel;
  metricGroup: 'VoiceCalls' | 'Chats' | 'Tasks' | 'Emails';
  inUse: string;
  percentage: string;
  /** 'fraction': 0.25 means 25 %; 'percent': 25 means 25 %. */
  scale: PercentScale;
  breaches?: string;
  /** Contacts rejected for other capacity reasons (voice: call-rate throttling). */
  throttled?: string;
}

export const CHANNEL_QUOTAS: Record<Channel, ChannelQuotaMetrics> = {
  VOICE: {
    channel: 'VOICE',
    metricGroup: 'VoiceCalls',
    inUse: 'ConcurrentCalls',
    percentage: 'ConcurrentCallsPercentage',
    scale: 'fraction',
    breaches: 'CallsBreachingConcurrencyQuota',
    throttled: 'ThrottledCalls',
  },
  CHAT: {
    channel: 'CHAT',
    metricGroup: 'Chats',
    inUse: 'ConcurrentActiveChats',
    percentage: 'ConcurrentActiveChatsPercentage',
    scale: 'percent',
    breaches: 'ChatsBreachingActiveChatQuota',
  },
  TASK: {
    channel: 'TASK',
    metricGroup: 'Tasks',
    inUse: 'ConcurrentTasks',
    percentage: 'ConcurrentTasksPercentage',
    scale: 'fraction',
    breaches: 'TasksBreachingConcurrencyQuota',
  },
  EMAIL: {
    channel: 'EMAIL',
    metricGroup: 'Emails',
    inUse: 'ConcurrentEmails',
    percentage: 'ConcurrentEmailsPercentage',
    scale: 'fraction',
  },
};

/** A percentage metric's value as a 0..1 ratio, whatever its scale. */
export function percentageToRatio(value: number, scale: PercentScale): number {
  return scale === 'percent' ? value / 100 : value;
}

/** The value a percentage metric carries on the wire for a usage ratio (0..1), in its own scale. */
export function ratioToPercentage(ratio: number, scale: PercentScale): number {
  // ConcurrentActiveChatsPercentage "displays as an integer" (seed 000).
  return scale === 'percent' ? Math.round(ratio * 100) : ratio;
}

/**
 * The quota AWS applies, derived from in-use and percentage (seed 000: quota = in use / percentage, with the
 * percentage in its ratio form). Undefined when nothing is in use: the ratio is then 0 and says nothing.
 */
export function deriveQuota(inUse: number, percentageValue: number, scale: PercentScale): number | undefined {
  const ratio = percentageToRatio(percentageValue, scale);
  if (!(inUse > 0) || !(ratio > 0)) {
    return undefined;
  }
  return Math.round(inUse / ratio);
}

/** Headroom: how many more contacts fit under the quota (never negative). */
export function headroom(inUse: number, quota: number | undefined): number | undefined {
  return quota === undefined ? undefined : Math.max(0, quota - inUse);
}
