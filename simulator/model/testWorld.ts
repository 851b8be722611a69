import { Clock } from '../clock';
import { loadScenario } from '../scenario/load';
import type { Scenario } from '../scenario/schema';
import { resolveWorld, type World } from '../scenario/world';
import { ModelMetricSource } from './cloudwatch/source';
import { ContactCenterModel } from './contactCenter';
import { pointsOf, type Dimension, type MetricIdentity, type MetricSource, type RawDatapoint } from './metricSource';

/** A model of the default scenario (or a variant) frozen at an instant, for tests. */
export function testModel(atIso = '2026-11-18T17:00:00Z', edit?: (s: Scenario) => void, seed?: number) {
  const scenario = loadScenario();
  edit?.(scenario);
  const world: World = resolveWorld(scenario, seed);
  const model = new ContactCenterModel(world);
  const clock = new Clock();
  clock.freeze(Date.parse(atIso));
  const metrics = new ModelMetricSource(world, model, clock);
  return { world, model, clock, metrics, now: clock.nowSeconds() };
}

export const dims = (pairs: Record<string, string>): Dimension[] =>
  Object.entries(pairs).map(([Name, Value]) => ({ Name, Value }));

export const connectMetric = (metricName: string, pairs: Record<string, string>): MetricIdentity => ({
  namespace: 'AWS/Connect',
  metricName,
  dimensions: dims(pairs),
});

/** A metric's raw points as objects (tests read them more easily than columns). */
export const seriesPoints = (
  source: MetricSource,
  region: string,
  metric: MetricIdentity,
  from: number,
  to: number
): RawDatapoint[] => pointsOf(source.series(region, metric, from, to));
