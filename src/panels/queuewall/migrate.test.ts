import { getPanelOptionsWithDefaults, standardEditorsRegistry, type PanelModel } from '@grafana/data';
import { migrateOptions, migrateRule } from './migrate';
import { plugin } from './module';
import { DEFAULT_OPTIONS, OPTIONS_VERSION, type QueueWallOptions } from './options';

const panel = (options: unknown): PanelModel =>
  ({
    id: 1,
    type: 'switchboard-queuewall-panel',
    options,
    fieldConfig: { defaults: {}, overrides: [] },
    pluginVersion: '0.1.0',
  }) as PanelModel;

describe('migrateOptions', () => {
  it('absent or empty options (a new panel) become the defaults, with the version', () => {
    for (const input of [undefined, null, {}, 'garbage', []]) {
      expect(migrateOptions(input)).toEqual(DEFAULT_OPTIONS);
    }
    expect(DEFAULT_OPTIONS.version).toBe(OPTIONS_VERSION);
    expect(DEFAULT_OPTIONS.tiles.metrics).toEqual([
      { field: 'CONTACTS_IN_QUEUE', warn: 5, alert: 10, direction: 'above' },
      { field: 'OLDEST_CONTACT_AGE', warn: 60, alert: 180, direction: 'above' },
      { field: 'AGENTS_AVAILABLE', warn: 0, direction: 'below', onlyWhileWaiting: true },
    ]);
  });

  it('reads hand-written options (version 0) leniently', () => {
    const migrated = migrateOptions({
      tiles: {
        metrics: [
          'CONTACTS_IN_QUEUE',
          { field: 'AGENTS_STAFFED', warn: '2', alert: '0' },
          { field: 'OLDEST_CONTACT_AGE', label: 'Longest wait', warn: 120, alert: 'soon', direction: 'up' },
          { label: 'no field' },
          42,
        ],
      },
      sortBy: 'loudest',
      tileMinWidth: '300',
      fontScale: 12,
      showTicking: 'false',
      hideQuiet: true,
    });
    expect(migrated).toEqual({
      version: OPTIONS_VERSION,
      tiles: {
        metrics: [
          { field: 'CONTACTS_IN_QUEUE', direction: 'above' },
          { field: 'AGENTS_STAFFED', warn: 2, alert: 0, direction: 'below' },
          { field: 'OLDEST_CONTACT_AGE', label: 'Longest wait', warn: 120, direction: 'above' },
        ],
      },
      sortBy: 'severity',
      tileMinWidth: 300,
      fontScale: 3,
      showTicking: false,
      hideQuiet: true,
      viewing: { mode: 'panel', distanceM: 3, screenInches: 55 },
      staffedHours: '',
    });
  });

  it('reads the viewing distance and staffed hours (version 2) leniently', () => {
    expect(
      migrateOptions({ viewing: { mode: 'distance', distanceM: '6', screenInches: 500 }, staffedHours: '8:00-20:00' })
    ).toMatchObject({ viewing: { mode: 'distance', distanceM: 6, screenInches: 120 }, staffedHours: '08:00-20:00' });
    expect(migrateOptions({ viewing: 'tv', staffedHours: 'daytime' })).toMatchObject({
      viewing: { mode: 'tv', distanceM: 3, screenInches: 55 },
      staffedHours: '',
    });
  });

  it('version 1 rules keep being judged always: only a new panel judges "no agent available" while contacts wait', () => {
    const v1 = {
      version: 1,
      tiles: { metrics: [{ field: 'AGENTS_AVAILABLE', warn: 1, alert: 0, direction: 'below' }] },
    };
    expect(migrateOptions(v1).tiles.metrics).toEqual([
      { field: 'AGENTS_AVAILABLE', warn: 1, alert: 0, direction: 'below' },
    ]);
    expect(migrateRule({ field: 'AGENTS_AVAILABLE', onlyWhileWaiting: 'true' })?.onlyWhileWaiting).toBe(true);
  });

  it('keeps an empty rule list (tiles with names only) and valid current options unchanged', () => {
    expect(migrateOptions({ tiles: { metrics: [] } }).tiles.metrics).toEqual([]);
    const current: QueueWallOptions = {
      version: OPTIONS_VERSION,
      tiles: { metrics: [{ field: 'SLOTS_AVAILABLE', label: 'Free slots', warn: 2, alert: 0, direction: 'below' }] },
      sortBy: 'oldest',
      tileMinWidth: 260,
      fontScale: 1.4,
      showTicking: false,
      hideQuiet: true,
      viewing: { mode: 'distance', distanceM: 5, screenInches: 65 },
      staffedHours: '07:30-19:00',
    };
    expect(migrateOptions(current)).toEqual(current);
    expect(migrateOptions(migrateOptions(current))).toEqual(current);
  });

  it('clamps sizes into what the panel can draw', () => {
    expect(migrateOptions({ tileMinWidth: 10, fontScale: 0.1 })).toMatchObject({ tileMinWidth: 120, fontScale: 0.5 });
    expect(migrateOptions({ fontScale: -1 }).fontScale).toBe(1);
  });
});

describe('migrateRule', () => {
  it('fills the direction from the metric: fewer agents or slots is worse', () => {
    expect(migrateRule({ field: 'AGENTS_AVAILABLE' })?.direction).toBe('below');
    expect(migrateRule({ field: 'SLOTS_AVAILABLE' })?.direction).toBe('below');
    expect(migrateRule({ field: 'CONTACTS_SCHEDULED' })?.direction).toBe('above');
    expect(migrateRule({ field: '  ' })).toBeUndefined();
  });
});

describe('the plugin: migration and defaults as Grafana applies them', () => {
  it('migrates options of another version, or none, and leaves current ones alone', () => {
    expect(plugin.shouldMigrate?.(panel({}))).toBe(true);
    expect(plugin.shouldMigrate?.(panel({ version: 0, sortBy: 'name' }))).toBe(true);
    expect(plugin.shouldMigrate?.(panel(DEFAULT_OPTIONS))).toBe(false);
    expect(plugin.onPanelMigration?.(panel({ sortBy: 'name' }))).toEqual({ ...DEFAULT_OPTIONS, sortBy: 'name' });
  });

  it('the options editor defaults are the migration defaults', () => {
    // Grafana registers its option editors at boot; the builder only needs their ids here.
    standardEditorsRegistry.setInit(() =>
      ['radio', 'boolean', 'number', 'slider', 'text'].map((id) => ({ id, name: id, editor: () => null }))
    );
    const { options } = getPanelOptionsWithDefaults({
      plugin,
      currentOptions: {},
      currentFieldConfig: { defaults: {}, overrides: [] },
      isAfterPluginChange: false,
    });
    expect({ ...options, version: OPTIONS_VERSION }).toEqual(DEFAULT_OPTIONS);
  });
});
