/**
 * Mean opinion score of a voice stream from its network quality, with the ITU-T G.107 E-model simplified for
 * G.711 with packet-loss concealment. AWS publishes MOS between 1.0 and 4.4; the score falls with loss,
 * jitter and round-trip time.
 */
export interface LegQuality {
  lossPct: number;
  jitterMs: number;
  rttMs: number;
}

const BPL = 10; // packet-loss robustness of G.711 with concealment (G.113 gives 4.3 without, 25.1 with PLC)

export function rFactor(q: LegQuality): number {
  // One-way mouth-to-ear delay: half the round trip, a jitter buffer of twice the jitter, 20 ms of packetisation.
  const d = q.rttMs / 2 + 2 * q.jitterMs + 20;
  const id = 0.024 * d + (d > 177.3 ? 0.11 * (d - 177.3) : 0);
  // Jitter beyond what the buffer absorbs shows up as late (lost) packets.
  const ppl = q.lossPct + Math.max(0, q.jitterMs - 40) * 0.05;
  const ie = (95 * ppl) / (ppl + BPL);
  return 93.2 - id - ie;
}

export function mosFromR(r: number): number {
  if (r <= 6.5) {
    return 1; // the cubic dips below 1 for tiny R; the scale bottoms out at 1
  }
  const mos = 1 + 0.035 * r + 7e-6 * r * (r - 60) * (100 - r);
  return Math.min(4.4, Math.max(1, mos));
}

export function mos(q: LegQuality): number {
  return Math.round(mosFromR(rFactor(q)) * 100) / 100;
}
