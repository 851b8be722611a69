import { findMetric } from '../../src/connect/cloudwatchCatalog';
import type { QueryRequest, QueryResult, SwitchboardQuery } from '../../src/connect/proxyApi';
import { SIDE_QUALITY_METRICS, VOICE_CONNECTOR_ID_DIMENSION } from '../../src/connect/voiceConnector';
import type { AwsContext } from '../aws/context';
import type { ProxyContext } from '../context';
import type { DataFrameJSON } from '../frames';
import { asProxyError } from '../errors';
import { runQueries } from '../queries/run';
import type { ResourceItem } from '../resources';
import { EXPORTED_REALTIME_METRICS, type HealthQuery } from './catalogue';
import { ExporterGauges, healthKey } from './gauges';
import { todayRange } from './day';
import {
  mosSamples,
  quotaSamples,
  realtimeSamples,
  staleReason,
  todayQueryMetrics,
  todaySamples,
  type InstanceLabels,
  type Sample,
} from './samples';
import type { ExporterSettings } from './settings';
import { activeInstances, loadQueues, loadVoiceConnectors, selectQueues, type QueueSelection } from './targets';

/**
 * The exporter's poll loop. Each poll builds ordinary Switchboard queries (one realtime, one quota and one historical
 * query per instance, two cloudwatch queries for Voice Connector MOS) and runs them through runQueries, the code behind
 * POST /api/query, with the proxy's own credentials: the same rules, rate limiter, caches and call merging, so a
 * dashboard and the exporter asking the same thing share one upstream call. The frames become gauges.
 *
 * Each query stands alone: one that fails (or comes back stale) keeps the values of its last success and counts an
 * error, and its last-success timestamp stops moving, which is what alerts on stale data read.
 */

/** CloudWatch window of the quota and MOS queries: the quota is derived from the busiest point of the last hour. */
export const CLOUDWATCH_WINDOW_MS = 60 * 60_000;
/** A MOS point older than this is no current reading (a connector without calls for that long has no MOS). */
export const MOS_MAX_AGE_MS = 15 * 60_000;

export interface ExporterOptions {
  ctx: ProxyContext;
  /** The proxy's own AWS identity (auth type default). */
  aws: AwsContext;
  settings: ExporterSettings;
  /** The end of the CloudWatch windows, ms (tests set the simulator's frozen clock). Default: Date.now. */
  dataClock?: () => number;
}

export interface PollOutcome {
  query: HealthQuery;
  target: string;
  ok: boolean;
  error?: string;
  /** Series this query exports after the poll (kept ones on failure). */
  series: number;
}

export interface PollReport {
  outcomes: PollOutcome[];
  durationMs: number;
}

interface Job {
  query: HealthQuery;
  target: string;
  /** refIds of the job's queries in the request. */
  refIds: string[];
  convert(results: Map<string, DataFrameJSON[]>): Sample[];
}

/** An AWS failure as the per-query messages of POST /api/query word it (naming the API, the quota or the IAM action). */
const errorText = (err: unknown) => asProxyError(err).message;

export class Exporter {
  readonly gauges: ExporterGauges;
  private readonly dataClock: () => number;
  private timer?: NodeJS.Timeout;
  private inFlight?: Promise<PollReport>;
  private stopped = false;
  /** The series of each query's last success (by healthKey). */
  private readonly kept = new Map<string, Sample[]>();
  /** Last good lists, used while a list call fails: instances of `all` by region, aliases, connector names. */
  private readonly lastInstances = new Map<string, ResourceItem[]>();
  private readonly aliases = new Map<string, string>();
  private readonly connectorNames = new Map<string, string>();
  /** The last error logged per query, so a failure is logged when it starts or changes, not every poll. */
  private readonly logged = new Map<string, string>();

  constructor(private readonly options: ExporterOptions) {
    this.gauges = new ExporterGauges(options.ctx.metrics.registry);
    this.dataClock = options.dataClock ?? Date.now;
  }

  /** Polls now, then every intervalMs (from the start of one poll to the next; polls never overlap). */
  start(): void {
    this.schedule(0);
  }

  /** One poll (joins the one in flight). */
  pollNow(): Promise<PollReport> {
    this.inFlight ??= this.poll().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  /** Stops polling and waits for a poll in flight (its results are dropped). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.inFlight?.catch(() => undefined);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) {
      return;
    }
    this.timer = setTimeout(() => {
      const started = Date.now();
      this.pollNow()
        .catch((err: unknown) => this.options.ctx.log.error({ err }, 'exporter poll failed'))
        .finally(() => this.schedule(Math.max(0, this.options.settings.intervalMs - (Date.now() - started))));
    }, delayMs);
    // The server keeps the process alive, not the exporter's timer.
    this.timer.unref();
  }

  private async poll(): Promise<PollReport> {
    const { ctx, aws, settings } = this.options;
    const started = Date.now();
    const outcomes: PollOutcome[] = [];
    // Every query attempted in this poll (by healthKey), and the error of those that failed.
    const polled = new Set<string>();
    const failures = new Map<string, string>();
    const note = (query: HealthQuery, target: string, error?: string) => {
      polled.add(healthKey(query, target));
      if (error !== undefined) {
        failures.set(healthKey(query, target), error);
      }
    };

    const instances = await this.instances(note);
    const jobs: Job[] = [];
    const queries: SwitchboardQuery[] = [];

    // Queue lists first: a realtime query names its queues (the list is cached, as for the dashboards' names).
    const lists = await Promise.all(
      instances.map(async (inst): Promise<{ selection: QueueSelection; ids: Map<string, string> } | undefined> => {
        try {
          const queues = await loadQueues(ctx, aws, inst.region, inst.id);
          return {
            selection: selectQueues(settings.queues, queues),
            ids: new Map(queues.map((q) => [q.text, q.value])),
          };
        } catch (err) {
          const error = `listing the queues of ${inst.id} failed: ${errorText(err)}`;
          note('realtime', inst.id, error);
          if (settings.historical) {
            note('historical', inst.id, error);
          }
          return undefined;
        }
      })
    );
    const selections = lists.map((l) => l?.selection);
    this.warnUnmatched(selections);
    const dataNow = this.dataClock();
    const today = todayRange(dataNow, settings.timeZone);
    const historical: SwitchboardQuery[] = [];

    instances.forEach((inst, i) => {
      const labels: InstanceLabels = { id: inst.id, alias: inst.alias };
      const selection = selections[i];
      if (selection && selection.ids.length > 0) {
        const refId = `realtime_${i}`;
        queries.push({
          refId,
          queryType: 'realtime',
          region: inst.region,
          instanceId: inst.id,
          filters: { queues: selection.ids, channels: settings.channels },
          groupings: ['QUEUE', 'CHANNEL'],
          metrics: EXPORTED_REALTIME_METRICS,
          format: 'table',
        });
        jobs.push({
          query: 'realtime',
          target: inst.id,
          refIds: [refId],
          convert: (r) => realtimeSamples(r.get(refId)!, labels),
        });
      } else if (selection) {
        // No queue to export in this instance (EXPORTER_QUEUES names none of its queues): nothing to show, truly.
        jobs.push({ query: 'realtime', target: inst.id, refIds: [], convert: () => [] });
      }
      if (settings.quotas) {
        const refId = `quota_${i}`;
        queries.push({
          refId,
          queryType: 'quota',
          region: inst.region,
          instanceId: inst.id,
          channels: settings.channels,
          format: 'table',
        });
        jobs.push({
          query: 'quota',
          target: inst.id,
          refIds: [refId],
          convert: (r) => quotaSamples(r.get(refId)!, labels),
        });
      }
      if (settings.historical && selection) {
        if (selection.ids.length > 0 && today.toMs > today.fromMs) {
          const refId = `historical_${i}`;
          const serviceLevelSeconds = settings.serviceLevelSeconds;
          // The Queues dashboard's "Today per queue" question, per queue over the exported channels together.
          historical.push({
            refId,
            queryType: 'historical',
            region: inst.region,
            instanceId: inst.id,
            filters: { queues: selection.ids, channels: settings.channels },
            groupings: ['QUEUE'],
            metrics: todayQueryMetrics(serviceLevelSeconds),
            interval: 'TOTAL',
            timeZone: settings.timeZone,
            format: 'table',
          });
          const queueIds = lists[i]!.ids;
          jobs.push({
            query: 'historical',
            target: inst.id,
            refIds: [refId],
            convert: (r) => todaySamples(r.get(refId)!, labels, { queueIds, serviceLevelSeconds }),
          });
        } else {
          // No queue exported, or the day's first minute: no contact today yet, so no value, truly.
          jobs.push({ query: 'historical', target: inst.id, refIds: [], convert: () => [] });
        }
      }
    });

    if (settings.voiceConnectors === 'all' || settings.voiceConnectors.length > 0) {
      await this.refreshConnectorNames();
      const sides = ['customer', 'remote'] as const;
      for (const side of sides) {
        const metricName = SIDE_QUALITY_METRICS[side].mos;
        queries.push({
          refId: `mos_${side}`,
          queryType: 'cloudwatch',
          region: settings.region,
          namespace: 'AWS/ChimeVoiceConnector',
          metricName,
          dimensions: {
            [VOICE_CONNECTOR_ID_DIMENSION]: settings.voiceConnectors === 'all' ? ['*'] : settings.voiceConnectors,
          },
          statistic: findMetric('AWS/ChimeVoiceConnector', metricName)?.statistic ?? 'Average',
          period: findMetric('AWS/ChimeVoiceConnector', metricName)?.frequencySeconds ?? 60,
        });
      }
      jobs.push({
        query: 'voice_connector_mos',
        target: settings.region,
        refIds: sides.map((s) => `mos_${s}`),
        convert: (r) =>
          sides.flatMap((side) =>
            mosSamples(r.get(`mos_${side}`)!, {
              side,
              region: settings.region,
              names: this.connectorNames,
              notBeforeMs: dataNow - MOS_MAX_AGE_MS,
            })
          ),
      });
    }

    const results = new Map<string, QueryResult>();
    // A request has one range: the last hour for CloudWatch, the day so far for the historical queries.
    const requests: QueryRequest[] = [];
    if (queries.length > 0) {
      requests.push({
        range: { from: new Date(dataNow - CLOUDWATCH_WINDOW_MS).toISOString(), to: new Date(dataNow).toISOString() },
        maxDataPoints: 1000,
        queries,
      });
    }
    if (historical.length > 0) {
      requests.push({
        range: { from: new Date(today.fromMs).toISOString(), to: new Date(today.toMs).toISOString() },
        maxDataPoints: 1000,
        queries: historical,
      });
    }
    const responses = await Promise.all(requests.map((body) => runQueries(ctx, aws, body)));
    responses.forEach((response) => Object.entries(response.results).forEach(([refId, r]) => results.set(refId, r)));
    if (this.stopped) {
      return { outcomes, durationMs: Date.now() - started };
    }

    const now = Date.now();
    const next = new Map<string, Sample[]>();
    for (const job of jobs) {
      const key = healthKey(job.query, job.target);
      polled.add(key);
      const frames = new Map<string, DataFrameJSON[]>();
      let error: string | undefined;
      for (const refId of job.refIds) {
        const r = results.get(refId);
        if (!r || r.status !== 200) {
          error = `${r?.error ?? 'no answer'} (${r?.status ?? 'no status'})`;
          break;
        }
        const stale = staleReason(r.frames ?? []);
        if (stale) {
          error = `only an old answer: ${stale}`;
          break;
        }
        frames.set(refId, r.frames ?? []);
      }
      if (error === undefined) {
        try {
          next.set(key, job.convert(frames));
        } catch (err) {
          error = (err as Error).message;
        }
      }
      if (error !== undefined) {
        failures.set(key, error);
      }
    }
    for (const key of polled) {
      const [query, target] = key.split('|') as [HealthQuery, string];
      const error = failures.get(key);
      if (error === undefined) {
        this.gauges.succeeded(query, target, now);
        this.logRecovery(key, query, target);
      } else {
        this.gauges.failed(query, target);
        this.logFailure(key, query, target, error);
        if (this.kept.has(key)) {
          next.set(key, this.kept.get(key)!);
        }
      }
      outcomes.push({ query, target, ok: error === undefined, error, series: next.get(key)?.length ?? 0 });
    }
    // Queries no longer polled (an instance gone from `all`) take their series and health with them.
    this.kept.clear();
    next.forEach((samples, key) => this.kept.set(key, samples));
    this.gauges.publish([...next.values()].flat());
    this.gauges.retain(polled);
    const durationMs = Date.now() - started;
    this.gauges.duration.set(durationMs / 1000);
    return { outcomes, durationMs };
  }

  /** The instances to poll with their aliases; for `all`, the last good list while ListInstances fails. */
  private async instances(
    note: (query: HealthQuery, target: string, error?: string) => void
  ): Promise<Array<{ id: string; region: string; alias: string }>> {
    const { ctx, aws, settings } = this.options;
    const regions =
      settings.instances === 'all' ? [settings.region] : [...new Set(settings.instances.map((i) => i.region))];
    const lists = new Map<string, ResourceItem[]>();
    await Promise.all(
      regions.map(async (region) => {
        try {
          const list = await activeInstances(ctx, aws, region);
          this.lastInstances.set(region, list);
          list.forEach((i) => this.aliases.set(i.value, i.text));
          lists.set(region, list);
          note('instances', region);
        } catch (err) {
          // Without the list, `all` polls the instances it knew; named instances lose nothing but a new alias.
          note('instances', region, `listing the instances of ${region} failed: ${errorText(err)}`);
          lists.set(region, this.lastInstances.get(region) ?? []);
        }
      })
    );
    const named =
      settings.instances === 'all'
        ? (lists.get(settings.region) ?? []).map((i) => ({ id: i.value, region: settings.region }))
        : settings.instances;
    // An alias equal to the id means Connect has none.
    return named.map((i) => {
      const alias = this.aliases.get(i.id);
      return { ...i, alias: alias && alias !== i.id ? alias : '' };
    });
  }

  /** Connector names for the `voice_connector` label; the last good names while the list fails. */
  private async refreshConnectorNames(): Promise<void> {
    const { ctx, aws, settings } = this.options;
    try {
      for (const vc of await loadVoiceConnectors(ctx, aws, settings.region)) {
        this.connectorNames.set(vc.value, vc.text === vc.value ? '' : vc.text);
      }
    } catch (err) {
      this.logFailure(
        'voice-connector-names',
        'voice_connector_mos',
        settings.region,
        `names unavailable: ${errorText(err)}`
      );
    }
  }

  private warnUnmatched(selections: Array<{ unmatched: string[] } | undefined>): void {
    const answered = selections.filter((s): s is { unmatched: string[] } => s !== undefined);
    if (answered.length === 0 || this.options.settings.queues === 'all') {
      return;
    }
    const nowhere = this.options.settings.queues.filter((q) => answered.every((s) => s.unmatched.includes(q)));
    const text = nowhere.join(', ');
    if (text !== (this.logged.get('unmatched-queues') ?? '')) {
      this.logged.set('unmatched-queues', text);
      if (nowhere.length > 0) {
        this.options.ctx.log.warn(
          { queues: nowhere },
          `exporter: EXPORTER_QUEUES names queues no exported instance has: ${text}`
        );
      }
    }
  }

  private logFailure(key: string, query: string, target: string, error: string): void {
    if (this.logged.get(key) !== error) {
      this.logged.set(key, error);
      this.options.ctx.log.warn(
        { query, target, error },
        `exporter: ${query} of ${target} failed; its values stay as they were`
      );
    }
  }

  private logRecovery(key: string, query: string, target: string): void {
    if (this.logged.has(key)) {
      this.logged.delete(key);
      this.options.ctx.log.info({ query, target }, `exporter: ${query} of ${target} answers again`);
    }
  }
}
