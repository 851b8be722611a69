import { fromLinear, toLinear, type Rgb } from './contrast';

/**
 * Dichromatic colour vision, simulated with the matrices of Machado, Oliveira and Fernandes, "A Physiologically-based
 * Model for Simulation of Color Vision Deficiency" (IEEE TVCG 15(6), 2009), severity 1.0, applied to linear RGB.
 * Deuteranopia and protanopia (no M or no L cones) are the red–green deficiencies of about 1 man in 12.
 */

export type Deficiency = 'protanopia' | 'deuteranopia' | 'tritanopia';

const MATRICES: Record<Deficiency, number[]> = {
  protanopia: [0.152286, 1.052583, -0.204868, 0.114503, 0.786281, 0.099216, -0.003882, -0.048116, 1.051998],
  deuteranopia: [0.367322, 0.860646, -0.227968, 0.280085, 0.672501, 0.047413, -0.01182, 0.04294, 0.968881],
  tritanopia: [1.255528, -0.076749, -0.178779, -0.078411, 0.930809, 0.147602, 0.004733, 0.691367, 0.3039],
};

/** The colour as a dichromat of that kind sees it (an sRGB colour, channels 0–255). */
export function simulate(colour: Rgb, deficiency: Deficiency): Rgb {
  const m = MATRICES[deficiency];
  const [r, g, b] = [toLinear(colour.r), toLinear(colour.g), toLinear(colour.b)];
  return {
    r: fromLinear(m[0] * r + m[1] * g + m[2] * b),
    g: fromLinear(m[3] * r + m[4] * g + m[5] * b),
    b: fromLinear(m[6] * r + m[7] * g + m[8] * b),
    a: colour.a,
  };
}
