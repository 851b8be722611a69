import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Value } from '@sinclair/typebox/value';
import { parse as parseYaml } from 'yaml';
import { ScenarioSchema, type Scenario } from './schema';

export const DEFAULT_SCENARIO_PATH = path.join(__dirname, 'default.yaml');

export class ScenarioError extends Error {}

/** Validates a parsed scenario; the error lists every problem with its path. */
export function parseScenario(data: unknown, source = 'scenario'): Scenario {
  if (!Value.Check(ScenarioSchema, data)) {
    const problems = [...Value.Errors(ScenarioSchema, data)]
      .slice(0, 20)
      .map((e) => `  ${e.path || '/'}: ${e.message}`)
      .join('\n');
    throw new ScenarioError(`${source} is not a valid scenario:\n${problems}`);
  }
  return data;
}

/** Loads a scenario from a YAML or JSON file. */
export function loadScenario(file: string = DEFAULT_SCENARIO_PATH): Scenario {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ScenarioError(`cannot read scenario ${file}: ${(err as Error).message}`);
  }
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (err) {
    throw new ScenarioError(`${file} is neither YAML nor JSON: ${(err as Error).message}`);
  }
  return parseScenario(data, file);
}
