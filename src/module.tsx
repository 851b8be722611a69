import { AppPlugin } from '@grafana/data';
import { AppConfig } from './app/AppConfig';
import { Overview } from './app/Overview';

/** The Switchboard app: bundles the datasource (src/datasource) and, later, the panels and dashboards. */
export const plugin = new AppPlugin<{}>().setRootPage(Overview).addConfigPage({
  title: 'Configuration',
  icon: 'cog',
  body: AppConfig,
  id: 'configuration',
});
