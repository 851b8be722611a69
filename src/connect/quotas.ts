import type { Channel } from './channels';
import { findMetric, type PercentScale } from './cloudwatchCatalog';

/**
 * Concurrency quotas per channel, read from CloudWatch (facts register: quota-scales, quota-derivation). Each channel
 * has an "in use" metric, a percentage metric and, for some, a breach counter. AWS does not publish the quota
 * itself: it follows from in-use and percentage, each percentage read in its own scale (the catalogue's
 * percentScale: calls 0..1, chats, tasks and emails 0..100).
 */
export interface ChannelQuotaMetrics {
  channel: Channel;
  /** The MetricGroup values AWS's pages name for the channel, the newest page's first (emails: two spellings). */
  metricGroups: string[];
  inUse: string;
  percentage: string;
  breaches?: string;
  /** Contacts rejected for other capacity reasons (voice: call-rate throttling). */
  throttled?: string;
}

export const CHANNEL_QUOTAS: Record<Channel, ChannelQuotaMetrics> = {
  VOICE: {
    channel: 'VOICE',
    metricGroups: ['VoiceCalls'],
    inUse: 'ConcurrentCalls',
    percentage: 'ConcurrentCallsPercentage',
    breaches: 'CallsBreachingConcurrencyQuota',
    throttled: 'ThrottledCalls',
  },
  CHAT: {
    channel: 'CHAT',
    metricGroups: ['Chats'],
    inUse: 'ConcurrentActiveChats',
    percentage: 'ConcurrentActiveChatsPercentage',
    breaches: 'ChatsBreachingActiveChatQuota',
  },
  TASK: {
    channel: 'TASK',
    metricGroups: ['Tasks'],
    inUse: 'ConcurrentTasks',
    percentage: 'ConcurrentTasksPercentage',
    breaches: 'TasksBreachingConcurrencyQuota',
  },
  // fact: email-metric-group
  EMAIL: {
    channel: 'EMAIL',
    metricGroups: ['Emails', 'Email'],
    inUse: 'ConcurrentEmails',
    percentage: 'ConcurrentEmailsPercentage',
  },
};

/** The scale of a channel's percentage metric, from the catalogue (the one place it is written). */
export function percentScaleOf(channel: Channel): PercentScale {
  const scale = findMetric('AWS/Connect', CHANNEL_QUOTAS[channel].percentage)?.percentScale;
  if (!scale) {
    throw new Error(`catalogue: ${CHANNEL_QUOTAS[channel].percentage} has no percentScale`);
  }
  return scale;
}

/** How often AWS publishes the channel's concurrency metrics, in seconds (tasks and emails: every 5 minutes). */
export function quotaFrequencySeconds(channel: Channel): number {
  const m = CHANNEL_QUOTAS[channel];
  return Math.max(
    findMetric('AWS/Connect', m.inUse)?.frequencySeconds ?? 60,
    findMetric('AWS/Connect', m.percentage)?.frequencySeconds ?? 60
  );
}

/**
 * Whether AWS publishes the percentage rounded to a whole number: "Output displays as an integer" is documented for
 * ConcurrentActiveChatsPercentage only (fact: quota-scales). Other percentages are taken as exact unless their
 * value shows otherwise (quotaInterval).
 */
export function integerPercentage(channel: Channel): boolean {
  return channel === 'CHAT';
}

/** A percentage metric's value as a 0..1 ratio, whatever its scale. */
export function percentageToRatio(value: number, scale: PercentScale): number {
  return scale === 'percent' ? value / 100 : value;
}

/** One minute (or period) of a channel: contacts in use and the percentage metric as published. */
export interface QuotaSample {
  time: number;
  inUse: number;
  percentage: number;
}

export interface QuotaEstimate {
  /** The quota (whole contacts). */
  quota: number;
  /** The quota lies in [low, high] given how precisely the percentage was published. */
  low: number;
  high: number;
  /** The sample it was derived from (the most precise one). */
  from: QuotaSample;
}

export type QuotaDerivation = ({ ok: true } & QuotaEstimate) | { ok: false; reason: string };

/** Digits after the decimal point of a number as written (0.25 -> 2; 30 -> 0), at most 12. */
function decimals(value: number): number {
  const text = String(value);
  if (/e-/i.test(text)) {
    return 12;
  }
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : Math.min(12, text.length - dot - 1);
}

/**
 * The quotas one sample allows. With the percentage exact, in-use ÷ ratio is the quota (AWS's worked examples: calls
 * 30 at 0.3 -> 100; chats 45 at 30 -> 150; tasks 20 at 50 -> 40). A percentage published rounded (chats: whole
 * percent; any other value whose quotient is not a whole number) only bounds it: 1 chat at 1 % is a quota from 67
 * to 200.
 */
export function quotaInterval(
  sample: QuotaSample,
  scale: PercentScale,
  integer: boolean
): { estimate: number; low: number; high: number } | undefined {
  const ratio = percentageToRatio(sample.percentage, scale);
  if (!(sample.inUse > 0) || !(ratio > 0) || !Number.isFinite(ratio)) {
    return undefined;
  }
  const exact = sample.inUse / ratio;
  const estimate = Math.round(exact);
  if (!integer && Math.abs(exact - estimate) <= 1e-6 * Math.max(1, exact)) {
    return { estimate, low: estimate, high: estimate };
  }
  // Rounded to whole percent (chats) or to the digits it was published with.
  const halfStep = (integer ? 0.5 : 0.5 * 10 ** -decimals(sample.percentage)) / (scale === 'percent' ? 100 : 1);
  const lowRatio = ratio - halfStep;
  const low = Math.ceil(sample.inUse / (ratio + halfStep) - 1e-9);
  const high = lowRatio > 0 ? Math.floor(sample.inUse / lowRatio + 1e-9) : Number.POSITIVE_INFINITY;
  return low <= high ? { estimate, low, high } : { estimate, low: estimate, high: estimate };
}

/**
 * The quota from the samples of a range (fact: quota-derivation): the most precise sample decides (the narrowest
 * interval: the busiest minute of a whole-percent metric), narrowed by every other sample that agrees with it (a
 * sample that does not agree comes from before or after a quota change).
 * When it cannot be derived, says why.
 */
export function deriveQuota(samples: QuotaSample[], channel: Channel): QuotaDerivation {
  const m = CHANNEL_QUOTAS[channel];
  const scale = percentScaleOf(channel);
  const integer = integerPercentage(channel);
  const busy = samples.filter((s) => s.inUse > 0);
  if (busy.length === 0) {
    return {
      ok: false,
      reason: `nothing was in use in the range (${m.inUse} 0 or absent): a quota shows only under load`,
    };
  }
  const intervals = busy
    .map((s) => ({ sample: s, interval: quotaInterval(s, scale, integer) }))
    .filter((x): x is { sample: QuotaSample; interval: NonNullable<ReturnType<typeof quotaInterval>> } =>
      Boolean(x.interval)
    );
  if (intervals.length === 0) {
    return {
      ok: false,
      reason: `${m.percentage} is 0 or absent whenever ${m.inUse} is above 0 (a share too small to show)`,
    };
  }
  const best = intervals.reduce((a, b) => {
    const wa = a.interval.high - a.interval.low;
    const wb = b.interval.high - b.interval.low;
    return wb < wa || (wb === wa && b.sample.time > a.sample.time) ? b : a;
  });
  let low = best.interval.low;
  let high = best.interval.high;
  for (const { interval } of intervals) {
    if (interval.low <= high && interval.high >= low) {
      low = Math.max(low, interval.low);
      high = Math.min(high, interval.high);
    }
  }
  // AWS's own arithmetic (in use ÷ percentage) of the most precise sample, kept within what every agreeing sample
  // allows: 45 chats at "30 %" say 150 (148 to 152: 150 ± 2), as a NOC that knows its quota expects; 1 chat at "1 %"
  // says 100, anywhere from 67 to 200 (100 ± 100), which says loudly how little it knows.
  const quota = Math.min(high, Math.max(low, best.interval.estimate));
  if (!(quota >= 1) || !Number.isFinite(quota)) {
    const r = best.sample;
    return {
      ok: false,
      reason: `${r.inUse} in use at ${m.percentage} ${r.percentage} gives a quota of ${r.inUse / percentageToRatio(r.percentage, scale)}, not a number of contacts: the percentage is not in the ${scale === 'percent' ? '0-100' : '0-1'} scale AWS documents`,
    };
  }
  return { ok: true, quota, low, high: Number.isFinite(high) ? high : quota, from: best.sample };
}

/** Headroom: how many more contacts fit under the quota (never negative). */
export function headroom(inUse: number, quota: number | undefined): number | undefined {
  return quota === undefined ? undefined : Math.max(0, quota - inUse);
}
