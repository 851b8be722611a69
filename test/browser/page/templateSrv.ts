import type { ScopedVars, TimeRange, TypedVariableModel } from '@grafana/data';
import type { TemplateSrv } from '@grafana/runtime';
import type { VariablesJson } from '../support/hostApi';
import { dataMacro } from './dataMacros';

type FormatFn = (value: unknown, variable: unknown, fallback: (v: unknown, f?: unknown) => string) => string;

// Grafana's variable syntax: $name, [[name]], [[name:format]], ${name}, ${name.field}, ${name:format}.
const VARIABLE = /\$(\w+)|\[\[(\w+?)(?::(\w+))?\]\]|\${(\w+)(?:\.([^:^}]+))?(?::([^}]+))?}/g;

const regexEscape = (s: string) => s.replace(/[\\^$*+?.()|[\]{}/]/g, '\\$&');
const list = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : [String(value)]);

/** Grafana's built-in formats (formatVariableValue), those a datasource is likely to pass or a user to write. */
const FORMATS: Record<string, (value: unknown, name: string) => string> = {
  glob: (v) => (Array.isArray(v) && v.length > 1 ? `{${v.join(',')}}` : list(v).join(',')),
  raw: (v) => list(v).join(','),
  csv: (v) => list(v).join(','),
  pipe: (v) => list(v).join('|'),
  json: (v) => JSON.stringify(v),
  text: (v) => list(v).join(' + '),
  regex: (v) => {
    const items = list(v).map(regexEscape);
    return items.length > 1 ? `(${items.join('|')})` : items.join('');
  },
  singlequote: (v) =>
    list(v)
      .map((s) => `'${s.replace(/'/g, "\\'")}'`)
      .join(','),
  doublequote: (v) =>
    list(v)
      .map((s) => `"${s.replace(/"/g, '\\"')}"`)
      .join(','),
  sqlstring: (v) =>
    list(v)
      .map((s) => `'${s.replace(/'/g, "''")}'`)
      .join(','),
  percentencode: (v) => encodeURIComponent(Array.isArray(v) ? `{${v.join(',')}}` : String(v)),
  queryparam: (v, name) =>
    list(v)
      .map((s) => `var-${encodeURIComponent(name)}=${encodeURIComponent(s)}`)
      .join('&'),
};

function formatValue(value: unknown, format: unknown, name: string, variable: unknown): string {
  if (value === null || value === undefined) {
    return '';
  }
  if (typeof format === 'function') {
    return (format as FormatFn)(value, variable, (v, f) => formatValue(v, f, name, variable));
  }
  const id = typeof format === 'string' && format !== '' ? format : 'glob';
  const fn = FORMATS[id];
  if (!fn) {
    throw new Error(`The test host's TemplateSrv does not know the variable format "${id}"`);
  }
  return fn(value, name);
}

/**
 * Grafana's TemplateSrv for a dashboard with the given variables (a name to one value or several), and the
 * request's scoped variables first, as in Grafana. Variables it does not know stay as written.
 */
export class HostTemplateSrv implements TemplateSrv {
  private variables: VariablesJson = {};
  /** What the `text` format shows for a variable when it is not its values (e.g. "All"), as Grafana's pickers. */
  private texts: Record<string, string> = {};

  setVariables(variables: VariablesJson, texts: Record<string, string> = {}): void {
    this.variables = { ...variables };
    this.texts = { ...texts };
  }

  getVariables(): TypedVariableModel[] {
    return Object.entries(this.variables).map(([name, value]) => {
      const values = list(value);
      return {
        id: name,
        name,
        type: 'custom',
        multi: Array.isArray(value),
        includeAll: false,
        current: { text: values, value: Array.isArray(value) ? values : values[0], selected: true },
        options: values.map((v) => ({ text: v, value: v, selected: true })),
      } as unknown as TypedVariableModel;
    });
  }

  containsTemplate(target?: string): boolean {
    if (!target) {
      return false;
    }
    VARIABLE.lastIndex = 0;
    for (const m of target.matchAll(VARIABLE)) {
      const name = m[1] ?? m[2] ?? m[4];
      if (name && name in this.variables) {
        return true;
      }
    }
    return false;
  }

  replace(target?: string, scopedVars?: ScopedVars, format?: string | Function): string {
    if (!target) {
      return target ?? '';
    }
    return target.replace(VARIABLE, (match, var1, var2, fmt2, var3, fieldPath, fmt3) => {
      const name: string = var1 ?? var2 ?? var3;
      const fmt: unknown = fmt2 ?? fmt3 ?? format;
      const macro = dataMacro(name, fieldPath, scopedVars);
      if (macro !== undefined) {
        return macro;
      }
      const scoped = scopedVars?.[name];
      if (scoped) {
        return formatValue(scoped.value, fmt, name, scoped);
      }
      if (!(name in this.variables)) {
        return match;
      }
      const value = this.variables[name];
      if (fmt === 'text' && name in this.texts) {
        return this.texts[name];
      }
      return formatValue(value, fmt, name, { name, multi: Array.isArray(value) });
    });
  }

  updateTimeRange(_timeRange: TimeRange): void {}
}
