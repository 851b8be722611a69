import type { Dashboard } from '@grafana/schema';
import { DASHBOARDS, type DashboardKey } from './dashboard';
import { nocOverview } from './nocOverview';
import { nocWall } from './nocWall';
import { queues } from './queues';
import { quotas } from './quotas';
import { serviceLevel } from './serviceLevel';
import { voiceConnectors } from './voiceConnectors';
import { voiceId } from './voiceId';

/** Every dashboard Switchboard ships, by key; `npm run dashboards` writes each to dashboards/<file>. */
export const ALL_DASHBOARDS: Record<DashboardKey, Dashboard> = {
  noc: nocOverview,
  queues,
  serviceLevel,
  quotas,
  voiceId,
  voiceConnectors,
  wall: nocWall,
};

/** The JSON text of a dashboard file, as written (stable key order, two-space indent, final newline). */
export const dashboardJson = (d: Dashboard) => `${JSON.stringify(d, null, 2)}\n`;

export { DASHBOARDS };
