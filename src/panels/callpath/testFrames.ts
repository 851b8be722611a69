import { dataFrameFromJSON, type DataFrame } from '@grafana/data';
import { findMetric } from '../../connect/cloudwatchCatalog';
import { CALLPATH_METRICS } from './metrics';

/**
 * Test data: CloudWatch frames shaped as the proxy answers them (docs/api.md, `cloudwatch`; proxy/queries/
 * cloudwatch.ts): one frame per series named by the query's label, a Time field and a Value field with the
 * dimensions as labels, the label as displayNameFromDS and the catalogue's unit; read with dataFrameFromJSON as
 * the datasource does.
 */

export const T0 = Date.parse('2026-11-18T19:00:00Z');
export const MINUTE = 60_000;

/** Values per minute from T0; null is a minute without a point. */
export type Values = Array<number | null>;

export interface FrameOptions {
  /** The series name; default the metric (label `${METRIC}`). */
  label?: string;
  /** The Value field's unit; default the catalogue's. null: no unit. */
  unit?: string | null;
  region?: string;
  refId?: string;
  notices?: Array<{ severity: 'info' | 'warning' | 'error'; text: string }>;
  /** Omit the labels (a series without dimensions). */
  noLabels?: boolean;
  /** The statistic the query asked for; default the catalogue's (Average for the calls in progress, as the panel asks). */
  statistic?: string;
  /** The period the proxy says in meta.custom and on the Time field; default 60. null: the frame does not say. */
  period?: number | null;
  /** Seconds between points; default 60. */
  step?: number;
}

export function cloudwatchFrame(metric: string, connectorId: string, values: Values, o: FrameOptions = {}): DataFrame {
  const info = findMetric('AWS/ChimeVoiceConnector', metric);
  const unit = o.unit === null ? undefined : (o.unit ?? info?.grafanaUnit);
  const label = o.label ?? metric;
  const statistic = o.statistic ?? (metric.endsWith('CallsActive') ? 'Average' : (info?.statistic ?? 'Average'));
  const period = o.period === undefined ? 60 : o.period;
  const step = (o.step ?? 60) * 1000;
  const times: number[] = [];
  const points: number[] = [];
  values.forEach((v, i) => {
    // CloudWatch leaves out the periods without data; the proxy passes on what it got.
    if (v !== null) {
      times.push(T0 + i * step);
      points.push(v);
    }
  });
  return dataFrameFromJSON({
    schema: {
      refId: o.refId ?? metric,
      name: label,
      meta: {
        executedQueryString: `AWS/ChimeVoiceConnector ${metric} ${statistic} ${period ?? 60}s`,
        ...(period !== null ? { custom: { period } } : {}),
        ...(o.notices ? { notices: o.notices } : {}),
      },
      fields: [
        { name: 'Time', type: 'time' as never, config: period !== null ? { custom: { period } } : {} },
        {
          name: 'Value',
          type: 'number' as never,
          ...(o.noLabels
            ? {}
            : { labels: { VoiceConnectorId: connectorId, ...(o.region ? { Region: o.region } : {}) } }),
          config: { displayNameFromDS: label, ...(unit ? { unit } : {}), description: info?.description },
        },
      ],
    },
    data: { values: [times, points] },
  });
}

/** A connector's frames for the metrics given (values as CloudWatch sends them: jitter and RTT in µs). */
export function connectorFrames(connectorId: string, metrics: Partial<Record<string, Values>>, o: FrameOptions = {}) {
  return Object.entries(metrics)
    .filter(([m]) => CALLPATH_METRICS.includes(m))
    .map(([m, values]) => cloudwatchFrame(m, connectorId, values ?? [], o));
}

/**
 * Every metric of a healthy connector over three minutes: MOS 4.3, RTT 40 ms, jitter 5 ms, 3 calls in progress
 * (2 inbound, 1 outbound) whose 9,000 packets a minute arrive but 9 on each leg: 8,991 counted, 0.1 % loss.
 */
export function healthyMetrics(): Record<string, Values> {
  const out: Record<string, Values> = {};
  for (const m of CALLPATH_METRICS) {
    if (m.startsWith('MOS')) {
      out[m] = [4.3, 4.3, 4.3];
    } else if (m.startsWith('RTT')) {
      out[m] = [40_000, 40_000, 40_000];
    } else if (m.endsWith('Jitter')) {
      out[m] = [5000, 5000, 5000];
    } else if (m.endsWith('RtpPackets')) {
      out[m] = [8991, 8991, 8991];
    } else if (m === 'InboundCallsActive') {
      out[m] = [2, 2, 2];
    } else if (m === 'OutboundCallsActive') {
      out[m] = [1, 1, 1];
    } else {
      throw new Error(`healthyMetrics: no value for ${m}`);
    }
  }
  return out;
}
