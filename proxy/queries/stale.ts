import type { Notice } from '../frames';

/**
 * The notice of a frame built from an old answer (stale-while-revalidate): Grafana shows it on the panel, so a
 * NOC screen says that its numbers are not live and how old they are, instead of an error or silent old data.
 */

/** How long ago, for notices: "42 s", "3 min". */
export function ago(ms: number): string {
  return ms < 120_000 ? `${Math.round(ms / 1000)} s` : `${Math.round(ms / 60_000)} min`;
}

export function staleNotice(ageMs: number, reasons: string[]): Notice {
  return {
    severity: 'warning',
    text: `Showing the last data Switchboard has, from ${ago(ageMs)} ago: ${reasons.join('; ')}.`,
  };
}
