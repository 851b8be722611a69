import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { loadScenario } from './scenario/load';
import { startSimulator } from './server';
import { authorization } from '../test/support/simulatorRequests';

describe('startSimulator', () => {
  it('listens on the port asked for, serves the AWS routes and the admin API, and closes', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sim-'));
    const scenario = loadScenario();
    scenario.name = 'from-file';
    const file = path.join(dir, 'scenario.yaml');
    writeFileSync(file, stringify(scenario));

    const sim = await startSimulator({
      port: 0,
      host: '127.0.0.1',
      scenarioFile: file,
      seed: 99,
      logger: false,
      handleSignals: false,
    });
    try {
      expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const health = (await (await fetch(`${sim.url}/_sim/health`)).json()) as { scenario: string; seed: number };
      expect(health).toMatchObject({ scenario: 'from-file', seed: 99 });
      const res = await fetch(`${sim.url}/voice-connectors`, { headers: { authorization: authorization('chime') } });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { VoiceConnectors: unknown[] }).VoiceConnectors).toHaveLength(2);
      // The running simulator serves CloudWatch data from the model, not an empty source.
      expect(sim.context.metrics.list('us-east-1', sim.context.clock.nowSeconds() - 3600).length).toBeGreaterThan(0);
    } finally {
      await sim.close();
    }
    await expect(fetch(`${sim.url}/_sim/health`)).rejects.toThrow();
  });

  it('closing cuts injected latency short', async () => {
    const sim = await startSimulator({ port: 0, logger: false, handleSignals: false });
    sim.faults.set({ ListVoiceConnectors: { latencyMs: 60_000 } });
    const pending = fetch(`${sim.url}/voice-connectors`, { headers: { authorization: authorization('chime') } });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await sim.close();
    expect(Date.now() - started).toBeLessThan(2000);
    expect((await pending).status).toBe(200);
  });
});
