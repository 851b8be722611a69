/**
 * A dashboard's variables resolved as Grafana does on load, in their order (a variable's query may use the ones
 * before it): datasource variables → the host's datasource; query variables run through the datasource's variable
 * support; custom, constant, textbox and interval from their definition. The value is the one the test gives, else
 * the saved `current` when the options still have it, else the first option (All when the variable has it).
 * All becomes the variable's custom all value, or every value, as Grafana's TemplateSrv replaces `$__all`.
 */
import { CoreApp, type DataFrame, type DataQueryRequest, type DataSourceApi, type TimeRange } from '@grafana/data';
import { from, lastValueFrom } from 'rxjs';
import type { VariableJson, VariablesJson } from '../support/hostApi';
import { DATASOURCE_TYPE } from './panelRuntime';
import type { HostTemplateSrv } from './templateSrv';

interface Option {
  text: string;
  value: string;
}

const ALL = '$__all';
const asList = (v: unknown): string[] =>
  v === undefined || v === null ? [] : Array.isArray(v) ? v.map(String) : [String(v)];

/** "a, b" or "Label : value, ..." (Grafana's custom variable syntax). */
function customOptions(query: string): Option[] {
  return query
    .split(/(?<!\\),/)
    .map((s) => s.replace(/\\,/g, ',').trim())
    .filter((s) => s !== '')
    .map((s) => {
      const m = /^(.+?)\s:\s(.+)$/.exec(s);
      return m ? { text: m[1], value: m[2] } : { text: s, value: s };
    });
}

/** Grafana's VariableSort: 1/2 alphabetical, 3/4 numerical, 5/6 case-insensitive, 7/8 natural; odd ascending. */
function sortOptions(options: Option[], sort = 0): Option[] {
  if (!sort) {
    return options;
  }
  const num = (o: Option) => Number(/-?\d+(\.\d+)?/.exec(o.text)?.[0] ?? NaN);
  const compare: Record<number, (a: Option, b: Option) => number> = {
    1: (a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0),
    3: (a, b) => num(a) - num(b),
    5: (a, b) => a.text.toLowerCase().localeCompare(b.text.toLowerCase()),
    7: (a, b) => a.text.localeCompare(b.text, undefined, { numeric: true }),
  };
  const fn = compare[sort % 2 === 1 ? sort : sort - 1];
  if (!fn) {
    throw new Error(`variable sort ${sort} is not emulated by the preview`);
  }
  const sorted = [...options].sort(fn);
  return sort % 2 === 1 ? sorted : sorted.reverse();
}

async function queryOptions(v: VariableJson, ds: DataSourceApi, range: TimeRange): Promise<Option[]> {
  if (v.datasource?.type && v.datasource.type !== DATASOURCE_TYPE) {
    throw new Error(`variable ${v.name}: the preview only has the Switchboard datasource, not "${v.datasource.type}"`);
  }
  const support = ds.variables as { query?: (r: DataQueryRequest) => unknown } | undefined;
  if (!support?.query) {
    throw new Error(`variable ${v.name}: the datasource has no variable support`);
  }
  const request = {
    app: CoreApp.Dashboard,
    requestId: `variable-${v.name}`,
    timezone: 'utc',
    range,
    interval: '1m',
    intervalMs: 60_000,
    targets: [{ refId: 'A', ...(v.query as object) }],
    scopedVars: {},
    startTime: Date.now(),
  } as DataQueryRequest;
  const res = await lastValueFrom(from(support.query.call(ds.variables, request) as Promise<{ data: DataFrame[] }>));
  const frame = res.data[0];
  const field = (name: string) => frame?.fields.find((f) => f.name === name) ?? frame?.fields[0];
  const texts = Array.from(field('text')?.values ?? []);
  const values = Array.from(field('value')?.values ?? texts);
  return values.map((value, i) => ({ value: String(value), text: String(texts[i] ?? value) }));
}

interface Choice {
  value: string | string[];
  /** What Grafana's picker shows (the `text` format: panel titles): "All", or the options' texts. */
  text: string;
}

function choose(v: VariableJson, options: Option[], given: VariablesJson[string] | undefined): Choice {
  const all = (): Choice => ({ value: v.allValue || options.map((o) => o.value), text: 'All' });
  const pick = (values: string[]): Choice => ({
    value: v.multi ? values : (values[0] ?? ''),
    text: values.map((x) => options.find((o) => o.value === x)?.text ?? x).join(' + '),
  });
  const wanted = asList(given ?? v.current?.value);
  if (wanted.includes(ALL) && v.includeAll) {
    return all();
  }
  const known = wanted.length > 0 && wanted.every((w) => options.some((o) => o.value === w));
  // What the test asks for is taken as it is, like a URL's var-name=value; a saved value must still exist.
  if (given !== undefined || known) {
    return pick(v.multi ? wanted : wanted.slice(0, 1));
  }
  return v.includeAll ? all() : pick(options.slice(0, 1).map((o) => o.value));
}

export async function resolveVariables(
  list: VariableJson[],
  given: VariablesJson,
  ctx: { ds: DataSourceApi; dsUid: string; range: TimeRange; templateSrv: HostTemplateSrv }
): Promise<VariablesJson> {
  const resolved: VariablesJson = {};
  const texts: Record<string, string> = {};
  for (const v of list) {
    // The variables before this one are visible to its query, as in Grafana.
    ctx.templateSrv.setVariables(resolved, texts);
    let options: Option[];
    switch (v.type) {
      case 'datasource':
        resolved[v.name] = ctx.dsUid;
        continue;
      case 'constant':
        resolved[v.name] = String(v.query ?? '');
        continue;
      case 'textbox':
        resolved[v.name] = given[v.name] ?? String(v.current?.value ?? v.query ?? '');
        continue;
      case 'custom':
        options = customOptions(String(v.query ?? ''));
        break;
      case 'interval':
        options = customOptions(String(v.query ?? ''));
        break;
      case 'query':
        options = await queryOptions(v, ctx.ds, ctx.range);
        break;
      default:
        throw new Error(`variable ${v.name}: type "${v.type}" is not emulated by the preview`);
    }
    if (v.regex) {
      const re = new RegExp(v.regex.replace(/^\/(.*)\/\w*$/, '$1'));
      options = options.filter((o) => re.test(o.text));
    }
    const choice = choose(v, sortOptions(options, v.sort), given[v.name]);
    resolved[v.name] = choice.value;
    texts[v.name] = choice.text;
  }
  ctx.templateSrv.setVariables(resolved, texts);
  return resolved;
}
