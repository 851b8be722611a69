import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { allCatalogMetrics, findMetric, metricsOf } from '../../src/connect/cloudwatchCatalog';
import { CHANNEL_QUOTAS, percentageToRatio, percentScaleOf } from '../../src/connect/quotas';
import {
  CHIME_PUBLISHED,
  CONCURRENCY_METRICS,
  CONNECT_PUBLISHED,
  publishedPercentage,
  publishedUnitOf,
  VOICE_ID_PUBLISHED,
} from '../../simulator/model/cloudwatch/published';

/**
 * The simulator is AWS's witness: it reads AWS's pages on its own and must not borrow Switchboard's reading of them
 * (src/connect's rules and catalogue, the proxy). Only plain AWS enumerations may be shared: src/connect/channels.ts
 * (VOICE, CHAT, TASK, EMAIL); and how a field is named in a message of its own admin API
 * (src/connect/proxyApi/fieldPath.ts, no reading of AWS). Where the simulator's table and Switchboard's catalogue disagree, the test below
 * lists each difference and why it is expected.
 */

const root = path.resolve(__dirname, '../..');
const SHARED_ALLOWED = new Set(['src/connect/channels', 'src/connect/proxyApi/fieldPath']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sourceFiles(full) : /\.tsx?$/.test(name) ? [full] : [];
  });
}

describe('the simulator is an independent witness', () => {
  it('imports nothing from the proxy and nothing from src/connect but the channel enumeration and the field-path wording', () => {
    const offending: string[] = [];
    for (const file of sourceFiles(path.join(root, 'simulator'))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)) {
        if (!m[1].startsWith('.')) {
          continue;
        }
        const target = path.relative(root, path.resolve(path.dirname(file), m[1])).replace(/\\/g, '/');
        if ((target.startsWith('src/') && !SHARED_ALLOWED.has(target)) || target.startsWith('proxy/')) {
          offending.push(`${path.relative(root, file)} imports ${target}`);
        }
      }
    }
    expect(offending).toEqual([]);
  });

  it('the scan catches an import of the rules (the check itself can fail)', () => {
    const sample = "import { validateRealtimeRequest } from '../../../src/connect/realtimeRules';";
    const m = [...sample.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)][0];
    const target = path
      .relative(root, path.resolve(path.join(root, 'simulator/services/connect'), m[1]))
      .replace(/\\/g, '/');
    expect(target).toBe('src/connect/realtimeRules');
    expect(SHARED_ALLOWED.has(target)).toBe(false);
  });
});

describe("the simulator's reading of AWS against Switchboard's catalogue", () => {
  it('publishes every AWS/Connect metric of the catalogue with the same MetricGroup, unit and frequency', () => {
    // Expected differences, each from the facts register (docs/aws-facts.md):
    // - connect-high-volume-metrics: outbound campaigns are not simulated;
    // - callback-not-dialable-dimensions: both forms are in the catalogue, the simulator publishes one.
    const notSimulated = new Set([
      'ConcurrentHighVolumeCalls',
      'ConcurrentHighVolumeCallsPerInterval',
      'ConcurrentHighVolumeCallsPercentage',
    ]);
    const differences: string[] = [];
    for (const m of metricsOf('AWS/Connect')) {
      const sim = CONNECT_PUBLISHED.find((p) => p.name === m.name);
      if (!sim) {
        if (!notSimulated.has(m.name)) {
          differences.push(`${m.name}: not published by the simulator`);
        }
        continue;
      }
      if ((sim.group ?? undefined) !== m.metricGroup) {
        differences.push(`${m.name}: MetricGroup ${sim.group} vs ${m.metricGroup}`);
      }
      if (sim.unit !== m.unit) {
        differences.push(`${m.name}: unit ${sim.unit} vs ${m.unit}`);
      }
      if (sim.everySeconds !== m.frequencySeconds) {
        differences.push(`${m.name}: every ${sim.everySeconds} s vs ${m.frequencySeconds} s`);
      }
    }
    expect(differences).toEqual([]);
    expect(CONNECT_PUBLISHED.filter((p) => !findMetric('AWS/Connect', p.name)).map((p) => p.name)).toEqual([]);
  });

  it('writes each quota percentage in the scale the catalogue reads it in (fact: quota-scales)', () => {
    for (const q of Object.values(CHANNEL_QUOTAS)) {
      const group = (Object.keys(CONCURRENCY_METRICS) as Array<keyof typeof CONCURRENCY_METRICS>).find(
        (g) => CONCURRENCY_METRICS[g].percentage === q.percentage
      )!;
      expect(group).toBe(q.metricGroups[0]);
      // A quarter of the quota, as the simulator writes it and as Switchboard reads it back.
      expect([
        q.channel,
        percentageToRatio(publishedPercentage(q.percentage, 0.25), percentScaleOf(q.channel)),
      ]).toEqual([q.channel, 0.25]);
    }
  });

  it('agrees on the Chime and Voice ID metrics, their units and the 15-minute Voice ID counters', () => {
    expect([...CHIME_PUBLISHED].sort()).toEqual(
      metricsOf('AWS/ChimeVoiceConnector')
        .map((m) => m.name)
        .sort()
    );
    for (const name of CHIME_PUBLISHED) {
      expect([name, publishedUnitOf('AWS/ChimeVoiceConnector', name)]).toEqual([
        name,
        findMetric('AWS/ChimeVoiceConnector', name)!.unit,
      ]);
    }
    for (const v of VOICE_ID_PUBLISHED) {
      const m = findMetric('VoiceID', v.name)!;
      expect([v.name, v.unit, v.everySeconds, v.by]).toEqual([
        v.name,
        m.unit,
        m.frequencySeconds,
        m.dimensionSets[0][0],
      ]);
    }
    expect(allCatalogMetrics().filter((m) => m.namespace === 'VoiceID')).toHaveLength(VOICE_ID_PUBLISHED.length);
  });
});
