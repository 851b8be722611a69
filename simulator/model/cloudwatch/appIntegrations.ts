import { arrivalMultiplier } from '../curves';
import type { RawDatapoint } from '../metricSource';
import { Rng, hashString } from '../random';
import type { AppIntegrationWorld, World } from '../../scenario/world';
import { countPoint, valuePoint } from './shared';

/**
 * AppIntegrations, minute by minute: a data integration's AppFlow flow runs every 15 minutes and downloads a
 * batch of records; an event integration receives events continuously.
 */
export const DATA_METRICS = ['RecordsDownloaded', 'RecordsFailed', 'DataDownloaded', 'DataProcessingDuration'];
export const EVENT_METRICS = [
  'EventsReceived',
  'EventsProcessed',
  'EventsThrottled',
  'EventsFailed',
  'EventProcessingDuration',
];
const BYTES_PER_RECORD = 2048;

export function appIntegrationPoint(
  world: World,
  integrations: AppIntegrationWorld[],
  metric: string,
  minute: number
): RawDatapoint | undefined {
  const t = minute * 60;
  let total = 0;
  let failed = 0;
  let throttled = 0;
  let durationSum = 0;
  let runs = 0;
  for (const it of integrations) {
    const rng = Rng.of(world.seed, hashString(`appintegration:${it.arn}`), minute);
    const share = it.spec.failureShare ?? 0;
    if (it.spec.type === 'DataIntegration') {
      if (minute % 15 !== 0) {
        continue;
      }
      const records = rng.poisson(it.spec.perHour / 4);
      const bad = rng.poisson(records * share);
      total += records;
      failed += bad;
      durationSum += 4000 + records * rng.uniform(8, 14);
      runs++;
    } else {
      const events = rng.poisson((it.spec.perHour / 60) * arrivalMultiplier(world, t));
      const bad = rng.poisson(events * share);
      const slow = rng.poisson(events * share * 0.2);
      total += events;
      failed += bad;
      throttled += slow;
      durationSum += events * rng.uniform(40, 90);
      runs += events;
    }
  }
  switch (metric) {
    case 'RecordsDownloaded':
      return runs ? countPoint(t, total - failed) : undefined;
    case 'RecordsFailed':
      return countPoint(t, failed);
    case 'DataDownloaded':
      return runs ? countPoint(t, (total - failed) * BYTES_PER_RECORD) : undefined;
    case 'DataProcessingDuration':
    case 'EventProcessingDuration':
      return runs ? { ...valuePoint(t, durationSum / runs), sampleCount: runs, sum: durationSum } : undefined;
    case 'EventsReceived':
      return countPoint(t, total);
    case 'EventsProcessed':
      return countPoint(t, total - failed - throttled);
    case 'EventsThrottled':
      return countPoint(t, throttled);
    case 'EventsFailed':
      return countPoint(t, failed);
  }
  return undefined;
}
