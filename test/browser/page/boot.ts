/**
 * Runs first (its own script tag): what Grafana's index.html sets before any of its code runs. @grafana/runtime
 * reads window.grafanaBootData when its config module is evaluated, i.e. while the vendor bundle loads, so this
 * cannot live in that bundle. The minimum @grafana/runtime and @grafana/ui need: the dark theme, a signed-in
 * admin, build info and no feature toggles.
 */
/** The release of the host page's @grafana/* packages (build.ts defines it per host: 12.4.x or 13.2.x). */
declare const __GRAFANA_VERSION__: string;
const GRAFANA_VERSION = __GRAFANA_VERSION__;

const w = window as unknown as Record<string, unknown>;

// Where @grafana/ui fetches icons (public/build/img/icons/...) and fonts (public/fonts/...).
w.__grafana_public_path__ = '/public/';

const user = { id: 1, uid: 'admin', login: 'admin', name: 'admin', email: 'admin@localhost', orgId: 1 };
const org = { orgName: 'Main Org.', orgRole: 'Admin', orgCount: 1, isSignedIn: true, isGrafanaAdmin: true };
const prefs = { theme: 'dark', lightTheme: false, timezone: 'utc', weekStart: 'monday', helpFlags1: 0 };
const locale = { locale: 'en-US', language: 'en-US', regionalFormat: 'en-US' };
const buildInfo = { version: GRAFANA_VERSION, versionString: `Grafana v${GRAFANA_VERSION}`, commit: 'test-host' };
const build = { edition: 'Open Source', env: 'production', latestVersion: '', hasUpdate: false, hideVersion: false };

w.grafanaBootData = {
  assets: { dark: '', light: '' },
  navTree: [],
  user: { ...user, ...org, ...prefs, ...locale, hasEditPermissionInFolders: true, permissions: {} },
  settings: {
    appUrl: `${window.location.origin}/`,
    appSubUrl: '',
    buildInfo: { ...buildInfo, ...build },
    ...{ datasources: {}, panels: {}, apps: {}, featureToggles: {}, defaultDatasource: '', minRefreshInterval: '5s' },
  },
};
