import type { PanelModel } from '@grafana/data';
import { migrateOptions, migrationHandler, shouldMigrate } from './migrate';
import { DEFAULT_OPTIONS, OPTIONS_VERSION } from './options';

const panel = (options: unknown): PanelModel =>
  ({ id: 1, type: 'switchboard-callpath-panel', options, fieldConfig: { defaults: {}, overrides: [] } }) as PanelModel;

describe('migrateOptions', () => {
  it('gives a new panel the defaults', () => {
    expect(migrateOptions(undefined)).toEqual(DEFAULT_OPTIONS);
    expect(migrateOptions({})).toEqual(DEFAULT_OPTIONS);
    expect(migrateOptions('nonsense')).toEqual(DEFAULT_OPTIONS);
  });

  it('fills what a hand-written dashboard leaves out and keeps what it says', () => {
    const out = migrateOptions({ thresholds: { mos: { warn: 4 } }, reducer: 'worst', fontScale: 1.4 });
    expect(out.thresholds.mos).toEqual({ warn: 4, alert: 3.5 });
    expect(out.thresholds.jitterMs).toEqual(DEFAULT_OPTIONS.thresholds.jitterMs);
    expect(out).toMatchObject({ version: OPTIONS_VERSION, reducer: 'worst', fontScale: 1.4, sortBy: 'severity' });
    // a version 1 panel saved without a sort sorted by name, and keeps doing so
    expect(migrateOptions({ version: 1 }).sortBy).toBe('name');
  });

  it('reads numbers written as strings, short keys and Grafana’s reducer names', () => {
    const out = migrateOptions({
      thresholds: { jitter: { warn: '20', alert: '40' }, rtt: { warn: 100 }, loss: { alert: '2.5' } },
      reducer: 'lastNotNull',
      diagramMinWidth: '500',
    });
    expect(out.thresholds.jitterMs).toEqual({ warn: 20, alert: 40 });
    expect(out.thresholds.rttMs).toEqual({ warn: 100, alert: 300 });
    expect(out.thresholds.lossPercent).toEqual({ warn: 1, alert: 2.5 });
    expect(out.reducer).toBe('last');
    expect(out.diagramMinWidth).toBe(500);
    expect(migrateOptions({ reducer: 'max' }).reducer).toBe('worst');
    expect(migrateOptions({ reducer: 'avg' }).reducer).toBe('mean');
  });

  it('keeps a threshold switched off with null', () => {
    expect(migrateOptions({ thresholds: { mos: { warn: null, alert: 3 } } }).thresholds.mos).toEqual({
      warn: null,
      alert: 3,
    });
  });

  it('replaces unreadable values with defaults and keeps sizes in range', () => {
    const out = migrateOptions({
      thresholds: { mos: 'low', rttMs: { warn: 'soon', alert: Infinity } },
      reducer: 'median',
      sortBy: 'colour',
      diagramMinWidth: 10,
      fontScale: 99,
    });
    expect(out.thresholds.mos).toEqual(DEFAULT_OPTIONS.thresholds.mos);
    expect(out.thresholds.rttMs).toEqual(DEFAULT_OPTIONS.thresholds.rttMs);
    expect(out).toMatchObject({ reducer: 'last', sortBy: 'severity', diagramMinWidth: 240, fontScale: 3 });
    expect(migrateOptions({ fontScale: 0 }).fontScale).toBe(1);
  });

  it('is idempotent and never loses a user’s values', () => {
    const user = {
      version: OPTIONS_VERSION,
      thresholds: {
        mos: { warn: 4.1, alert: 3.9 },
        jitterMs: { warn: 10, alert: null },
        lossPercent: { warn: 0.5, alert: 2 },
        rttMs: { warn: 80, alert: 120 },
      },
      reducer: 'mean',
      sortBy: 'severity',
      diagramMinWidth: 600,
      fontScale: 1.6,
      viewing: { mode: 'distance', distanceM: 4, screenInches: 65 },
    };
    const once = migrateOptions(user);
    expect(once).toEqual(user);
    expect(migrateOptions(once)).toEqual(once);
  });
});

describe('migration handler', () => {
  it('runs for options of another version or none, not for current ones', () => {
    expect(shouldMigrate(panel({}))).toBe(true);
    expect(shouldMigrate(panel(undefined))).toBe(true);
    expect(shouldMigrate(panel({ version: 0 }))).toBe(true);
    expect(shouldMigrate(panel(DEFAULT_OPTIONS))).toBe(false);
  });

  it('returns complete options', () => {
    expect(migrationHandler(panel({ thresholds: { mos: { alert: '3.2' } } })).thresholds.mos).toEqual({
      warn: 3.8,
      alert: 3.2,
    });
  });
});
