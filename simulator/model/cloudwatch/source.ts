import type { Clock } from '../../clock';
import type { ContactCenterModel } from '../contactCenter';
import {
  EMPTY_SERIES,
  RawSeriesBuilder,
  type Dimension,
  type MetricIdentity,
  type MetricSource,
  type RawDatapoint,
  type RawSeries,
} from '../metricSource';
import type { World } from '../../scenario/world';
import { appIntegrationPoint, DATA_METRICS, EVENT_METRICS } from './appIntegrations';
import {
  concurrencyEmitter,
  counterEmitter,
  fillFromEpochs,
  flowPoint,
  instanceErrorPoint,
  packetLossPoint,
  queueEmitter,
  taskExpiries,
} from './connect';
import {
  CHIME_PUBLISHED,
  CONCURRENCY_GROUPS,
  CONNECT_PUBLISHED,
  RETENTION_DAYS,
  VOICE_ID_API_NAMES,
  VOICE_ID_PUBLISHED,
} from './published';
import { countPoint, eachBucket } from './shared';
import { voiceConnectorMetric, voiceConnectorMinute } from './voiceConnector';
import { voiceIdApiPoint, voiceIdDomainPoint } from './voiceId';

/**
 * The MetricSource of the simulator: every CloudWatch metric the scenario produces, per region, with a function
 * that computes its data point for any bucket. Nothing is stored; the contact-center epochs behind the
 * AWS/Connect metrics are the model's (cached) simulation.
 */

interface SeriesDef {
  identity: MetricIdentity;
  resolution: number;
  /** Writes the points of [from, to) (bucket-aligned) into the builder. */
  fill: (b: RawSeriesBuilder, from: number, to: number) => void;
}

/** A filler from a function computing one point at a time (stateless metrics). */
const pointwise =
  (point: (t: number) => RawDatapoint | undefined, resolution: number) =>
  (b: RawSeriesBuilder, from: number, to: number): void =>
    eachBucket(from, to, resolution, (t) => {
      const p = point(t);
      if (!p) {
        return;
      }
      if (p.values) {
        b.addSamples(t, p.values);
      } else {
        b.add(t, p.sampleCount, p.sum, p.min, p.max);
      }
    });

/**
 * Metrics AWS sends every minute even when they are zero (gauges; and packets lost, which the Chime SDK guide says
 * are "sent every minute until the call ends", so a call without loss sends 0); counters only come with activity.
 */
const ZERO_SENDING = new Set(['InboundCallsActive', 'OutboundCallsActive']);
const sendsZero = (metric: string) => ZERO_SENDING.has(metric) || metric.endsWith('PacketsLost');

export function seriesKey(namespace: string, metricName: string, dimensions: Dimension[]): string {
  const dims = [...dimensions]
    .sort((a, b) => (a.Name < b.Name ? -1 : a.Name > b.Name ? 1 : 0))
    .map((d) => `${d.Name}=${d.Value}`);
  return `${namespace}|${metricName}|${dims.join(',')}`;
}

const dim = (Name: string, Value: string): Dimension => ({ Name, Value });

export class ModelMetricSource implements MetricSource {
  private readonly byRegion = new Map<string, Map<string, SeriesDef>>();

  constructor(
    private readonly world: World,
    private readonly model: ContactCenterModel,
    private readonly clock: Clock
  ) {}

  list(region: string, activeSinceSeconds: number): MetricIdentity[] {
    const now = this.clock.nowSeconds();
    const out = [...this.defs(region).values()].map((d) => d.identity);
    for (const instance of this.world.instances.filter((i) => i.region === region)) {
      for (const task of taskExpiries(this.world, instance, activeSinceSeconds, now)) {
        for (const metricName of ['TasksExpired', 'TasksExpiryWarningReached']) {
          out.push({
            namespace: 'AWS/Connect',
            metricName,
            dimensions: [dim('InstanceId', instance.id), dim('MetricGroup', 'Tasks'), dim('ContactId', task.contactId)],
          });
        }
      }
    }
    return out;
  }

  resolution(metric: MetricIdentity): number {
    if (metric.namespace === 'AWS/Connect') {
      return CONNECT_PUBLISHED.find((m) => m.name === metric.metricName)?.everySeconds ?? 60;
    }
    return 60;
  }

  series(region: string, metric: MetricIdentity, startSeconds: number, endSeconds: number): RawSeries {
    const now = this.clock.nowSeconds();
    const retentionDays = RETENTION_DAYS[metric.namespace];
    if (!retentionDays) {
      return EMPTY_SERIES;
    }
    const def =
      this.defs(region).get(seriesKey(metric.namespace, metric.metricName, metric.dimensions)) ??
      this.taskExpiryDef(region, metric, now);
    if (!def) {
      return EMPTY_SERIES;
    }
    const res = def.resolution;
    const from = Math.ceil(Math.max(startSeconds, now - retentionDays * 86400) / res) * res;
    // A bucket is published once it is complete.
    const to = Math.min(endSeconds, Math.floor(now / res) * res);
    if (to <= from) {
      return EMPTY_SERIES;
    }
    const b = new RawSeriesBuilder(Math.ceil((to - from) / res));
    def.fill(b, from, to);
    return b.build();
  }

  private taskExpiryDef(region: string, metric: MetricIdentity, now: number): SeriesDef | undefined {
    if (
      metric.namespace !== 'AWS/Connect' ||
      (metric.metricName !== 'TasksExpired' && metric.metricName !== 'TasksExpiryWarningReached')
    ) {
      return undefined;
    }
    const get = (n: string) => metric.dimensions.find((d) => d.Name === n)?.Value;
    const instance = this.world.instanceById.get(get('InstanceId') ?? '');
    if (!instance || instance.region !== region || metric.dimensions.length !== 3 || get('MetricGroup') !== 'Tasks') {
      return undefined;
    }
    const task = taskExpiries(this.world, instance, now - 15 * 86400, now).find(
      (x) => x.contactId === get('ContactId')
    );
    if (!task) {
      return undefined;
    }
    const at = metric.metricName === 'TasksExpired' ? task.expiredAt : task.warnedAt;
    return { identity: metric, resolution: 60, fill: pointwise((t) => (t === at ? countPoint(t, 1) : undefined), 60) };
  }

  private defs(region: string): Map<string, SeriesDef> {
    let defs = this.byRegion.get(region);
    if (!defs) {
      defs = this.build(region);
      this.byRegion.set(region, defs);
    }
    return defs;
  }

  private build(region: string): Map<string, SeriesDef> {
    const defs = new Map<string, SeriesDef>();
    const addFill = (
      namespace: string,
      metricName: string,
      dimensions: Dimension[],
      fill: SeriesDef['fill'],
      resolution = 60
    ) => {
      defs.set(seriesKey(namespace, metricName, dimensions), {
        identity: { namespace, metricName, dimensions },
        resolution,
        fill,
      });
    };
    const add = (
      namespace: string,
      metricName: string,
      dimensions: Dimension[],
      point: (t: number) => RawDatapoint | undefined,
      resolution = 60
    ) => addFill(namespace, metricName, dimensions, pointwise(point, resolution), resolution);
    const { world, model } = this;

    for (const instance of world.instances.filter((i) => i.region === region)) {
      const channels = new Set(instance.queues.flatMap((q) => q.channels));
      for (const metric of CONNECT_PUBLISHED) {
        const group = metric.group;
        const base = [dim('InstanceId', instance.id)];
        if (group && group in CONCURRENCY_GROUPS && !metric.per) {
          if (channels.has(CONCURRENCY_GROUPS[group as keyof typeof CONCURRENCY_GROUPS])) {
            const dims = [...base, dim('MetricGroup', group)];
            const emit = concurrencyEmitter(instance, metric.name, metric.everySeconds) ?? counterEmitter(metric.name);
            if (emit) {
              addFill(
                'AWS/Connect',
                metric.name,
                dims,
                (b, from, to) => fillFromEpochs(model, instance, from, to, emit, b),
                metric.everySeconds
              );
            } else {
              add('AWS/Connect', metric.name, dims, (t) => instanceErrorPoint(world, instance, metric.name, t));
            }
          }
        } else if (group === 'Queue') {
          for (const q of instance.queues) {
            const relevant =
              metric.name === 'QueueCapacityExceededError'
                ? q.channels.includes('VOICE')
                : metric.name === 'CallBackNotDialableNumber'
                  ? (q.spec.callbackShare ?? 0) > 0
                  : true;
            const emit = queueEmitter(q.index, metric.name);
            if (relevant && emit) {
              addFill(
                'AWS/Connect',
                metric.name,
                [...base, dim('MetricGroup', 'Queue'), dim('QueueName', q.name)],
                (b, from, to) => fillFromEpochs(model, instance, from, to, emit, b)
              );
            }
          }
        } else if (group === 'ContactFlow') {
          (instance.spec.flows ?? []).forEach((flow, fi) => {
            const rate = metric.name === 'ContactFlowErrors' ? flow.errorsPerHour : flow.fatalErrorsPerHour;
            if ((rate ?? 0) > 0) {
              add(
                'AWS/Connect',
                metric.name,
                [...base, dim('MetricGroup', 'ContactFlow'), dim('ContactFlowName', flow.name)],
                (t) => flowPoint(world, instance, fi, metric.name, t)
              );
            }
          });
        } else if (group === 'CallRecordings') {
          if ((instance.spec.recordingUploadErrorsPerHour ?? 0) > 0) {
            add('AWS/Connect', metric.name, [...base, dim('MetricGroup', 'CallRecordings')], (t) =>
              instanceErrorPoint(world, instance, metric.name, t)
            );
          }
        } else if (metric.name === 'PublicSigningKeyUsage') {
          (instance.spec.flows ?? []).forEach((flow, fi) => {
            if (flow.signingKeyId && (flow.signingKeyUsesPerHour ?? 0) > 0) {
              add('AWS/Connect', metric.name, [...base, dim('SigningKeyId', flow.signingKeyId)], (t) =>
                flowPoint(world, instance, fi, metric.name, t)
              );
            }
          });
        } else if (metric.name === 'ToInstancePacketLossRate') {
          add(
            'AWS/Connect',
            metric.name,
            [
              dim('Instance ID', instance.id),
              dim('Participant', 'Agent'),
              dim('Stream Type', 'Voice'),
              dim('Type of Connection', 'WebRTC'),
            ],
            (t) => packetLossPoint(world, instance, t),
            10
          );
        }
      }
    }

    for (const vc of world.voiceConnectors.filter((v) => v.region === region)) {
      for (const name of CHIME_PUBLISHED) {
        const metric = { name };
        const point = (t: number) => {
          const value = voiceConnectorMetric(voiceConnectorMinute(world, vc, t / 60), metric.name);
          if (value === undefined || (value === 0 && !sendsZero(metric.name))) {
            return undefined;
          }
          return { t, sampleCount: 1, sum: value, min: value, max: value };
        };
        add('AWS/ChimeVoiceConnector', metric.name, [dim('VoiceConnectorId', vc.id)], point);
        add('AWS/ChimeVoiceConnector', metric.name, [dim('VoiceConnectorId', vc.id), dim('Region', vc.region)], point);
      }
    }

    const domains = world.voiceIdDomains.filter((d) => d.region === region);
    if (domains.length > 0) {
      for (const metric of VOICE_ID_PUBLISHED) {
        if (metric.by === 'API') {
          for (const api of VOICE_ID_API_NAMES) {
            add('VoiceID', metric.name, [dim('API', api)], (t) =>
              voiceIdApiPoint(world, domains, metric.name, api, t / 60)
            );
          }
        } else {
          for (const domain of domains) {
            add('VoiceID', metric.name, [dim('Domain', domain.id)], (t) =>
              voiceIdDomainPoint(world, domain, metric.name, t / 60)
            );
          }
        }
      }
    }

    const integrations = world.appIntegrations.filter((a) => a.region === region);
    for (const type of ['DataIntegration', 'EventIntegration'] as const) {
      const ofType = integrations.filter((a) => a.spec.type === type);
      const names = type === 'DataIntegration' ? DATA_METRICS : EVENT_METRICS;
      for (const name of names) {
        for (const it of ofType) {
          add('AWS/AppIntegrations', name, [dim('IntegrationARN', it.arn)], (t) =>
            appIntegrationPoint(world, [it], name, t / 60)
          );
        }
        if (ofType.length) {
          add('AWS/AppIntegrations', name, [dim('IntegrationType', type)], (t) =>
            appIntegrationPoint(world, ofType, name, t / 60)
          );
        }
      }
    }
    return defs;
  }
}
