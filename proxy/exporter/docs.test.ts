import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { EXPORTED_METRICS, HEALTH_METRICS, exporterMetricsMarkdown } from './catalogue';
import { ProxyEnv } from '../envSchema';
import { EXPORTER_VARIABLES } from './settings';

/**
 * docs/exporter.md, docs/proxy.md and the example alert rules stay true to the exporter's code: the metrics table is
 * the catalogue's, every variable the settings read is documented in both pages, and the rules read only metrics
 * the exporter has.
 */

const root = path.join(__dirname, '..', '..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

describe('docs/exporter.md', () => {
  it('has the metrics table generated from the catalogue (npx tsx proxy/exporter/catalogue.ts)', () => {
    const doc = read('docs/exporter.md');
    const table = doc.split('<!-- exporter-metrics:begin -->\n')[1]?.split('\n<!-- exporter-metrics:end -->')[0];
    expect(table).toBe(exporterMetricsMarkdown());
  });

  it('documents every variable the exporter reads, here and in docs/proxy.md', () => {
    // the exporter's variables are part of the proxy's environment schema (every variable it reads)
    expect(EXPORTER_VARIABLES.length).toBe(10);
    expect(EXPORTER_VARIABLES.every((name) => name in ProxyEnv.properties)).toBe(true);
    for (const doc of ['docs/exporter.md', 'docs/proxy.md']) {
      const text = read(doc);
      for (const name of EXPORTER_VARIABLES) {
        expect([doc, name, new RegExp(`^\\| +\`${name}\` +\\|`, 'm').test(text)]).toEqual([doc, name, true]);
      }
    }
  });
});

describe('provisioning/prometheus/connect-alerts.yml', () => {
  it('reads only metrics the exporter exports', () => {
    const rules = parseYaml(read('provisioning/prometheus/connect-alerts.yml')) as {
      groups: Array<{ rules: Array<{ alert: string; expr: string }> }>;
    };
    const known = new Set([
      ...EXPORTED_METRICS.map((m) => m.name),
      ...Object.values(HEALTH_METRICS).map((m) => m.name),
    ]);
    const read_ = rules.groups
      .flatMap((g) => g.rules)
      .flatMap((r) => [...r.expr.matchAll(/\b(?:connect|switchboard)_\w+/g)].map((m) => [r.alert, m[0]]));
    expect(read_.length).toBeGreaterThanOrEqual(5);
    for (const [alert, name] of read_) {
      expect([alert, name, known.has(name)]).toEqual([alert, name, true]);
    }
  });
});
