import { PanelPlugin } from '@grafana/data';
import { migrationHandler, shouldMigrate } from './migrate';
import type { QueueWallOptions } from './options';
import { buildOptions } from './panelOptions';
import { QueueWallPanel } from './QueueWallPanel';

/** Queue wallboard: a tile per Amazon Connect queue from the proxy's real-time table (README.md). */
export const plugin = new PanelPlugin<QueueWallOptions>(QueueWallPanel)
  .setPanelOptions(buildOptions)
  .setMigrationHandler(migrationHandler, shouldMigrate);
