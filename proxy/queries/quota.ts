import type { MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import { CHANNELS, type Channel } from '../../src/connect/channels';
import type { QuotaQuery } from '../../src/connect/proxyApi';
import {
  CHANNEL_QUOTAS,
  deriveQuota,
  headroom,
  percentageToRatio,
  percentScaleOf,
  quotaFrequencySeconds,
  type QuotaSample,
} from '../../src/connect/quotas';
import type { AwsContext } from '../aws/context';
import type { ProxyContext } from '../context';
import { frame, type Column, type DataFrameJSON, type Notice } from '../frames';
import { emptyQuotaNotice } from './emptyAnswers';
import { getMetricData, type SeriesData } from './metricData';
import { autoPeriod } from './period';
import { staleNotice, type TimeRange } from './common';
import { eachQuery, type QueryRunner } from './runner';

/**
 * quota queries: concurrency against the instance's service quotas per channel, from the Concurrent* metrics of
 * AWS/Connect. The quota itself is not published: it is derived from in-use and percentage (src/connect/quotas.ts),
 * from the most precise period of the range, and said to be what it is: how precise, and why it is missing when it
 * cannot be derived. "Now" is the last period of the range, "peak" the busiest one.
 */

export interface ChannelQuota {
  channel: Channel;
  /** In use in the last period of the range (now, for a range that ends now). */
  inUse: number | null;
  peakInUse: number | null;
  quota: number | null;
  /** How far the quota may be off: it lies within quota ± this (0: exact). */
  quotaPrecision: number | null;
  /** Share of the quota in use in the last period and at the peak, 0..100. */
  usedPercent: number | null;
  peakUsedPercent: number | null;
  headroom: number | null;
  peakHeadroom: number | null;
  breaches: number | null;
  throttled: number | null;
  /** Why the quota is missing (undefined when derived). */
  quotaProblem?: string;
  /** For the time series format. */
  timestamps: number[];
  inUseSeries: number[];
  usedSeries: number[];
}

/** The CloudWatch query ids of a channel's metrics; one in-use and percentage pair per MetricGroup spelling. */
export function quotaIds(refId: string, channel: Channel) {
  const base = `quota_${refId.toLowerCase().replace(/[^a-z0-9_]/g, '_')}_${channel.toLowerCase()}`;
  return {
    inUse: (g: number) => `${base}_inuse${g || ''}`,
    pct: (g: number) => `${base}_pct${g || ''}`,
    breaches: `${base}_breaches`,
    throttled: `${base}_throttled`,
  };
}

/** The in-use and percentage series of the first MetricGroup spelling that has data (emails have two). */
function channelSeries(data: Map<string, SeriesData>, refId: string, channel: Channel) {
  const id = quotaIds(refId, channel);
  for (let g = 0; g < CHANNEL_QUOTAS[channel].metricGroups.length; g++) {
    const inUse = data.get(id.inUse(g));
    if (inUse && inUse.values.length > 0) {
      return { inUse, pct: data.get(id.pct(g)) };
    }
  }
  return undefined;
}

export function summarise(channel: Channel, data: Map<string, SeriesData>, refId: string): ChannelQuota | undefined {
  const id = quotaIds(refId, channel);
  const found = channelSeries(data, refId, channel);
  if (!found) {
    return undefined;
  }
  const { inUse, pct } = found;
  const scale = percentScaleOf(channel);
  const pctAt = new Map((pct?.timestamps ?? []).map((t, i) => [t, pct!.values[i]]));
  const samples: QuotaSample[] = inUse.timestamps
    .map((time, i) => ({ time, inUse: inUse.values[i], percentage: pctAt.get(time) }))
    .filter((s): s is QuotaSample => s.percentage !== undefined);
  const derived = deriveQuota(samples, channel);
  const quota = derived.ok ? derived.quota : undefined;
  // Without a quota, the share used is AWS's own percentage of that period.
  const usedAt = (time: number, n: number): number | null =>
    quota ? (100 * n) / quota : pctAt.has(time) ? percentageToRatio(pctAt.get(time)!, scale) * 100 : null;

  const lastIndex = inUse.values.length - 1;
  const last = inUse.values[lastIndex];
  const peakIndex = inUse.values.reduce((best, v, i) => (v >= inUse.values[best] ? i : best), 0);
  const peak = inUse.values[peakIndex];
  const sum = (s: SeriesData | undefined) => (s ? s.values.reduce((a, b) => a + b, 0) : null);
  return {
    channel,
    inUse: last,
    peakInUse: peak,
    quota: quota ?? null,
    quotaPrecision: derived.ok ? Math.max(derived.quota - derived.low, derived.high - derived.quota) : null,
    usedPercent: usedAt(inUse.timestamps[lastIndex], last),
    peakUsedPercent: usedAt(inUse.timestamps[peakIndex], peak),
    headroom: headroom(last, quota) ?? null,
    peakHeadroom: headroom(peak, quota) ?? null,
    breaches: CHANNEL_QUOTAS[channel].breaches ? (sum(data.get(id.breaches)) ?? 0) : null,
    throttled: CHANNEL_QUOTAS[channel].throttled ? (sum(data.get(id.throttled)) ?? 0) : null,
    ...(derived.ok ? {} : { quotaProblem: derived.reason }),
    timestamps: inUse.timestamps,
    inUseSeries: inUse.values,
    usedSeries: inUse.timestamps.map((t, i) => usedAt(t, inUse.values[i]) ?? NaN),
  };
}

/** One period for a channel: the panel's, never finer than AWS publishes the channel's metrics (tasks: 5 min). */
export function quotaPeriod(channel: Channel, range: TimeRange, nowMs: number): number {
  return autoPeriod(
    (range.toMs - range.fromMs) / 1000,
    range.maxDataPoints,
    (nowMs - range.fromMs) / 1000,
    quotaFrequencySeconds(channel)
  );
}

export async function runQuota(
  ctx: ProxyContext,
  aws: AwsContext,
  q: QuotaQuery,
  range: TimeRange
): Promise<DataFrameJSON[]> {
  const region = q.region ?? aws.defaultRegion;
  const channels: Channel[] = q.channels && q.channels.length > 0 ? q.channels : [...CHANNELS];
  const queries: MetricDataQuery[] = [];
  const periods = new Map<Channel, number>();
  for (const channel of channels) {
    const m = CHANNEL_QUOTAS[channel];
    const id = quotaIds(q.refId, channel);
    const period = quotaPeriod(channel, range, ctx.dataClock());
    periods.set(channel, period);
    const stat = (Id: string, MetricName: string, Stat: string, metricGroup: string) =>
      queries.push({
        Id,
        MetricStat: {
          Metric: {
            Namespace: 'AWS/Connect',
            MetricName,
            Dimensions: [
              { Name: 'InstanceId', Value: q.instanceId },
              { Name: 'MetricGroup', Value: metricGroup },
            ],
          },
          Period: period,
          Stat,
        },
        ReturnData: true,
      });
    m.metricGroups.forEach((group, g) => {
      stat(id.inUse(g), m.inUse, 'Maximum', group);
      stat(id.pct(g), m.percentage, 'Maximum', group);
    });
    if (m.breaches) {
      stat(id.breaches, m.breaches, 'Sum', m.metricGroups[0]);
    }
    if (m.throttled) {
      stat(id.throttled, m.throttled, 'Sum', m.metricGroups[0]);
    }
  }
  const longest = Math.max(...periods.values()) * 1000;
  const startMs = Math.floor(range.fromMs / longest) * longest;
  const endMs = Math.ceil(range.toMs / 60_000) * 60_000;
  const data = await getMetricData(ctx, aws, region, startMs, endMs, queries);
  const rows = channels
    .map((c) => summarise(c, data.series, q.refId))
    .filter((r): r is ChannelQuota => r !== undefined);
  const notices: Notice[] = [];
  const missing = channels.filter((c) => !rows.some((r) => r.channel === c));
  if (rows.length === 0 && !data.stale) {
    // Nothing at all: an instance these credentials do not see is the query's error; otherwise say why it is empty.
    notices.push(await emptyQuotaNotice(ctx, aws, region, q.instanceId));
  } else if (q.channels && q.channels.length > 0 && missing.length > 0) {
    notices.push({ severity: 'info', text: `No concurrency data for ${missing.join(', ')} in this time range.` });
  }
  for (const r of rows) {
    if (r.quotaProblem) {
      notices.push({ severity: 'info', text: `The ${r.channel} quota cannot be derived: ${r.quotaProblem}.` });
    }
  }
  // An old answer served because CloudWatch failed or was slow says so, with its age.
  const staleMeta = data.stale ? { stale: true, dataAgeMs: data.stale.ageMs } : {};
  if (data.stale) {
    notices.unshift(staleNotice(data.stale.ageMs, data.stale.reasons));
  }
  const period = Math.min(...periods.values());
  const meta = {
    custom: { period, periods: Object.fromEntries(periods), ...staleMeta },
    ...(notices.length ? { notices } : {}),
  };

  if (q.format === 'timeseries') {
    return rows.map((r) =>
      frame(
        q.refId,
        r.channel,
        [
          { field: { name: 'Time', type: 'time' }, values: r.timestamps },
          {
            field: {
              name: 'In use',
              type: 'number',
              labels: { channel: r.channel },
              config: { unit: 'short', decimals: 0 },
            },
            values: r.inUseSeries,
          },
          {
            field: {
              name: 'Quota',
              type: 'number',
              labels: { channel: r.channel },
              config: { unit: 'short', decimals: 0 },
            },
            values: r.timestamps.map(() => r.quota),
          },
          {
            field: {
              name: 'Used',
              type: 'number',
              labels: { channel: r.channel },
              config: { unit: 'percent', min: 0, max: 100, decimals: 1 },
            },
            values: r.usedSeries.map((v) => (Number.isNaN(v) ? null : v)),
          },
        ],
        meta
      )
    );
  }
  const col = (
    name: string,
    description: string,
    values: unknown[],
    config: Record<string, unknown> = { unit: 'short', decimals: 0 }
  ): Column => ({
    field: {
      name,
      type: typeof values.find((v) => v !== null) === 'string' ? 'string' : 'number',
      config: { ...config, description },
    },
    values,
  });
  const percent = { unit: 'percent', min: 0, max: 100, decimals: 1 };
  return [
    frame(
      q.refId,
      undefined,
      [
        { field: { name: 'Channel', type: 'string' }, values: rows.map((r) => r.channel) },
        col(
          'In use',
          'Contacts in use in the last period of the range (now, when the range ends now).',
          rows.map((r) => r.inUse)
        ),
        col(
          'Peak in use',
          'The most contacts in use in any period of the range.',
          rows.map((r) => r.peakInUse)
        ),
        col(
          'Quota',
          'The concurrency quota, derived from in use and the percentage metric (AWS does not publish it).',
          rows.map((r) => r.quota)
        ),
        col(
          'Quota ±',
          'How far the derived quota may be off (0: exact; larger when the percentage is published rounded).',
          rows.map((r) => r.quotaPrecision)
        ),
        col(
          'Used',
          'Share of the quota in use in the last period of the range.',
          rows.map((r) => r.usedPercent),
          percent
        ),
        col(
          'Peak used',
          'Share of the quota in use at the peak of the range.',
          rows.map((r) => r.peakUsedPercent),
          percent
        ),
        col(
          'Headroom',
          'Contacts that still fit under the quota in the last period of the range.',
          rows.map((r) => r.headroom)
        ),
        col(
          'Headroom at peak',
          'Contacts that still fitted under the quota at the peak of the range.',
          rows.map((r) => r.peakHeadroom)
        ),
        col(
          'Breaches',
          'Contacts refused for going over the quota in the range.',
          rows.map((r) => r.breaches)
        ),
        col(
          'Throttled',
          'Calls refused by the call-rate quota in the range (voice only).',
          rows.map((r) => r.throttled)
        ),
      ],
      { preferredVisualisationType: 'table', ...meta }
    ),
  ];
}

/** The runner of quota queries: each on its own. */
export const quotaRunner: QueryRunner<QuotaQuery> = (ctx, aws, queries, range) =>
  eachQuery(queries, async (q) => ({ status: 200, frames: await runQuota(ctx, aws, q, range) }));
