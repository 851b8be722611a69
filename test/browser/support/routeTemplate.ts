/**
 * Grafana's datasource proxy route templates (plugin.json "routes": url, headers[].content, urlParams[].content),
 * the part of Go's text/template that Grafana's pluginproxy gives them: {{ .JsonData.name }},
 * {{ .SecureJsonData.name }} and the orEmpty function ({{ .JsonData.name | orEmpty }}).
 *
 * As in Grafana, a key that is missing (or null) prints "<no value>" (Go's text/template on a map), unless piped
 * through orEmpty. Anything else in {{ }} throws: the tests must notice a route this emulation does not cover.
 */
export interface RouteTemplateData {
  JsonData: Record<string, unknown>;
  SecureJsonData: Record<string, string>;
}

const ACTION = /\{\{(.*?)\}\}/g;
const FIELD = /^\s*\.(JsonData|SecureJsonData)\.([A-Za-z_][A-Za-z0-9_]*)\s*(\|\s*orEmpty\s*)?$/;

export function interpolateRouteTemplate(text: string, data: RouteTemplateData): string {
  return text.replace(ACTION, (action: string, inner: string) => {
    const m = FIELD.exec(inner);
    if (!m) {
      throw new Error(`route template ${action} is not emulated by the browser test host (test/browser/support)`);
    }
    const [, map, key, orEmpty] = m;
    const source: Record<string, unknown> = map === 'JsonData' ? data.JsonData : data.SecureJsonData;
    const value = Object.prototype.hasOwnProperty.call(source, key) ? source[key] : undefined;
    if (value === undefined || value === null) {
      return orEmpty ? '' : '<no value>';
    }
    if (typeof value === 'object') {
      throw new Error(`route template ${action}: objects and lists are not emulated`);
    }
    return String(value);
  });
}
