import type { Dashboard, Panel, RowPanel, VariableModel } from '@grafana/schema';
import { interpolateQuery, type Replace } from '../../src/datasource/interpolate';
import { CHANNELS } from '../../src/connect/channels';
import type { SwitchboardQuery } from '../../src/connect/proxyApi';

/**
 * Dashboards as Grafana runs them, for tests: the panels with targets, and their targets with the dashboard's
 * variables replaced the way the datasource does (src/datasource/interpolate.ts) with a TemplateSrv stand-in:
 * `$name` / `${name}` become the variable's values, lists for multi-value variables; placeholders that are not
 * variables (`${QueueName}`, `${METRIC}` in CloudWatch labels) are left for the proxy, as Grafana leaves them.
 */

export type VariableValues = Record<string, string[]>;

/** The dashboards' variables for one simulated us-east-1 instance: every standard queue (by name), every channel. */
export function instanceValues(instance: {
  id: string;
  queues: Array<{ name: string; type: string }>;
}): VariableValues {
  return {
    region: ['us-east-1'],
    instance: [instance.id],
    queue: instance.queues.filter((q) => q.type === 'STANDARD').map((q) => q.name),
    channel: [...CHANNELS],
  };
}

export function panelsOf(d: Dashboard): Panel[] {
  return (d.panels ?? []).flatMap((p: Panel | RowPanel) =>
    p.type === 'row' ? ((p as RowPanel).panels ?? []) : [p as Panel]
  ) as Panel[];
}

export const variablesOf = (d: Dashboard): VariableModel[] => d.templating?.list ?? [];

/** The variable names a text refers to ($x, ${x}, ${x:format}); Grafana's built-ins ($__...) excluded. */
export function variableRefs(text: string): string[] {
  return [...text.matchAll(/\$(?:\{(\w+)(?::[^}]*)?\}|(\w+))/g)]
    .map((m) => m[1] ?? m[2])
    .filter((name) => !name.startsWith('__'));
}

export function replacer(values: VariableValues): Replace {
  return (target, _scoped, format) =>
    target.replace(/\$(?:\{(\w+)(?::[^}]*)?\}|(\w+))/g, (whole, a: string | undefined, b: string | undefined) => {
      const v = values[(a ?? b)!];
      if (!v) {
        return whole;
      }
      if (typeof format === 'function') {
        return format(v.length === 1 ? v[0] : v);
      }
      return v.join(',');
    });
}

/** A panel's targets as the datasource sends them (hidden ones included: expressions read them). */
export function interpolatedTargets(panel: Panel, values: VariableValues): SwitchboardQuery[] {
  return (panel.targets ?? []).map((t) => {
    // The datasource reference is Grafana's business, not the query's.
    const { datasource: _ds, ...q } = t as Record<string, unknown>;
    return interpolateQuery(q as unknown as SwitchboardQuery, replacer(values));
  });
}
