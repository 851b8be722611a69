import path from 'node:path';
import { amdDependencies, distModules, ROOT } from './build';
import { startHarness, type Harness } from './support/harness';

/** The built plugin (dist/) loads in a browser from the AMD modules a Grafana-like host provides. */
describe('plugin modules in Chromium', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });
  afterEach(() => {
    expect(h.console.take()).toEqual([]);
  });

  it('offers every AMD dependency of the built modules', async () => {
    const provided = new Set(await h.host('providedModules'));
    for (const file of distModules()) {
      const missing = amdDependencies(file).filter((d) => d !== 'module' && !provided.has(d));
      expect({ file: path.relative(ROOT, file), missing }).toEqual({ file: path.relative(ROOT, file), missing: [] });
    }
  });

  it('loads the app module: it exports an AppPlugin built on the host @grafana/data', async () => {
    const report = await h.host('loadModule', '/public/plugins/switchboard-connect-app/module.js');
    expect(report.exports).toContain('plugin');
    expect(report.pluginKind).toBe('app');
  });

  it('loads the datasource module: a DataSourcePlugin with its editors and DataSourceClass', async () => {
    const report = await h.host('loadModule', '/public/plugins/switchboard-connect-app/datasource/module.js');
    expect(report.exports).toContain('plugin');
    expect(report.pluginKind).toBe('datasource');
    expect(report.hasDataSourceClass).toBe(true);
    expect(report.components).toEqual(expect.arrayContaining(['ConfigEditor', 'QueryEditor']));
  });

  it('boots the datasource from the settings API without ever handing the page a secret', async () => {
    const settings = await h.host('boot', h.datasource.uid);
    expect(settings.type).toBe('switchboard-connect-datasource');
    expect(settings.jsonData).toEqual(h.datasource.jsonData);
    expect(settings.secureJsonFields).toEqual({ proxyToken: true, accessKey: true, secretKey: true });
    const everything = JSON.stringify(settings);
    for (const secret of Object.values(h.datasource.secureJsonData)) {
      expect(everything).not.toContain(secret);
    }
  });
});
