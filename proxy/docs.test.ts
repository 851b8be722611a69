import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

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
    return name.endsWith('.ts') && !name.endsWith('.test.ts') && name !== 'testSupport.ts' ? [file] : [];
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

describe('docs/proxy.md', () => {
  it('documents every environment variable the configuration reads', () => {
    const config = read('proxy/config.ts');
    const names = new Set([...config.matchAll(/(?:raw\(env, |integer\()'([A-Z_]+)'/g)].map((m) => m[1]));
    names.add('PROXY_TOKEN');
    expect(names.size).toBeGreaterThanOrEqual(13);
    const doc = read('docs/proxy.md');
    for (const name of names) {
      expect({ name, documented: new RegExp(`^\\| +\`${name}\` +\\|`, 'm').test(doc) }).toEqual({
        name,
        documented: true,
      });
    }
  });

  it('lists exactly the IAM actions the code calls, and the policy grants them', () => {
    const called = calledActions();
    expect(called).toEqual(expect.arrayContaining(['connect:ListInstances', 'cloudwatch:ListMetrics']));
    const table = read('docs/proxy.md').split('## IAM permissions')[1];
    const documented = [...table.matchAll(/^\| +`([a-z]+:[A-Za-z]+)` +\|/gm)].map((m) => m[1]);
    expect(documented.filter((a) => a !== 'sts:AssumeRole').sort()).toEqual(called);
    const policy = JSON.parse(read('docs/iam-policy.json')) as { Statement: Array<{ Action: string[] }> };
    expect(policy.Statement.flatMap((s) => s.Action).sort()).toEqual(called);
  });
});
