import React from 'react';
import { act, render } from '@testing-library/react';
import { createTicker } from './ticker';
import { clockWidth, TickerContext, TickingValue } from './TickingValue';

const T0 = Date.parse('2026-11-18T19:05:00Z');

describe('clockWidth', () => {
  it('one ch per digit, 0.6 per colon: a clock never wider than its box, barely narrower', () => {
    expect(clockWidth('0:45')).toBe('3.6ch');
    expect(clockWidth('10:00')).toBe('4.6ch');
    expect(clockWidth('1:02:09')).toBe('6.2ch');
  });
});

describe('TickingValue', () => {
  beforeEach(() => jest.useFakeTimers({ now: T0 }));
  afterEach(() => jest.useRealTimers());

  it('a counting age writes its text node each second without a React render, and only when the second changed', () => {
    const ticker = createTicker(T0);
    let renders = 0;
    const Counted = () => {
      renders++;
      return <TickingValue answered={598} snapshot={T0} ticking value={598} unit="s" />;
    };
    const { container } = render(
      <TickerContext.Provider value={ticker}>
        <Counted />
      </TickerContext.Provider>
    );
    const box = container.querySelector('span > span') as HTMLElement;
    expect(container.textContent).toBe('9:58');
    expect(box.style.width).toBe('3.6ch');
    const node = box.firstChild;
    act(() => jest.advanceTimersByTime(1000));
    expect(container.textContent).toBe('9:59');
    expect(box.style.width).toBe('3.6ch');
    act(() => jest.advanceTimersByTime(1000));
    // a wider clock: a wider box, the same text node
    expect(container.textContent).toBe('10:00');
    expect(box.style.width).toBe('4.6ch');
    expect(box.firstChild).toBe(node);
    expect(renders).toBe(1);
  });

  it('a value that does not count is written once, as formatted', () => {
    const { container } = render(<TickingValue answered={7} ticking={false} value={7} />);
    expect(container.textContent).toBe('7');
    const { container: none } = render(<TickingValue answered={null} ticking={false} value={null} />);
    expect(none.textContent).toBe('no data');
  });
});
