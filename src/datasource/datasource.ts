import {
  DataSourceApi,
  dataFrameFromJSON,
  type DataFrame,
  type DataFrameJSON,
  type DataQueryError,
  type DataQueryRequest,
  type DataQueryResponse,
  type DataSourceInstanceSettings,
  type CoreApp,
  type ScopedVars,
  type TestDataSourceResponse,
} from '@grafana/data';
import { getTemplateSrv, type TemplateSrv } from '@grafana/runtime';
import { catchError, map, of, type Observable } from 'rxjs';
import { defaultQuery, type QueryRequest } from '../connect/proxyApi';
import { describeProxyError, ProxyApi } from './api';
import { toProxyQuery } from './proxyQuery';
import { interpolateQuery } from './interpolate';
import { migrateQuery } from './migrate';
import { queryId, referencedQueryIds } from './references';
import type { SwitchboardDataQuery, SwitchboardOptions } from './types';
import { SwitchboardVariableSupport } from './variables';
import { withDashboardTimeZone } from './timeZone';
import { applyGoals, resolveGoals } from './goals';

/**
 * The Switchboard datasource: thin. It fills and interpolates queries, sends every visible query of a refresh in
 * one POST /api/query to the proxy, and turns the answer into frames and per-query errors. Everything that
 * knows Amazon Connect lives in src/connect (rules, catalogue) and in the proxy.
 */
export class SwitchboardDataSource extends DataSourceApi<SwitchboardDataQuery, SwitchboardOptions> {
  readonly api: ProxyApi;
  /** The Region and instance the datasource is set up for (first in variable lists: variables.ts). */
  readonly defaults: { region?: string; instanceId?: string };

  constructor(
    readonly instanceSettings: DataSourceInstanceSettings<SwitchboardOptions>,
    private readonly templateSrv: TemplateSrv = getTemplateSrv()
  ) {
    super(instanceSettings);
    this.api = new ProxyApi(instanceSettings.url ?? '');
    this.defaults = {
      region: instanceSettings.jsonData.defaultRegion || undefined,
      instanceId: instanceSettings.jsonData.defaultInstanceId || undefined,
    };
    this.variables = new SwitchboardVariableSupport(this);
  }

  getDefaultQuery(_app: CoreApp): Partial<SwitchboardDataQuery> {
    // A new query: the defaults of a real-time query, on the datasource's default instance.
    return {
      ...defaultQuery('realtime'),
      instanceId: this.instanceSettings.jsonData.defaultInstanceId ?? '',
    } as Partial<SwitchboardDataQuery>;
  }

  /** Hidden queries are skipped, unless a visible math expression reads them. */
  filterQuery(query: SwitchboardDataQuery): boolean {
    return !query.hide;
  }

  applyTemplateVariables(query: SwitchboardDataQuery, scopedVars: ScopedVars): SwitchboardDataQuery {
    return interpolateQuery(
      migrateQuery(query) as SwitchboardDataQuery,
      (t, v, f) => this.templateSrv.replace(t, v, f as never),
      scopedVars
    );
  }

  query(request: DataQueryRequest<SwitchboardDataQuery>): Observable<DataQueryResponse> {
    const all = request.targets.map((t) => migrateQuery(t) as SwitchboardDataQuery);
    const visible = all.filter((q) => !q.hide);
    // A hidden cloudwatch query that a visible expression reads still has to be computed (and not shown).
    const needed = referencedQueryIds(visible, all);
    const sent = all.filter((q) => !q.hide || (q.queryType === 'cloudwatch' && needed.has(queryId(q))));
    if (sent.length === 0) {
      return of({ data: [] });
    }
    const body: QueryRequest = {
      range: { from: request.range.from.toISOString(), to: request.range.to.toISOString() },
      maxDataPoints: request.maxDataPoints,
      intervalMs: request.intervalMs,
      queries: sent.map((q) =>
        toProxyQuery(withDashboardTimeZone(this.applyTemplateVariables(q, request.scopedVars), request.timezone))
      ) as QueryRequest['queries'],
    };
    const goals = new Map(
      sent.map((q) => [
        q.refId,
        resolveGoals(q.goals, (t, v) => this.templateSrv.replace(t, v), request.scopedVars),
      ])
    );
    return this.api.query(body, request.requestId).pipe(
      map((res) => toResponse(res.results, sent, goals)),
      catchError((err) => of({ data: [], errors: [{ message: describeProxyError(err) }] }))
    );
  }

  /** Grafana's TemplateSrv.replace, for the variable support. */
  templateReplace(target: string, scopedVars?: ScopedVars): string {
    return this.templateSrv.replace(target, scopedVars);
  }

  async testDatasource(): Promise<TestDataSourceResponse> {
    if (!this.instanceSettings.jsonData.proxyUrl) {
      return {
        status: 'error',
        message: 'Set the proxy URL: where Grafana reaches the Switchboard proxy, e.g. http://switchboard-proxy:8080.',
      };
    }
    try {
      const health = await this.api.health({ instanceId: this.instanceSettings.jsonData.defaultInstanceId });
      const failed = health.checks.filter((c) => c.status !== 'ok');
      const lines = health.checks.map(
        (c) => `${c.status === 'ok' ? '✓' : c.status === 'warning' ? '!' : '✗'} ${c.name}: ${c.message}`
      );
      return {
        status: health.status === 'ok' ? (failed.length ? 'warning' : 'success') : 'error',
        message:
          health.status === 'ok'
            ? `Switchboard proxy and AWS answer. ${lines.join(' ')}`
            : failed.map((c) => `${c.name}: ${c.message}`).join(' '),
        details: { message: lines.join('\n') },
      };
    } catch (err) {
      return { status: 'error', message: describeProxyError(err) };
    }
  }
}

/** The proxy's per-refId results as Grafana frames and per-query errors, in the order of the queries. */
export function toResponse(
  results: Record<string, { status: number; frames?: unknown[]; error?: string }>,
  queries: SwitchboardDataQuery[],
  goals: Map<string, ReturnType<typeof resolveGoals>> = new Map()
): DataQueryResponse {
  const data: DataFrame[] = [];
  const errors: DataQueryError[] = [];
  for (const q of queries) {
    const r = results[q.refId];
    if (!r) {
      errors.push({ refId: q.refId, message: `The proxy did not answer query ${q.refId}.` });
      continue;
    }
    if (r.error || r.status >= 400) {
      errors.push({ refId: q.refId, message: r.error ?? `Query ${q.refId} failed (${r.status})`, status: r.status });
      continue;
    }
    if (q.hide) {
      continue;
    }
    const frames = (r.frames ?? []).map((f) => ({ ...dataFrameFromJSON(f as DataFrameJSON), refId: q.refId }));
    // A goal that does not read as a number is said (the panel shows it) while the data still shows.
    const goal = goals.get(q.refId);
    applyGoals(frames, goal?.resolved ?? []);
    for (const message of goal?.errors ?? []) {
      errors.push({ refId: q.refId, message });
    }
    data.push(...frames);
  }
  return errors.length ? { data, errors } : { data };
}
