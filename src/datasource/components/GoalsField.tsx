import React from 'react';
import { Field, Input, Stack, Text } from '@grafana/ui';
import { goalProblems, type Goal, type Goals } from '../goals';
import { fieldErrors } from './fieldErrors';

/**
 * Goals of a query's metrics: warn and alert levels, numbers or template variables ($sl_warn), that colour the
 * metric's fields (the datasource sets them as field thresholds at each run; goals.ts says why not the panel's).
 * Both levels empty: no goal.
 */
export function GoalsField({
  id,
  metrics,
  goals,
  onChange,
  onBlur,
}: {
  id: string;
  metrics: string[];
  goals: Goals | undefined;
  /** Every keystroke (saved, not run). */
  onChange: (goals: Goals | undefined) => void;
  /** Leaving a level: run the query with it. */
  onBlur: () => void;
}) {
  const set = (metric: string, patch: Partial<Goal>) => {
    const next: Goals = { ...goals };
    const goal = { warn: '', alert: '', ...next[metric], ...patch };
    if (goal.warn.trim() === '' && goal.alert.trim() === '') {
      delete next[metric];
    } else {
      next[metric] = goal;
    }
    // goals of metrics no longer chosen go with them
    const kept = Object.fromEntries(Object.entries(next).filter(([m]) => metrics.includes(m)));
    onChange(Object.keys(kept).length > 0 ? kept : undefined);
  };
  return (
    <Field
      label="Goals"
      description="Warn and alert levels that colour each metric (numbers or variables such as $sl_warn). Warn above alert: higher is better."
      {...fieldErrors(goalProblems(goals))}
    >
      <Stack direction="column" gap={0.5}>
        {metrics.map((metric) => (
          <Stack key={metric} gap={1} alignItems="center">
            <div style={{ width: 220 }}>
              <Text variant="bodySmall">{metric}</Text>
            </div>
            <Input
              id={`${id}-goal-${metric}-warn`}
              aria-label={`${metric} warn level`}
              width={14}
              placeholder="warn"
              value={goals?.[metric]?.warn ?? ''}
              onChange={(e) => set(metric, { warn: e.currentTarget.value })}
              onBlur={onBlur}
            />
            <Input
              id={`${id}-goal-${metric}-alert`}
              aria-label={`${metric} alert level`}
              width={14}
              placeholder="alert"
              value={goals?.[metric]?.alert ?? ''}
              onChange={(e) => set(metric, { alert: e.currentTarget.value })}
              onBlur={onBlur}
            />
          </Stack>
        ))}
      </Stack>
    </Field>
  );
}
