import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Dashboard, Panel } from '@grafana/schema';
import { ALL_DASHBOARDS, DASHBOARDS, dashboardJson } from '../../dashboards/src/index';
import { findMetric } from '../../src/connect/cloudwatchCatalog';
import { idProblem, statisticProblem } from '../../src/connect/cloudwatchRules';
import type { CloudWatchQuery, RealtimeQuery } from '../../src/connect/proxyApi';
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

/**
 * Which of the forms AWS's pages publish a catalogued metric in a query uses: 0 for the catalogue's dimension sets
 * (with its MetricGroup), 1.. for its alternates; undefined when none (another set, or another MetricGroup).
 */
function formOf(c: CloudWatchQuery): number | undefined {
  const info = findMetric(c.namespace ?? '', c.metricName ?? '');
  if (!info) {
    return undefined;
  }
  const keys = Object.keys(c.dimensions ?? {})
    .sort()
    .join();
  const forms = [
    ...info.dimensionSets.map((dimensions) => ({ metricGroup: info.metricGroup, dimensions })),
    ...(info.alternates ?? []),
  ];
  const group = c.dimensions?.MetricGroup;
  const i = forms.findIndex(
    (f) =>
      [...f.dimensions].sort().join() === keys &&
      (f.metricGroup === undefined || (group?.length === 1 && group[0] === f.metricGroup))
  );
  if (i < 0) {
    return undefined;
  }
  return i < info.dimensionSets.length ? 0 : i - info.dimensionSets.length + 1;
}

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
    // The NOC wall is one panel (the wallboard filling the screen); the others are several.
    expect(panels.length).toBeGreaterThanOrEqual(d.uid === 'switchboard-noc-wall' ? 1 : 4);
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
      const metricIds = queries
        .filter((q) => q.queryType === 'cloudwatch' && !(q as CloudWatchQuery).expression)
        .map((q) => (q as CloudWatchQuery).id ?? q.refId.toLowerCase());
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
            // Every id an expression reads is a query of the same panel; METRICS('x') matches ids by substring, and
            // must match a query of the panel (math expressions excluded, as CloudWatch excludes them).
            const withoutStrings = c.expression.replace(/'[^']*'|"[^"]*"/g, "''");
            for (const ref of withoutStrings.match(/\b[a-z][a-zA-Z0-9_]*\b/g) ?? []) {
              expect([where, ref, ids.has(ref)]).toEqual([where, ref, true]);
            }
            for (const [, part] of c.expression.matchAll(/METRICS\(\s*['"]([^'"]*)['"]\s*\)/g)) {
              expect([where, part, metricIds.some((id) => id.includes(part))]).toEqual([where, part, true]);
            }
            continue;
          }
          const info = findMetric(c.namespace!, c.metricName!);
          expect([where, info?.name]).toEqual([where, c.metricName]);
          expect([where, statisticProblem(c.statistic)]).toEqual([where, undefined]);
          // The dimension set is one the metric is published with, exactly (CloudWatch matches sets exactly), with
          // its MetricGroup: the catalogue's, or one of its alternates where AWS's pages disagree.
          expect([where, formOf(c)]).toEqual([where, expect.any(Number)]);
        }
      }
    }
  });
});

/** Every cloudwatch query of every dashboard with where it is, the panel and the dashboard file. */
const everyQuery = loaded.flatMap(([file, d]) =>
  panelsOf(d).flatMap((p) =>
    interpolatedTargets(p, valuesFor(p))
      .filter((q): q is CloudWatchQuery => q.queryType === 'cloudwatch')
      .map((q) => ({ file, panel: p, q, where: `${file} / ${p.title} / ${q.refId}` }))
  )
);
const panelsReading = (metricName: string) =>
  [...new Set(everyQuery.filter((x) => x.q.metricName === metricName).map((x) => x.panel))].map((panel) => ({
    panel,
    queries: everyQuery.filter((x) => x.panel === panel).map((x) => x.q),
  }));

describe('fact: callback-not-dialable-dimensions and email-metric-group: both forms AWS names', () => {
  it('accepts an alternate form and refuses a MetricGroup the metric is not published with', () => {
    const cb = (MetricGroup: string, other: string) =>
      formOf({
        refId: 'A',
        queryType: 'cloudwatch',
        namespace: 'AWS/Connect',
        metricName: 'CallBackNotDialableNumber',
        dimensions: { InstanceId: ['i'], MetricGroup: [MetricGroup], [other]: ['*'] },
      } as CloudWatchQuery);
    expect(cb('Queue', 'QueueName')).toBe(0);
    expect(cb('ContactFlow', 'ContactFlowName')).toBe(1);
    expect(cb('ContactFlow', 'QueueName')).toBeUndefined();
    expect(cb('Queue', 'ContactFlowName')).toBeUndefined();
  });

  it('shows undialable callbacks on the NOC and the Queues dashboards, per queue and per flow in each panel', () => {
    const readers = panelsReading('CallBackNotDialableNumber');
    const files = new Set(everyQuery.filter((x) => x.q.metricName === 'CallBackNotDialableNumber').map((x) => x.file));
    expect([...files].sort()).toEqual(['noc-overview.json', 'queues.json']);
    for (const { panel, queries } of readers) {
      const forms = queries
        .filter((q) => q.metricName === 'CallBackNotDialableNumber')
        .map((q) => [
          q.dimensions?.MetricGroup?.[0],
          Object.keys(q.dimensions ?? {})
            .sort()
            .join(),
        ]);
      expect([panel.title, forms]).toEqual([
        panel.title,
        expect.arrayContaining([
          ['Queue', 'InstanceId,MetricGroup,QueueName'],
          ['ContactFlow', 'ContactFlowName,InstanceId,MetricGroup'],
        ]),
      ]);
    }
  });

  it('reads every metric with alternate forms in all of them, in every panel that reads it', () => {
    const withAlternates = [...new Set(everyQuery.map((x) => x.q.metricName))].filter(
      (m) => m && (findMetric('AWS/Connect', m)?.alternates?.length ?? 0) > 0
    );
    expect(withAlternates).toEqual(expect.arrayContaining(['CallBackNotDialableNumber', 'ConcurrentEmailsPercentage']));
    for (const metric of withAlternates) {
      const formCount = 1 + findMetric('AWS/Connect', metric!)!.alternates!.length;
      for (const { panel, queries } of panelsReading(metric!)) {
        const used = new Set(queries.filter((q) => q.metricName === metric).map((q) => formOf(q)));
        expect([panel.title, metric, used.size]).toEqual([panel.title, metric, formCount]);
      }
    }
  });
});

describe('fact: counter-statistics and calls-per-interval: the seeds’ counters are on a dashboard, with Sum', () => {
  // Seed 004 leads with CallsPerInterval, seed 003 alarms on "a sudden spike in calls per interval"; the others are
  // AWS's event counters (the register: Sum for counts of events).
  const SEED_COUNTERS = [
    'CallsPerInterval',
    'SuccessfulChatsPerInterval',
    'TasksExpired',
    'TasksExpiryWarningReached',
    'CallBackNotDialableNumber',
  ];
  // The counters AWS itself says to read with Sum (docs/aws-facts.md, counter-statistics).
  const AWS_SAYS_SUM = [
    'CallsBreachingConcurrencyQuota',
    'ChatsBreachingActiveChatQuota',
    'TasksBreachingConcurrencyQuota',
    'MissedCalls',
    'ThrottledCalls',
    'TasksExpired',
    'TasksExpiryWarningReached',
  ];

  it.each(SEED_COUNTERS)('%s is on a dashboard', (metric) => {
    expect(everyQuery.filter((x) => x.q.metricName === metric).length).toBeGreaterThan(0);
  });

  it.each([...new Set([...SEED_COUNTERS, ...AWS_SAYS_SUM])])('%s is read with Sum wherever it is', (metric) => {
    for (const { where, q } of everyQuery.filter((x) => x.q.metricName === metric)) {
      expect([where, q.statistic]).toEqual([where, 'Sum']);
    }
  });

  it('judges a call spike against the range’s own average, not a fixed number of calls', () => {
    const spikes = everyQuery.filter(
      ({ q, panel }) =>
        q.metricName === 'CallsPerInterval' &&
        interpolatedTargets(panel, valuesFor(panel)).some((e) => {
          const id = q.id ?? q.refId.toLowerCase();
          const expr = (e as CloudWatchQuery).expression ?? '';
          return new RegExp(`^${id} / AVG\\((FILL\\()?${id}\\b`).test(expr);
        })
    );
    expect(spikes.map((s) => s.file)).toEqual(['noc-overview.json']);
    const steps = spikes[0].panel.fieldConfig?.defaults?.thresholds?.steps ?? [];
    const values = steps.map((s) => s.value).filter((v) => typeof v === 'number');
    // ratios (1 = an ordinary period), not counts of calls
    expect(values.length).toBeGreaterThanOrEqual(2);
    values.forEach((v) => expect(v > 1 && v <= 5).toBe(true));
  });

  it('counts expired and expiring tasks across every task: ContactId "*" summed by CloudWatch, zero said in words', () => {
    for (const metric of ['TasksExpired', 'TasksExpiryWarningReached']) {
      for (const { panel, q } of everyQuery.filter((x) => x.q.metricName === metric)) {
        expect([panel.title, q.dimensions?.ContactId]).toEqual([panel.title, ['*']]);
        const id = q.id ?? q.refId.toLowerCase();
        const targets = interpolatedTargets(panel, valuesFor(panel)) as CloudWatchQuery[];
        const sum = targets.find((t) => /^SUM\(METRICS\('([^']+)'\)\)$/.exec(t.expression ?? '')?.[1] === id);
        expect([panel.title, sum?.refId]).toEqual([panel.title, expect.any(String)]);
        // one tile: only the total is shown; the per-task series are hidden queries for METRICS to match
        const inputs = (panel.targets ?? []).filter((t) => t.refId !== sum!.refId);
        expect(inputs.length).toBeGreaterThan(0);
        expect([panel.title, inputs.every((t) => (t as { hide?: boolean }).hide === true)]).toEqual([
          panel.title,
          true,
        ]);
        expect([panel.title, panel.fieldConfig?.defaults?.noValue]).toEqual([panel.title, 'None in this range']);
      }
    }
  });
});

describe('quota panels say "now" or "peak" and show what they say (issue 12)', () => {
  // The quota table's columns (docs/api.md): "now" is the last period of the range, "peak" its busiest.
  const COLUMNS = [
    'Channel',
    'In use',
    'Peak in use',
    'Quota',
    'Quota ±',
    'Used',
    'Peak used',
    'Headroom',
    'Headroom at peak',
    'Breaches',
    'Throttled',
  ];
  const NOW = ['In use', 'Used', 'Headroom'];
  const PEAK = ['Peak in use', 'Peak used', 'Headroom at peak'];
  const says = (text: string | undefined, word: 'now' | 'peak') => new RegExp(`\\b${word}\\b`, 'i').test(text ?? '');

  /** What is wrong with the words of a panel of the quota table: each problem as a sentence. */
  function quotaLabelProblems(p: Panel): string[] {
    const isQuotaTable = (p.targets ?? []).some(
      (t) => (t as { queryType?: string; format?: string }).queryType === 'quota' && t.format !== 'timeseries'
    );
    if (!isQuotaTable) {
      return [];
    }
    const filter = (p.transformations ?? []).find((t) => t.id === 'filterFieldsByName');
    const shown: string[] = (filter?.options as { include?: { names?: string[] } })?.include?.names ?? COLUMNS;
    const override = (name: string) =>
      p.fieldConfig?.overrides
        ?.find((o) => o.matcher.id === 'byName' && o.matcher.options === name)
        ?.properties.find((x) => x.id === 'displayName')?.value as string | undefined;
    const labelOf = (name: string) => override(name) ?? p.fieldConfig?.defaults?.displayName ?? name;
    const problems: string[] = [];
    for (const [fields, word, other] of [
      [NOW, 'now', 'peak'],
      [PEAK, 'peak', 'now'],
    ] as const) {
      for (const f of shown.filter((x) => (fields as readonly string[]).includes(x))) {
        const label = labelOf(f);
        const named = says(label, word) || (!says(label, other) && says(p.title, word) && !says(p.title, other));
        if (!named || says(label, other)) {
          problems.push(`${p.title}: ${f} is shown as "${label}", which does not say ${word}`);
        }
      }
      for (const [what, text] of [
        ['title', p.title],
        ['description', p.description],
      ]) {
        if (says(text, word) && !shown.some((x) => (fields as readonly string[]).includes(x))) {
          problems.push(`${p.title}: the ${what} says ${word} and the panel shows no ${word} value`);
        }
      }
    }
    if (shown.includes('Quota')) {
      if (!shown.includes('Quota ±')) {
        problems.push(`${p.title}: shows the quota without its precision (Quota ±)`);
      }
      const noValue =
        (p.fieldConfig?.overrides
          ?.find((o) => o.matcher.options === 'Quota')
          ?.properties.find((x) => x.id === 'noValue')?.value as string | undefined) ??
        p.fieldConfig?.defaults?.noValue;
      if (!noValue || /^\s*0?\s*$/.test(noValue)) {
        problems.push(`${p.title}: a quota that cannot be derived would show as "${noValue ?? ''}"`);
      }
    }
    return problems;
  }

  it('finds the mislabelled panels of before (peak in the words, the last period in the value)', () => {
    const before = {
      type: 'gauge',
      title: 'Concurrency used',
      description: "Peak share of each channel's concurrency quota in use over the time range.",
      targets: [{ refId: 'A', queryType: 'quota', format: 'table' }],
      transformations: [{ id: 'filterFieldsByName', options: { include: { names: ['Channel', 'Used'] } } }],
      fieldConfig: { defaults: { displayName: '${__data.fields.Channel}' }, overrides: [] },
    } as unknown as Panel;
    expect(quotaLabelProblems(before)).toEqual([
      'Concurrency used: Used is shown as "${__data.fields.Channel}", which does not say now',
      'Concurrency used: the description says peak and the panel shows no peak value',
    ]);
    const unlabelledTable = {
      ...before,
      type: 'table',
      title: 'Quotas',
      description: 'Per channel.',
      transformations: [],
      fieldConfig: { defaults: {}, overrides: [] },
    } as unknown as Panel;
    expect(quotaLabelProblems(unlabelledTable)).toEqual([
      'Quotas: In use is shown as "In use", which does not say now',
      'Quotas: Used is shown as "Used", which does not say now',
      'Quotas: Headroom is shown as "Headroom", which does not say now',
      'Quotas: a quota that cannot be derived would show as ""',
    ]);
  });

  it.each(loaded)('%s: every quota value says whether it is now or the peak', (_file, d) => {
    expect(panelsOf(d).flatMap(quotaLabelProblems)).toEqual([]);
  });

  it('offers both now and peak on the Quotas dashboard and the NOC', () => {
    for (const file of ['quotas.json', 'noc-overview.json']) {
      const d = loaded.find(([f]) => f === file)![1];
      const fields = panelsOf(d).flatMap((p) => {
        const filter = (p.transformations ?? []).find((t) => t.id === 'filterFieldsByName');
        return (p.targets ?? []).some((t) => (t as { queryType?: string }).queryType === 'quota')
          ? ((filter?.options as { include?: { names?: string[] } })?.include?.names ?? [])
          : [];
      });
      expect([file, fields]).toEqual([file, expect.arrayContaining(['Used', 'Peak used'])]);
    }
  });
});

describe('fact: publishing-frequency and connect-5-minute-metrics: periods and descriptions', () => {
  // The register's frequencies (seconds) of the metrics published less often than every minute.
  const SLOW: Record<string, number> = {
    ActiveSpeakerEnrollmentJobs: 900,
    ActiveFraudsterRegistrationJobs: 900,
    Speakers: 900,
    Fraudsters: 900,
    ConcurrentTasks: 300,
    ConcurrentTasksPercentage: 300,
    ConcurrentEmails: 300,
    ConcurrentEmailsPercentage: 300,
  };
  const every = (seconds: number) => (seconds === 60 ? 'every minute' : `every ${seconds / 60} minutes`);

  it('asks for no period finer than AWS publishes (auto starts there)', () => {
    for (const { where, q } of everyQuery.filter((x) => !x.q.expression)) {
      const ok = q.period === 'auto' || Number(q.period) >= (SLOW[q.metricName ?? ''] ?? 60);
      expect([where, q.period, ok]).toEqual([where, q.period, true]);
    }
  });

  it('says in the description of a panel of 5- or 15-minute metrics how often they are published', () => {
    for (const { where, panel, q } of everyQuery.filter((x) => SLOW[x.q.metricName ?? ''])) {
      const phrase = every(SLOW[q.metricName!]);
      expect([where, phrase, (panel.description ?? '').includes(phrase)]).toEqual([where, phrase, true]);
    }
  });

  it('Voice ID: every panel is auto and says how often each of its metrics is published', () => {
    const d = loaded.find(([f]) => f === 'voice-id.json')![1];
    for (const p of panelsOf(d)) {
      const targets = interpolatedTargets(p, valuesFor(p)) as CloudWatchQuery[];
      for (const t of targets) {
        expect([p.title, t.refId, t.period]).toEqual([p.title, t.refId, 'auto']);
        const phrase = every(SLOW[t.metricName ?? ''] ?? 60);
        expect([p.title, phrase, (p.description ?? '').includes(phrase)]).toEqual([p.title, phrase, true]);
      }
    }
  });
});

// Voice Connector call quality (voice-connectors.json).
describe('fact: chime-packets-lost-cumulative: Voice Connector loss is estimated, PacketsLost never summed', () => {
  const vcDashboard = loaded.find(([f]) => f === 'voice-connectors.json')![1];
  const vcPanel = (title: string) => panelsOf(vcDashboard).find((p) => p.title === title)!;
  const vcTargets = (p: Panel) => interpolatedTargets(p, valuesFor(p)) as CloudWatchQuery[];
  const LEGS = ['CustomerToVc', 'VcToCustomer', 'RemoteToVc', 'VcToRemote'];

  it('reads PacketsLost, a running total per call, with Maximum only and in no expression, on every dashboard', () => {
    let seen = 0;
    for (const [file, dash] of loaded) {
      for (const p of panelsOf(dash)) {
        const targets = vcTargets(p);
        const lostIds = targets.filter((t) => t.metricName?.endsWith('PacketsLost')).map((t) => t.id);
        for (const t of targets.filter((x) => x.metricName?.endsWith('PacketsLost'))) {
          expect([file, p.title, t.refId, t.statistic]).toEqual([file, p.title, t.refId, 'Maximum']);
          seen++;
        }
        for (const t of targets.filter((x) => x.expression)) {
          const refs = t.expression!.match(/\b[a-z][a-zA-Z0-9_]*\b/g) ?? [];
          expect([file, p.title, t.refId, refs.filter((r) => lostIds.includes(r))]).toEqual([
            file,
            p.title,
            t.refId,
            [],
          ]);
        }
      }
    }
    expect(seen).toBe(4); // the four legs of "Packets lost so far on calls in progress"
  });

  it('gives the call path panel each leg’s RtpPackets (Sum) and the calls in progress (Average), no PacketsLost', () => {
    const targets = vcTargets(vcPanel('Call path'));
    const byMetric = new Map(targets.map((t) => [t.metricName, t]));
    expect(byMetric.get('InboundCallsActive')).toMatchObject({ statistic: 'Average', label: '${METRIC}' });
    expect(byMetric.get('OutboundCallsActive')).toMatchObject({ statistic: 'Average', label: '${METRIC}' });
    for (const leg of LEGS) {
      expect(byMetric.get(`${leg}RtpPackets`)).toMatchObject({ statistic: 'Sum' });
      expect(byMetric.get(`${leg}Jitter`)).toMatchObject({ statistic: 'Average' });
      expect(byMetric.has(`${leg}PacketsLost`)).toBe(false);
    }
    expect(targets).toHaveLength(14);
    // One period for all, so that packets and calls line up.
    expect(new Set(targets.map((t) => t.period))).toEqual(new Set(['auto']));
  });

  it('estimates loss per leg with metric math over hidden RtpPackets (Sum) and calls in progress (Average)', () => {
    const targets = vcTargets(vcPanel('Packet loss per leg (estimated)'));
    const hidden = targets.filter((t) => !t.expression);
    expect(hidden.every((t) => t.hide === true)).toBe(true);
    expect(hidden.map((t) => [t.id, t.metricName, t.statistic])).toEqual([
      ['callsin', 'InboundCallsActive', 'Average'],
      ['callsout', 'OutboundCallsActive', 'Average'],
      ...LEGS.map((leg, i) => [`pkts${i}`, `${leg}RtpPackets`, 'Sum']),
    ]);
    const expressions = targets.filter((t) => t.expression);
    expect(expressions.map((t) => t.hide)).toEqual([undefined, undefined, undefined, undefined]);
    expressions.forEach((t, i) => {
      // 100 × (1 − RtpPackets ÷ (3000 × P/60 × calls)), clamped at 0, only where packets and calls are.
      const calls = '(callsin + callsout)';
      const percent = `100 * (1 - pkts${i} / (3000 * PERIOD(pkts${i}) / 60 * ${calls}))`;
      expect(t.expression).toBe(`IF((pkts${i} >= 0) * ${calls} > 0, IF(${percent} > 0, ${percent}, 0))`);
      expect(t.label).toContain('${VoiceConnectorId}');
    });
  });

  it('says where loss is shown that it is inferred, assuming 20 ms packets without silence suppression', () => {
    for (const text of [
      vcDashboard.description,
      vcPanel('Call path').description,
      vcPanel('Packet loss per leg (estimated)').description,
    ]) {
      expect(text).toContain('20 ms');
      expect(text).toMatch(/estimated|inferred/i);
      expect(text).toContain('3,000');
    }
    expect(vcPanel('Packet loss per leg (estimated)').description).toContain('silence suppression');
    expect(vcPanel('Packets lost so far on calls in progress').description).toContain(
      'so far on the calls in progress'
    );
  });
});

describe('one threshold set and one unit style per dashboard (wallboard, stats and tables agree)', () => {
  type Steps = Array<{ value: number | null; color: string }>;
  type Rule = { field: string; warn?: number; alert?: number; direction: string };
  const withWallboard = loaded.filter(([, d]) => panelsOf(d).some((p) => p.type === 'switchboard-queuewall-panel'));
  /** Every place a table or stat sets a field's thresholds or unit: its overrides by name. */
  const overridesOf = (p: Panel, field: string) =>
    (p.fieldConfig?.overrides ?? [])
      .filter((o) => o.matcher.id === 'byName' && o.matcher.options === field)
      .flatMap((o) => o.properties);

  it('covers the dashboards that show queues in real time', () => {
    expect(withWallboard.map(([f]) => f).sort()).toEqual(['noc-wall.json', 'queues.json']);
  });

  it.each(loaded)('%s: a queue metric is coloured by the wallboard’s thresholds, in the wall palette', (_f, d) => {
    const walls = panelsOf(d).filter((p) => p.type === 'switchboard-queuewall-panel');
    // The Queues dashboard's wallboard rules are the rules of every dashboard (the NOC overview has no wallboard).
    const queuesWall = panelsOf(loaded.find(([f]) => f === 'queues.json')![1]).find(
      (p) => p.type === 'switchboard-queuewall-panel'
    )!;
    const rules = ((walls[0] ?? queuesWall).options as { tiles: { metrics: Rule[] } }).tiles.metrics;
    expect(rules.find((r) => r.field === 'CONTACTS_IN_QUEUE')).toMatchObject({ warn: 5, alert: 10 });
    let compared = 0;
    for (const p of panelsOf(d).filter((x) => x.type === 'table' || x.type === 'stat')) {
      for (const rule of rules) {
        for (const prop of overridesOf(p, rule.field).filter((x) => x.id === 'thresholds')) {
          const steps = (prop.value as { steps: Steps }).steps;
          // ok below warn, warn from warn, alert from alert: the wallboard's inclusive "above" rule.
          expect([p.title, rule.field, steps]).toEqual([
            p.title,
            rule.field,
            [
              { value: null, color: '#4CC3C9' },
              { value: rule.warn, color: '#FADE2A' },
              { value: rule.alert, color: '#FF5A6E' },
            ],
          ]);
          compared++;
        }
      }
      // "Available 0": judged by the wallboard only while contacts wait, which a cell cannot tell, so no colour.
      expect([p.title, overridesOf(p, 'AGENTS_AVAILABLE').filter((x) => x.id === 'thresholds')]).toEqual([p.title, []]);
    }
    if (['queues.json', 'noc-overview.json'].includes(_f)) {
      expect(compared).toBeGreaterThanOrEqual(2);
    }
  });

  it.each(loaded)('%s: the oldest contact’s age is a clock wherever a table or stat shows it', (_f, d) => {
    for (const p of panelsOf(d).filter((x) => x.type === 'table' || x.type === 'stat')) {
      for (const prop of overridesOf(p, 'OLDEST_CONTACT_AGE').filter((x) => x.id === 'unit')) {
        // dthms: 00:08:09, the wallboard's 8:09 with hours; not "8 mins" (unit s).
        expect([p.title, prop.value]).toEqual([p.title, 'dthms']);
      }
    }
  });
});
