import { capacityOf, minimumTile } from '../../queuewall/layout';
import { fitExceptions, floorsAt, scaledNote } from './fitExceptions';
import { MIN_TEXT_PX, textFloors, type TextFloors } from './viewing';

const TV = textFloors({ mode: 'tv', distanceM: 3, screenInches: 55 }, 1080);
/** A made-up wall: one place more per pixel below 31 px. */
const places = (f: TextFloors) => 15 + (31 - f.primary);

describe('fitExceptions', () => {
  it('keeps the distance’s sizes when everything fits, or every exception fits beside the summary', () => {
    expect(fitExceptions(TV, 15, 15, places)).toEqual({ floors: TV, allFit: true });
    expect(fitExceptions(TV, 160, 14, places)).toEqual({ floors: TV, allFit: true });
  });

  it('steps the text down a pixel at a time until every exception fits beside the summary', () => {
    // 15 exceptions and the summary need 16 places: 30 px gives them
    const fit = fitExceptions(TV, 160, 15, places);
    expect(fit).toEqual({ floors: { primary: 30, secondary: 16 }, scaledFrom: 31, allFit: true });
    expect(scaledNote(fit, 15)).toBe('Text scaled to fit 15 exceptions');
    // 20 exceptions and the summary: 21 places, at 25 px
    expect(fitExceptions(TV, 160, 20, places).floors.primary).toBe(25);
  });

  it('only exceptions: no summary, so no place kept for it', () => {
    expect(fitExceptions(TV, 16, 16, places).floors.primary).toBe(30);
  });

  it('never below 16 px: when even that cannot hold them, 16 px, and says not every exception fits', () => {
    const fit = fitExceptions(TV, 160, 40, places);
    expect(fit).toEqual({ floors: { primary: MIN_TEXT_PX, secondary: MIN_TEXT_PX }, scaledFrom: 31, allFit: false });
    expect(scaledNote(fit, 40)).toBe('Text at its 16 px floor; not every exception fits');
  });

  it('"Fit the panel" is at the floor already: nothing to lower, nothing to say', () => {
    const panel = { primary: 16, secondary: 16 };
    const fit = fitExceptions(panel, 160, 40, () => 30);
    expect(fit).toEqual({ floors: panel, allFit: false });
    expect(scaledNote(fit, 40)).toBeUndefined();
  });

  it('the secondary floor follows the primary (half of it), never above the distance’s nor below 16 px', () => {
    const far = { primary: 60, secondary: 30 };
    expect(floorsAt(50, far)).toEqual({ primary: 50, secondary: 25 });
    expect(floorsAt(40, { primary: 60, secondary: 16 })).toEqual({ primary: 40, secondary: 16 });
    expect(floorsAt(20, far)).toEqual({ primary: 20, secondary: 16 });
  });

  it('the NOC wall at 1080p (1888 × 1000 of wallboard, 3 metrics): 15 exceptions need the text a little below 31 px', () => {
    const capacityAt = (f: TextFloors) => capacityOf(1888, 1000, minimumTile(3, f, 1));
    // at 31 px: 14 tiles and the summary (docs/dashboards.md)
    expect(capacityAt(TV)).toBe(15);
    const fit = fitExceptions(TV, 160, 15, capacityAt);
    expect(fit.allFit).toBe(true);
    expect(fit.scaledFrom).toBe(31);
    expect(fit.floors.primary).toBeGreaterThanOrEqual(28);
    expect(fit.floors.primary).toBeLessThan(31);
    expect(capacityAt(fit.floors)).toBeGreaterThanOrEqual(16);
    // the largest size that does it: one pixel more does not
    expect(capacityAt(floorsAt(fit.floors.primary + 1, TV))).toBeLessThan(16);
  });
});
