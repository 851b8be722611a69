import { exceptionsFirst, hiddenParts, type WallStatus } from './exceptionsFirst';

const items = (spec: Array<[WallStatus, number]>) =>
  spec.flatMap(([status, n]) => Array.from({ length: n }, (_, i) => ({ status, name: `${status}${i}` })));

describe('exceptionsFirst', () => {
  it('shows everything that fits', () => {
    const all = items([
      ['alert', 1],
      ['ok', 3],
    ]);
    expect(exceptionsFirst(all, 4, (i) => i.status)).toEqual({ shown: all });
  });

  it('160 queues, room for 30: the 5 alerts and 4 warnings, 20 others in order, and one card for the 131 others', () => {
    const all = items([
      ['alert', 5],
      ['warn', 4],
      ['ok', 118],
      ['quiet', 30],
      ['nodata', 3],
    ]);
    const { shown, hidden } = exceptionsFirst(all, 30, (i) => i.status);
    expect(shown.map((i) => i.status)).toEqual([
      ...Array(5).fill('alert'),
      ...Array(4).fill('warn'),
      ...Array(20).fill('ok'),
    ]);
    expect(shown.slice(9).map((i) => i.name)).toEqual(Array.from({ length: 20 }, (_, i) => `ok${i}`));
    expect(hidden).toEqual({ total: 131, counts: { alert: 0, warn: 0, ok: 98, nodata: 3, quiet: 30 } });
    expect(hiddenParts(hidden!).map((p) => p.text)).toEqual(['98 OK', '3 no data', '30 quiet']);
  });

  it('sorted by name: the exceptions move ahead of the others that are shown', () => {
    const all = [
      { status: 'ok' as WallStatus, name: 'a' },
      { status: 'ok' as WallStatus, name: 'b' },
      { status: 'warn' as WallStatus, name: 'c' },
      { status: 'ok' as WallStatus, name: 'd' },
      { status: 'alert' as WallStatus, name: 'e' },
    ];
    const { shown, hidden } = exceptionsFirst(all, 4, (i) => i.status);
    expect(shown.map((i) => i.name)).toEqual(['c', 'e', 'a']);
    expect(hidden).toEqual({ total: 2, counts: { alert: 0, warn: 0, ok: 2, nodata: 0, quiet: 0 } });
  });

  it('more exceptions than room: as many as fit beside the summary, which counts the hidden ones first', () => {
    const all = items([
      ['alert', 6],
      ['warn', 2],
      ['ok', 10],
    ]);
    const { shown, hidden } = exceptionsFirst(all, 5, (i) => i.status);
    expect(shown).toHaveLength(4);
    expect(hiddenParts(hidden!).map((p) => p.text)).toEqual(['2 alerts', '2 warnings', '10 OK']);
  });

  it('more exceptions than room, sorted by name: the alerts first, then the warnings that fit; the summary names the rest', () => {
    const all = [
      { status: 'warn' as WallStatus, name: 'Billing' },
      { status: 'ok' as WallStatus, name: 'Claims' },
      { status: 'alert' as WallStatus, name: 'Sales' },
      { status: 'warn' as WallStatus, name: 'Support' },
      { status: 'alert' as WallStatus, name: 'Tech' },
    ];
    const { shown, hidden } = exceptionsFirst(
      all,
      4,
      (i) => i.status,
      (i) => i.name
    );
    expect(shown.map((i) => i.name)).toEqual(['Sales', 'Tech', 'Billing']);
    expect(hidden).toEqual({
      total: 2,
      counts: { alert: 0, warn: 1, ok: 1, nodata: 0, quiet: 0 },
      exceptions: ['Support'],
    });
    expect(hiddenParts(hidden!).map((p) => p.text)).toEqual(['1 warning', '1 OK']);
  });

  it('alerts alone beyond the room: the summary counts and names the alerts it must hide', () => {
    const all = items([
      ['alert', 4],
      ['warn', 2],
    ]);
    const { shown, hidden } = exceptionsFirst(
      all,
      3,
      (i) => i.status,
      (i) => i.name
    );
    expect(shown.map((i) => i.name)).toEqual(['alert0', 'alert1']);
    expect(hidden!.exceptions).toEqual(['alert2', 'alert3', 'warn0', 'warn1']);
  });
});
