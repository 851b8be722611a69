import type { SelectableValue } from '@grafana/data';
import type { RealtimeQuery } from '../../connect/proxyApi';
import { REALTIME_METRICS, REALTIME_METRIC_NAMES, type RealtimeMetricName } from '../../connect/realtimeMetrics';
import {
  GROUPINGS,
  validateRealtimeRequest,
  violationsIntroducedBy,
  type Grouping,
  type RealtimeField,
  type RealtimeRequestShape,
  type RealtimeValidationOptions,
  type RuleViolation,
  type SortOrder,
} from '../../connect/realtimeRules';

/**
 * The real-time editor's use of the shared rules (src/connect/realtimeRules.ts): which options a change would make
 * impossible and why, and where each current violation is shown. Pure, so the rules are tested without a browser.
 */

/** The proxy splits queue and routing-profile sets above Connect's 100, so the editor checks what the proxy checks. */
export const PROXY_VALIDATION: RealtimeValidationOptions = { splitsLargeSets: true };

/** A query in the vocabulary of the rules (the proxy builds the same shape). */
export function requestShape(
  q: Pick<RealtimeQuery, 'filters' | 'groupings' | 'metrics' | 'sort'>
): RealtimeRequestShape {
  return { filters: q.filters, groupings: q.groupings, metrics: q.metrics, sort: q.sort ? [q.sort] : undefined };
}

export function currentViolations(shape: RealtimeRequestShape): RuleViolation[] {
  return validateRealtimeRequest(shape, PROXY_VALIDATION);
}

/** Why a change is impossible: the rules it would newly break, in words; undefined when it is fine. */
export function reasonAgainst(before: RealtimeRequestShape, after: RealtimeRequestShape): string | undefined {
  const introduced = violationsIntroducedBy(before, after, PROXY_VALIDATION);
  return introduced.length > 0 ? introduced.map((v) => v.text).join('; ') : undefined;
}

export const GROUPING_INFO: Record<Grouping, { label: string; description: string }> = {
  QUEUE: { label: 'Queue', description: 'A row per queue (QUEUE).' },
  CHANNEL: { label: 'Channel', description: 'A row per channel: voice, chat, task, email (CHANNEL).' },
  ROUTING_PROFILE: { label: 'Routing profile', description: 'A row per routing profile (ROUTING_PROFILE).' },
  ROUTING_STEP_EXPRESSION: {
    label: 'Routing step expression',
    description: 'A row per routing-step expression (ROUTING_STEP_EXPRESSION).',
  },
  AGENT_STATUS: { label: 'Agent status', description: 'A row per agent status, after QUEUE (AGENT_STATUS).' },
  SUBTYPE: { label: 'Subtype', description: 'A row per contact subtype, after QUEUE (SUBTYPE).' },
  VALIDATION_TEST_TYPE: {
    label: 'Validation test type',
    description: 'A row per validation test type, after QUEUE (VALIDATION_TEST_TYPE).',
  },
};

/** The groupings with `grouping` at `position` (0: "Group by", 1: "then by"); later ones are kept. */
export function withGroupingAt(groupings: string[], position: number, grouping: string | undefined): string[] {
  const next = [...groupings];
  if (grouping === undefined) {
    next.splice(position, 1);
    return next;
  }
  next[Math.min(position, next.length)] = grouping;
  return next;
}

/**
 * Options for the grouping at `position`: each grouping Connect would refuse there (with the query as it is) is
 * disabled, its description saying which rule it would break.
 */
export function groupingOptions(shape: RealtimeRequestShape, position: number): Array<SelectableValue<string>> {
  const groupings = shape.groupings ?? [];
  return GROUPINGS.map((g) => {
    const reason =
      groupings[position] === g
        ? undefined
        : reasonAgainst(shape, { ...shape, groupings: withGroupingAt(groupings, position, g) });
    return {
      value: g,
      label: GROUPING_INFO[g].label,
      description: reason ? `Not available: ${reason}` : GROUPING_INFO[g].description,
      isDisabled: Boolean(reason),
    };
  });
}

const UNIT_WORDS = { COUNT: 'count', SECONDS: 'seconds', PERCENT: 'percent' } as const;

export function metricDescription(name: RealtimeMetricName): string {
  const m = REALTIME_METRICS[name];
  return `${m.reportName} · ${UNIT_WORDS[m.unit]} · ${m.description}`;
}

/** Options for the metrics: those Connect would refuse with the query as it is are disabled, with the reason. */
export function metricOptions(shape: RealtimeRequestShape): Array<SelectableValue<string>> {
  const metrics = shape.metrics ?? [];
  return REALTIME_METRIC_NAMES.map((name) => {
    const reason = metrics.includes(name) ? undefined : reasonAgainst(shape, { ...shape, metrics: [...metrics, name] });
    return {
      value: name,
      label: name,
      description: reason ? `Not available: ${reason}` : metricDescription(name),
      isDisabled: Boolean(reason),
    };
  });
}

/**
 * Options for the sort metric: the query's metrics (a sort column the table shows), the ones Connect cannot sort by
 * disabled with the reason. A saved sort metric outside the list is still offered, never dropped.
 */
export function sortMetricOptions(shape: RealtimeRequestShape, order: SortOrder): Array<SelectableValue<string>> {
  const current = shape.sort?.[0]?.metric;
  const names = [...(shape.metrics ?? []), ...(current && !shape.metrics?.includes(current) ? [current] : [])];
  return names
    .filter((name, i) => names.indexOf(name) === i)
    .map((name) => {
      const reason = name === current ? undefined : reasonAgainst(shape, { ...shape, sort: [{ metric: name, order }] });
      const known = name in REALTIME_METRICS;
      return {
        value: name,
        label: name,
        description: reason
          ? `Not available: ${reason}`
          : known
            ? REALTIME_METRICS[name as RealtimeMetricName].reportName
            : undefined,
        isDisabled: Boolean(reason),
      };
    });
}

/** Where violations are shown: the editor's controls, each answering for some fields of the rules. */
export type RealtimeControl =
  | 'filterMode'
  | 'queues'
  | 'routingProfiles'
  | 'channels'
  | 'routingStepExpressions'
  | 'agentStatuses'
  | 'subtypes'
  | 'groupings'
  | 'metrics'
  | 'sort'
  | 'other';

const CONTROL_OF: Record<RealtimeField, RealtimeControl> = {
  filters: 'filterMode',
  'filters.queues': 'queues',
  'filters.routingProfiles': 'routingProfiles',
  'filters.channels': 'channels',
  'filters.routingStepExpressions': 'routingStepExpressions',
  'filters.agentStatuses': 'agentStatuses',
  'filters.subtypes': 'subtypes',
  'filters.validationTestTypes': 'filterMode',
  groupings: 'groupings',
  metrics: 'metrics',
  sort: 'sort',
  'sort.metric': 'sort',
  'sort.order': 'sort',
  maxResults: 'other',
};

/**
 * Each violation's text on the control of the field it names. A control that is not shown (the routing-profile
 * list while filtering by queues) hands its messages to the filter mode, so nothing is ever hidden.
 */
export function violationsByControl(
  violations: RuleViolation[],
  shown: Set<RealtimeControl>
): Map<RealtimeControl, string[]> {
  const out = new Map<RealtimeControl, string[]>();
  for (const v of violations) {
    let control = CONTROL_OF[v.field] ?? 'other';
    if (!shown.has(control)) {
      control = v.field.startsWith('filters') ? 'filterMode' : 'other';
    }
    out.set(control, [...(out.get(control) ?? []), v.text]);
  }
  return out;
}

export type FilterMode = 'queues' | 'routingProfiles';

/**
 * When the user switches the filter to routing profiles while queues are still selected (or back), the rule that
 * adding one would break: the editor says so instead of clearing the other list behind the user's back.
 */
export function filterModeConflict(shape: RealtimeRequestShape, mode: FilterMode): string | undefined {
  const f = shape.filters ?? {};
  const own = mode === 'queues' ? f.queues : f.routingProfiles;
  const other = mode === 'queues' ? f.routingProfiles : f.queues;
  if (!other?.length || own?.length) {
    // nothing in the way, or the conflict already exists and is shown as a current violation
    return undefined;
  }
  const probe = mode === 'queues' ? { ...f, queues: ['probe'] } : { ...f, routingProfiles: ['probe'] };
  return violationsIntroducedBy(shape, { ...shape, filters: probe }, PROXY_VALIDATION).find(
    (v) => v.field === 'filters'
  )?.text;
}
