import React, { useId, useMemo } from 'react';
import { css } from '@emotion/css';
import { FieldType, type GrafanaTheme2, type SelectableValue, type StandardEditorProps } from '@grafana/data';
import {
  Button,
  Checkbox,
  Combobox,
  IconButton,
  Input,
  RadioButtonGroup,
  useStyles2,
  type ComboboxOption,
} from '@grafana/ui';
import { REALTIME_METRICS, STANDARD_REALTIME_METRICS } from '../../connect/realtimeMetrics';
import {
  defaultDirection,
  defaultOnlyWhileWaiting,
  type Direction,
  type MetricRule,
  type QueueWallOptions,
} from './options';

/**
 * The list of metric rules (Grafana's options builder has no editor for a list of objects): per rule the field,
 * an optional label, the direction and the warn and alert thresholds; rules can be added, moved and removed.
 */

const DIRECTIONS: Array<SelectableValue<Direction>> = [
  { value: 'above', label: 'Above', description: 'A value at or above a threshold is bad (contacts, ages)' },
  { value: 'below', label: 'Below', description: 'A value at or below a threshold is bad (agents available)' },
];

/** Fields of the panel's data first (what the query returns), then the other real-time metrics. */
function fieldOptions(context: StandardEditorProps['context']): Array<ComboboxOption<string>> {
  const seen = new Map<string, ComboboxOption<string>>();
  for (const frame of context.data ?? []) {
    for (const f of frame.fields) {
      if (f.type === FieldType.number && !seen.has(f.name)) {
        seen.set(f.name, { value: f.name, label: f.config.displayName ?? f.name, description: f.name });
      }
    }
  }
  for (const name of STANDARD_REALTIME_METRICS) {
    if (!seen.has(name)) {
      seen.set(name, { value: name, label: REALTIME_METRICS[name].reportName, description: name });
    }
  }
  return [...seen.values()];
}

/** A threshold as text: empty is "no threshold"; only a number is kept. Committed on blur, so "1." can be typed. */
function ThresholdInput({
  value,
  onCommit,
  label,
}: {
  value: number | undefined;
  onCommit: (v: number | undefined) => void;
  label: string;
}) {
  return (
    <Input
      key={String(value)}
      type="number"
      aria-label={label}
      placeholder={label}
      defaultValue={value ?? ''}
      width={10}
      onBlur={(e) => {
        const text = e.currentTarget.value.trim();
        const n = Number(text);
        const next = text === '' || !Number.isFinite(n) ? undefined : n;
        if (next !== value) {
          onCommit(next);
        }
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.currentTarget.blur();
        }
      }}
    />
  );
}

export function MetricRulesEditor({
  value,
  onChange,
  context,
}: StandardEditorProps<MetricRule[], unknown, QueueWallOptions>) {
  const styles = useStyles2(getStyles);
  const rules = value ?? [];
  const options = useMemo(() => fieldOptions(context), [context]);
  const idBase = useId();
  const update = (index: number, patch: Partial<MetricRule>) =>
    onChange(rules.map((r, i) => (i === index ? withoutUndefined({ ...r, ...patch }) : r)));
  const move = (index: number, by: number) => {
    const next = [...rules];
    const [rule] = next.splice(index, 1);
    next.splice(index + by, 0, rule);
    onChange(next);
  };
  const used = new Set(rules.map((r) => r.field));
  const firstUnused = options.find((o) => o.value && !used.has(o.value))?.value ?? 'CONTACTS_IN_QUEUE';

  return (
    <div className={styles.list}>
      {rules.map((rule, i) => (
        <div key={i} className={styles.rule} data-testid="queuewall-rule">
          <span id={`${idBase}-metric-${i}`} hidden>
            Metric of rule {i + 1}
          </span>
          <div className={styles.row}>
            <div className={styles.grow}>
              <Combobox
                aria-labelledby={`${idBase}-metric-${i}`}
                options={options}
                // A field the options do not know (typed by hand, or a display name) still shows as itself.
                value={options.find((o) => o.value === rule.field) ?? { value: rule.field, label: rule.field }}
                createCustomValue
                onChange={(v) =>
                  update(i, {
                    field: v.value,
                    ...(v.value !== rule.field ? { direction: defaultDirection(v.value) } : {}),
                  })
                }
              />
            </div>
            <IconButton name="arrow-up" tooltip="Move up" disabled={i === 0} onClick={() => move(i, -1)} />
            <IconButton
              name="arrow-down"
              tooltip="Move down"
              disabled={i === rules.length - 1}
              onClick={() => move(i, 1)}
            />
            <IconButton
              name="trash-alt"
              tooltip="Remove this metric"
              onClick={() => onChange(rules.filter((_, j) => j !== i))}
            />
          </div>
          <Input
            key={`label-${rule.label ?? ''}`}
            aria-label={`Label of rule ${i + 1}`}
            placeholder="Label (default: the column's name)"
            defaultValue={rule.label ?? ''}
            onBlur={(e) => {
              const label = e.currentTarget.value.trim();
              if (label !== (rule.label ?? '')) {
                update(i, { label: label || undefined });
              }
            }}
          />
          <div className={styles.row}>
            <RadioButtonGroup
              size="sm"
              aria-label={`Direction of rule ${i + 1}: which side of a threshold is bad`}
              options={DIRECTIONS}
              value={rule.direction}
              onChange={(direction) => update(i, { direction })}
            />
            <ThresholdInput label="Warn" value={rule.warn} onCommit={(warn) => update(i, { warn })} />
            <ThresholdInput label="Alert" value={rule.alert} onCommit={(alert) => update(i, { alert })} />
          </div>
          <Checkbox
            label="Only while contacts wait"
            description="Or within the staffed hours: no agent available on an empty queue is no warning"
            value={Boolean(rule.onlyWhileWaiting)}
            onChange={(e) => update(i, { onlyWhileWaiting: e.currentTarget.checked || undefined })}
          />
        </div>
      ))}
      <Button
        size="sm"
        variant="secondary"
        icon="plus"
        onClick={() =>
          onChange([
            ...rules,
            withoutUndefined({
              field: firstUnused,
              direction: defaultDirection(firstUnused),
              onlyWhileWaiting: defaultOnlyWhileWaiting(firstUnused) || undefined,
            }),
          ])
        }
      >
        Add metric
      </Button>
    </div>
  );
}

/** Saved options stay free of `"warn": undefined`-style keys (JSON drops them anyway; tests compare objects). */
function withoutUndefined(rule: MetricRule): MetricRule {
  return Object.fromEntries(Object.entries(rule).filter(([, v]) => v !== undefined)) as unknown as MetricRule;
}

const getStyles = (theme: GrafanaTheme2) => ({
  list: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(1) }),
  rule: css({
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(0.5),
    padding: theme.spacing(1),
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
  }),
  row: css({ display: 'flex', alignItems: 'center', gap: theme.spacing(0.5) }),
  grow: css({ flex: 1, minWidth: 0 }),
});
