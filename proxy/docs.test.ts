import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from './config';
import { ProxyEnv } from './envSchema';

/**
 * docs/proxy.md and docs/iam-policy.json must stay true to the code: every setting config.ts reads is documented,
 * and the IAM actions listed are exactly the AWS operations the proxy's code calls (every call names its service and
 * operation for callAws).
 */

const root = path.join(__dirname, '..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) {
      return sources(file);
    }
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [file] : [];
  });
}

/** "connect:ListQueues" for every `service: 'connect', operation: 'ListQueues'` in the proxy's code. */
function calledActions(): string[] {
  const actions = new Set<string>();
  for (const file of sources(path.join(root, 'proxy'))) {
    for (const m of readFileSync(file, 'utf8').matchAll(/service: '(\w+)'(?: as const)?,\s*operation: '(\w+)'/g)) {
      actions.add(`${m[1]}:${m[2]}`);
    }
  }
  return [...actions].sort();
}

/** The IAM prefix of each AWS SDK client package the proxy may import. */
const IAM_PREFIX: Record<string, string> = {
  'client-connect': 'connect',
  'client-cloudwatch': 'cloudwatch',
  'client-chime-sdk-voice': 'chime',
  'client-voice-id': 'voiceid',
  'client-sts': 'sts',
};

/**
 * The AWS operations the proxy's code can reach, from what it imports of the SDK: `XCommand` and `paginateX` of a
 * client package are operation X; `fromTemporaryCredentials` is sts:AssumeRole. Anything else that could call AWS
 * (an aggregated client such as `Connect`, whose methods can be picked by name, a namespace import, a require) is
 * reported as a problem, so the list below cannot be bypassed.
 */
function importedActions(): { actions: string[]; problems: string[] } {
  const actions = new Set<string>();
  const problems: string[] = [];
  for (const file of sources(path.join(root, 'proxy'))) {
    const text = readFileSync(file, 'utf8');
    const where = path.relative(root, file);
    for (const m of text.matchAll(
      /(?:require\(|import\(|import \* as \w+ from |export [^;]* from )'@aws-sdk\/([\w-]+)'/g
    )) {
      problems.push(`${where}: ${m[0]} (import the clients, commands or paginators by name)`);
    }
    for (const m of text.matchAll(/import (type )?\{([^}]*)\} from '@aws-sdk\/([\w-]+)'/g)) {
      const [, typeOnly, names, pkg] = m;
      if (typeOnly) {
        continue;
      }
      for (const spec of names
        .split(',')
        .map((n) => n.trim())
        .filter(Boolean)) {
        if (spec.startsWith('type ')) {
          continue;
        }
        const name = spec.split(/\s+as\s+/)[0];
        if (pkg === 'credential-providers') {
          if (name === 'fromTemporaryCredentials') {
            actions.add('sts:AssumeRole');
          } else if (name !== 'fromNodeProviderChain') {
            problems.push(`${where}: ${name} from @aws-sdk/credential-providers`);
          }
          continue;
        }
        const prefix = IAM_PREFIX[pkg];
        const operation = /^(\w+)Command$/.exec(name)?.[1] ?? /^paginate(\w+)$/.exec(name)?.[1];
        if (!prefix) {
          problems.push(`${where}: ${name} from @aws-sdk/${pkg}, a package without an IAM prefix in this test`);
        } else if (operation) {
          actions.add(`${prefix}:${operation}`);
        } else if (!/Client$/.test(name)) {
          problems.push(`${where}: ${name} from @aws-sdk/${pkg} is neither a client, a command nor a paginator`);
        }
      }
    }
  }
  return { actions: [...actions].sort(), problems };
}

describe('docs/proxy.md', () => {
  it('documents every environment variable of the configuration schema, and nothing else, with its default', () => {
    const names = Object.keys(ProxyEnv.properties);
    expect(names).toContain('PROXY_TOKEN');
    expect(names.length).toBeGreaterThanOrEqual(27);
    const doc = read('docs/proxy.md');
    const table = new Map(
      [...doc.matchAll(/^\| +`([A-Z][A-Z_]+)` +\| ([^|]*)\|/gm)].map((m) => [m[1], m[2].trim()] as const)
    );
    expect([...table.keys()].sort()).toEqual([...names].sort());
    // A variable with a default documents it first in its default column (`8080`, `cache`, `VOICE,CHAT,TASK,EMAIL`).
    for (const [name, schema] of Object.entries(ProxyEnv.properties)) {
      const fallback = (schema as { default?: unknown }).default;
      if (fallback !== undefined) {
        expect({ name, documented: table.get(name)?.split(' ')[0] }).toEqual({ name, documented: `\`${fallback}\`` });
      }
    }
  });

  it('the configuration reads the environment only through its schema', () => {
    const asked = new Set<string>();
    const env = new Proxy({ PROXY_TOKEN: 'a-proxy-token-of-24-chars' } as NodeJS.ProcessEnv, {
      get: (target, name) => {
        asked.add(String(name));
        return target[String(name)];
      },
    });
    loadConfig(env, []);
    expect([...asked].sort()).toEqual(Object.keys(ProxyEnv.properties).sort());
  });

  it('lists exactly the IAM actions the code calls, and the policy grants them', () => {
    const called = calledActions();
    expect(called).toEqual(expect.arrayContaining(['connect:ListInstances', 'cloudwatch:ListMetrics']));
    const table = read('docs/proxy.md').split('## IAM permissions')[1];
    const documented = [...table.matchAll(/^\| +`([a-z]+:[A-Za-z0-9]+)` +\|/gm)].map((m) => m[1]);
    expect(documented.filter((a) => a !== 'sts:AssumeRole').sort()).toEqual(called);
    const policy = JSON.parse(read('docs/iam-policy.json')) as { Statement: Array<{ Action: string[] }> };
    expect(policy.Statement.flatMap((s) => s.Action).sort()).toEqual(called);
  });

  it('reaches only the read-only operations of the policy, through the commands and paginators it imports', () => {
    const { actions, problems } = importedActions();
    expect(problems).toEqual([]);
    expect(actions).toEqual(expect.arrayContaining(['connect:GetCurrentMetricData', 'sts:AssumeRole']));
    // What the code imports is what it calls through callAws (plus AssumeRole, made by the credentials provider)...
    expect(actions.filter((a) => a !== 'sts:AssumeRole')).toEqual(calledActions());
    // ...is what the policy grants and proxy.md lists, and is read-only.
    const policy = JSON.parse(read('docs/iam-policy.json')) as { Statement: Array<{ Action: string[] }> };
    expect(actions.filter((a) => a !== 'sts:AssumeRole')).toEqual(policy.Statement.flatMap((s) => s.Action).sort());
    const table = read('docs/proxy.md').split('## IAM permissions')[1];
    expect([...table.matchAll(/^\| +`([a-z]+:[A-Za-z0-9]+)` +\|/gm)].map((m) => m[1]).sort()).toEqual(actions);
    expect(actions.filter((a) => !/^\w+:(List|Get|Describe)\w+$/.test(a) && a !== 'sts:AssumeRole')).toEqual([]);
  });
});
