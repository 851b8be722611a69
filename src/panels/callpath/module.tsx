import { PanelPlugin } from '@grafana/data';
import { CallPathPanel } from './CallPathPanel';
import { migrationHandler, shouldMigrate } from './migrate';
import type { CallPathOptions } from './options';
import { buildOptions } from './panelOptions';

/** Call path: customer ⇄ Voice Connector ⇄ remote end, one diagram per Voice Connector (README.md). */
export const plugin = new PanelPlugin<CallPathOptions>(CallPathPanel)
  .setPanelOptions(buildOptions)
  .setMigrationHandler(migrationHandler, shouldMigrate);
