import { dataFrameFromJSON, FieldType } from '@grafana/data';
import { queueRowsFromFrames, resolveMetric } from './queueRows';
import { realtimeFrame } from './testFrames';

const T0 = Date.parse('2026-11-18T19:05:00Z');

describe('queueRowsFromFrames', () => {
  it('reads one row per queue with its id, values and the frame snapshot', () => {
    const data = queueRowsFromFrames([
      realtimeFrame(
        [
          { queue: 'Billing', id: 'q-billing', CONTACTS_IN_QUEUE: 3, OLDEST_CONTACT_AGE: 42, AGENTS_AVAILABLE: 2 },
          { queue: 'VIP', id: 'q-vip', CONTACTS_IN_QUEUE: 0, OLDEST_CONTACT_AGE: 0, AGENTS_AVAILABLE: null },
        ],
        { snapshotTime: T0 }
      ),
    ]);
    expect(data.rows).toEqual([
      {
        name: 'Billing',
        id: 'q-billing',
        values: { CONTACTS_IN_QUEUE: 3, OLDEST_CONTACT_AGE: 42, AGENTS_AVAILABLE: 2 },
        snapshots: { CONTACTS_IN_QUEUE: T0, OLDEST_CONTACT_AGE: T0, AGENTS_AVAILABLE: T0 },
      },
      {
        name: 'VIP',
        id: 'q-vip',
        // an empty answer stays empty: not 0
        values: { CONTACTS_IN_QUEUE: 0, OLDEST_CONTACT_AGE: 0, AGENTS_AVAILABLE: null },
        snapshots: { CONTACTS_IN_QUEUE: T0, OLDEST_CONTACT_AGE: T0, AGENTS_AVAILABLE: T0 },
      },
    ]);
    expect(data.snapshotTime).toBe(T0);
    expect(data.framesWithoutQueue).toBe(0);
    expect(data.metrics.OLDEST_CONTACT_AGE).toMatchObject({ displayName: 'Oldest', unit: 's' });
    expect(data.metrics.CONTACTS_IN_QUEUE).toMatchObject({ displayName: 'In queue', unit: 'short', decimals: 0 });
  });

  it('merges the frames of several queries by queue name', () => {
    const contacts = realtimeFrame(
      [
        { queue: 'Billing', CONTACTS_IN_QUEUE: 3, OLDEST_CONTACT_AGE: 42 },
        { queue: 'Sales', CONTACTS_IN_QUEUE: 1, OLDEST_CONTACT_AGE: 5 },
      ],
      { snapshotTime: T0, refId: 'A' }
    );
    const agents = realtimeFrame(
      [
        { queue: 'Sales', id: 'q-sales', AGENTS_AVAILABLE: 4 },
        { queue: 'Tech', id: 'q-tech', AGENTS_AVAILABLE: 0 },
      ],
      { snapshotTime: T0 + 2000, refId: 'B' }
    );
    const data = queueRowsFromFrames([contacts, agents]);
    expect(data.rows.map((r) => [r.name, r.id, r.values])).toEqual([
      ['Billing', undefined, { CONTACTS_IN_QUEUE: 3, OLDEST_CONTACT_AGE: 42 }],
      ['Sales', 'q-sales', { CONTACTS_IN_QUEUE: 1, OLDEST_CONTACT_AGE: 5, AGENTS_AVAILABLE: 4 }],
      ['Tech', 'q-tech', { AGENTS_AVAILABLE: 0 }],
    ]);
    // each value keeps the snapshot of the frame it came from
    expect(data.rows[1].snapshots).toEqual({
      CONTACTS_IN_QUEUE: T0,
      OLDEST_CONTACT_AGE: T0,
      AGENTS_AVAILABLE: T0 + 2000,
    });
    expect(data.snapshotTime).toBe(T0 + 2000);
  });

  it('the same metric from two queries: the newer snapshot wins, whatever the order', () => {
    const older = realtimeFrame([{ queue: 'Billing', CONTACTS_IN_QUEUE: 3 }], { snapshotTime: T0 });
    const newer = realtimeFrame([{ queue: 'Billing', CONTACTS_IN_QUEUE: 7 }], { snapshotTime: T0 + 5000 });
    expect(queueRowsFromFrames([older, newer]).rows[0].values.CONTACTS_IN_QUEUE).toBe(7);
    expect(queueRowsFromFrames([newer, older]).rows[0].values.CONTACTS_IN_QUEUE).toBe(7);
  });

  it('folds the rows of one queue split by a second grouping: contacts add up, the rest takes the maximum', () => {
    const frame = realtimeFrame(
      [
        { queue: 'Billing', Channel: 'VOICE', CONTACTS_IN_QUEUE: 3, OLDEST_CONTACT_AGE: 42, AGENTS_ONLINE: 5 },
        { queue: 'Billing', Channel: 'CHAT', CONTACTS_IN_QUEUE: 2, OLDEST_CONTACT_AGE: 90, AGENTS_ONLINE: 4 },
        { queue: 'Billing', Channel: 'TASK', CONTACTS_IN_QUEUE: null, OLDEST_CONTACT_AGE: null, AGENTS_ONLINE: 1 },
      ],
      { snapshotTime: T0, extraColumns: ['Channel'] }
    );
    const data = queueRowsFromFrames([frame]);
    expect(data.rows).toHaveLength(1);
    expect(data.rows[0].values).toEqual({ CONTACTS_IN_QUEUE: 5, OLDEST_CONTACT_AGE: 90, AGENTS_ONLINE: 5 });
  });

  it('a row without a queue name uses the queue id; a row with neither is skipped', () => {
    const data = queueRowsFromFrames([
      realtimeFrame([
        { queue: null, id: 'q-orphan', CONTACTS_IN_QUEUE: 1 },
        { queue: null, CONTACTS_IN_QUEUE: 9 },
      ]),
    ]);
    expect(data.rows.map((r) => r.name)).toEqual(['q-orphan']);
  });

  it('counts frames with rows but no Queue column, and ignores empty ones', () => {
    const timeseries = dataFrameFromJSON({
      schema: {
        fields: [
          { name: 'Time', type: FieldType.time },
          { name: 'CONTACTS_IN_QUEUE', type: FieldType.number, labels: { queue: 'Billing' } },
        ],
      },
      data: { values: [[T0], [3]] },
    });
    const empty = dataFrameFromJSON({ schema: { fields: [] }, data: { values: [] } });
    const data = queueRowsFromFrames([timeseries, empty]);
    expect(data.rows).toEqual([]);
    expect(data.framesWithoutQueue).toBe(1);
    expect(data.snapshotTime).toBeUndefined();
  });

  it('a frame without snapshotTime gives values without a snapshot', () => {
    const data = queueRowsFromFrames([realtimeFrame([{ queue: 'Billing', OLDEST_CONTACT_AGE: 10 }])]);
    expect(data.rows[0].snapshots.OLDEST_CONTACT_AGE).toBeUndefined();
    expect(data.snapshotTime).toBeUndefined();
  });
});

describe('resolveMetric', () => {
  const { metrics } = queueRowsFromFrames([realtimeFrame([{ queue: 'Billing', CONTACTS_IN_QUEUE: 1 }])]);
  it('takes a field name, or the display name users see in tables', () => {
    expect(resolveMetric('CONTACTS_IN_QUEUE', metrics)).toBe('CONTACTS_IN_QUEUE');
    expect(resolveMetric('In queue', metrics)).toBe('CONTACTS_IN_QUEUE');
    expect(resolveMetric('AGENTS_ONLINE', metrics)).toBe('AGENTS_ONLINE');
  });
});
