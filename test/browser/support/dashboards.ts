import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../build';
import { SIM_AT } from './harness';
import type { DashboardJson } from './hostApi';

const T_SIM = Date.parse(SIM_AT);
export const DASHBOARDS = path.join(ROOT, 'dashboards');

/** A shipped dashboard by file name (dashboards/<name>.json). */
export const loadDashboard = (name: string) =>
  JSON.parse(readFileSync(path.join(DASHBOARDS, `${name}.json`), 'utf8')) as DashboardJson;

/** Every shipped dashboard's file name. */
export const dashboardFiles = () =>
  readdirSync(DASHBOARDS)
    .filter((f) => f.endsWith('.json'))
    .sort();

/** A dashboard's time range ("now-6h" to "now") in ISO, "now" being the simulator's frozen clock (the page's). */
export function rangeOf(d: DashboardJson): { from: string; to: string } {
  const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
  const at = (expr: string) => {
    const m = /^now(?:-(\d+)([smhd]))?$/.exec(expr);
    if (!m) {
      throw new Error(`time "${expr}": only now and now-<n><s|m|h|d> are understood here`);
    }
    return new Date(T_SIM - (m[1] ? Number(m[1]) * UNITS[m[2]] : 0)).toISOString();
  };
  return { from: at(d.time?.from ?? 'now-6h'), to: at(d.time?.to ?? 'now') };
}
