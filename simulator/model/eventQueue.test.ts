import fc from 'fast-check';
import { EventQueue } from './eventQueue';

describe('EventQueue', () => {
  it('pops events by time, then in insertion order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 3000 }), (times) => {
        const q = new EventQueue();
        times.forEach((t, i) => q.push(t, 1, i));
        const out: [number, number, number, number] = [0, 0, 0, 0];
        const popped: Array<[number, number]> = [];
        while (q.pop(out)) {
          popped.push([out[0], out[2]]);
        }
        const expected = times.map((t, i) => [t, i] as [number, number]).sort((x, y) => x[0] - y[0] || x[1] - y[1]);
        expect(popped).toEqual(expected);
      })
    );
  });

  it('interleaves pushes and pops', () => {
    const q = new EventQueue();
    const out: [number, number, number, number] = [0, 0, 0, 0];
    q.push(5, 1, 1);
    q.push(3, 1, 2);
    expect(q.pop(out) && out[2]).toBe(2);
    q.push(4, 1, 3);
    q.push(5, 1, 4);
    expect(q.peekTime()).toBe(4);
    expect([q.pop(out) && out[2], q.pop(out) && out[2], q.pop(out) && out[2]]).toEqual([3, 1, 4]);
    expect(q.pop(out)).toBe(false);
    expect(q.size).toBe(0);
  });
});
