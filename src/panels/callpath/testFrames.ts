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
}

export function cloudwatchFrame(metric: string, connectorId: string, values: Values, o: FrameOptions = {}): DataFrame {
  const info = findMetric('AWS/ChimeVoiceConnector', metric);
  const unit = o.unit === null ? undefined : (o.unit ?? info?.grafanaUnit);
  const label = o.label ?? metric;
  const times: number[] = [];
  const points: number[] = [];
  values.forEach((v, i) => {
    // CloudWatch leaves out the periods without data; the proxy passes on what it got.
    if (v !== null) {
      times.push(T0 + i * MINUTE);
      points.push(v);
    }
  });
  return dataFrameFromJSON({
    schema: {
      refId: o.refId ?? metric,
      name: label,
      meta: {
        executedQueryString: `AWS/ChimeVoiceConnector ${metric} ${info?.statistic ?? 'Average'} 60s`,
        custom: { period: 60 },
        ...(o.notices ? { notices: o.notices } : {}),
      },
      fields: [
        { name: 'Time', type: 'time' as never, config: { custom: { period: 60 } } },
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
 * Every metric of a healthy connector over three minutes: MOS 4.3, RTT 40 ms, jitter 5 ms, 3000 packets a minute
 * with 3 lost (0.1 %).
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
      out[m] = [3000, 3000, 3000];
    } else {
      out[m] = [3, 3, 3];
    }
  }
  return out;
}
