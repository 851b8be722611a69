import { spawn } from 'node:child_process';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

/**
 * provisioning/grafana-setup/enable-app.mjs, the compose service that enables the app once Grafana runs, against a
 * stand-in for Grafana's HTTP API (GET/POST /api/plugins/:id/settings, as Grafana's pkg/api/plugins.go answers them):
 * it enables a loaded app with the admin login, leaves an enabled one alone, and when Grafana did not load the plugin
 * (404) or refuses the login it exits 1 saying where to look, while Grafana runs on.
 */
const SCRIPT = path.resolve(__dirname, '../../provisioning/grafana-setup/enable-app.mjs');
const APP = 'switchboard-connect-app';

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

async function fakeGrafana(plugin: { loaded: boolean; enabled?: boolean }, password = 'admin') {
  const seen: Seen[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      const json = (status: number, value: unknown) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
      if (req.url === '/api/health') {
        return json(200, { database: 'ok', version: '12.4.10' });
      }
      if (req.headers.authorization !== `Basic ${Buffer.from(`admin:${password}`).toString('base64')}`) {
        return json(401, { message: 'Invalid username or password' });
      }
      if (req.url === `/api/plugins/${APP}/settings` && !plugin.loaded) {
        return json(404, { message: 'Plugin not found, no installed plugin with that id' });
      }
      if (req.url === `/api/plugins/${APP}/settings` && req.method === 'GET') {
        return json(200, {
          id: APP,
          enabled: plugin.enabled ?? false,
          pinned: false,
          jsonData: null,
          info: { version: '0.1.0' },
        });
      }
      if (req.url === `/api/plugins/${APP}/settings` && req.method === 'POST') {
        plugin.enabled = (JSON.parse(body) as { enabled: boolean }).enabled;
        return json(200, { message: 'Plugin settings updated' });
      }
      return json(404, { message: 'Not found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { seen, url, close: () => new Promise((resolve) => server.close(resolve)) };
}

function runSetup(url: string, password = 'admin') {
  return new Promise<{ code: number | null; out: string }>((resolve) => {
    const child = spawn(process.execPath, [SCRIPT], {
      env: { PATH: process.env.PATH, GRAFANA_URL: url, GRAFANA_ADMIN_PASSWORD: password, GRAFANA_WAIT_S: '5' },
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

describe('grafana-setup (enable-app.mjs)', () => {
  it("enables a loaded app with the admin's login, keeping its settings", async () => {
    const grafana = await fakeGrafana({ loaded: true });
    try {
      const { code, out } = await runSetup(grafana.url);
      expect(code).toBe(0);
      expect(out).toMatch(/enabled the app switchboard-connect-app 0\.1\.0; Grafana imports its dashboards now/);
      const post = grafana.seen.find((s) => s.method === 'POST');
      expect(post?.url).toBe(`/api/plugins/${APP}/settings`);
      expect(JSON.parse(post?.body ?? '{}')).toEqual({ enabled: true, pinned: false, jsonData: {} });
      expect(post?.headers['content-type']).toBe('application/json');
    } finally {
      await grafana.close();
    }
  });

  it('leaves an enabled app alone', async () => {
    const grafana = await fakeGrafana({ loaded: true, enabled: true });
    try {
      const { code, out } = await runSetup(grafana.url);
      expect([code, out]).toEqual([0, expect.stringMatching(/is enabled already/)]);
      expect(grafana.seen.filter((s) => s.method === 'POST')).toEqual([]);
    } finally {
      await grafana.close();
    }
  });

  it("exits 1 when Grafana did not load the plugin, pointing at Grafana's log; Grafana is not touched", async () => {
    const grafana = await fakeGrafana({ loaded: false });
    try {
      const { code, out } = await runSetup(grafana.url);
      expect(code).toBe(1);
      expect(out).toMatch(/Grafana runs, but without the Switchboard app: it did not load the plugin/);
      expect(out).toContain('docker compose logs grafana | grep -i switchboard');
      expect(grafana.seen.filter((s) => s.method === 'POST')).toEqual([]);
    } finally {
      await grafana.close();
    }
  });

  it('exits 1 on a refused admin login, saying which settings and how to enable the app by hand', async () => {
    const grafana = await fakeGrafana({ loaded: true }, 'changed');
    try {
      const { code, out } = await runSetup(grafana.url, 'admin');
      expect(code).toBe(1);
      expect(out).toMatch(
        /Grafana refused the admin login "admin" \(401\): GRAFANA_ADMIN_USER and GRAFANA_ADMIN_PASSWORD/
      );
      expect(out).not.toContain('changed');
    } finally {
      await grafana.close();
    }
  });

  it('gives up, saying so, when Grafana never answers', async () => {
    const { code, out } = await runSetup('http://127.0.0.1:9');
    expect(code).toBe(1);
    expect(out).toMatch(/Grafana did not answer at http:\/\/127\.0\.0\.1:9\/api\/health within 5 s/);
  }, 20_000);
});
