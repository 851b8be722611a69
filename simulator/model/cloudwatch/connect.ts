import { arrivalMultiplier, dayOf } from '../curves';
import { CHANNEL_INDEX, Occurrence } from '../codes';
import type { ContactCenterModel } from '../contactCenter';
import { minuteStats, TICKS_PER_MINUTE, TICK_SECONDS, type MinuteStats } from '../minuteStats';
import type { RawDatapoint, RawSeriesBuilder } from '../metricSource';
import { Rng, hashString, smoothNoise, uuidFrom } from '../random';
import type { InstanceWorld, World } from '../../scenario/world';
import { CONCURRENCY_GROUPS, CONCURRENCY_METRICS, publishedPercentage } from './published';
import { countPoint, poissonAt, valuePoint } from './shared';

const OCCURRENCE_OF: Record<string, number> = {
  CallsPerInterval: Occurrence.CALL_STARTED,
  CallsBreachingConcurrencyQuota: Occurrence.CALL_BREACH,
  ThrottledCalls: Occurrence.CALL_THROTTLED,
  MissedCalls: Occurrence.MISSED_CALL,
  ChatsBreachingActiveChatQuota: Occurrence.CHAT_BREACH,
  SuccessfulChatsPerInterval: Occurrence.CHAT_STARTED,
  TasksBreachingConcurrencyQuota: Occurrence.TASK_BREACH,
};

/** Instance errors that do not depend on the contacts: Poisson counts from the scenario's hourly rates. */
export function instanceErrorPoint(
  world: World,
  instance: InstanceWorld,
  metric: string,
  t: number
): RawDatapoint | undefined {
  const m = t / 60;
  const load = arrivalMultiplier(instance.locale, t);
  switch (metric) {
    case 'MisconfiguredPhoneNumbers':
      return countPoint(
        t,
        poissonAt(
          world.seed,
          `${instance.id}:misconfigured`,
          m,
          ((instance.spec.misconfiguredNumbersPerHour ?? 0) / 60) * load
        )
      );
    case 'CallRecordingUploadError':
      return countPoint(
        t,
        poissonAt(
          world.seed,
          `${instance.id}:recording`,
          m,
          ((instance.spec.recordingUploadErrorsPerHour ?? 0) / 60) * load
        )
      );
  }
  return undefined;
}

/** Flow metrics: errors follow traffic (more contacts, more flow runs, more error branches). */
export function flowPoint(
  world: World,
  instance: InstanceWorld,
  flowIndex: number,
  metric: string,
  t: number
): RawDatapoint | undefined {
  const flow = (instance.spec.flows ?? [])[flowIndex];
  const m = t / 60;
  const load = arrivalMultiplier(instance.locale, t);
  switch (metric) {
    case 'ContactFlowErrors':
      return countPoint(
        t,
        poissonAt(world.seed, `${instance.id}:${flow.name}:errors`, m, ((flow.errorsPerHour ?? 0) / 60) * load)
      );
    case 'ContactFlowFatalErrors':
      return countPoint(
        t,
        poissonAt(world.seed, `${instance.id}:${flow.name}:fatal`, m, ((flow.fatalErrorsPerHour ?? 0) / 60) * load)
      );
    case 'PublicSigningKeyUsage':
      return countPoint(
        t,
        poissonAt(world.seed, `${instance.id}:${flow.name}:key`, m, ((flow.signingKeyUsesPerHour ?? 0) / 60) * load)
      );
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

/**
 * Fills a series of an epoch-based metric for [from, to) (minute-aligned), one simulated day at a time, without an
 * object per point. `pick` reads the day's statistics; `emit` writes the minute's point (or nothing).
 */
export function fillFromEpochs(
  model: ContactCenterModel,
  instance: InstanceWorld,
  from: number,
  to: number,
  emit: (b: RawSeriesBuilder, stats: MinuteStats, minute: number, t: number) => void,
  b: RawSeriesBuilder
): void {
  let t = Math.ceil(from / 60) * 60;
  while (t < to) {
    const epoch = model.epoch(instance, dayOf(instance.locale, t));
    const stats = minuteStats(epoch);
    const dayEnd = Math.min(to, epoch.dayEnd);
    for (; t < dayEnd; t += 60) {
      emit(b, stats, (t - epoch.dayStart) / 60, t);
    }
  }
}

/**
 * An emitter for the Concurrent* metrics and their percentages: six samples a minute (the model's 10-second ticks),
 * or, for the metrics AWS sends every 5 minutes, one sample at each 5-minute mark. Percentages are written the way
 * AWS writes each one (published.ts).
 */
export function concurrencyEmitter(
  instance: InstanceWorld,
  metric: string,
  everySeconds = 60
): ((b: RawSeriesBuilder, stats: MinuteStats, minute: number, t: number) => void) | undefined {
  for (const group of Object.keys(CONCURRENCY_METRICS) as Array<keyof typeof CONCURRENCY_METRICS>) {
    const names = CONCURRENCY_METRICS[group];
    const channel = CONCURRENCY_GROUPS[group];
    const c = CHANNEL_INDEX[channel];
    const limit = instance.quotas[channel];
    const buffer = new Float64Array(TICKS_PER_MINUTE);
    if (metric === names.inUse || metric === names.percentage) {
      const asPercentage = metric === names.percentage;
      const value = (v: number) => (asPercentage ? publishedPercentage(metric, v / limit) : v);
      if (everySeconds > 60) {
        return (b, stats, minute, t) => {
          if (t % everySeconds === 0) {
            b.value(t, value(stats.concurrent[c][minute * TICKS_PER_MINUTE]));
          }
        };
      }
      return (b, stats, minute, t) => {
        const series = stats.concurrent[c];
        for (let i = 0; i < TICKS_PER_MINUTE; i++) {
          buffer[i] = value(series[minute * TICKS_PER_MINUTE + i]);
        }
        b.addSamples(t, buffer);
      };
    }
  }
  return undefined;
}

/** An emitter for the queue metrics. */
export function queueEmitter(
  queueIndex: number,
  metric: string
): ((b: RawSeriesBuilder, stats: MinuteStats, minute: number, t: number) => void) | undefined {
  const buffer = new Float64Array(TICKS_PER_MINUTE);
  switch (metric) {
    case 'QueueSize':
      return (b, stats, minute, t) => {
        const series = stats.queueSize[queueIndex];
        for (let i = 0; i < TICKS_PER_MINUTE; i++) {
          buffer[i] = series[minute * TICKS_PER_MINUTE + i];
        }
        b.addSamples(t, buffer);
      };
    case 'LongestQueueWaitTime':
      return (b, stats, minute, t) => b.value(t, Math.floor(stats.longestWait[queueIndex][minute]));
    case 'QueueCapacityExceededError':
    case 'CallBackNotDialableNumber': {
      const kind = metric === 'QueueCapacityExceededError' ? Occurrence.QUEUE_FULL : Occurrence.CALLBACK_NOT_DIALABLE;
      return (b, stats, minute, t) => {
        const n = stats.queueCounts.get(kind)![queueIndex][minute];
        if (n > 0) {
          b.value(t, n);
        }
      };
    }
  }
  return undefined;
}

/** An emitter for instance counters kept by the epoch (calls started, breaches, missed, throttled...). */
export function counterEmitter(
  metric: string
): ((b: RawSeriesBuilder, stats: MinuteStats, minute: number, t: number) => void) | undefined {
  const kind = OCCURRENCE_OF[metric];
  if (kind === undefined) {
    return undefined;
  }
  return (b, stats, minute, t) => {
    const n = stats.counts[kind][minute];
    if (n > 0) {
      b.value(t, n);
    }
  };
}
