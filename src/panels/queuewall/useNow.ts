import { useEffect, useState } from 'react';

/**
 * Date.now(), updated every `periodMs`. With a period of a second the ticks fall on whole seconds after `anchor`
 * (the snapshot time), so an age of value + elapsed changes its shown second on time instead of up to a second late.
 * A new anchor (new data) or period updates `now` on the next task, without waiting for the next tick.
 */
export function useNow(periodMs: number, anchor = 0): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const tick = () => {
      setNow(Date.now());
      const phase = (((Date.now() - anchor) % periodMs) + periodMs) % periodMs;
      timer = setTimeout(tick, periodMs - phase);
    };
    // Not setNow() here in the effect's body: that renders twice per change (react-hooks/set-state-in-effect).
    timer = setTimeout(tick, 0);
    return () => clearTimeout(timer);
  }, [periodMs, anchor]);
  return now;
}
