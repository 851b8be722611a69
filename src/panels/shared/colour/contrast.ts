/**
 * WCAG 2.x relative luminance and contrast ratio (https://www.w3.org/TR/WCAG22/#dfn-contrast-ratio), for the wall's
 * palette and the tests that hold it to 4.5:1 for text and 3:1 for other indicators (WCAG 1.4.3, 1.4.11).
 */

export interface Rgb {
  /** 0–255 each. */
  r: number;
  g: number;
  b: number;
  /** 0–1; 1 when absent. */
  a?: number;
}

/** #rgb, #rrggbb, #rrggbbaa, rgb(r, g, b) or rgba(r, g, b, a), as Grafana's themes write colours. */
export function parseColour(text: string): Rgb {
  const s = text.trim().toLowerCase();
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/.exec(s);
  if (hex) {
    const h = hex[1].length === 3 ? [...hex[1]].map((c) => c + c).join('') : hex[1];
    const n = (i: number) => parseInt(h.slice(i, i + 2), 16);
    return { r: n(0), g: n(2), b: n(4), a: h.length === 8 ? n(6) / 255 : 1 };
  }
  const fn = /^rgba?\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)\s*(?:,\s*([\d.]+)\s*)?\)$/.exec(s);
  if (fn) {
    return { r: Number(fn[1]), g: Number(fn[2]), b: Number(fn[3]), a: fn[4] === undefined ? 1 : Number(fn[4]) };
  }
  throw new Error(`not a colour: ${text}`);
}

/** A colour with alpha drawn over an opaque background: what the eye gets. */
export function composite(top: Rgb, background: Rgb): Rgb {
  const a = top.a ?? 1;
  const mix = (f: number, b: number) => f * a + b * (1 - a);
  return { r: mix(top.r, background.r), g: mix(top.g, background.g), b: mix(top.b, background.b), a: 1 };
}

/** sRGB channel (0–255) to linear light (0–1). */
export const toLinear = (channel: number): number => {
  const c = channel / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
};

/** Linear light (0–1) to an sRGB channel (0–255), clamped. */
export const fromLinear = (linear: number): number => {
  const l = Math.min(1, Math.max(0, linear));
  return 255 * (l <= 0.0031308 ? l * 12.92 : 1.055 * l ** (1 / 2.4) - 0.055);
};

export function relativeLuminance(c: Rgb): number {
  return 0.2126 * toLinear(c.r) + 0.7152 * toLinear(c.g) + 0.0722 * toLinear(c.b);
}

/** (L1 + 0.05) / (L2 + 0.05), the lighter over the darker: 1 to 21. Translucent colours are composited first. */
export function contrastRatio(a: Rgb | string, b: Rgb | string, background?: Rgb | string): number {
  const bg =
    background === undefined ? undefined : typeof background === 'string' ? parseColour(background) : background;
  const solid = (c: Rgb | string) => {
    const rgb = typeof c === 'string' ? parseColour(c) : c;
    return bg && (rgb.a ?? 1) < 1 ? composite(rgb, bg) : rgb;
  };
  const [la, lb] = [relativeLuminance(solid(a)), relativeLuminance(solid(b))];
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}
