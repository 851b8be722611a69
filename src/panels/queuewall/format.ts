import { formattedValueToString, getValueFormat } from '@grafana/data';

/**
 * Values as a wall shows them: durations as a clock (4:05, 1:02:09), which reads faster from afar than "4.08 min";
 * counts without decimals; anything else with Grafana's unit formats.
 */

const DURATION_UNITS = new Set(['s', 'dtdurations']);

export function formatDuration(seconds: number): string {
  const total = Math.max(0, Math.floor(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

export function formatValue(value: number | null, unit?: string, decimals?: number): string {
  if (value === null) {
    return '–';
  }
  if (unit && DURATION_UNITS.has(unit)) {
    return formatDuration(value);
  }
  const format = getValueFormat(unit || 'short');
  return formattedValueToString(format(value, decimals ?? (Number.isInteger(value) ? 0 : 1)));
}

/** A rule in words, for the tooltip: "warn at ≥ 5, alert at ≥ 10". */
export function describeRule(
  rule: { warn?: number; alert?: number; direction: 'above' | 'below' },
  unit?: string
): string {
  const op = rule.direction === 'above' ? '≥' : '≤';
  const parts = [
    rule.warn !== undefined ? `warn at ${op} ${formatValue(rule.warn, unit)}` : undefined,
    rule.alert !== undefined ? `alert at ${op} ${formatValue(rule.alert, unit)}` : undefined,
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'no thresholds';
}
