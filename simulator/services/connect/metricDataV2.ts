import { CHANNELS } from '../../../src/connect/channels';
import { connectErrors } from '../../protocol/awsError';
import type { OperationSpec } from '../../protocol/types';
import { dayOf } from '../../model/curves';
import { Outcome } from '../../model/codes';
import type { Epoch } from '../../model/epoch';
import type { InstanceWorld } from '../../scenario/world';
import {
  INTERVAL_PERIODS,
  INTERVAL_SECONDS,
  longestRangeSeconds,
  V2_GROUPINGS,
  V2_METRICS,
  type IntervalPeriod,
} from './historicalTable';
import { asObject, idOf, optionalNumber, optionalString } from './resolve';
import { decodeToken, encodeToken, fingerprint } from './tokens';

const FILTER_KEYS = ['QUEUE', 'ROUTING_PROFILE', 'AGENT', 'CHANNEL'];
const RETENTION_SECONDS = 93 * 86400; // "data kept 3 months"

interface Metric {
  Name: string;
  Threshold?: Array<{ Comparison?: string; ThresholdValue?: number }>;
}

/**
 * GetMetricDataV2: POST /metrics/data. Historical metrics computed from the simulated contact records; each
 * contact event counts in the interval it happened in (queued at enqueue, handled at the end of handling,
 * abandoned when the customer hung up, answer time at connection).
 */
export const getMetricDataV2: OperationSpec = {
  service: 'connect',
  name: 'GetMetricDataV2',
  http: { method: 'POST', path: '/metrics/data' },
  handler: (req, sim) => {
    const body = asObject(req.body, 'body', true)!;
    const arn = optionalString(body.ResourceArn, 'ResourceArn');
    if (!arn) {
      throw connectErrors.invalidParameter('ResourceArn is required');
    }
    const instanceId = arn.match(/instance\/([^/]+)/)?.[1];
    const instance = instanceId ? sim.world.instanceById.get(instanceId) : undefined;
    if (!instance || instance.region !== req.region) {
      throw connectErrors.notFound(`Instance ${arn} not found in ${req.region}`);
    }
    const start = optionalNumber(body.StartTime, 'StartTime');
    const end = optionalNumber(body.EndTime, 'EndTime');
    if (start === undefined || end === undefined) {
      throw connectErrors.invalidParameter('StartTime and EndTime are required');
    }
    const interval = asObject(body.Interval, 'Interval');
    const period = (interval?.IntervalPeriod ?? 'TOTAL') as IntervalPeriod;
    if (!INTERVAL_PERIODS.includes(period)) {
      throw connectErrors.invalidParameter(`Interval.IntervalPeriod must be one of ${INTERVAL_PERIODS.join(', ')}`);
    }
    const now = sim.clock.nowSeconds();
    if (end <= start) {
      throw connectErrors.invalidParameter('EndTime must be after StartTime');
    }
    if (end > now + 1) {
      throw connectErrors.invalidParameter('EndTime must not be in the future');
    }
    if (end - start > longestRangeSeconds(period)) {
      throw connectErrors.invalidParameter(
        `the time range is too long for ${period}: ${period === 'FIFTEEN_MIN' || period === 'THIRTY_MIN' || period === 'HOUR' ? 'less than 3 days' : 'less than 35 days'}`
      );
    }
    if (start < now - RETENTION_SECONDS) {
      throw connectErrors.invalidParameter('StartTime must be within the last 3 months');
    }

    if (!Array.isArray(body.Filters) || body.Filters.length < 1 || body.Filters.length > 5) {
      throw connectErrors.invalidParameter('Filters must list 1 to 5 filters');
    }
    const filters = new Map<string, Set<string>>();
    let valueCount = 0;
    for (const [i, f] of (body.Filters as Array<{ FilterKey?: string; FilterValues?: string[] }>).entries()) {
      if (!f || typeof f.FilterKey !== 'string' || !Array.isArray(f.FilterValues)) {
        throw connectErrors.invalidParameter(`Filters.${i + 1} needs FilterKey and FilterValues`);
      }
      if (!FILTER_KEYS.includes(f.FilterKey)) {
        throw connectErrors.invalidParameter(
          `Filters.${i + 1}.FilterKey: the simulator supports ${FILTER_KEYS.join(', ')}`
        );
      }
      if (f.FilterKey !== 'CHANNEL') {
        valueCount += f.FilterValues.length;
      }
      filters.set(f.FilterKey, new Set(f.FilterValues.map(idOf)));
    }
    if (valueCount > 100) {
      throw connectErrors.invalidParameter(
        `Filters: at most 100 filter values in total, CHANNEL excluded (got ${valueCount})`
      );
    }
    if (!['QUEUE', 'ROUTING_PROFILE', 'AGENT'].some((k) => filters.has(k))) {
      throw connectErrors.invalidParameter('Filters: include at least one of QUEUE, ROUTING_PROFILE or AGENT');
    }
    const groupings = (body.Groupings ?? []) as string[];
    if (
      !Array.isArray(groupings) ||
      groupings.length > 4 ||
      groupings.some((g) => !(V2_GROUPINGS as readonly string[]).includes(g))
    ) {
      throw connectErrors.invalidParameter(`Groupings: up to 4 of ${V2_GROUPINGS.join(', ')}`);
    }
    if (!Array.isArray(body.Metrics) || body.Metrics.length === 0) {
      throw connectErrors.invalidParameter('Metrics is required');
    }
    const metrics = body.Metrics as Metric[];
    metrics.forEach((m, i) => {
      const info = V2_METRICS.find((x) => x.name === m?.Name);
      if (!info) {
        throw connectErrors.invalidParameter(
          `Metrics.${i + 1}.Name: ${JSON.stringify(m?.Name)} is not a metric the simulator computes (${V2_METRICS.map((x) => x.name).join(', ')})`
        );
      }
      if ((m.Threshold?.length ?? 0) > 1) {
        throw connectErrors.invalidParameter(`Metrics.${i + 1}.Threshold: at most one threshold`);
      }
      if (
        info.needsThreshold &&
        (m.Threshold?.[0]?.Comparison !== 'LT' || typeof m.Threshold?.[0]?.ThresholdValue !== 'number')
      ) {
        throw connectErrors.invalidParameter(
          `Metrics.${i + 1}.Threshold: ${info.name} needs one threshold with Comparison LT and a ThresholdValue in seconds`
        );
      }
    });
    const maxResults = optionalNumber(body.MaxResults, 'MaxResults');
    if (maxResults !== undefined && (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 100)) {
      throw connectErrors.invalidParameter(`MaxResults must be a whole number from 1 to 100 (got ${maxResults})`);
    }
    const nextToken = optionalString(body.NextToken, 'NextToken');
    const print = fingerprint([arn, start, end, period, body.Filters, groupings, metrics, maxResults ?? null]);
    const token = nextToken ? decodeToken(nextToken, print, sim.clock.nowMs()) : undefined;

    const epochs: Epoch[] = [];
    for (let d = dayOf(instance.locale, start); d <= dayOf(instance.locale, end - 1); d++) {
      epochs.push(sim.model.epoch(instance, d));
    }
    const rows = aggregate(instance, epochs, { start, end, period, filters, groupings, metrics });
    const offset = token?.o ?? 0;
    const size = maxResults ?? 100;
    return {
      body: {
        MetricResults: rows.slice(offset, offset + size),
        ...(offset + size < rows.length
          ? { NextToken: encodeToken({ o: offset + size, f: print, c: token?.c ?? sim.clock.nowMs(), t: start }) }
          : {}),
      },
    };
  },
};

interface Accumulator {
  dims: Record<string, string>;
  intervalStart: number;
  created: number;
  queued: number;
  handled: number;
  abandoned: number;
  handleSum: number;
  acwSum: number;
  answerSum: number;
  answered: number;
  abandonWaitSum: number;
  maxQueued: number;
  answeredWithin: Map<number, number>;
}

function aggregate(
  instance: InstanceWorld,
  epochs: Epoch[],
  q: {
    start: number;
    end: number;
    period: IntervalPeriod;
    filters: Map<string, Set<string>>;
    groupings: string[];
    metrics: Metric[];
  }
): unknown[] {
  const length = q.period === 'TOTAL' ? q.end - q.start : INTERVAL_SECONDS[q.period];
  const thresholds = q.metrics.filter((m) => m.Name === 'SERVICE_LEVEL').map((m) => m.Threshold![0].ThresholdValue!);
  const acc = new Map<string, Accumulator>();
  const get = (c: { queue: number; channel: number; agent: number }, t: number): Accumulator | undefined => {
    if (t < q.start || t >= q.end) {
      return undefined;
    }
    const queue = instance.queues[c.queue];
    const rp = c.agent >= 0 ? instance.routingProfiles[instance.agents[c.agent].routingProfileIndex] : undefined;
    const agent = c.agent >= 0 ? instance.agents[c.agent] : undefined;
    const f = q.filters;
    if (f.has('QUEUE') && !f.get('QUEUE')!.has(queue.id)) {
      return undefined;
    }
    if (f.has('CHANNEL') && !f.get('CHANNEL')!.has(CHANNELS[c.channel])) {
      return undefined;
    }
    if (f.has('ROUTING_PROFILE') && (!rp || !f.get('ROUTING_PROFILE')!.has(rp.id))) {
      return undefined;
    }
    if (f.has('AGENT') && (!agent || !f.get('AGENT')!.has(agent.id))) {
      return undefined;
    }
    const dims: Record<string, string> = {};
    for (const g of q.groupings) {
      if (g === 'QUEUE') {
        dims.QUEUE = queue.id;
      } else if (g === 'CHANNEL') {
        dims.CHANNEL = CHANNELS[c.channel];
      } else if (g === 'ROUTING_PROFILE') {
        if (!rp) {
          return undefined;
        }
        dims.ROUTING_PROFILE = rp.id;
      } else if (g === 'AGENT') {
        if (!agent) {
          return undefined;
        }
        dims.AGENT = agent.id;
      }
    }
    const intervalStart = q.start + Math.floor((t - q.start) / length) * length;
    const key = `${intervalStart}|${JSON.stringify(dims)}`;
    let a = acc.get(key);
    if (!a) {
      a = {
        dims,
        intervalStart,
        created: 0,
        queued: 0,
        handled: 0,
        abandoned: 0,
        handleSum: 0,
        acwSum: 0,
        answerSum: 0,
        answered: 0,
        abandonWaitSum: 0,
        maxQueued: 0,
        answeredWithin: new Map(),
      };
      acc.set(key, a);
    }
    return a;
  };

  for (const e of epochs) {
    const c = e.contacts;
    const inDay = (t: number) => t >= e.dayStart && t < e.dayEnd;
    for (let i = 0; i < c.count; i++) {
      const who = { queue: c.queue[i], channel: c.channel[i], agent: c.agent[i] };
      if (inDay(c.arrive[i])) {
        const a = get({ ...who, agent: -1 }, c.arrive[i]);
        if (a && !q.filters.has('ROUTING_PROFILE') && !q.filters.has('AGENT')) {
          a.created++;
        }
      }
      if (!Number.isNaN(c.enqueue[i]) && inDay(c.enqueue[i])) {
        const a = get(who, c.enqueue[i]);
        if (a) {
          a.queued++;
        }
      }
      if (!Number.isNaN(c.connect[i]) && inDay(c.connect[i])) {
        const a = get(who, c.connect[i]);
        if (a) {
          const wait = c.connect[i] - c.enqueue[i];
          a.answered++;
          a.answerSum += wait;
          a.maxQueued = Math.max(a.maxQueued, wait);
          for (const th of thresholds) {
            if (wait < th) {
              a.answeredWithin.set(th, (a.answeredWithin.get(th) ?? 0) + 1);
            }
          }
        }
      }
      if (c.outcome[i] === Outcome.HANDLED && inDay(c.end[i])) {
        const a = get(who, c.end[i]);
        if (a) {
          a.handled++;
          a.handleSum += c.end[i] - c.connect[i] + (Number.isNaN(c.acwEnd[i]) ? 0 : c.acwEnd[i] - c.end[i]);
          a.acwSum += Number.isNaN(c.acwEnd[i]) ? 0 : c.acwEnd[i] - c.end[i];
        }
      }
      if (c.outcome[i] === Outcome.ABANDONED && inDay(c.end[i])) {
        const a = get({ ...who, agent: -1 }, c.end[i]);
        if (a) {
          const wait = c.end[i] - c.enqueue[i];
          a.abandoned++;
          a.abandonWaitSum += wait;
          a.maxQueued = Math.max(a.maxQueued, wait);
        }
      }
    }
  }

  const ratio = (n: number, d: number) => (d > 0 ? n / d : null);
  return [...acc.values()]
    .sort((x, y) => x.intervalStart - y.intervalStart || JSON.stringify(x.dims).localeCompare(JSON.stringify(y.dims)))
    .map((a) => ({
      Dimensions: a.dims,
      ...(q.period === 'TOTAL'
        ? {}
        : {
            MetricInterval: {
              Interval: q.period,
              StartTime: a.intervalStart,
              EndTime: Math.min(q.end, a.intervalStart + length),
            },
          }),
      Collections: q.metrics.map((m) => {
        let value: number | null;
        switch (m.Name) {
          case 'CONTACTS_CREATED':
            value = a.created;
            break;
          case 'CONTACTS_QUEUED':
            value = a.queued;
            break;
          case 'CONTACTS_HANDLED':
            value = a.handled;
            break;
          case 'CONTACTS_ABANDONED':
            value = a.abandoned;
            break;
          case 'AVG_HANDLE_TIME':
            value = ratio(a.handleSum, a.handled);
            break;
          case 'AVG_AFTER_CONTACT_WORK_TIME':
            value = ratio(a.acwSum, a.handled);
            break;
          case 'AVG_QUEUE_ANSWER_TIME':
            value = ratio(a.answerSum, a.answered);
            break;
          case 'AVG_ABANDON_TIME':
            value = ratio(a.abandonWaitSum, a.abandoned);
            break;
          case 'MAX_QUEUED_TIME':
            value = a.maxQueued;
            break;
          case 'ABANDONMENT_RATE':
            value = a.queued > 0 ? (100 * a.abandoned) / a.queued : null;
            break;
          case 'SERVICE_LEVEL': {
            const th = m.Threshold![0].ThresholdValue!;
            value = a.queued > 0 ? (100 * (a.answeredWithin.get(th) ?? 0)) / a.queued : null;
            break;
          }
          default:
            value = null;
        }
        return {
          Metric: { Name: m.Name, ...(m.Threshold ? { Threshold: m.Threshold } : {}) },
          Value: value === null ? null : Math.round(value * 1000) / 1000,
        };
      }),
    }));
}
