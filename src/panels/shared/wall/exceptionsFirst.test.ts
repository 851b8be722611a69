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

  it('160 queues, room for 30: the 5 alerts and 4 warnings, and one card for the 151 others', () => {
    const all = items([
      ['alert', 5],
      ['warn', 4],
      ['ok', 118],
      ['quiet', 30],
      ['nodata', 3],
    ]);
    const { shown, hidden } = exceptionsFirst(all, 30, (i) => i.status);
    expect(shown.map((i) => i.status)).toEqual([...Array(5).fill('alert'), ...Array(4).fill('warn')]);
    expect(hidden).toEqual({ total: 151, counts: { alert: 0, warn: 0, ok: 118, nodata: 3, quiet: 30 } });
    expect(hiddenParts(hidden!).map((p) => p.text)).toEqual(['118 OK', '3 no data', '30 quiet']);
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
});
