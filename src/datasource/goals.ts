import { ThresholdsMode, type DataFrame, type ScopedVars, type ThresholdsConfig } from '@grafana/data';
import { WALL_PALETTE } from '../panels/shared/colour/palette';
import type { Replace } from './interpolate';

/**
 * Goals: a query's targets for its metrics, as field thresholds. Grafana does not interpolate template variables in
 * a panel's thresholds, so a target a NOC edits on the dashboard ($sl_warn = 80) cannot live there; it lives in the
 * query, the datasource reads the variables at each run and sets the thresholds on the fields it returns. Grafana
 * applies a field's own thresholds unless the panel overrides them (its defaults fill only what a field lacks).
 * The proxy never sees goals: they are the browser's (toProxyQuery drops them).
 */

/** Warn and alert levels, numbers or template variables. warn above alert: higher is better (service level). */
export interface Goal {
  warn: string;
  alert: string;
}

/** Goals by metric name (SERVICE_LEVEL applies to every SERVICE_LEVEL field, whatever its threshold). */
export type Goals = Partial<Record<string, Goal>>;

export interface ResolvedGoal {
  metric: string;
  warn: number;
  alert: number;
}

const COLOURS = WALL_PALETTE.dark;

/** The thresholds of a goal: green, orange from warn, red from alert (or, when higher is better, the reverse). */
export function goalThresholds(g: { warn: number; alert: number }): ThresholdsConfig {
  if (g.warn > g.alert) {
    return {
      mode: ThresholdsMode.Absolute,
      steps: [
        { value: -Infinity, color: COLOURS.alert },
        { value: g.alert, color: COLOURS.warn },
        { value: g.warn, color: COLOURS.ok },
      ],
    };
  }
  return {
    mode: ThresholdsMode.Absolute,
    steps: [
      { value: -Infinity, color: COLOURS.ok },
      ...(g.warn < g.alert ? [{ value: g.warn, color: COLOURS.warn }] : []),
      { value: g.alert, color: COLOURS.alert },
    ],
  };
}

/** Each goal's levels with the variables read; a level that is not a number after that is an error naming it. */
export function resolveGoals(
  goals: Goals | undefined,
  replace: Replace,
  scopedVars?: ScopedVars
): { resolved: ResolvedGoal[]; errors: string[] } {
  const resolved: ResolvedGoal[] = [];
  const errors: string[] = [];
  for (const [metric, goal] of Object.entries(goals ?? {})) {
    if (!goal) {
      continue;
    }
    const levels: Partial<Record<'warn' | 'alert', number>> = {};
    for (const level of ['warn', 'alert'] as const) {
      const written = String(goal[level] ?? '').trim();
      const text = replace(written, scopedVars).trim();
      const value = text === '' ? NaN : Number(text);
      if (Number.isFinite(value)) {
        levels[level] = value;
      } else {
        const read = written !== text ? ` (${written} reads "${text}")` : ` ("${written}")`;
        errors.push(`goals.${metric}.${level}: must be a number${read}.`);
      }
    }
    if (levels.warn !== undefined && levels.alert !== undefined) {
      resolved.push({ metric, warn: levels.warn, alert: levels.alert });
    }
  }
  return { resolved, errors };
}

/** Whether a field carries a metric: its name is the metric's, or the metric's with a threshold ("SERVICE_LEVEL < 20 s"). */
const carries = (fieldName: string, metric: string) => fieldName === metric || fieldName.startsWith(`${metric} `);

/** Sets the goals' thresholds on the fields of the frames that carry their metrics. */
export function applyGoals(frames: DataFrame[], goals: ResolvedGoal[]): void {
  for (const frame of frames) {
    for (const field of frame.fields) {
      const goal = goals.find((g) => carries(field.name, g.metric));
      if (goal) {
        field.config = { ...field.config, thresholds: goalThresholds(goal) };
      }
    }
  }
}

/**
 * What the editor can tell before a run: a level that is neither a number nor holds a template variable (which is
 * read at each run), or a goal with one level of two.
 */
export function goalProblems(goals: Goals | undefined): string[] {
  const problems: string[] = [];
  for (const [metric, goal] of Object.entries(goals ?? {})) {
    for (const level of ['warn', 'alert'] as const) {
      const text = String(goal?.[level] ?? '').trim();
      if (text === '') {
        problems.push(`goals.${metric}.${level}: set both levels, or neither for no goal.`);
      } else if (!text.includes('$') && !Number.isFinite(Number(text))) {
        problems.push(`goals.${metric}.${level}: must be a number or a template variable ("${text}").`);
      }
    }
  }
  return problems;
}
