import { loadConfig } from '../../proxy/config';
import { parseCli } from '../../simulator/cli';
import { DEFAULT_HOST } from '../../simulator/server';
import {
  argument,
  compose,
  composeRaw,
  environment,
  healthcheckOf,
  hostAddress,
  programArguments,
  publishedContainerPorts,
  service,
  serviceAt,
} from './stack/compose';
import { baseImage, stage } from './stack/dockerfile';

/**
 * docker-compose.yaml, checked statically (no Docker engine runs where these tests run): the four services (and Redis, opt-in), their
 * start order and healthchecks, and the settings each program receives, validated by that program's own parser
 * (the proxy's loadConfig, the simulator's parseCli) for the simulator and for real AWS.
 */

const SERVICES = ['grafana', 'prometheus', 'proxy', 'simulator'];
/** Services that run once and exit (no healthcheck, no restart): grafana-setup enables the app in Grafana. */
const ONE_SHOT = ['grafana-setup'];
/** Services of opt-in profiles: not started by a plain `docker compose up`. */
const OPTIONAL = { redis: 'ha' };

/** The base image of a service: its Dockerfile stage's, or the image it pulls. */
const imageOf = (name: string) => {
  const s = service(name);
  return s.build ? baseImage(stage(s.build.target as string)) : (s.image as string);
};

describe('docker-compose.yaml: services and start order', () => {
  it('has the four services and the one-shot grafana-setup under the project name switchboard, Redis only in ha', () => {
    expect(composeRaw.name).toBe('switchboard');
    const services = compose().services as Record<string, { profiles?: string[] }>;
    expect(
      Object.keys(services)
        .filter((name) => !services[name].profiles)
        .sort()
    ).toEqual([...SERVICES, ...ONE_SHOT].sort());
    for (const [name, profile] of Object.entries(OPTIONAL)) {
      expect([name, services[name]?.profiles]).toEqual([name, [profile]]);
    }
  });

  it('starts simulator, proxy, then Grafana, each once the one before is healthy', () => {
    const c = compose();
    expect(c.services.simulator.depends_on).toBeUndefined();
    expect(c.services.proxy.depends_on).toEqual({ simulator: { condition: 'service_healthy' } });
    expect(c.services.grafana.depends_on).toEqual({ proxy: { condition: 'service_healthy' } });
    // The app is enabled once Grafana answers, by a service of its own (grafana-setup.test.ts runs its script).
    expect(c.services['grafana-setup'].depends_on).toEqual({ grafana: { condition: 'service_healthy' } });
    // Prometheus only needs the proxy's address to exist; a scrape that fails is retried.
    expect(c.services.prometheus.depends_on).toEqual({ proxy: { condition: 'service_started' } });
    // Waiting for health needs a healthcheck on the dependency.
    for (const [name, s] of Object.entries(c.services)) {
      for (const [dep, { condition }] of Object.entries(s.depends_on ?? {})) {
        expect([name, dep, SERVICES.includes(dep)]).toEqual([name, dep, true]);
        if (condition === 'service_healthy') {
          expect([dep, Array.isArray(c.services[dep].healthcheck?.test)]).toEqual([dep, true]);
        }
      }
    }
  });

  it('restarts every service unless stopped (a one-shot never), and declares its named volumes', () => {
    const c = compose();
    for (const [name, s] of Object.entries(c.services)) {
      expect([name, s.restart]).toEqual([name, ONE_SHOT.includes(name) ? 'no' : 'unless-stopped']);
      for (const v of s.volumes ?? []) {
        const source = v.split(':')[0];
        if (!source.startsWith('.') && !source.startsWith('/')) {
          expect([name, source, Object.keys(c.volumes ?? {})]).toEqual([
            name,
            source,
            expect.arrayContaining([source]),
          ]);
        }
      }
    }
  });

  it('publishes the proxy, the simulator and Prometheus on loopback only, Grafana on GRAFANA_PORT (3000)', () => {
    for (const name of ['proxy', 'simulator', 'prometheus']) {
      // The simulator's admin API and the proxy's /metrics need no token: never on the host's network.
      expect([name, (service(name).ports ?? []).map(hostAddress)]).toEqual([name, ['127.0.0.1']]);
    }
    expect(service('grafana').ports).toEqual(['3000:3000']);
    expect(service('grafana', { GRAFANA_PORT: '3300' }).ports).toEqual(['3300:3000']);
  });
});

describe('docker-compose.yaml: healthchecks', () => {
  it('asks each service, on its own port, for its health endpoint (stack-wiring.test.ts calls them)', () => {
    // Simulator: GET /_sim/health on its --port (the admin API, simulator/admin.ts).
    const sim = healthcheckOf('simulator').url;
    expect([sim.hostname, Number(sim.port), sim.pathname]).toEqual([
      '127.0.0.1',
      Number(argument(service('simulator').command ?? [], '--port')),
      '/_sim/health',
    ]);
    // Proxy: GET /healthz on PORT, the token-free liveness route (proxy/routes/health.ts).
    const proxy = healthcheckOf('proxy').url;
    expect([proxy.hostname, Number(proxy.port), proxy.pathname]).toEqual([
      '127.0.0.1',
      loadConfig(environment('proxy'), programArguments('proxy').argv).port,
      '/healthz',
    ]);
    // Grafana: /api/health on 3000; Prometheus: /-/healthy on 9090.
    const grafana = healthcheckOf('grafana').url;
    expect([grafana.port, grafana.pathname]).toEqual(['3000', '/api/health']);
    const prometheus = healthcheckOf('prometheus').url;
    expect([prometheus.port, prometheus.pathname]).toEqual(['9090', '/-/healthy']);
    // Each healthcheck asks the port the service publishes.
    for (const name of SERVICES) {
      expect([name, publishedContainerPorts(name)]).toEqual([name, [Number(healthcheckOf(name).url.port)]]);
    }
  });

  it('runs only programs the image has', () => {
    // node images: node (it has fetch), neither curl nor wget. Grafana's image installs curl (apk add ... curl in
    // its Dockerfile). prom/prometheus is busybox-based: wget.
    const tools: Array<[RegExp, string]> = [
      [/^node:/, 'node'],
      [/^grafana\/grafana:/, 'curl'],
      [/^prom\/prometheus:/, 'wget'],
    ];
    for (const name of SERVICES) {
      const image = imageOf(name);
      const tool = tools.find(([re]) => re.test(image))?.[1];
      expect([name, image, healthcheckOf(name).tool]).toEqual([name, image, tool]);
    }
  });

  it('fails a node healthcheck on anything but a 2xx answer, and on no answer', () => {
    for (const name of ['simulator', 'proxy']) {
      const [, , flag, script] = healthcheckOf(name).test;
      expect(flag).toBe('-e');
      expect(script).toMatch(
        /^fetch\('http:\/\/127\.0\.0\.1:\d+\/[^']*'\)\.then\(\(r\) => process\.exit\(r\.ok \? 0 : 1\), \(\) => process\.exit\(1\)\)$/
      );
    }
  });

  it('gives every service a timeout, retries and a start period', () => {
    for (const name of SERVICES) {
      const h = service(name).healthcheck;
      expect([name, h?.interval, h?.timeout, typeof h?.retries, h?.start_period]).toEqual([
        name,
        expect.stringMatching(/^\d+s$/),
        expect.stringMatching(/^\d+s$/),
        'number',
        expect.stringMatching(/^\d+s$/),
      ]);
    }
  });
});

describe('docker-compose.yaml: the simulator and the proxy get settings their own parsers accept', () => {
  it('starts the simulator on all interfaces at the port the proxy uses', () => {
    const { entry, argv } = programArguments('simulator');
    expect(entry).toBe('simulator/cli.ts');
    const options = parseCli(argv);
    // In a container the default 127.0.0.1 would be unreachable from the proxy's container.
    expect(DEFAULT_HOST).toBe('127.0.0.1');
    expect(options).toMatchObject({ host: '0.0.0.0', help: false, logRequests: false });
    expect(options.scenarioFile).toBeUndefined();

    const endpoint = new URL(environment('proxy').AWS_ENDPOINT_URL);
    expect([endpoint.protocol, serviceAt(endpoint.hostname), Number(endpoint.port)]).toEqual([
      'http:',
      'simulator',
      options.port,
    ]);
    expect(publishedContainerPorts('simulator')).toEqual([options.port]);
  });

  it('starts the proxy without --demo, on all interfaces, against the simulator with dummy keys', () => {
    const { entry, argv } = programArguments('proxy');
    expect(entry).toBe('proxy/cli.ts');
    const env = environment('proxy');
    const config = loadConfig(env, argv);
    expect(config).toMatchObject({
      demo: false,
      host: '0.0.0.0',
      port: 8080,
      awsRegion: 'us-east-1',
      awsEndpointUrl: 'http://simulator:4599',
      token: 'switchboard-demo',
      logLevel: 'info',
    });
    expect(publishedContainerPorts('proxy')).toEqual([config.port]);
    // The SDK's default chain finds keys in the environment; the simulator accepts any.
    expect(env.AWS_ACCESS_KEY_ID).toBeTruthy();
    expect(env.AWS_SECRET_ACCESS_KEY).toBeTruthy();
  });

  it('switches the proxy to real AWS with the variables docs/deployment.md gives', () => {
    const argv = programArguments('proxy').argv;
    const real = {
      SWITCHBOARD_AWS_ENDPOINT_URL: '',
      SWITCHBOARD_REGION: 'eu-west-2',
      SWITCHBOARD_PROXY_TOKEN: 'a'.repeat(64),
      AWS_ACCESS_KEY_ID: 'AKIAEXAMPLEEXAMPLE00',
      AWS_SECRET_ACCESS_KEY: 'secret',
      SWITCHBOARD_LOG_LEVEL: 'debug',
    };
    const env = environment('proxy', real);
    const config = loadConfig(env, argv);
    expect(config.awsEndpointUrl).toBeUndefined();
    expect(config).toMatchObject({ awsRegion: 'eu-west-2', token: 'a'.repeat(64), logLevel: 'debug' });
    expect([env.AWS_ACCESS_KEY_ID, env.AWS_SECRET_ACCESS_KEY]).toEqual(['AKIAEXAMPLEEXAMPLE00', 'secret']);

    // A container or instance role instead of keys: the keys reach the proxy empty, so the SDK's chain skips
    // them and goes on to the role; a session token passes through.
    const role = environment('proxy', { ...real, AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '' });
    expect([role.AWS_ACCESS_KEY_ID, role.AWS_SECRET_ACCESS_KEY, role.AWS_SESSION_TOKEN]).toEqual(['', '', '']);
    expect(() => loadConfig(role, argv)).not.toThrow();
    expect(environment('proxy', { AWS_SESSION_TOKEN: 'FwoGZX' }).AWS_SESSION_TOKEN).toBe('FwoGZX');
  });

  it("ignores the shell's own AWS_REGION, so the demo stays in the simulator's region", () => {
    const shell = { AWS_REGION: 'ap-southeast-2' };
    expect(environment('proxy', shell).AWS_REGION).toBe('us-east-1');
    expect(environment('grafana', shell).SWITCHBOARD_REGION).toBe('us-east-1');
  });

  it('does not start the proxy with a token it would refuse', () => {
    const argv = programArguments('proxy').argv;
    expect(() => loadConfig(environment('proxy', { SWITCHBOARD_PROXY_TOKEN: 'short' }), argv)).toThrow(
      /PROXY_TOKEN must be at least 16 characters/
    );
    // An empty variable falls back to the demo token rather than to no token.
    expect(environment('proxy', { SWITCHBOARD_PROXY_TOKEN: '' }).PROXY_TOKEN).toBe('switchboard-demo');
  });
});
