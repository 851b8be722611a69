import { DEFAULT_OPTIONS, type QueueWallOptions } from './options';
import { queueRowsFromFrames } from './queueRows';
import { realtimeFrame, type QueueValues } from './testFrames';
import { buildTiles, heroIndex, isQuiet, nextChangeAt, sameTile } from './tiles';

const T0 = Date.parse('2026-11-18T19:05:00Z');
const opts = (o: Partial<QueueWallOptions> = {}): QueueWallOptions => ({ ...DEFAULT_OPTIONS, ...o });
const tilesOf = (rows: QueueValues[], o: Partial<QueueWallOptions> = {}, now = T0) =>
  buildTiles(queueRowsFromFrames([realtimeFrame(rows, { snapshotTime: T0 })]), opts(o), now);

const q = (queue: string, inQueue: number | null, oldest: number | null, available: number | null, online = 5) => ({
  queue,
  CONTACTS_IN_QUEUE: inQueue,
  OLDEST_CONTACT_AGE: oldest,
  AGENTS_AVAILABLE: available,
  AGENTS_ONLINE: online,
});

describe('buildTiles', () => {
  it('judges every metric by its rule and the tile by the worst one', () => {
    const [tile] = tilesOf([q('Billing', 6, 30, 3)]);
    expect(tile.metrics.map((m) => [m.field, m.label, m.value, m.severity])).toEqual([
      ['CONTACTS_IN_QUEUE', 'In queue', 6, 'warn'],
      ['OLDEST_CONTACT_AGE', 'Oldest', 30, 'ok'],
      ['AGENTS_AVAILABLE', 'Available', 3, 'ok'],
    ]);
    expect(tile.status).toBe('warn');
    // no agent available while a contact waits: a warning (the default rules: contacts and waits make alerts)
    expect(tilesOf([q('Billing', 1, 5, 0)])[0].status).toBe('warn');
    expect(tilesOf([q('Billing', 1, 5, 2)])[0].status).toBe('ok');
  });

  it('a metric the answer lacks is "no data" and does not make the tile worse', () => {
    const [tile] = tilesOf([{ queue: 'Billing', CONTACTS_IN_QUEUE: 1, OLDEST_CONTACT_AGE: 5, AGENTS_ONLINE: 2 }]);
    expect(tile.metrics[2]).toMatchObject({ field: 'AGENTS_AVAILABLE', value: null, severity: 'nodata' });
    expect(tile.status).toBe('ok');
    const [empty] = tilesOf([{ queue: 'Billing', AGENTS_ONLINE: 2 }]);
    expect(empty.status).toBe('nodata');
  });

  it('uses the rule label, else the display name; finds a field by its display name', () => {
    const [tile] = tilesOf([q('Billing', 1, 5, 2)], {
      tiles: {
        metrics: [
          { field: 'In queue', label: 'Waiting', warn: 1, direction: 'above' },
          { field: 'AGENTS_ONLINE', direction: 'below' },
          { field: 'SLOTS_ACTIVE', direction: 'above' },
        ],
      },
    });
    expect(tile.metrics.map((m) => [m.field, m.label, m.severity])).toEqual([
      ['CONTACTS_IN_QUEUE', 'Waiting', 'warn'],
      ['AGENTS_ONLINE', 'Online', 'ok'],
      ['SLOTS_ACTIVE', 'Active', 'nodata'],
    ]);
  });

  it('sorts by severity (alert, warn, ok), ties by oldest contact then name', () => {
    const tiles = tilesOf([
      q('Sales', 0, 0, 3),
      q('Billing', 6, 20, 2),
      q('Tech', 12, 50, 2),
      q('Accounts', 0, 0, 3),
      q('VIP', 6, 70, 2),
      q('Returns', 1, 10, 0),
    ]);
    expect(tiles.map((t) => [t.name, t.status])).toEqual([
      ['Tech', 'alert'],
      ['VIP', 'warn'], // oldest 70
      ['Billing', 'warn'], // oldest 20
      ['Returns', 'warn'], // oldest 10: nobody available while a contact waits
      ['Accounts', 'ok'],
      ['Sales', 'ok'],
    ]);
  });

  it('sorts by name (numbers in names in numeric order) or by oldest contact', () => {
    const rows = [q('Queue 10', 1, 5, 2), q('queue 2', 1, 300, 2), q('Queue 1', 0, 0, 2)];
    expect(tilesOf(rows, { sortBy: 'name' }).map((t) => t.name)).toEqual(['Queue 1', 'queue 2', 'Queue 10']);
    expect(tilesOf(rows, { sortBy: 'oldest' }).map((t) => t.name)).toEqual(['queue 2', 'Queue 10', 'Queue 1']);
  });

  it('the oldest age counts from the snapshot and is judged as it counts', () => {
    const rows = [q('Billing', 2, 170, 2), q('Sales', 0, 0, 2)];
    const atSnapshot = tilesOf(rows, {}, T0);
    expect(atSnapshot[0].metrics[1]).toMatchObject({ value: 170, severity: 'warn', ticking: true });
    const later = tilesOf(rows, {}, T0 + 12_000);
    expect(later[0].metrics[1]).toMatchObject({ value: 182, severity: 'alert', ticking: true });
    expect(later[0].status).toBe('alert');
    expect(later[0].oldestAge).toBe(182);
    // an empty queue does not count
    expect(later[1].metrics[1]).toMatchObject({ value: 0, ticking: false });
  });

  it('showTicking off: Connect values as answered', () => {
    const later = tilesOf([q('Billing', 2, 170, 2)], { showTicking: false }, T0 + 12_000);
    expect(later[0].metrics[1]).toMatchObject({ value: 170, severity: 'warn', ticking: false });
    expect(later[0].oldestAge).toBe(170);
  });

  it('a queue with no contacts and no agents is quiet, never alarming; hideQuiet hides it', () => {
    const rows = [q('Closed', 0, 0, 0, 0), q('Billing', 1, 5, 2)];
    expect(tilesOf(rows).map((t) => [t.name, t.status])).toEqual([
      ['Billing', 'ok'],
      ['Closed', 'quiet'],
    ]);
    expect(tilesOf(rows, { hideQuiet: true }).map((t) => t.name)).toEqual(['Billing']);
  });
});

describe('warnings that mean something', () => {
  it('no agent available is judged only while contacts wait, or within staffed hours', () => {
    const [busyElsewhere] = tilesOf([q('Billing', 0, 0, 0, 4)]);
    expect(busyElsewhere.status).toBe('ok');
    expect(busyElsewhere.metrics[2]).toMatchObject({
      field: 'AGENTS_AVAILABLE',
      value: 0,
      severity: 'ok',
      waived: true,
    });
    expect(tilesOf([q('Billing', 2, 5, 0, 4)])[0].metrics[2]).toMatchObject({ severity: 'warn', waived: false });
    const staffed = buildTiles(
      queueRowsFromFrames([realtimeFrame([q('Billing', 0, 0, 0, 4)], { snapshotTime: T0 })]),
      opts(),
      T0,
      { staffed: true }
    );
    expect(staffed[0].metrics[2]).toMatchObject({ severity: 'warn', waived: false });
  });

  it('the big number is the worst metric; the first rule when all are ok', () => {
    expect(tilesOf([q('Billing', 3, 489, 2)])[0]).toMatchObject({ status: 'alert', hero: 1 });
    expect(tilesOf([q('Billing', 1, 5, 2)])[0].hero).toBe(0);
    // two metrics alike: the first of them
    expect(tilesOf([q('Billing', 6, 70, 2)])[0].hero).toBe(0);
    expect(heroIndex(['ok', 'nodata', 'warn'])).toBe(2);
    expect(heroIndex(['nodata', 'ok'])).toBe(0);
  });
});

describe('nextChangeAt', () => {
  it('the first moment a counting age reaches a threshold, or the data goes stale', () => {
    const data = queueRowsFromFrames([
      realtimeFrame([q('Billing', 2, 170, 2), q('Sales', 0, 0, 2)], { snapshotTime: T0 }),
    ]);
    // 170 s waited at T0: the alert threshold (180 s) is reached 10 s later
    expect(nextChangeAt(data, opts(), T0)).toBe(T0 + 10_000);
    expect(nextChangeAt(data, opts(), T0 + 10_000)).toBe(T0 + 120_001);
    expect(nextChangeAt(data, opts({ showTicking: false }), T0)).toBe(T0 + 120_001);
  });
});

describe('isQuiet', () => {
  const row = (values: Record<string, number | null>) => ({ name: 'x', values, snapshots: {} });
  it('every contact and agent metric is 0 or empty; slots do not count; unknown without any', () => {
    expect(isQuiet(row({ CONTACTS_IN_QUEUE: 0, AGENTS_ONLINE: 0, AGENTS_AVAILABLE: null }))).toBe(true);
    expect(isQuiet(row({ CONTACTS_IN_QUEUE: 0, AGENTS_ONLINE: 0, SLOTS_AVAILABLE: 3 }))).toBe(true);
    expect(isQuiet(row({ CONTACTS_IN_QUEUE: 0, AGENTS_ONLINE: 1 }))).toBe(false);
    expect(isQuiet(row({ CONTACTS_SCHEDULED: 2, AGENTS_ONLINE: 0 }))).toBe(false);
    expect(isQuiet(row({ SLOTS_AVAILABLE: 0 }))).toBe(false);
    expect(isQuiet(row({}))).toBe(false);
  });
});

describe('sameTile', () => {
  // One options object, as the panel keeps it (useMemo): the rules are the same objects in both renders.
  const o = opts();
  const at = (rows: QueueValues[], now: number) =>
    buildTiles(queueRowsFromFrames([realtimeFrame(rows, { snapshotTime: T0 })]), o, now);

  it('a later render draws the same tile while only a counting age moved (its text ticks by itself)', () => {
    const [before] = at([q('Billing', 2, 30, 3)], T0);
    const [after] = at([q('Billing', 2, 30, 3)], T0 + 5_000);
    expect(after.metrics[1].value).toBe(35);
    expect(sameTile(before, after)).toBe(true);
  });

  it('differs when a severity, a value or the queue changes', () => {
    const [base] = at([q('Billing', 2, 30, 3)], T0);
    // the age crossed 60 s: a warning now
    expect(sameTile(base, at([q('Billing', 2, 30, 3)], T0 + 31_000)[0])).toBe(false);
    expect(sameTile(base, at([q('Billing', 3, 30, 3)], T0)[0])).toBe(false);
    expect(sameTile(base, at([q('Billing', 2, 30, 2)], T0)[0])).toBe(false);
    expect(sameTile(base, at([q('Sales', 2, 30, 3)], T0)[0])).toBe(false);
    // an empty queue's age does not count: its value is compared
    const [idle] = at([q('Billing', 0, 0, 3)], T0);
    expect(sameTile(idle, at([q('Billing', 0, 0, 3)], T0 + 5_000)[0])).toBe(true);
  });
});
