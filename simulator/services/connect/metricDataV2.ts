import { CHANNELS } from '../../../src/connect/channels';
import { connectErrors } from '../../protocol/awsError';
import type { OperationSpec } from '../../protocol/types';
import { dayOf } from '../../model/curves';
import { Outcome } from '../../model/codes';
import type { ContactTable } from '../../model/epoch';
import {
  CHANNEL_VALUES,
  HIERARCHY_LEVELS,
  INTERVAL_PERIODS,
  INTERVAL_SECONDS,
  MAX_FILTER_KEYS,
  MAX_FILTER_VALUES,
  MAX_GROUPINGS,
  MAX_VALUES_PER_FILTER,
  rangeLimitSeconds,
  RESOURCE_FILTER_KEYS,
  RETENTION_SECONDS,
  THRESHOLD,
  V2_FILTER_KEYS,
  V2_GROUPINGS,
  V2_METRICS,
  type IntervalPeriod,
} from './historicalTable';
import { asObject, idOf, optionalNumber, optionalString } from './resolve';
import { decodeToken, encodeToken, fingerprint } from './tokens';

interface Metric {
  Name: string;
  Threshold?: Array<{ Comparison?: string; ThresholdValue?: number }>;
}

/** What the aggregation reads of an instance: its resources by index. */
export interface V2Instance {
  queues: ReadonlyArray<{ id: string }>;
  routingProfiles: ReadonlyArray<{ id: string }>;
  agents: ReadonlyArray<{ id: string; routingProfileIndex: number }>;
}

/** What the aggregation reads of an epoch: the contacts of the day [dayStart, dayEnd) it answers for. */
export interface V2Epoch {
  dayStart: number;
  dayEnd: number;
  contacts: Pick<
    ContactTable,
    'count' | 'queue' | 'channel' | 'arrive' | 'enqueue' | 'connect' | 'end' | 'acwEnd' | 'agent' | 'outcome'
  >;
}

export interface V2Query {
  start: number;
  end: number;
  period: IntervalPeriod;
  filters: Map<string, Set<string>>;
  groupings: string[];
  metrics: Metric[];
}

const fail = connectErrors.invalidParameter;

/**
 * GetMetricDataV2: POST /metrics/data. Historical metrics computed from the simulated contact records. A contact
 * record counts in the interval where the contact disconnects (fact: gmdv2-time-attribution: CONTACTS_QUEUED and
 * CONTACTS_HANDLED "get incremented when a contact disconnects"); the exceptions are CONTACTS_CREATED (at arrival) and
 * CONTACTS_QUEUED_BY_ENQUEUE (at enqueue).
 */
export const getMetricDataV2: OperationSpec = {
  service: 'connect',
  name: 'GetMetricDataV2',
  http: { method: 'POST', path: '/metrics/data' },
  handler: (req, sim) => {
    // fact: gmdv2-errors. Bad parameters are InvalidParameterException (400), an unknown instance
    // ResourceNotFoundException (404); each message names the parameter.
    const body = asObject(req.body, 'body', true)!;
    const arn = optionalString(body.ResourceArn, 'ResourceArn');
    if (!arn) {
      throw fail('ResourceArn is required');
    }
    const instanceId = arn.match(/instance\/([^/]+)/)?.[1];
    const instance = instanceId ? sim.world.instanceById.get(instanceId) : undefined;
    if (!instance || instance.region !== req.region) {
      throw connectErrors.notFound(`ResourceArn: instance ${arn} not found in ${req.region}`);
    }
    const start = optionalNumber(body.StartTime, 'StartTime');
    const end = optionalNumber(body.EndTime, 'EndTime');
    if (start === undefined) {
      throw fail('StartTime is required');
    }
    if (end === undefined) {
      throw fail('EndTime is required');
    }
    const interval = asObject(body.Interval, 'Interval');
    const period = (interval?.IntervalPeriod ?? 'TOTAL') as IntervalPeriod;
    if (!INTERVAL_PERIODS.includes(period)) {
      throw fail(
        `Interval.IntervalPeriod: must be one of ${INTERVAL_PERIODS.join(', ')} (got ${JSON.stringify(period)})`
      );
    }
    // fact: gmdv2-request-rules
    const now = sim.clock.nowSeconds();
    if (end <= start) {
      throw fail('EndTime: must be later than StartTime');
    }
    if (end > now) {
      throw fail('EndTime: cannot be later than the current time');
    }
    const limit = rangeLimitSeconds(period);
    if (end - start >= limit) {
      throw fail(
        `EndTime: with IntervalPeriod ${period} the difference between StartTime and EndTime must be less than ${limit / 86400} days (got ${(end - start) / 86400} days)`
      );
    }
    if (start < now - RETENTION_SECONDS) {
      throw fail('StartTime: historical metrics are available for 3 months');
    }

    const filters = readFilters(body.Filters);
    const groupings = readGroupings(body.Groupings);
    const metrics = readMetrics(body.Metrics, filters, groupings);

    const maxResults = optionalNumber(body.MaxResults, 'MaxResults');
    if (maxResults !== undefined && (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 100)) {
      throw fail(`MaxResults: must be a whole number from 1 to 100 (got ${maxResults})`);
    }
    const nextToken = optionalString(body.NextToken, 'NextToken');
    const print = fingerprint([arn, start, end, period, body.Filters, groupings, metrics, maxResults ?? null]);
    const token = nextToken ? decodeToken(nextToken, print, sim.clock.nowMs()) : undefined;

    const epochs: V2Epoch[] = [];
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

/** Filters: 1 to 5 keys, each with 1 to 100 values, at most 100 values across keys with CHANNEL's not counted. */
function readFilters(raw: unknown): Map<string, Set<string>> {
  // fact: gmdv2-request-rules
  if (!Array.isArray(raw) || raw.length < 1 || raw.length > MAX_FILTER_KEYS) {
    throw fail(`Filters: must list 1 to ${MAX_FILTER_KEYS} filters (got ${Array.isArray(raw) ? raw.length : 'none'})`);
  }
  const filters = new Map<string, Set<string>>();
  let valueCount = 0;
  for (const [i, f] of (raw as Array<{ FilterKey?: unknown; FilterValues?: unknown }>).entries()) {
    const at = `Filters.${i + 1}`;
    if (!f || typeof f.FilterKey !== 'string') {
      throw fail(`${at}.FilterKey is required`);
    }
    if (!V2_FILTER_KEYS.includes(f.FilterKey)) {
      throw fail(`${at}.FilterKey: the simulator supports ${V2_FILTER_KEYS.join(', ')} (got ${f.FilterKey})`);
    }
    if (filters.has(f.FilterKey)) {
      throw fail(`${at}.FilterKey: ${f.FilterKey} is given twice`);
    }
    const values = f.FilterValues;
    if (!Array.isArray(values) || values.some((v) => typeof v !== 'string' || v.length < 1 || v.length > 250)) {
      throw fail(`${at}.FilterValues: must be a list of strings of 1 to 250 characters`);
    }
    if (values.length < 1 || values.length > MAX_VALUES_PER_FILTER) {
      throw fail(`${at}.FilterValues: must hold 1 to ${MAX_VALUES_PER_FILTER} values (got ${values.length})`);
    }
    if (f.FilterKey === 'CHANNEL') {
      const unknown = (values as string[]).filter((v) => !CHANNEL_VALUES.includes(v));
      if (unknown.length > 0) {
        throw fail(`${at}.FilterValues: ${unknown.join(', ')} is not a channel (${CHANNEL_VALUES.join(', ')})`);
      }
    } else {
      valueCount += values.length;
    }
    filters.set(f.FilterKey, new Set((values as string[]).map(idOf)));
  }
  if (valueCount > MAX_FILTER_VALUES) {
    throw fail(
      `Filters: at most ${MAX_FILTER_VALUES} filter values across all filter keys, CHANNEL values not counted (got ${valueCount})`
    );
  }
  if (!RESOURCE_FILTER_KEYS.some((k) => filters.has(k))) {
    throw fail(`Filters: a request requires at least one of these filter keys: ${RESOURCE_FILTER_KEYS.join(', ')}`);
  }
  return filters;
}

function readGroupings(raw: unknown): string[] {
  if (raw === undefined || raw === null) {
    return [];
  }
  if (!Array.isArray(raw) || raw.some((g) => typeof g !== 'string')) {
    throw fail('Groupings: must be a list of strings');
  }
  // fact: gmdv2-request-rules
  if (raw.length > MAX_GROUPINGS) {
    throw fail(`Groupings: at most ${MAX_GROUPINGS} groupings (got ${raw.length})`);
  }
  raw.forEach((g: string, i) => {
    if (!V2_GROUPINGS.includes(g)) {
      throw fail(`Groupings.${i + 1}: the simulator supports ${V2_GROUPINGS.join(', ')} (got ${g})`);
    }
  });
  return raw as string[];
}

function readMetrics(raw: unknown, filters: Map<string, Set<string>>, groupings: string[]): Metric[] {
  if (!Array.isArray(raw) || raw.length === 0) {
    throw fail('Metrics is required');
  }
  const metrics = raw as Metric[];
  if (metrics.filter((m) => m?.Name === 'SERVICE_LEVEL').length > THRESHOLD.maxServiceLevelMetrics) {
    throw fail(`Metrics: at most ${THRESHOLD.maxServiceLevelMetrics} SERVICE_LEVEL metrics in a request`);
  }
  metrics.forEach((m, i) => {
    const at = `Metrics.${i + 1}`;
    const info = V2_METRICS.find((x) => x.name === m?.Name);
    if (!info) {
      throw fail(
        `${at}.Name: ${JSON.stringify(m?.Name)} is not a metric the simulator computes (${V2_METRICS.map((x) => x.name).join(', ')})`
      );
    }
    if (Array.isArray((m as { MetricFilters?: unknown }).MetricFilters)) {
      // Not modelled (no initiation methods or disconnect reasons): refused rather than answered unfiltered.
      throw fail(`${at}.MetricFilters: the simulator does not serve metric-level filters`);
    }
    // fact: gmdv2-metric-groupings
    const allowed = info.groupingsAndFilters;
    groupings.forEach((g, gi) => {
      if (!allowed.includes(g)) {
        throw fail(
          `Groupings.${gi + 1}: ${g} is not a valid grouping for ${info.name} (${at}); its valid groupings and filters are ${allowed.filter((k) => !k.startsWith('AGENT_HIERARCHY_LEVEL_')).join(', ')}${allowed.includes(HIERARCHY_LEVELS[0]) ? ', AGENT_HIERARCHY_LEVEL_ONE…FIVE' : ''}`
        );
      }
    });
    [...filters.keys()].forEach((k, fi) => {
      if (!allowed.includes(k)) {
        throw fail(
          `Filters.${fi + 1}.FilterKey: ${k} is not a valid filter for ${info.name} (${at}); its valid groupings and filters are ${allowed.filter((x) => !x.startsWith('AGENT_HIERARCHY_LEVEL_')).join(', ')}${allowed.includes(HIERARCHY_LEVELS[0]) ? ', AGENT_HIERARCHY_LEVEL_ONE…FIVE' : ''}`
        );
      }
    });
    // fact: gmdv2-metric-groupings
    const thresholds = m.Threshold ?? [];
    if (!Array.isArray(thresholds) || thresholds.length > 1) {
      throw fail(`${at}.Threshold: at most one threshold`);
    }
    if (info.needsThreshold) {
      const th = thresholds[0];
      if (!th) {
        throw fail(`${at}.Threshold: ${info.name} needs a threshold`);
      }
      if (!(THRESHOLD.comparisons as readonly string[]).includes(th.Comparison as string)) {
        throw fail(
          `${at}.Threshold.1.Comparison: ${info.name} takes ${THRESHOLD.comparisons.join(' or ')} (got ${JSON.stringify(th.Comparison)})`
        );
      }
      const v = th.ThresholdValue;
      if (typeof v !== 'number' || !Number.isInteger(v) || v < THRESHOLD.min || v > THRESHOLD.max) {
        throw fail(
          `${at}.Threshold.1.ThresholdValue: a whole number of seconds from ${THRESHOLD.min} to ${THRESHOLD.max} (got ${JSON.stringify(v)})`
        );
      }
    }
  });
  return metrics;
}

interface Accumulator {
  dims: Record<string, string>;
  intervalStart: number;
  created: number;
  queued: number;
  queuedByEnqueue: number;
  handled: number;
  abandoned: number;
  handleSum: number;
  acwSum: number;
  answerSum: number;
  answered: number;
  abandonWaitSum: number;
  maxQueued: number;
  /** SERVICE_LEVEL numerators: contacts removed from the queue within the threshold, by "LT:60" / "LTE:60". */
  removedWithin: Map<string, number>;
}

const thresholdKey = (m: Metric) => `${m.Threshold![0].Comparison}:${m.Threshold![0].ThresholdValue}`;

/**
 * The metric results of a (validated) query over the epochs' contact records, in interval then dimension order.
 * A contact's agent, and so its routing profile, is the agent it was connected to (a contact record has agent
 * information only once connected): abandoned contacts belong to no agent and no routing profile.
 */
export function aggregate(instance: V2Instance, epochs: readonly V2Epoch[], q: V2Query): unknown[] {
  const length = q.period === 'TOTAL' ? q.end - q.start : INTERVAL_SECONDS[q.period];
  const thresholds = q.metrics
    .filter((m) => m.Name === 'SERVICE_LEVEL')
    .map((m) => ({
      key: thresholdKey(m),
      lte: m.Threshold![0].Comparison === 'LTE',
      x: m.Threshold![0].ThresholdValue!,
    }));
  const hierarchyFiltered = HIERARCHY_LEVELS.some((k) => q.filters.has(k));
  const acc = new Map<string, Accumulator>();
  const get = (c: { queue: number; channel: number; agent: number }, t: number): Accumulator | undefined => {
    if (t < q.start || t >= q.end || hierarchyFiltered) {
      // No agent belongs to a hierarchy group in the model: a hierarchy filter matches nothing.
      return undefined;
    }
    const queue = instance.queues[c.queue];
    const agent = c.agent >= 0 ? instance.agents[c.agent] : undefined;
    const rp = agent ? instance.routingProfiles[agent.routingProfileIndex] : undefined;
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
      } else {
        // A hierarchy level: no agent is in a hierarchy group.
        return undefined;
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
        queuedByEnqueue: 0,
        handled: 0,
        abandoned: 0,
        handleSum: 0,
        acwSum: 0,
        answerSum: 0,
        answered: 0,
        abandonWaitSum: 0,
        maxQueued: 0,
        removedWithin: new Map(),
      };
      acc.set(key, a);
    }
    return a;
  };

  for (const e of epochs) {
    const c = e.contacts;
    const inDay = (t: number) => t >= e.dayStart && t < e.dayEnd;
    for (let i = 0; i < c.count; i++) {
      const connected = !Number.isNaN(c.connect[i]);
      const who = { queue: c.queue[i], channel: c.channel[i], agent: connected ? c.agent[i] : -1 };
      const queued = !Number.isNaN(c.enqueue[i]);
      const outcome = c.outcome[i];
      // A call over the calls-per-second limit (ThrottledCalls) or a contact over the instance's concurrency quota
      // (CallsBreachingConcurrencyQuota, ChatsBreachingActiveChatQuota...) is rejected before it becomes a contact:
      // it has no contact record and is not created (nor counted by CallsPerInterval or SuccessfulChatsPerInterval).
      const rejected = outcome === Outcome.REJECTED_RATE || outcome === Outcome.REJECTED_QUOTA;
      if (!rejected && inDay(c.arrive[i])) {
        const a = get(who, c.arrive[i]);
        if (a) {
          a.created++;
        }
      }
      if (queued && inDay(c.enqueue[i])) {
        const a = get(who, c.enqueue[i]);
        if (a) {
          a.queuedByEnqueue++;
        }
      }
      const counts = outcome === Outcome.HANDLED || (queued && outcome === Outcome.ABANDONED);
      if (!counts || !Number.isFinite(c.end[i]) || !inDay(c.end[i])) {
        continue;
      }
      // The contact disconnected in this epoch's day: its record counts at c.end (fact: gmdv2-time-attribution).
      const a = get(who, c.end[i]);
      if (!a) {
        continue;
      }
      if (outcome === Outcome.HANDLED) {
        const acw = Number.isNaN(c.acwEnd[i]) ? 0 : c.acwEnd[i] - c.end[i];
        a.handled++;
        a.handleSum += c.end[i] - c.connect[i] + acw;
        a.acwSum += acw;
      }
      if (!queued) {
        continue;
      }
      a.queued++;
      // Removed from the queue: answered by an agent, or abandoned by the customer.
      const wait = (connected ? c.connect[i] : c.end[i]) - c.enqueue[i];
      a.maxQueued = Math.max(a.maxQueued, wait);
      if (connected) {
        a.answered++;
        a.answerSum += wait;
      } else {
        a.abandoned++;
        a.abandonWaitSum += wait;
      }
      // fact: gmdv2-metric-groupings. "Contacts removed from queue in X seconds": answered or abandoned within X.
      for (const th of thresholds) {
        if (th.lte ? wait <= th.x : wait < th.x) {
          a.removedWithin.set(th.key, (a.removedWithin.get(th.key) ?? 0) + 1);
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
          case 'CONTACTS_QUEUED_BY_ENQUEUE':
            value = a.queuedByEnqueue;
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
          case 'SERVICE_LEVEL':
            // "(Contacts removed from queue in X seconds / Contacts queued) * 100"
            value = a.queued > 0 ? (100 * (a.removedWithin.get(thresholdKey(m)) ?? 0)) / a.queued : null;
            break;
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
