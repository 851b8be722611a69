import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

/** How many pixels may differ for a new screenshot to count as the same picture (anti-aliasing noise). */
const NOISE_PIXELS = 50;

/** Pixels that differ between two PNGs of the same size, decoded by the browser (-1: the sizes differ). */
async function differingPixels(page: Page, a: Buffer, b: Buffer): Promise<number> {
  return page.evaluate(
    async ([pa, pb]) => {
      const g = globalThis as unknown as {
        Image: new () => { onload: () => void; onerror: () => void; src: string; width: number; height: number };
        OffscreenCanvas: new (
          w: number,
          h: number
        ) => {
          getContext(kind: '2d'): {
            drawImage(i: unknown, x: number, y: number): void;
            getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
          };
        };
      };
      const load = (b64: string) =>
        new Promise<InstanceType<typeof g.Image>>((resolve, reject) => {
          const img = new g.Image();
          img.onload = () => resolve(img);
          img.onerror = reject;
          img.src = `data:image/png;base64,${b64}`;
        });
      const [x, y] = [await load(pa), await load(pb)];
      if (x.width !== y.width || x.height !== y.height) {
        return -1;
      }
      const pixels = (img: typeof x) => {
        const ctx = new g.OffscreenCanvas(img.width, img.height).getContext('2d');
        ctx.drawImage(img, 0, 0);
        return ctx.getImageData(0, 0, img.width, img.height).data;
      };
      const [d1, d2] = [pixels(x), pixels(y)];
      let n = 0;
      for (let i = 0; i < d1.length; i += 4) {
        if (d1[i] !== d2[i] || d1[i + 1] !== d2[i + 1] || d1[i + 2] !== d2[i + 2]) {
          n++;
        }
      }
      return n;
    },
    [a.toString('base64'), b.toString('base64')]
  );
}

/**
 * Takes a screenshot of the page for the docs. Chromium's software rasteriser is not bit-exact from run to run (a
 * few anti-aliased pixels), so a picture that looks the same as the file already there is not rewritten: running
 * the tests leaves docs/screenshots unchanged unless the editor changed. `write` false: the picture is taken (the
 * page can be drawn) but only one host page, SCREENSHOT_HOST, writes the docs' files.
 */
export async function saveScreenshot(page: Page, file: string, write = true): Promise<'written' | 'unchanged'> {
  const png = await page.screenshot({ fullPage: true, animations: 'disabled' });
  if (!write) {
    return 'unchanged';
  }
  if (existsSync(file)) {
    const old = readFileSync(file);
    if (old.equals(png)) {
      return 'unchanged';
    }
    const diff = await differingPixels(page, old, png);
    if (diff >= 0 && diff <= NOISE_PIXELS) {
      return 'unchanged';
    }
  }
  writeFileSync(file, png);
  return 'written';
}
