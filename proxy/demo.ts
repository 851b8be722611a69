import { startSimulator, type RunningSimulator } from '../simulator/server';
import { ConfigError, DEMO_TOKEN, loadConfig } from './config';
import { exitOnSignals, startProxy } from './server';

/**
 * npm run demo: the simulator on 4599 and the proxy on 8080 in demo mode, pointed at it, so Switchboard runs
 * without an AWS account. SIM_PORT and PORT move them; the token is PROXY_TOKEN or "switchboard-demo". The
 * Prometheus exporter is on for every instance and Voice Connector of the region unless EXPORTER_INSTANCES and
 * EXPORTER_VOICE_CONNECTORS say otherwise (an empty EXPORTER_INSTANCES turns it off).
 */

function fail(message: string): never {
  process.stderr.write(`demo: ${message}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  const simPortText = process.env.SIM_PORT?.trim() || '4599';
  const simPort = /^\d+$/.test(simPortText) ? Number(simPortText) : NaN;
  if (!Number.isSafeInteger(simPort) || simPort > 65535) {
    fail(`SIM_PORT must be an integer from 0 to 65535 (got ${JSON.stringify(simPortText)}).`);
  }

  let sim: RunningSimulator;
  try {
    sim = await startSimulator({ port: simPort, host: '127.0.0.1', logger: { level: 'warn' }, handleSignals: false });
  } catch (err) {
    fail(`could not start the simulator on port ${simPort}: ${(err as Error).message}`);
  }

  let config;
  try {
    config = loadConfig(
      {
        ...process.env,
        AWS_ENDPOINT_URL: sim.url,
        EXPORTER_INSTANCES: process.env.EXPORTER_INSTANCES ?? 'all',
        EXPORTER_VOICE_CONNECTORS: process.env.EXPORTER_VOICE_CONNECTORS ?? 'all',
      },
      ['--demo']
    );
  } catch (err) {
    await sim.close();
    fail(err instanceof ConfigError ? err.message : String(err));
  }

  let proxy;
  try {
    proxy = await startProxy(config, { handleSignals: false });
  } catch (err) {
    await sim.close();
    fail(`could not start the proxy on port ${config.port}: ${(err as Error).message}`);
  }
  exitOnSignals(proxy.app.log, async () => {
    await proxy.close();
    await sim.close();
  });

  // Never print a token someone chose; the demo's default is public anyway.
  const token = config.token === DEMO_TOKEN ? DEMO_TOKEN : '$PROXY_TOKEN';
  const instance = sim.context.world.instances[0];
  process.stdout.write(
    [
      '',
      'Switchboard demo',
      `  simulator  ${sim.url}   (Amazon Connect, CloudWatch, Chime SDK Voice, Voice ID; admin API ${sim.url}/_sim/health)`,
      `  proxy      ${proxy.url}   (token: ${token})`,
      '',
      'Try:',
      `  curl -s -H "Authorization: Bearer ${token}" ${proxy.url}/api/health`,
      `  curl -s -H "Authorization: Bearer ${token}" "${proxy.url}/api/resources/queues?instanceId=${instance?.id ?? '<instance id>'}"`,
      ...(config.exporter ? [`  curl -s ${proxy.url}/metrics | grep '^connect_queue_contacts_in_queue'`] : []),
      '',
      'Ctrl-C stops both.',
      '',
    ].join('\n')
  );
}

void main();
