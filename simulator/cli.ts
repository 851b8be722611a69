import { parseArgs } from 'node:util';
import { loadScenario, ScenarioError } from './scenario/load';
import { resolveWorld } from './scenario/world';
import { DEFAULT_HOST, DEFAULT_PORT, startSimulator } from './server';

/**
 * npm run sim -- --port 4599 [--host 127.0.0.1] [--seed N] [--scenario FILE]
 * Bad arguments and invalid scenarios print one paragraph and exit 2; they never print a stack trace.
 */

const USAGE = `Switchboard simulator: Amazon Connect, CloudWatch, Chime SDK Voice and Voice ID on one port.

Usage: npm run sim -- [--port ${DEFAULT_PORT}] [--host ${DEFAULT_HOST}] [--seed N] [--scenario FILE]

  --port N         port to listen on (default ${DEFAULT_PORT}; 0 picks a free one)
  --host ADDR      address to bind (default ${DEFAULT_HOST}; 0.0.0.0 in a container)
  --seed N         integer seed for the model and fault decisions (default: the scenario's)
  --scenario FILE  YAML or JSON scenario (default: simulator/scenario/default.yaml)
  --log-requests   log every request and response
  -h, --help       this text

Point AWS SDK clients at it with endpoint: 'http://127.0.0.1:${DEFAULT_PORT}' (any credentials);
the admin API is under /_sim/ (health, stats, clock, faults, quotas, scenario).
`;

export const EXIT_USAGE = 2;

export class UsageError extends Error {}

export interface CliOptions {
  help: boolean;
  port: number;
  host: string;
  seed?: number;
  scenarioFile?: string;
  logRequests: boolean;
}

function integer(name: string, raw: string, min: number, max: number): number {
  const n = /^-?\d+$/.test(raw.trim()) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError(`--${name} must be an integer between ${min} and ${max}, got ${JSON.stringify(raw)}.`);
  }
  return n;
}

export function parseCli(argv: string[]): CliOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        seed: { type: 'string' },
        scenario: { type: 'string' },
        'log-requests': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    // parseArgs' messages name the option; drop its advice about positionals, which does not apply here.
    const message = (err as Error).message
      .split('. To specify')[0]
      .replace(/\s*\n\s*/g, ' ')
      .replace(/\.$/, '');
    throw new UsageError(`${message}.`);
  }
  if (values.host !== undefined && values.host.trim() === '') {
    throw new UsageError('--host must not be empty.');
  }
  if (values.scenario !== undefined && values.scenario.trim() === '') {
    throw new UsageError('--scenario needs a file name.');
  }
  return {
    help: values.help ?? false,
    port: values.port === undefined ? DEFAULT_PORT : integer('port', values.port, 0, 65535),
    host: values.host ?? DEFAULT_HOST,
    seed: values.seed === undefined ? undefined : integer('seed', values.seed, -(2 ** 31), 2 ** 32 - 1),
    scenarioFile: values.scenario,
    logRequests: values['log-requests'] ?? false,
  };
}

function fail(message: string, code: number): never {
  process.stderr.write(`simulator: ${message}\n`);
  process.exit(code);
}

export async function main(argv: string[]): Promise<void> {
  let options: CliOptions;
  try {
    options = parseCli(argv);
  } catch (err) {
    fail(`${(err as Error).message} Run with --help for usage.`, EXIT_USAGE);
  }
  if (options.help) {
    process.stdout.write(USAGE);
    return;
  }
  let scenario;
  try {
    scenario = loadScenario(options.scenarioFile);
    // Resolving catches what the schema cannot (a routing profile naming a queue that does not exist).
    resolveWorld(scenario, options.seed);
  } catch (err) {
    const message =
      err instanceof ScenarioError
        ? err.message
        : `${options.scenarioFile ?? 'the default scenario'} is not a valid scenario: ${(err as Error).message}`;
    fail(message, EXIT_USAGE);
  }
  try {
    await startSimulator({
      scenario,
      seed: options.seed,
      port: options.port,
      host: options.host,
      logRequests: options.logRequests,
    });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'EADDRINUSE') {
      fail(`port ${options.port} on ${options.host} is already in use; pick another with --port.`, 1);
    }
    if (e.code === 'EACCES' || e.code === 'EADDRNOTAVAIL' || e.code === 'ENOTFOUND') {
      fail(`cannot listen on ${options.host}:${options.port} (${e.code}): ${e.message}.`, 1);
    }
    fail(`failed to start: ${e.message}`, 1);
  }
}

if (require.main === module) {
  void main(process.argv.slice(2));
}
