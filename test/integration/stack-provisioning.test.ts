import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { loadConfig } from '../../proxy/config';
import { readAwsSettings } from '../../proxy/aws/settings';
import { AUTH_TYPE_OPTIONS } from '../../src/datasource/constants';
import { argument, environment, programArguments, publishedContainerPorts, service, serviceAt } from './stack/compose';
import { originOf, stage } from './stack/dockerfile';
import {
  expandedSettings,
  interfaceKeys,
  provisionedDatasources,
  routeKeys,
  routeRequest,
  switchboardDatasource,
  variablesIn,
} from './stack/provisioning';
import { exists, onePlugin, plugins, read, readJson, root } from './stack/repo';

/**
 * provisioning/ against the rest: the datasource's keys are the ones src/datasource reads and its route sends, its
 * values (from the compose environment) are what the proxy accepts, the plugin ids are every plugin.json's, the
 * dashboards the app includes exist and resolve in the stack, and Prometheus scrapes the proxy.
 */

const grafanaStage = () => stage(service('grafana').build?.target as string);
const proxyPort = () => loadConfig(environment('proxy'), programArguments('proxy').argv).port;
const TYPES = 'src/datasource/types.ts';

describe('provisioning/datasources: the Switchboard datasource', () => {
  it('sets only keys the datasource declares, and every key its route needs', () => {
    const ds = switchboardDatasource();
    const jsonKeys = interfaceKeys(TYPES, 'SwitchboardOptions');
    const secureKeys = interfaceKeys(TYPES, 'SwitchboardSecureOptions');
    expect(jsonKeys).toEqual(expect.arrayContaining(['proxyUrl', 'authType', 'defaultRegion', 'defaultInstanceId']));
    expect(Object.keys(ds.jsonData ?? {}).filter((k) => !jsonKeys.includes(k))).toEqual([]);
    expect(Object.keys(ds.secureJsonData ?? {}).filter((k) => !secureKeys.includes(k))).toEqual([]);

    // The route of src/datasource/plugin.json reads the same names ...
    const route = routeKeys();
    expect(route.jsonData.filter((k) => !jsonKeys.includes(k))).toEqual([]);
    expect(route.secureJsonData.filter((k) => !secureKeys.includes(k))).toEqual([]);
    // ... and cannot reach the proxy without its URL and token. The token is the only secret provisioned: access
    // keys stay with the proxy (its own credentials), never in Grafana's environment too.
    expect(Object.keys(ds.jsonData ?? {})).toEqual(expect.arrayContaining(['proxyUrl', 'authType', 'defaultRegion']));
    expect(Object.keys(ds.secureJsonData ?? {})).toEqual(['proxyToken']);
  });

  it('is read-only in the UI, on purpose (its settings come back at every start)', () => {
    expect((switchboardDatasource() as { editable?: boolean }).editable).toBe(false);
    expect(read('docs/deployment.md')).toContain('### The provisioned datasource');
  });

  it("is the only default datasource (the one the dashboards' datasource variable picks), with a fixed uid", () => {
    const ds = switchboardDatasource();
    expect([ds.type, ds.uid, ds.isDefault]).toEqual([onePlugin('datasource').id, 'switchboard', true]);
    expect(provisionedDatasources.filter((d) => d.isDefault)).toHaveLength(1);
    expect(new Set(provisionedDatasources.map((d) => d.uid)).size).toBe(provisionedDatasources.length);
  });

  it('reaches the proxy service at its PORT, by the name the settings page suggests', () => {
    const url = new URL(routeRequest({}).url);
    expect([url.protocol, serviceAt(url.hostname), Number(url.port)]).toEqual(['http:', 'proxy', proxyPort()]);
    // src/datasource/components/ConfigEditor.tsx: placeholder="http://switchboard-proxy:8080".
    expect(read('src/datasource/components/ConfigEditor.tsx')).toContain(`placeholder="${url.origin}"`);
  });

  it("sends the proxy's token, whatever SWITCHBOARD_PROXY_TOKEN is, and never holds it in the file", () => {
    expect(switchboardDatasource().secureJsonData?.proxyToken).toMatch(/^\$\{\w+\}$/);
    for (const shell of [{}, { SWITCHBOARD_PROXY_TOKEN: 'b'.repeat(40) }]) {
      const { headers } = routeRequest(environment('grafana', shell));
      expect(headers.authorization).toBe(`Bearer ${environment('proxy', shell).PROXY_TOKEN}`);
    }
  });

  it('sends AWS settings the proxy accepts: its own credentials by default, the simulator instance', () => {
    const { headers } = routeRequest(environment('grafana'));
    const settings = readAwsSettings(headers, { region: loadConfig(environment('proxy'), []).awsRegion });
    expect(settings).toEqual({ region: 'us-east-1', authType: 'default' });
    expect(AUTH_TYPE_OPTIONS.map((t) => t.value)).toContain(settings.authType);
    // The default instance is the simulator's first instance (acme-support), in its region.
    const scenario = parseYaml(read('simulator/scenario/default.yaml')) as {
      instances: Array<{ id: string; region: string }>;
    };
    const { JsonData } = expandedSettings(environment('grafana'));
    expect([JsonData.defaultInstanceId, JsonData.defaultRegion]).toEqual([
      scenario.instances[0].id,
      scenario.instances[0].region,
    ]);
  });

  it('follows SWITCHBOARD_REGION, SWITCHBOARD_INSTANCE_ID and the assume-role variables for real AWS', () => {
    const shell = {
      SWITCHBOARD_REGION: 'eu-west-2',
      SWITCHBOARD_INSTANCE_ID: 'a1b2c3d4-0000-4000-8000-123456789012',
      SWITCHBOARD_AUTH_TYPE: 'assume-role',
      SWITCHBOARD_ASSUME_ROLE_ARN: 'arn:aws:iam::123456789012:role/SwitchboardConnectRead',
      SWITCHBOARD_EXTERNAL_ID: 'noc-wall-7f3a',
    };
    const { headers } = routeRequest(environment('grafana', shell));
    expect(readAwsSettings(headers, { region: 'us-east-1' })).toEqual({
      region: 'eu-west-2',
      authType: 'assume-role',
      assumeRoleArn: shell.SWITCHBOARD_ASSUME_ROLE_ARN,
      externalId: shell.SWITCHBOARD_EXTERNAL_ID,
    });
    expect(expandedSettings(environment('grafana', shell)).JsonData.defaultInstanceId).toBe(
      shell.SWITCHBOARD_INSTANCE_ID
    );
    // The proxy and the datasource share SWITCHBOARD_REGION (the proxy's AWS_REGION).
    expect(loadConfig(environment('proxy', shell), []).awsRegion).toBe('eu-west-2');
    // assume-role without a role is refused by the proxy with a message naming the missing setting.
    const noRole = routeRequest(environment('grafana', { SWITCHBOARD_AUTH_TYPE: 'assume-role' })).headers;
    expect(() => readAwsSettings(noRole, { region: 'us-east-1' })).toThrow(/Assume-Role-Arn is required/);
  });

  it('reads only variables the grafana service sets', () => {
    const grafanaEnv = environment('grafana');
    for (const kind of ['datasources']) {
      const file = `provisioning/${kind}/switchboard.yaml`;
      for (const name of variablesIn(file)) {
        expect([file, name, name in grafanaEnv]).toEqual([file, name, true]);
      }
    }
    expect(variablesIn('provisioning/datasources/switchboard.yaml').length).toBeGreaterThanOrEqual(6);
  });
});

describe('provisioning: into the Grafana image', () => {
  it('copies each provisioning file to where Grafana reads it', () => {
    for (const kind of ['datasources']) {
      const file = `provisioning/${kind}/switchboard.yaml`;
      expect((parseYaml(read(file)) as { apiVersion: number }).apiVersion).toBe(1);
      expect(originOf(grafanaStage(), `/etc/grafana/provisioning/${kind}/switchboard.yaml`)).toEqual({ repo: file });
    }
  });

  it('allows exactly the plugin ids of every plugin.json to load unsigned', () => {
    const allowed = environment('grafana').GF_PLUGINS_ALLOW_LOADING_UNSIGNED_PLUGINS.split(',');
    expect([...allowed].sort()).toEqual(plugins.map((p) => p.id).sort());
    expect(allowed).toEqual(
      expect.arrayContaining([
        'switchboard-connect-app',
        'switchboard-connect-datasource',
        'switchboard-queuewall-panel',
        'switchboard-callpath-panel',
      ])
    );
  });

  it('enables the app through the HTTP API once Grafana runs, never through provisioning/plugins', () => {
    // Grafana stops at start-up when an app named in provisioning/plugins failed to load ("app provisioning error:
    // plugin not found"): the one-shot grafana-setup enables it instead (grafana-setup.test.ts), so Grafana runs on.
    const appsFolder = path.join(root, 'provisioning/plugins');
    expect(existsSync(appsFolder) ? readdirSync(appsFolder) : []).toEqual([]);
    expect(originOf(grafanaStage(), '/etc/grafana/provisioning/plugins/switchboard.yaml')).toBeUndefined();
    const setup = service('grafana-setup');
    expect(setup.command).toEqual(['node', 'provisioning/grafana-setup/enable-app.mjs']);
    expect(setup.build?.target).toBe('node-services');
    expect(originOf(stage('node-services'), '/app/provisioning/grafana-setup/enable-app.mjs')).toEqual({
      repo: 'provisioning/grafana-setup/enable-app.mjs',
    });
    const env = environment('grafana-setup');
    const grafana = environment('grafana');
    expect(new URL(env.GRAFANA_URL).hostname).toBe('grafana');
    expect([env.GRAFANA_ADMIN_USER, env.GRAFANA_ADMIN_PASSWORD]).toEqual([
      grafana.GF_SECURITY_ADMIN_USER,
      grafana.GF_SECURITY_ADMIN_PASSWORD,
    ]);
    expect(read('provisioning/grafana-setup/enable-app.mjs')).toContain(`'${onePlugin('app').id}'`);
  });

  const built = exists('dist/plugin.json') ? it : it.skip;
  built('allows every plugin the build put into dist/ (npm test builds it before the integration layer)', () => {
    const allowed = environment('grafana').GF_PLUGINS_ALLOW_LOADING_UNSIGNED_PLUGINS.split(',');
    const files = [
      'dist/plugin.json',
      ...plugins.filter((p) => p.file !== 'plugin.json').map((p) => `dist/${path.posix.relative('src', p.file)}`),
    ];
    for (const file of files.filter(exists)) {
      expect([file, allowed]).toEqual([file, expect.arrayContaining([readJson<{ id: string }>(file).id])]);
    }
  });

  it('lets anonymous visitors view, never edit', () => {
    const env = environment('grafana');
    expect([env.GF_AUTH_ANONYMOUS_ENABLED, env.GF_AUTH_ANONYMOUS_ORG_ROLE]).toEqual(['true', 'Viewer']);
    // docs/security.md: switched off without editing the compose file.
    expect(environment('grafana', { GRAFANA_ANONYMOUS: 'false' }).GF_AUTH_ANONYMOUS_ENABLED).toBe('false');
    expect([env.GF_SECURITY_ADMIN_USER, env.GF_SECURITY_ADMIN_PASSWORD]).toEqual(['admin', 'admin']);
    expect(environment('grafana', { GRAFANA_ADMIN_PASSWORD: 's3cret' }).GF_SECURITY_ADMIN_PASSWORD).toBe('s3cret');
  });
});

describe('dashboards: shipped in the plugin, imported when the app is enabled', () => {
  const DASHBOARDS = ['queues', 'quotas', 'voice-id', 'voice-connectors', 'noc-overview'];
  const included = () =>
    (readJson<{ includes: Array<{ type: string; path?: string }> }>('plugin.json').includes ?? [])
      .filter((i) => i.type === 'dashboard')
      .map((i) => i.path as string);

  it.each(DASHBOARDS)('has dashboards/%s.json, included by the app', (name) => {
    expect(exists(`dashboards/${name}.json`)).toBe(true);
    expect(included()).toContain(`dashboards/${name}.json`);
  });

  it('includes only dashboards that exist, and no file provider imports them a second time', () => {
    for (const file of included()) {
      expect([file, exists(file)]).toEqual([file, true]);
    }
    // Grafana imports an enabled app's dashboards itself (by uid, overwriting); a file provider of the same uids
    // would race with that import. Provisioning holds datasources and the app only.
    expect(exists('provisioning/dashboards')).toBe(false);
    expect(originOf(grafanaStage(), '/etc/grafana/provisioning/dashboards/switchboard.yaml')).toBeUndefined();
  });

  it('opens the NOC overview as the home dashboard, from the installed plugin', () => {
    const home = environment('grafana').GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH;
    expect(originOf(grafanaStage(), home)).toEqual({
      built: { stage: 'plugin-build', path: '/app/dist/dashboards/noc-overview.json' },
    });
  });

  const built = exists('dist/plugin.json') ? it : it.skip;
  built('are copied into dist/ by the build (npm test builds before the integration layer)', () => {
    // Same dashboard (uid); the content may lag behind in a dist/ built before the last edit.
    const uid = (file: string) => (JSON.parse(read(file)) as { uid: string }).uid;
    for (const file of included()) {
      expect([file, exists(`dist/${file}`) && uid(`dist/${file}`) === uid(file)]).toEqual([file, true]);
    }
  });

  it('gives each dashboard its own uid, the provisioned datasources, and known panel types', () => {
    const ids = new Set(plugins.map((p) => p.id));
    const uids = new Set(provisionedDatasources.map((d) => d.uid));
    const types = new Set(provisionedDatasources.map((d) => d.type));
    const dashboardUids: string[] = [];
    for (const file of included()) {
      const text = read(file);
      // Grafana imports an app's dashboards without inputs: ${DS_...} placeholders would stay unresolved.
      expect([file, text.includes('${DS_'), text.includes('"__inputs"')]).toEqual([file, false, false]);
      const dashboard = JSON.parse(text) as { uid?: unknown; title?: unknown; templating?: { list?: unknown[] } };
      expect([file, typeof dashboard.uid, typeof dashboard.title]).toEqual([file, 'string', 'string']);
      dashboardUids.push(dashboard.uid as string);
      // Datasource variables list datasources of a provisioned type, so they resolve in the stack.
      const variables = (dashboard.templating?.list ?? []) as Array<{ type: string; name: string; query?: string }>;
      const dsVariables = variables.filter((v) => v.type === 'datasource');
      for (const v of dsVariables) {
        expect([file, v.name, types.has(v.query ?? '')]).toEqual([file, v.name, true]);
      }
      const visit = (node: unknown): void => {
        if (Array.isArray(node)) {
          node.forEach(visit);
        } else if (node !== null && typeof node === 'object') {
          const o = node as Record<string, unknown>;
          const ds = o.datasource as { type?: string; uid?: string } | undefined;
          if (ds && typeof ds === 'object' && typeof ds.uid === 'string' && !ds.uid.startsWith('-- ')) {
            // A provisioned uid, or one of the dashboard's datasource variables (${ds} or $ds).
            const variable = ds.uid.match(/^\$\{?(\w+)\}?$/)?.[1];
            const ok = uids.has(ds.uid) || (variable !== undefined && dsVariables.some((v) => v.name === variable));
            expect([file, ds.uid, ok]).toEqual([file, ds.uid, true]);
          }
          if (typeof o.type === 'string' && o.type.startsWith('switchboard-') && 'gridPos' in o) {
            expect([file, o.type, ids.has(o.type)]).toEqual([file, o.type, true]);
          }
          Object.values(o).forEach(visit);
        }
      };
      visit(dashboard);
    }
    expect(new Set(dashboardUids).size).toBe(dashboardUids.length);
  });
});

describe('provisioning/prometheus: Prometheus scrapes the proxy', () => {
  const prometheusConfig = () =>
    parseYaml(read('provisioning/prometheus/prometheus.yml')) as {
      global: { scrape_interval: string };
      rule_files?: string[];
      scrape_configs: Array<{ job_name: string; metrics_path?: string; static_configs: Array<{ targets: string[] }> }>;
    };

  it('reads the configuration the compose command names, through the mounted folder', () => {
    const prometheus = service('prometheus');
    const configFile = argument(prometheus.command ?? [], '--config.file') as string;
    const mount = (prometheus.volumes ?? [])
      .map((v) => v.split(':'))
      .find(([, target]) => configFile.startsWith(`${target}/`));
    expect(mount).toBeDefined();
    const [source, target, mode] = mount as string[];
    expect(mode).toBe('ro');
    expect(path.posix.normalize(path.posix.join(source, path.posix.relative(target, configFile)))).toBe(
      'provisioning/prometheus/prometheus.yml'
    );
    expect(argument(prometheus.command ?? [], '--storage.tsdb.path')).toBe('/prometheus');
  });

  it('scrapes the proxy service at its PORT and /metrics, every 15 s like the Grafana datasource says', () => {
    const config = prometheusConfig();
    const jobs = config.scrape_configs.filter((j) =>
      j.static_configs.some((sc) => sc.targets.some((t) => serviceAt(t.split(':')[0]) === 'proxy'))
    );
    expect(jobs).toHaveLength(1);
    expect(jobs[0].metrics_path ?? '/metrics').toBe('/metrics');
    const target = jobs[0].static_configs[0].targets[0];
    expect(Number(target.split(':')[1])).toBe(proxyPort());
    const ds = provisionedDatasources.find((d) => d.type === 'prometheus');
    expect(config.global.scrape_interval).toBe((ds?.jsonData as Record<string, string>).timeInterval);
    // Grafana reaches Prometheus by its service name and port.
    const url = new URL(ds?.url as string);
    expect([serviceAt(url.hostname), [Number(url.port)]]).toEqual([
      'prometheus',
      publishedContainerPorts('prometheus'),
    ]);
  });

  it('loads alert rule files that sit in the mounted folder and parse as rule groups', () => {
    const files = prometheusConfig().rule_files ?? [];
    expect(files.length).toBeGreaterThan(0);
    for (const rules of files) {
      expect(rules).not.toMatch(/^\/|\.\.|\*/);
      const file = path.posix.join('provisioning/prometheus', rules);
      expect([file, exists(file)]).toEqual([file, true]);
      const groups = (parseYaml(read(file)) as { groups: Array<{ rules: Array<{ alert: string; expr: string }> }> })
        .groups;
      expect(groups.flatMap((g) => g.rules).length).toBeGreaterThan(0);
    }
  });
});
