import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Dashboard, Panel } from '@grafana/schema';
import { ALL_DASHBOARDS, DASHBOARDS, dashboardJson } from '../../dashboards/src/index';
import { findMetric } from '../../src/connect/cloudwatchCatalog';
import { idProblem, statisticProblem } from '../../src/connect/cloudwatchRules';
import type { CloudWatchQuery, RealtimeQuery } from '../../src/connect/query';
import { formatViolation, validateRealtimeRequest } from '../../src/connect/realtimeRules';
import { validateQuery } from '../../proxy/queries/validate';
import { interpolatedTargets, panelsOf, variableRefs, variablesOf, type VariableValues } from '../support/dashboards';

/**
 * The provisioned dashboards without a server: current with their sources, shaped as Grafana and the plugin expect,
 * and every query valid by the shared rules (src/connect) with sample variable values.
 */

const root = path.resolve(__dirname, '../..');
const files = readdirSync(path.join(root, 'dashboards')).filter((f) => f.endsWith('.json'));
const loaded: Array<[string, Dashboard]> = files.map((f) => [
  f,
  JSON.parse(readFileSync(path.join(root, 'dashboards', f), 'utf8')) as Dashboard,
]);
const OUR_PANELS = ['switchboard-queuewall-panel', 'switchboard-callpath-panel'];
const CORE_PANELS = ['stat', 'gauge', 'bargauge', 'table', 'timeseries'];
const DS_REF = { type: 'switchboard-connect-datasource', uid: '${datasource}' };

// Sample values, several per multi-value variable (lists must survive interpolation).
const SAMPLE: VariableValues = {
  datasource: ['switchboard'],
  region: ['us-east-1'],
  instance: ['3f2c9a1e-7b4d-4e2a-9c61-5d8e0f4a2b17'],
  queue: ['Billing', 'Tech Support', 'VIP'],
  channel: ['VOICE', 'CHAT', 'TASK', 'EMAIL'],
  voice_connector: ['abcdefghijklmnopqrstu1', 'abcdefghijklmnopqrstu2'],
  domain: ['domain-1', 'domain-2'],
};
/** A repeated panel runs once per value, with the variable holding that one value. */
const valuesFor = (p: Panel): VariableValues => (p.repeat ? { ...SAMPLE, [p.repeat]: [SAMPLE[p.repeat][0]] } : SAMPLE);

describe('dashboard files', () => {
  it('are exactly what dashboards/src builds (npm run dashboards)', () => {
    expect(files.sort()).toEqual(
      Object.values(DASHBOARDS)
        .map((d) => d.file)
        .sort()
    );
    for (const [key, d] of Object.entries(ALL_DASHBOARDS)) {
      const file = path.join(root, 'dashboards', DASHBOARDS[key as keyof typeof DASHBOARDS].file);
      expect([file, readFileSync(file, 'utf8') === dashboardJson(d)]).toEqual([file, true]);
    }
  });

  it('are all included in plugin.json and built into dist/', () => {
    const manifest = JSON.parse(readFileSync(path.join(root, 'plugin.json'), 'utf8')) as {
      includes: Array<{ type: string; name: string; path?: string }>;
    };
    const included = manifest.includes.filter((i) => i.type === 'dashboard');
    expect(included.map((i) => i.path).sort()).toEqual(files.map((f) => `dashboards/${f}`).sort());
    for (const [f, d] of loaded) {
      expect(included.find((i) => i.path === `dashboards/${f}`)?.name).toBe(d.title);
      // `npm test` builds before jest; dist/ must hold the same file Grafana will import.
      const built = path.join(root, 'dist', 'dashboards', f);
      expect([
        built,
        existsSync(built) && readFileSync(built, 'utf8') === readFileSync(path.join(root, 'dashboards', f), 'utf8'),
      ]).toEqual([built, true]);
    }
  });
});

describe.each(loaded)('%s', (_file, d) => {
  const panels = panelsOf(d);
  const variables = variablesOf(d).map((v) => v.name);

  it('is a Grafana dashboard of this schema with a unique uid, tags, refresh and links', () => {
    expect(d.schemaVersion).toBeGreaterThanOrEqual(39);
    expect(d.uid).toMatch(/^switchboard-[a-z-]+$/);
    expect(loaded.filter(([, o]) => o.uid === d.uid)).toHaveLength(1);
    expect(d.tags).toContain('switchboard');
    const hasRealtime = panels.some((p) => p.targets?.some((t) => t.queryType === 'realtime'));
    // Real-time panels every 10 s; CloudWatch-only dashboards every minute (CloudWatch publishes per minute).
    expect(d.refresh).toBe(hasRealtime ? '10s' : '1m');
    expect(d.links?.some((l) => l.type === 'dashboards' && l.tags.includes('switchboard') && l.includeVars)).toBe(true);
  });

  it('refers to the datasource through the $datasource variable only', () => {
    const ds = variablesOf(d).find((v) => v.name === 'datasource');
    expect(ds).toMatchObject({ type: 'datasource', query: 'switchboard-connect-datasource' });
    // Every datasource reference anywhere in the file (variables, panels, targets) is the variable's.
    const refs: unknown[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) {
        node.forEach(walk);
      } else if (node && typeof node === 'object') {
        for (const [k, v] of Object.entries(node)) {
          if (k === 'datasource') {
            refs.push(v);
          } else {
            walk(v);
          }
        }
      }
    };
    walk(d);
    expect(refs.length).toBeGreaterThan(0);
    refs.forEach((r) => expect(r).toEqual(DS_REF));
  });

  it('places every panel on the 24-column grid without overlaps', () => {
    const cells = new Set<string>();
    for (const p of d.panels ?? []) {
      const g = p.gridPos!;
      expect(g.x + g.w).toBeLessThanOrEqual(24);
      for (let x = g.x; x < g.x + g.w; x++) {
        for (let y = g.y; y < g.y + g.h; y++) {
          expect(cells.has(`${x},${y}`)).toBe(false);
          cells.add(`${x},${y}`);
        }
      }
    }
  });

  it('gives every panel a title, a description, a unit and a known type', () => {
    expect(panels.length).toBeGreaterThan(3);
    for (const p of panels) {
      expect([p.title, [...OUR_PANELS, ...CORE_PANELS].includes(p.type)]).toEqual([p.title, true]);
      expect([p.title, (p.description ?? '').length > 20]).toEqual([p.title, true]);
      expect([p.title, typeof p.fieldConfig?.defaults?.unit]).toEqual([p.title, 'string']);
      expect([p.title, (p.targets ?? []).length > 0]).toEqual([p.title, true]);
    }
  });

  it('uses only variables it defines', () => {
    for (const p of panels) {
      for (const name of variableRefs(
        JSON.stringify({ t: p.targets, title: p.title, repeat: p.repeat ? `$${p.repeat}` : '' })
      )) {
        // CloudWatch label placeholders are filled by the proxy, not by Grafana.
        const isLabelPlaceholder = /^[A-Z]/.test(name);
        expect([p.title, name, isLabelPlaceholder || variables.includes(name)]).toEqual([p.title, name, true]);
      }
    }
  });

  it('has queries that pass the proxy schema and the shared Connect and CloudWatch rules', () => {
    for (const p of panels) {
      const queries = interpolatedTargets(p, valuesFor(p));
      const ids = new Set(queries.map((q) => (q.queryType === 'cloudwatch' ? (q.id ?? q.refId.toLowerCase()) : '')));
      for (const q of queries) {
        const where = `${d.title} / ${p.title} / ${q.refId}`;
        let schemaError: string | undefined;
        try {
          validateQuery(q as never);
        } catch (e) {
          schemaError = (e as Error).message;
        }
        expect([where, schemaError]).toEqual([where, undefined]);
        if (q.queryType === 'realtime') {
          const r = q as RealtimeQuery;
          const violations = validateRealtimeRequest({
            filters: r.filters,
            groupings: r.groupings,
            metrics: r.metrics,
            sort: r.sort ? [r.sort] : undefined,
          });
          expect([where, violations.map((v) => formatViolation(v))]).toEqual([where, []]);
        }
        if (q.queryType === 'cloudwatch') {
          const c = q as CloudWatchQuery;
          expect([where, idProblem(c.id)]).toEqual([where, undefined]);
          if (c.expression) {
            // Every id an expression reads is a query of the same panel.
            for (const ref of c.expression.match(/\b[a-z][a-zA-Z0-9_]*\b/g) ?? []) {
              expect([where, ref, ids.has(ref)]).toEqual([where, ref, true]);
            }
            continue;
          }
          const info = findMetric(c.namespace!, c.metricName!);
          expect([where, info?.name]).toEqual([where, c.metricName]);
          expect([where, statisticProblem(c.statistic)]).toEqual([where, undefined]);
          // The dimension set is one the metric is published with, exactly (CloudWatch matches sets exactly).
          const keys = Object.keys(c.dimensions ?? {}).sort();
          expect([where, info!.dimensionSets.some((s) => [...s].sort().join() === keys.join())]).toEqual([where, true]);
        }
      }
    }
  });
});
