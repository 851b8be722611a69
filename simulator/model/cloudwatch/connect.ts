import { CHANNELS, type Channel } from '../../../src/connect/channels';
import { CHANNEL_QUOTAS, ratioToPercentage } from '../../../src/connect/quotas';
import { arrivalMultiplier, dayOf } from '../curves';
import { CHANNEL_INDEX, Occurrence } from '../codes';
import type { ContactCenterModel } from '../contactCenter';
import { minuteStats, TICKS_PER_MINUTE, TICK_SECONDS, type MinuteStats } from '../minuteStats';
import type { RawDatapoint } from '../metricSource';
import { Rng, hashString, smoothNoise, uuidFrom } from '../random';
import type { InstanceWorld, World } from '../../scenario/world';
import { countPoint, poissonAt, samplesPoint, valuePoint } from './shared';

/** Reads the per-minute statistics of the epoch an instant falls in. */
function statsAt(model: ContactCenterModel, instance: InstanceWorld, t: number): { stats: MinuteStats; minute: number } {
  const epoch = model.epoch(instance, dayOf(instance.locale, t));
  return { stats: minuteStats(epoch), minute: Math.floor((t - epoch.dayStart) / 60) };
}

function ticks(series: Int32Array, minute: number, map: (v: number) => number = (v) => v): number[] {
  const out: number[] = new Array(TICKS_PER_MINUTE);
  for (let i = 0; i < TICKS_PER_MINUTE; i++) {
    out[i] = map(series[minute * TICKS_PER_MINUTE + i]);
  }
  return out;
}

const OCCURRENCE_OF: Record<string, number> = {
  CallsPerInterval: Occurrence.CALL_STARTED,
  CallsBreachingConcurrencyQuota: Occurrence.CALL_BREACH,
  ThrottledCalls: Occurrence.CALL_THROTTLED,
  MissedCalls: Occurrence.MISSED_CALL,
  ChatsBreachingActiveChatQuota: Occurrence.CHAT_BREACH,
  SuccessfulChatsPerInterval: Occurrence.CHAT_STARTED,
  TasksBreachingConcurrencyQuota: Occurrence.TASK_BREACH,
};

/** Instance-level metrics (MetricGroup VoiceCalls, Chats, Tasks, Emails). */
export function instancePoint(model: ContactCenterModel, instance: InstanceWorld, metric: string, t: number): RawDatapoint | undefined {
  const { stats, minute } = statsAt(model, instance, t);
  for (const channel of Object.keys(CHANNEL_QUOTAS) as Channel[]) {
    const quota = CHANNEL_QUOTAS[channel];
    const series = stats.concurrent[CHANNEL_INDEX[channel]];
    if (metric === quota.inUse) {
      return samplesPoint(t, ticks(series, minute));
    }
    if (metric === quota.percentage) {
      const limit = instance.quotas[channel];
      return samplesPoint(t, ticks(series, minute, (v) => ratioToPercentage(v / limit, quota.scale)));
    }
  }
  const kind = OCCURRENCE_OF[metric];
  if (kind !== undefined) {
    return countPoint(t, stats.counts[kind][minute]);
  }
  const seed = model.world.seed;
  const m = t / 60;
  switch (metric) {
    case 'MisconfiguredPhoneNumbers':
      return countPoint(t, poissonAt(seed, `${instance.id}:misconfigured`, m, ((instance.spec.misconfiguredNumbersPerHour ?? 0) / 60) * arrivalMultiplier(instance.locale, t)));
    case 'CallRecordingUploadError':
      return countPoint(t, poissonAt(seed, `${instance.id}:recording`, m, ((instance.spec.recordingUploadErrorsPerHour ?? 0) / 60) * arrivalMultiplier(instance.locale, t)));
  }
  return undefined;
}

/** Queue metrics (MetricGroup Queue, QueueName). */
export function queuePoint(model: ContactCenterModel, instance: InstanceWorld, queueIndex: number, metric: string, t: number): RawDatapoint | undefined {
  const { stats, minute } = statsAt(model, instance, t);
  switch (metric) {
    case 'QueueSize':
      return samplesPoint(t, ticks(stats.queueSize[queueIndex], minute));
    case 'LongestQueueWaitTime':
      return valuePoint(t, Math.floor(stats.longestWait[queueIndex][minute]));
    case 'QueueCapacityExceededError':
      return countPoint(t, stats.queueCounts.get(Occurrence.QUEUE_FULL)![queueIndex][minute]);
    case 'CallBackNotDialableNumber':
      return countPoint(t, stats.queueCounts.get(Occurrence.CALLBACK_NOT_DIALABLE)![queueIndex][minute]);
  }
  return undefined;
}

/** Flow metrics: errors follow traffic (more contacts, more flow runs, more error branches). */
export function flowPoint(world: World, instance: InstanceWorld, flowIndex: number, metric: string, t: number): RawDatapoint | undefined {
  const flow = (instance.spec.flows ?? [])[flowIndex];
  const m = t / 60;
  const load = arrivalMultiplier(instance.locale, t);
  switch (metric) {
    case 'ContactFlowErrors':
      return countPoint(t, poissonAt(world.seed, `${instance.id}:${flow.name}:errors`, m, ((flow.errorsPerHour ?? 0) / 60) * load));
    case 'ContactFlowFatalErrors':
      return countPoint(t, poissonAt(world.seed, `${instance.id}:${flow.name}:fatal`, m, ((flow.fatalErrorsPerHour ?? 0) / 60) * load));
    case 'PublicSigningKeyUsage':
      return countPoint(t, poissonAt(world.seed, `${instance.id}:${flow.name}:key`, m, ((flow.signingKeyUsesPerHour ?? 0) / 60) * load));
  }
  return undefined;
}

/** ToInstancePacketLossRate: a ratio (0..1) every 10 seconds, wandering around the scenario's mean. */
export function packetLossPoint(world: World, instance: InstanceWorld, t: number): RawDatapoint {
  const mean = instance.spec.agentPacketLoss ?? 0.002;
  const key = hashString(`${instance.id}:packetloss`);
  const jitter = Rng.of(world.seed, key, t / TICK_SECONDS).uniform(-0.3, 0.3);
  const v = Math.min(1, Math.max(0, mean * (1 + 0.6 * smoothNoise(key, t, 900) + jitter)));
  return valuePoint(t, Math.round(v * 1e5) / 1e5);
}

/** Expired tasks over the retention window: each gets its own ContactId dimension, like AWS does. */
export interface TaskExpiry {
  contactId: string;
  expiredAt: number;
  warnedAt: number;
}

export function taskExpiries(world: World, instance: InstanceWorld, from: number, to: number): TaskExpiry[] {
  const perDay = instance.spec.tasksExpiredPerDay ?? 0;
  if (perDay <= 0 || !instance.queues.some((q) => q.channels.includes('TASK'))) {
    return [];
  }
  const out: TaskExpiry[] = [];
  for (let day = Math.floor(from / 86400) - 1; day <= Math.floor(to / 86400); day++) {
    const rng = Rng.of(world.seed, hashString(`${instance.id}:task-expiry`), day);
    const n = rng.poisson(perDay);
    for (let k = 0; k < n; k++) {
      const expiredAt = Math.floor((day * 86400 + rng.next() * 86400) / 60) * 60;
      // The warning comes at 6 days 22 hours, two hours before the 7-day expiry.
      const warnedAt = expiredAt - 2 * 3600;
      if (warnedAt < to && expiredAt >= from) {
        out.push({ contactId: uuidFrom(`${instance.id}:task:${day}:${k}`), expiredAt, warnedAt });
      }
    }
  }
  return out;
}

export const CHANNEL_GROUPS: Record<string, Channel> = { VoiceCalls: 'VOICE', Chats: 'CHAT', Tasks: 'TASK', Emails: 'EMAIL' };
export { CHANNELS };
