import type { MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import { CHANNELS, type Channel } from '../../src/connect/channels';
import type { QuotaQuery } from '../../src/connect/query';
import { CHANNEL_QUOTAS, headroom, percentageToRatio } from '../../src/connect/quotas';
import type { AwsContext } from '../aws/context';
import type { ProxyContext } from '../context';
import { frame, type Column, type DataFrameJSON, type Notice } from '../frames';
import { getMetricData, type SeriesData } from './metricData';
import { autoPeriod } from './period';
import { staleNotice } from './stale';
import type { TimeRange } from './cloudwatch';

/**
 * quota queries: concurrency against the instance's service quotas per channel, from the Concurrent* metrics of
 * AWS/Connect. The quota itself is not published: it is derived from in-use and percentage, each percentage read in
 * its own scale (ConcurrentActiveChatsPercentage is an integer percent, the others decimals; seed 000).
 */

export interface ChannelQuota {
  channel: Channel;
  inUse: number | null;
  peakInUse: number | null;
  quota: number | null;
  /** Share of the quota in use now, 0..100. */
  usedPercent: number | null;
  headroom: number | null;
  breaches: number | null;
  throttled: number | null;
  /** For the time series format. */
  timestamps: number[];
  inUseSeries: number[];
  usedSeries: number[];
}

const ids = (refId: string, channel: Channel) => {
  const base = `quota_${refId.toLowerCase().replace(/[^a-z0-9_]/g, '_')}_${channel.toLowerCase()}`;
  return { inUse: `${base}_inuse`, pct: `${base}_pct`, breaches: `${base}_breaches`, throttled: `${base}_throttled` };
};

/**
 * The quota from matching in-use and percentage points: the point with the highest percentage is the most precise
 * (an integer percent of a small usage is mostly rounding).
 */
export function quotaFrom(inUse: SeriesData | undefined, pct: SeriesData | undefined, channel: Channel): number | null {
  if (!inUse || !pct) {
    return null;
  }
  const scale = CHANNEL_QUOTAS[channel].scale;
  const used = new Map(inUse.timestamps.map((t, i) => [t, inUse.values[i]]));
  let best: { ratio: number; inUse: number } | undefined;
  pct.timestamps.forEach((t, i) => {
    const ratio = percentageToRatio(pct.values[i], scale);
    const n = used.get(t);
    if (n !== undefined && n > 0 && ratio > 0 && (!best || ratio > best.ratio)) {
      best = { ratio, inUse: n };
    }
  });
  return best ? Math.round(best.inUse / best.ratio) : null;
}

export function summarise(channel: Channel, data: Map<string, SeriesData>, refId: string): ChannelQuota | undefined {
  const id = ids(refId, channel);
  const inUse = data.get(id.inUse);
  const pct = data.get(id.pct);
  if (!inUse || inUse.values.length === 0) {
    return undefined;
  }
  const quota = quotaFrom(inUse, pct, channel);
  const last = inUse.values[inUse.values.length - 1];
  const sum = (s: SeriesData | undefined) => (s ? s.values.reduce((a, b) => a + b, 0) : null);
  const scale = CHANNEL_QUOTAS[channel].scale;
  const pctByTime = new Map((pct?.timestamps ?? []).map((t, i) => [t, percentageToRatio(pct!.values[i], scale) * 100]));
  return {
    channel,
    inUse: last,
    peakInUse: Math.max(...inUse.values),
    quota,
    usedPercent: quota ? (100 * last) / quota : (pctByTime.get(inUse.timestamps[inUse.timestamps.length - 1]) ?? null),
    headroom: headroom(last, quota ?? undefined) ?? null,
    breaches: CHANNEL_QUOTAS[channel].breaches ? (sum(data.get(id.breaches)) ?? 0) : null,
    throttled: CHANNEL_QUOTAS[channel].throttled ? (sum(data.get(id.throttled)) ?? 0) : null,
    timestamps: inUse.timestamps,
    inUseSeries: inUse.values,
    usedSeries: inUse.timestamps.map((t, i) => (quota ? (100 * inUse.values[i]) / quota : (pctByTime.get(t) ?? NaN))),
  };
}

export async function runQuota(
  ctx: ProxyContext,
  aws: AwsContext,
  q: QuotaQuery,
  range: TimeRange
): Promise<DataFrameJSON[]> {
  const region = q.region ?? aws.defaultRegion;
  const channels: Channel[] = q.channels && q.channels.length > 0 ? q.channels : [...CHANNELS];
  const period = autoPeriod(
    (range.toMs - range.fromMs) / 1000,
    range.maxDataPoints,
    (Date.now() - range.fromMs) / 1000
  );
  const queries: MetricDataQuery[] = [];
  for (const channel of channels) {
    const m = CHANNEL_QUOTAS[channel];
    const id = ids(q.refId, channel);
    const dims = [
      { Name: 'InstanceId', Value: q.instanceId },
      { Name: 'MetricGroup', Value: m.metricGroup },
    ];
    const stat = (Id: string, MetricName: string, Stat: string) =>
      queries.push({
        Id,
        MetricStat: { Metric: { Namespace: 'AWS/Connect', MetricName, Dimensions: dims }, Period: period, Stat },
        ReturnData: true,
      });
    stat(id.inUse, m.inUse, 'Maximum');
    stat(id.pct, m.percentage, 'Maximum');
    if (m.breaches) {
      stat(id.breaches, m.breaches, 'Sum');
    }
    if (m.throttled) {
      stat(id.throttled, m.throttled, 'Sum');
    }
  }
  const startMs = Math.floor(range.fromMs / 60_000) * 60_000;
  const endMs = Math.ceil(range.toMs / 60_000) * 60_000;
  const data = await getMetricData(ctx, aws, region, startMs, endMs, queries);
  const rows = channels
    .map((c) => summarise(c, data.series, q.refId))
    .filter((r): r is ChannelQuota => r !== undefined);
  const notices: Notice[] = [];
  const missing = channels.filter((c) => !rows.some((r) => r.channel === c));
  if (q.channels && q.channels.length > 0 && missing.length > 0) {
    notices.push({ severity: 'info', text: `No concurrency data for ${missing.join(', ')} in this time range.` });
  }
  for (const r of rows) {
    if (r.quota === null) {
      notices.push({ severity: 'info', text: `The ${r.channel} quota cannot be derived while nothing is in use.` });
    }
  }
  // An old answer served because CloudWatch failed or was slow says so, with its age.
  const staleMeta = data.stale ? { stale: true, dataAgeMs: data.stale.ageMs } : {};
  if (data.stale) {
    notices.unshift(staleNotice(data.stale.ageMs, data.stale.reasons));
  }
  const meta = { custom: { period, ...staleMeta }, ...(notices.length ? { notices } : {}) };

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
    values: unknown[],
    config: Record<string, unknown> = { unit: 'short', decimals: 0 }
  ): Column => ({
    field: { name, type: typeof values.find((v) => v !== null) === 'string' ? 'string' : 'number', config },
    values,
  });
  return [
    frame(
      q.refId,
      undefined,
      [
        { field: { name: 'Channel', type: 'string' }, values: rows.map((r) => r.channel) },
        col(
          'In use',
          rows.map((r) => r.inUse)
        ),
        col(
          'Peak in use',
          rows.map((r) => r.peakInUse)
        ),
        col(
          'Quota',
          rows.map((r) => r.quota)
        ),
        col(
          'Used',
          rows.map((r) => r.usedPercent),
          { unit: 'percent', min: 0, max: 100, decimals: 1 }
        ),
        col(
          'Headroom',
          rows.map((r) => r.headroom)
        ),
        col(
          'Breaches',
          rows.map((r) => r.breaches)
        ),
        col(
          'Throttled',
          rows.map((r) => r.throttled)
        ),
      ],
      { preferredVisualisationType: 'table', ...meta }
    ),
  ];
}
