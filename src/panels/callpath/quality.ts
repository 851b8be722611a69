import { findMetric } from '../../connect/cloudwatchCatalog';
import { grafanaTimeUnitInMs } from '../../connect/units';
import { valueSeverity, worstSeverity, type Severity } from '../queuewall/severity';

/**
 * Call quality against thresholds, with the queue wallboard's inclusive rules (../queuewall/severity.ts): MOS is
 * bad when low (at or below a threshold); jitter, loss and round-trip time when high (at or above). A missing
 * value is "nodata", never ok.
 */

export type Quality = 'mos' | 'jitterMs' | 'lossPercent' | 'rttMs';

export const QUALITIES: Quality[] = ['mos', 'jitterMs', 'lossPercent', 'rttMs'];

/** A threshold of null is switched off (written by hand in a dashboard's JSON). */
export interface QualityThreshold {
  warn: number | null;
  alert: number | null;
}

export type QualityThresholds = Record<Quality, QualityThreshold>;

export const QUALITY_DIRECTION: Record<Quality, 'above' | 'below'> = {
  mos: 'below',
  jitterMs: 'above',
  lossPercent: 'above',
  rttMs: 'above',
};

/** How each quality is named and measured on the diagram. */
export const QUALITY_INFO: Record<Quality, { label: string; unit: string; description: string }> = {
  mos: { label: 'MOS', unit: '', description: 'Mean opinion score estimated by AWS, 1.0 (bad) to 4.4 (best)' },
  jitterMs: { label: 'Jitter', unit: 'ms', description: 'Average jitter of the leg’s RTP packets' },
  lossPercent: {
    label: 'Loss',
    unit: '%',
    description:
      'Estimated packet loss of the leg: the RTP packets counted against 3,000 a minute per call in progress ' +
      '(20 ms packets without silence suppression assumed)',
  },
  rttMs: { label: 'RTT', unit: 'ms', description: 'Average round-trip time between the Voice Connector and the end' },
};

const orUndefined = (v: number | null): number | undefined => (v === null ? undefined : v);

export function qualitySeverity(quality: Quality, value: number | null, thresholds: QualityThresholds): Severity {
  const t = thresholds[quality];
  return valueSeverity(value, {
    warn: orUndefined(t.warn),
    alert: orUndefined(t.alert),
    direction: QUALITY_DIRECTION[quality],
  });
}

export { worstSeverity, type Severity };

/**
 * A duration of a Voice Connector metric in milliseconds. The field's unit says what the number is (CloudWatch
 * publishes jitter and RTT in microseconds and the proxy labels them `µs`; a math expression may already have
 * converted to `ms`); a field without a time unit is in the unit the metric catalogue gives the metric.
 * Undefined when neither is a time unit (the value cannot be read as a duration).
 */
export function durationInMs(value: number, fieldUnit: string | undefined, metric: string): number | undefined {
  const perUnit =
    grafanaTimeUnitInMs(fieldUnit) ?? grafanaTimeUnitInMs(findMetric('AWS/ChimeVoiceConnector', metric)?.grafanaUnit);
  return perUnit === undefined ? undefined : value * perUnit;
}

/** The value as the diagram prints it, with its unit; "–" for no data. */
export function formatQuality(quality: Quality, value: number | null): string {
  if (value === null || !Number.isFinite(value)) {
    return '–';
  }
  switch (quality) {
    case 'mos':
      return value.toFixed(2);
    case 'jitterMs':
      return `${value < 100 ? value.toFixed(1) : Math.round(value)} ms`;
    case 'rttMs':
      return `${Math.round(value)} ms`;
    case 'lossPercent':
      return `${value < 10 ? value.toFixed(2) : value.toFixed(1)} %`;
  }
}

/** A quality's thresholds in words, for tooltips: "warn at ≥ 30 ms, alert at ≥ 50 ms". */
export function describeThreshold(quality: Quality, t: QualityThreshold): string {
  const op = QUALITY_DIRECTION[quality] === 'above' ? '≥' : '≤';
  const unit = QUALITY_INFO[quality].unit;
  // Thresholds as the user typed them (30 ms, not 30.0 ms).
  const text = (n: number) => (unit ? `${n} ${unit}` : String(n));
  const parts = [
    t.warn !== null ? `warn at ${op} ${text(t.warn)}` : undefined,
    t.alert !== null ? `alert at ${op} ${text(t.alert)}` : undefined,
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'no thresholds';
}
