import { DEFAULT_METRICS, type MetricRule } from '../../src/panels/queuewall/options';
import type { Goals } from '../../src/datasource/goals';
import { COLORS, thresholds } from './builders';

/**
 * One threshold set and one unit style for every panel that shows a queue's real-time values (the wallboards, the
 * stats and the tables of the Queues, NOC overview and NOC wall dashboards): the wallboard's default rules. In queue
 * warns from 5 and alerts from 10; the oldest contact warns from 1 minute and alerts from 3; no agent available is a
 * warning while contacts wait. Ages are clocks everywhere (the wallboard's m:ss, Grafana's `dthms` hh:mm:ss).
 */
export const QUEUE_RULES: MetricRule[] = DEFAULT_METRICS;

const rule = (field: string) => {
  const r = QUEUE_RULES.find((x) => x.field === field);
  if (!r || r.warn === undefined || r.alert === undefined || r.direction !== 'above') {
    throw new Error(`${field}: not an "above" rule with two thresholds in QUEUE_RULES`);
  }
  return r as Required<Pick<MetricRule, 'warn' | 'alert'>> & MetricRule;
};

/** Grafana thresholds of an "above" rule: inclusive, as the wallboard judges (a value at the threshold is bad). */
const above = (field: string) => {
  const r = rule(field);
  return thresholds(COLORS.ok, [r.warn, COLORS.warn], [r.alert, COLORS.alert]);
};

export const IN_QUEUE_THRESHOLDS = above('CONTACTS_IN_QUEUE');
export const OLDEST_THRESHOLDS = above('OLDEST_CONTACT_AGE');
/** The oldest contact's age as a clock (00:08:09), as the wallboard shows it (8:09). */
export const AGE_UNIT = 'dthms';

/** The wallboard's rules plus agents online, shown without thresholds (it tells a closed queue from a quiet one). */
export const WALLBOARD_RULES: MetricRule[] = [...QUEUE_RULES, { field: 'AGENTS_ONLINE', direction: 'below' }];

/**
 * Today's targets (Queues, Service level and NOC overview dashboards): service level within 20 s warns below 80 % and
 * alerts below 70 %; abandonment warns from 5 % and alerts from 10 % (common contact-center targets). A NOC edits
 * them as the dashboards' variables (goalVariables); the queries carry them as goals, which the datasource turns into
 * field thresholds (Grafana reads no variables in a panel's thresholds).
 */
export const SERVICE_LEVEL_SECONDS = 20;
export const TARGETS = {
  sl_warn: { value: 80, label: 'Service level warn %', description: 'Service level below this (%) is a warning.' },
  sl_alert: { value: 70, label: 'Service level alert %', description: 'Service level below this (%) is an alert.' },
  abandon_warn: { value: 5, label: 'Abandonment warn %', description: 'Abandonment from this (%) is a warning.' },
  abandon_alert: { value: 10, label: 'Abandonment alert %', description: 'Abandonment from this (%) is an alert.' },
} as const;

/** The goals of the historical queries, read from the target variables at every run. */
export const GOALS: Goals = {
  SERVICE_LEVEL: { warn: '$sl_warn', alert: '$sl_alert' },
  ABANDONMENT_RATE: { warn: '$abandon_warn', alert: '$abandon_alert' },
};

/** Short column names for the historical tables (the panel's description says the threshold and the day). */
export const TODAY_COLUMNS: Record<string, string> = {
  [`SERVICE_LEVEL < ${SERVICE_LEVEL_SECONDS} s`]: 'Service level',
  ABANDONMENT_RATE: 'Abandoned %',
  AVG_QUEUE_ANSWER_TIME: 'Answer time',
  AVG_HANDLE_TIME: 'Handle time',
  CONTACTS_HANDLED: 'Handled',
  CONTACTS_ABANDONED: 'Abandoned',
  MAX_QUEUED_TIME: 'Longest wait',
};

/** A table's overrides with each historical column's short name added (and the columns it lacked overrides for). */
export function withTodayColumnNames(
  overrides: Array<{ name: string; properties: Record<string, unknown> }>
): Array<{ name: string; properties: Record<string, unknown> }> {
  const named = Object.entries(TODAY_COLUMNS).map(([name, displayName]) => {
    const own = overrides.find((o) => o.name === name);
    return { name, properties: { displayName, ...own?.properties } };
  });
  return [...overrides.filter((o) => !(o.name in TODAY_COLUMNS)), ...named];
}
