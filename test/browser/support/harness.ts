import type { Scenario } from '../../../simulator/scenario/schema';
import { existsSync, readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { chromium, type Browser, type ConsoleMessage, type Page } from 'playwright-core';
import { AwsClients } from '../../../proxy/aws/clients';
import { loadConfig } from '../../../proxy/config';
import { startProxy, type RunningProxy } from '../../../proxy/server';
import { TEST_ACCESS_KEY, TEST_SECRET_KEY, TEST_TOKEN } from '../../support/proxy';
import { startTestSimulator, type TestSimulator } from '../../support/simulator';
import { GRAFANA_HOSTS, hostModules, hostOut, ROOT, type GrafanaHost } from '../build';
import { SETUP_FAILED } from './globalSetup';
import type { HostApi } from './hostApi';
import { startHostServer, type HostDatasource, type HostServer } from './hostServer';

/** Debian's Chromium (Playwright's own browser download cannot work here: docs/testing.md). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const VIEWPORT = { width: 1200, height: 800 };

/**
 * The Grafana release whose host page this jest project runs on: the `GRAFANA_HOST` global of the host-page
 * projects (jest.config.js), 12.4 (React 18) or 13.2 (React 19).
 */
export const GRAFANA_HOST: GrafanaHost = (() => {
  const host = (globalThis as { GRAFANA_HOST?: string }).GRAFANA_HOST ?? '12.4';
  if (!(GRAFANA_HOSTS as readonly string[]).includes(host)) {
    throw new Error(`GRAFANA_HOST ${host} is none of ${GRAFANA_HOSTS.join(', ')}`);
  }
  return host as GrafanaHost;
})();
/** The release whose host page writes docs/screenshots (the release docker compose runs); the other only checks. */
export const SCREENSHOT_HOST: GrafanaHost = '13.2';
/** The simulator's frozen clock: queries ask for the hour before it. */
export const SIM_AT = '2026-11-18T17:00:00Z';
export const DS_UID = 'switchboard-e2e';
/** The proxy URL of the datasource, as in docker compose; the host server resolves it to the running proxy. */
export const PROXY_URL = 'http://switchboard-proxy:8080';

/** Console errors and uncaught exceptions of the page, kept until a test takes them. */
export class ConsoleCollector {
  private entries: string[] = [];

  constructor(page: Page) {
    page.on('console', (msg: ConsoleMessage) => {
      if (msg.type() === 'error') {
        const where = msg.location().url;
        this.entries.push(`console.error: ${msg.text()}${where ? ` (${where})` : ''}`);
      }
    });
    page.on('pageerror', (err) => this.entries.push(`uncaught: ${err.message}`));
  }

  /** The errors since the last take(), and forgets them. */
  take(): string[] {
    const out = this.entries;
    this.entries = [];
    return out;
  }
}

export interface PageRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | null;
}

export interface Harness {
  sim: TestSimulator;
  proxy: RunningProxy;
  server: HostServer;
  browser: Browser;
  page: Page;
  console: ConsoleCollector;
  /** Every request the page made (URL, method, headers, body), oldest first. */
  pageRequests: PageRequest[];
  /** The datasource (with access keys) the page boots with. */
  datasource: HostDatasource;
  /** Calls window.switchboardHost[method](...args) in the page. */
  host<K extends keyof HostApi>(method: K, ...args: Parameters<HostApi[K]>): Promise<Awaited<ReturnType<HostApi[K]>>>;
  /** A fresh page load (the datasource not booted yet). */
  reload(): Promise<void>;
  close(): Promise<void>;
}

export function keysDatasource(proxyUrl: string, instanceId: string, overrides: Partial<HostDatasource> = {}) {
  return {
    uid: DS_UID,
    name: 'Amazon Connect (e2e)',
    jsonData: { proxyUrl, authType: 'keys', defaultRegion: 'us-east-1', defaultInstanceId: instanceId },
    secureJsonData: { proxyToken: TEST_TOKEN, accessKey: TEST_ACCESS_KEY, secretKey: TEST_SECRET_KEY },
    ...overrides,
  } satisfies HostDatasource;
}

export interface HarnessOptions {
  /**
   * The page's clock (Date.now, new Date()) fixed at this instant (ms), timers still running: panels that compute
   * with the time (the wallboard's counting ages) then agree with the simulator's frozen clock. Move it with
   * `page.clock.setFixedTime`. Default: the real time.
   */
  browserTime?: number;
  /** Extra proxy settings (environment variables of proxy/config.ts), e.g. REALTIME_CACHE_TTL_MS. */
  proxyEnv?: Record<string, string>;
  viewport?: { width: number; height: number };
  /** The simulator's scenario instead of the default one (e.g. test/support/wallScenario.ts). */
  scenario?: Scenario;
}

/** A Switchboard proxy on a free loopback port in front of `awsEndpointUrl`, token TEST_TOKEN, logging nothing. */
export async function startQuietProxy(
  awsEndpointUrl: string,
  env: Record<string, string> = {},
  dataClock?: () => number
): Promise<RunningProxy> {
  const config = loadConfig(
    { PROXY_TOKEN: TEST_TOKEN, AWS_ENDPOINT_URL: awsEndpointUrl, AWS_MAX_ATTEMPTS: '1', LOG_LEVEL: 'warn', ...env },
    []
  );
  const awsClients = new AwsClients(config, {
    baseCredentials: { accessKeyId: 'AKIAPROXYOWN0000000', secretAccessKey: 'x' },
  });
  const quiet = new Writable({ write: (_chunk, _enc, done) => done() });
  return startProxy(
    { ...config, port: 0 },
    { handleSignals: false, logger: { stream: quiet, level: 'warn' }, awsClients, ...(dataClock ? { dataClock } : {}) }
  );
}

/**
 * The simulator, the Switchboard proxy in front of it, the host server (Grafana's part) and Chromium on the host
 * page. The host page must have been built (the jest global setup does it).
 */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: install it (apt-get install -y chromium) or set CHROMIUM_PATH. ` +
        'See docs/testing.md.'
    );
  }
  if (existsSync(SETUP_FAILED)) {
    throw new Error(readFileSync(SETUP_FAILED, 'utf8'));
  }
  const buildDir = hostOut(GRAFANA_HOST);
  if (!existsSync(`${buildDir}/index.html`)) {
    throw new Error('The host page is not built: run npx tsx test/browser/build.ts (jest global setup does it)');
  }
  const sim = await startTestSimulator({ at: SIM_AT, scenario: options.scenario });
  const proxy = await startQuietProxy(sim.url, options.proxyEnv, () => sim.clock.nowMs());
  const datasource = keysDatasource(PROXY_URL, sim.context.world.instances[0].id);
  const server = await startHostServer({
    root: ROOT,
    buildDir,
    grafanaModules: hostModules(GRAFANA_HOST),
    datasources: [datasource],
    hosts: { [new URL(PROXY_URL).host]: new URL(proxy.url).host },
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  const context = await browser.newContext({ viewport: options.viewport ?? VIEWPORT, deviceScaleFactor: 1 });
  const page = await context.newPage();
  if (options.browserTime !== undefined) {
    await page.clock.setFixedTime(options.browserTime);
  }
  const collector = new ConsoleCollector(page);
  const pageRequests: PageRequest[] = [];
  page.on('request', (r) =>
    pageRequests.push({ url: r.url(), method: r.method(), headers: r.headers(), body: r.postData() })
  );

  const reload = async () => {
    await page.goto(`${server.url}/`, { waitUntil: 'load' });
    try {
      await page.waitForFunction(
        () => 'switchboardHost' in globalThis && typeof (globalThis as Record<string, unknown>).define === 'function',
        undefined,
        { timeout: 15_000 }
      );
    } catch (err) {
      throw new Error(`the host page did not start: ${[...collector.take(), (err as Error).message].join('\n')}`);
    }
  };
  try {
    await reload();
  } catch (err) {
    await browser.close();
    await server.close();
    await proxy.close();
    await sim.close();
    throw err;
  }

  return {
    sim,
    proxy,
    server,
    browser,
    page,
    console: collector,
    pageRequests,
    datasource,
    host: (method, ...args) =>
      page.evaluate(
        ([m, a]) =>
          (globalThis as unknown as { switchboardHost: Record<string, (...x: unknown[]) => unknown> }).switchboardHost[
            m
          ](...a),
        [method, args] as [string, unknown[]]
      ) as never,
    reload,
    close: async () => {
      await browser.close();
      await server.close();
      await proxy.close();
      await sim.close();
    },
  };
}
