import fs from 'fs';
import { getPluginJson, hasReadme, ROOT_PLUGIN_JSON } from './utils.ts';

const pluginJson = getPluginJson();
const logoPaths: string[] = Array.from(new Set([pluginJson.info?.logos?.large, pluginJson.info?.logos?.small])).filter(
  Boolean
);
const screenshotPaths: string[] = pluginJson.info?.screenshots?.map((s: { path: string }) => s.path) || [];

export const copyFilePatterns = [
  // If src/README.md exists use it; otherwise the root README
  // To `compiler.options.output`
  { from: hasReadme() ? 'README.md' : '../README.md', to: '.', force: true },
  // Switchboard: the app manifest is at the repository root.
  fs.existsSync(ROOT_PLUGIN_JSON) ? { from: ROOT_PLUGIN_JSON, to: '.' } : { from: 'plugin.json', to: '.' },
  { from: '../LICENSE', to: '.' },
  { from: '../CHANGELOG.md', to: '.', force: true },
  { from: '**/*.json', to: '.', noErrorOnMissing: true },
  { from: '**/query_help.md', to: '.', noErrorOnMissing: true },
  // Switchboard: the dashboards the app includes (plugin.json "includes"), built from dashboards/src.
  { from: '../dashboards/*.json', to: 'dashboards/[name][ext]' },
  // Switchboard: nested plugins (datasource, panels) keep their logos next to their plugin.json.
  { from: '*/**/img/*', to: '.', noErrorOnMissing: true },
  ...logoPaths.map((logoPath) => ({ from: logoPath, to: logoPath })),
  ...screenshotPaths.map((screenshotPath) => ({
    from: screenshotPath,
    to: screenshotPath,
  })),
];
