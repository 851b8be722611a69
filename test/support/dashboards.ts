import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Dashboard, Panel, RowPanel, VariableModel } from '@grafana/schema';
import type { AwsContext } from '../../proxy/aws/context';
import type { ProxyContext } from '../../proxy/context';
import { interpolateQuery, type Replace } from '../../src/datasource/interpolate';
import { toProxyQuery } from '../../src/datasource/proxyQuery';
import type { SwitchboardDataQuery } from '../../src/datasource/types';
import { CHANNELS } from '../../src/connect/channels';
import type { QueryRequest, QueryResponse, SwitchboardQuery } from '../../src/connect/proxyApi';

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

/**
 * A panel's targets as the datasource sends them (hidden ones included: expressions read them): interpolated, then
 * only the fields of the query's schema (Grafana's `datasource`, the browser's `goals` dropped; proxyQuery.ts).
 */
export function interpolatedTargets(panel: Panel, values: VariableValues): SwitchboardQuery[] {
  return (panel.targets ?? []).map((t) =>
    toProxyQuery(interpolateQuery(t as unknown as SwitchboardDataQuery, replacer(values)))
  );
}

/** The provisioned dashboards (dashboards/*.json): file name and dashboard. */
export function shippedDashboards(): Array<readonly [string, Dashboard]> {
  const dir = path.resolve(__dirname, '../../dashboards');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => [f, JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as Dashboard] as const);
}

/** A dashboard's relative range ("now-3h") ending at `at`, as Grafana sends it. */
export function rangeAt(d: Dashboard, at: string) {
  const hours = Number(/now-(\d+)h/.exec(d.time?.from ?? '')?.[1] ?? 1);
  return { from: new Date(Date.parse(at) - hours * 3600_000).toISOString(), to: at };
}

/**
 * The dashboards' variables listed the way the dashboards list them, from the proxy's resource lists: the first
 * us-east-1 instance, its standard queues by name (the queue variable's valueField), every channel, every voice
 * connector and Voice ID domain.
 */
export async function listedValues(
  loaders: ProxyContext['resources']['loaders'],
  aws: AwsContext
): Promise<VariableValues> {
  const region = 'us-east-1';
  const instance = (await loaders.instances(aws, region, {}))[0].value;
  const list = async (items: Promise<Array<{ value: string; text: string }>>, by: 'value' | 'text' = 'value') =>
    (await items).map((i) => i[by]);
  return {
    datasource: ['switchboard'],
    region: [region],
    instance: [instance],
    queue: await list(loaders.queues(aws, region, { instanceId: instance, queueTypes: 'STANDARD' }), 'text'),
    channel: [...CHANNELS],
    voice_connector: await list(loaders['voice-connectors'](aws, region, {})),
    domain: await list(loaders['voiceid-domains'](aws, region, {})),
  };
}

/** Every panel of every dashboard, named "<file> / <title>" for it.each. */
export const panelCases = (dashboards: Array<readonly [string, Dashboard]>) =>
  dashboards.flatMap(([file, d]) =>
    panelsOf(d).map((p) => [`${file} / ${p.title}`, d, p] as [string, Dashboard, Panel])
  );

/**
 * Runs a panel as its dashboard does (once per value of a repeat variable) and expects every visible query to answer
 * 200 without error and the panel to get at least one number. AWS publishes event counters (ThrottledCalls, flow
 * errors...) only when the event happens: a panel of such counters may be empty, and then says so (noValue), never
 * a bare "No data".
 */
export async function expectPanelAnswers(
  where: string,
  d: Dashboard,
  p: Panel,
  values: VariableValues,
  at: string,
  run: (request: QueryRequest) => Promise<QueryResponse>
) {
  const runs: VariableValues[] = p.repeat ? values[p.repeat].map((v) => ({ ...values, [p.repeat!]: [v] })) : [values];
  for (const vars of runs) {
    const queries = interpolatedTargets(p, vars);
    const res = await run({ range: rangeAt(d, at), maxDataPoints: 800, queries } as unknown as QueryRequest);
    const visible = queries.filter((q) => !q.hide);
    for (const q of visible) {
      const r = res.results[q.refId];
      expect([where, q.refId, r.status, r.error]).toEqual([where, q.refId, 200, undefined]);
    }
    const numbers = visible.flatMap((q) =>
      (res.results[q.refId].frames ?? []).flatMap((f) =>
        f.schema.fields
          .map((field, i) => (field.type === 'number' ? f.data.values[i] : []))
          .flat()
          .filter((v) => typeof v === 'number')
      )
    );
    const onlyCounters = visible.every((q) => q.queryType === 'cloudwatch' && (q.statistic === 'Sum' || q.expression));
    const saysNone = typeof p.fieldConfig?.defaults?.noValue === 'string';
    expect([where, numbers.length > 0 || (onlyCounters && saysNone)]).toEqual([where, true]);
  }
}
