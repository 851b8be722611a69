import { MIN_TEXT_PX, type TextFloors } from './viewing';

/**
 * A wall read from afar has few places: at a 55″ TV's 31 px (3 m) a 1080p wallboard holds 14 tiles and the summary.
 * When the alerts and warnings do not fit at the distance's size, hiding one on the summary is worse than setting
 * the text a little smaller: a NOC must see every exception. So the text steps down a pixel at a time until every
 * exception fits beside the summary, never below the 16 px floor; only when even the floor cannot hold them are the
 * last ones (warnings before alerts: exceptionsFirst) counted on the summary, which names them.
 */

export interface FittedFloors {
  floors: TextFloors;
  /** Set when the floors were lowered: the primary floor the viewing distance asked for. */
  scaledFrom?: number;
  /** Every exception has a place at these floors. */
  allFit: boolean;
}

/** The floors for a primary size below the distance's: the secondary half of it, as textFloors has it, never more. */
export function floorsAt(primary: number, from: TextFloors): TextFloors {
  return {
    primary,
    secondary: Math.min(from.secondary, Math.max(MIN_TEXT_PX, Math.round(primary / 2))),
  };
}

/**
 * `total` cards of which `exceptions` are alerts or warnings; `capacityAt(floors)` how many cards fit with text at
 * those floors (it grows as they shrink). The distance's floors when everything fits or every exception fits beside
 * the summary; else the largest primary size, down to 16 px, at which they do (16 px when none does).
 */
export function fitExceptions(
  floors: TextFloors,
  total: number,
  exceptions: number,
  capacityAt: (floors: TextFloors) => number
): FittedFloors {
  // Every exception, and the summary when other cards are left out.
  const needed = exceptions < total ? exceptions + 1 : total;
  const at = capacityAt(floors);
  if (at >= total || at >= needed) {
    return { floors, allFit: true };
  }
  for (let primary = floors.primary - 1; primary >= MIN_TEXT_PX; primary--) {
    const lower = floorsAt(primary, floors);
    const fits = capacityAt(lower) >= needed;
    if (fits || primary === MIN_TEXT_PX) {
      return { floors: lower, scaledFrom: floors.primary, allFit: fits };
    }
  }
  // Already at the floor (Viewing "Fit the panel"): nothing to lower.
  return { floors, allFit: false };
}

/** What the summary card says about it: "scaled to fit 15 exceptions" (no alert or warning is hidden then). */
export function scaledNote(fit: FittedFloors, exceptions: number): string | undefined {
  if (fit.scaledFrom === undefined) {
    return undefined;
  }
  return fit.allFit
    ? `Text scaled to fit ${exceptions} exceptions`
    : `Text at its ${fit.floors.primary} px floor; not every exception fits`;
}
