// Enables the Switchboard app in Grafana once Grafana runs (the compose service grafana-setup; docs/deployment.md):
// its pages, the NOC overview in the menu, and the import of the dashboards it ships (Grafana imports an app's
// dashboards when the app becomes enabled).
//
// Why not provisioning/plugins: Grafana's app provisioning stops the whole server when the app it names is not
// loaded ("app provisioning error: plugin not found", pkg/services/provisioning/plugins), so a plugin that fails to
// load (unsigned and not allowed, a Grafana older than its grafanaDependency) would take every dashboard down. Here
// the same failure leaves Grafana running, and this says what happened and where to look.
//
// Settings (environment): GRAFANA_URL (http://grafana:3000), GRAFANA_ADMIN_USER and GRAFANA_ADMIN_PASSWORD (admin),
// SWITCHBOARD_APP_ID (switchboard-connect-app), GRAFANA_WAIT_S (how long to wait for Grafana, 120).
// Exit 0 when the app is enabled, 1 when it cannot be.

const env = process.env;
const grafana = (env.GRAFANA_URL ?? 'http://grafana:3000').replace(/\/+$/, '');
const app = env.SWITCHBOARD_APP_ID ?? 'switchboard-connect-app';
const user = env.GRAFANA_ADMIN_USER || 'admin';
const auth = `Basic ${Buffer.from(`${user}:${env.GRAFANA_ADMIN_PASSWORD || 'admin'}`).toString('base64')}`;
const waitMs = Number(env.GRAFANA_WAIT_S ?? 120) * 1000;

const say = (text) => process.stdout.write(`grafana-setup: ${text}\n`);
const fail = (text) => {
  process.stderr.write(`grafana-setup: ${text}\n`);
  process.exit(1);
};

async function api(method, path, body) {
  const res = await fetch(`${grafana}${path}`, {
    method,
    headers: {
      authorization: auth,
      accept: 'application/json',
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text };
}

async function waitForGrafana() {
  const until = Date.now() + waitMs;
  for (;;) {
    try {
      if ((await fetch(`${grafana}/api/health`)).ok) {
        return;
      }
    } catch {
      // not listening yet
    }
    if (Date.now() > until) {
      fail(`Grafana did not answer at ${grafana}/api/health within ${waitMs / 1000} s.`);
    }
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

await waitForGrafana();
const settings = await api('GET', `/api/plugins/${app}/settings`);
if (settings.status === 401 || settings.status === 403) {
  fail(
    `Grafana refused the admin login "${user}" (${settings.status}): GRAFANA_ADMIN_USER and GRAFANA_ADMIN_PASSWORD ` +
      'must be those of a Grafana administrator. Enable the app by hand instead: Administration > Plugins and data > ' +
      'Plugins > Switchboard for Amazon Connect > Enable.'
  );
}
if (settings.status === 404) {
  fail(
    `Grafana runs, but without the Switchboard app: it did not load the plugin ${app}, so there is nothing to enable. ` +
      "Grafana's log says why: docker compose logs grafana | grep -i switchboard (usually: unsigned and not in " +
      "GF_PLUGINS_ALLOW_LOADING_UNSIGNED_PLUGINS, or a Grafana older than the plugin's grafanaDependency). " +
      'See docs/deployment.md, "The plugin is not loaded".'
  );
}
if (settings.status !== 200) {
  fail(`Grafana answered ${settings.status} to GET /api/plugins/${app}/settings: ${settings.text.slice(0, 300)}`);
}
if (settings.json?.enabled) {
  say(`the app ${app} ${settings.json.info?.version ?? ''} is enabled already.`);
  process.exit(0);
}
const enabled = await api('POST', `/api/plugins/${app}/settings`, {
  enabled: true,
  pinned: settings.json?.pinned ?? false,
  jsonData: settings.json?.jsonData ?? {},
});
if (enabled.status !== 200) {
  fail(`Grafana answered ${enabled.status} when enabling ${app}: ${enabled.text.slice(0, 300)}`);
}
say(`enabled the app ${app} ${settings.json?.info?.version ?? ''}; Grafana imports its dashboards now.`);
