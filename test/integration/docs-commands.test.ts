import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { docCommands, markdownFiles, root, unquoted } from '../support/docCommands';

/**
 * The commands and file names of the Markdown docs, as a newcomer meets them: every command line of a shell block
 * parses in bash, has no <placeholder> that bash would read as a redirection, and names npm scripts, files, folders,
 * jest projects and compose services that exist; the cost script of docs/real-aws.md runs; and every path of the
 * repository a doc names exists, and none outside it (`../`).
 */

const commands = docCommands();
const packageJson = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
};
const where = (c: { file: string; line: number }) => `${c.file}:${c.line}`;

/** Every file of the repository under `dir` (no node_modules, dist or build output). */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const name of readdirSync(path.join(root, rel))) {
      const child = rel ? `${rel}/${name}` : name;
      if (['node_modules', 'dist', '.git', '.build'].includes(name)) {
        continue;
      }
      if (statSync(path.join(root, child)).isDirectory()) {
        walk(child);
      } else {
        out.push(child);
      }
    }
  };
  walk(dir);
  return out;
}

describe('commands in the docs', () => {
  it('are found in the README and docs/ (the parser works)', () => {
    expect(commands.length).toBeGreaterThan(40);
    expect(commands.map((c) => c.words.slice(0, 2).join(' '))).toEqual(
      expect.arrayContaining(['npm test', 'docker compose', 'npm run', 'npx jest', 'curl -s'])
    );
  });

  it('parse in bash, block by block (bash -n)', () => {
    const blocks = new Map(commands.map((c) => [c.block, c]));
    const broken = [...blocks].flatMap(([block, c]) => {
      const r = spawnSync('bash', ['-n'], { input: block, encoding: 'utf8' });
      return r.status === 0 ? [] : [`${where(c)}: ${r.stderr.trim()}`];
    });
    expect(broken).toEqual([]);
  });

  it('hold no <placeholder> that bash would read as a redirection when pasted', () => {
    const placeholders = commands.filter((c) => /(^|[^<])<[A-Za-z][^<>]*>/.test(unquoted(c.text)));
    expect(placeholders.map((c) => `${where(c)}: ${c.text}`)).toEqual([]);
  });

  it('run npm scripts that exist', () => {
    const missing = commands
      .filter((c) => c.words[0] === 'npm' && c.words[1] === 'run')
      .filter((c) => !(c.words[2] in packageJson.scripts))
      .map((c) => `${where(c)}: npm run ${c.words[2]}`);
    expect(missing).toEqual([]);
  });

  it('name files and folders that exist (scripts, rule files, policies, cd)', () => {
    const named: Array<{ c: (typeof commands)[number]; file: string }> = [];
    for (const c of commands) {
      const [program, ...args] = c.words;
      const first = args.find((a) => !a.startsWith('-'));
      if (program === 'npx' && args[0] === 'tsx') {
        named.push({ c, file: args[1] });
      } else if (['node', 'bash', 'python3'].includes(program) && first && /\.\w+$/.test(first)) {
        named.push({ c, file: first });
      } else if (program === 'cd' && first && !first.startsWith('/')) {
        named.push({ c, file: first });
      } else if (program === 'promtool') {
        named.push({ c, file: args[args.length - 1] });
      }
      for (const a of args.filter((x) => x.startsWith('file://'))) {
        named.push({ c, file: a.slice('file://'.length) });
      }
    }
    expect(named.length).toBeGreaterThanOrEqual(5);
    const missing = named
      .filter(({ c, file }) => !existsSync(path.join(root, c.words[0] === 'cd' ? '' : c.cwd, file)))
      .map(({ c, file }) => `${where(c)}: ${file}`);
    expect(missing).toEqual([]);
  });

  it('run jest on paths and projects that exist', () => {
    const config = readFileSync(path.join(root, 'jest.config.js'), 'utf8');
    const projects = [...config.matchAll(/displayName: '([\w-]+)'/g)].map((m) => m[1]);
    const files = filesUnder('');
    const problems: string[] = [];
    for (const c of commands.filter((x) => x.words[0] === 'npx' && x.words[1] === 'jest')) {
      const args = c.words.slice(2);
      for (let i = 0; i < args.length; i++) {
        if (args[i] === '--selectProjects') {
          for (const p of args.slice(i + 1).filter((a) => !a.startsWith('-'))) {
            if (!projects.includes(p)) {
              problems.push(`${where(c)}: no jest project ${p}`);
            }
          }
          break;
        }
        if (!args[i].startsWith('-') && !files.some((f) => f.startsWith(args[i]))) {
          problems.push(`${where(c)}: no test file matches ${args[i]}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('name compose services that exist', () => {
    const services = Object.keys(
      (parseYaml(readFileSync(path.join(root, 'docker-compose.yaml'), 'utf8')) as { services: object }).services
    );
    const problems: string[] = [];
    for (const c of commands.filter((x) => x.words[0] === 'docker' && x.words[1] === 'compose')) {
      const args = c.words.slice(2);
      const sub = args.findIndex((a) => ['logs', 'ps', 'exec', 'restart', 'stop', 'start'].includes(a));
      if (sub < 0) {
        continue;
      }
      const service = args.slice(sub + 1).find((a) => !a.startsWith('-'));
      if (service && !services.includes(service)) {
        problems.push(`${where(c)}: no compose service ${service}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('runs the cost measurement of docs/real-aws.md (npx tsx scripts/awsCosts.ts)', () => {
    expect(readFileSync(path.join(root, 'docs/real-aws.md'), 'utf8')).toContain('`npx tsx scripts/awsCosts.ts`');
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/awsCosts.ts'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^\| Switchboard · NOC overview \| 10s \| \d+ \| \d+ \| \$\d+\.\d\d \| \d+ \| \d+ \|$/m);
    expect(r.stdout).toMatch(/^\| exporter \(every 15 s\) \|/m);
  }, 150_000);
});

describe('files named in the docs', () => {
  /** Paths into the repository, as backticked code or link targets: they must exist. */
  const TOP = /^(src|proxy|simulator|test|docs|scripts|provisioning|dashboards|\.ci|\.config)\//;
  /**
   * Named on purpose although absent: Grafana's provisioning folder for apps, which the stack deliberately does not
   * ship (docs/deployment.md says why).
   */
  const ABSENT_ON_PURPOSE = new Set(['provisioning/plugins']);

  it('exist in the repository, and none lies outside it', () => {
    const problems: string[] = [];
    // The facts register names files of other repositories (AWS's documentation) in its sources table.
    for (const file of markdownFiles().filter((f) => f !== 'docs/aws-facts.md')) {
      const text = readFileSync(path.join(root, file), 'utf8');
      for (const m of text.matchAll(/`([^`\s]+)`|\]\(([^)\s]+)\)/g)) {
        const raw = (m[1] ?? m[2]).split('#')[0].replace(/:\d+$/, '');
        // Links, and code that starts with ../, are relative to the doc's folder.
        const relative = m[2] !== undefined || raw.startsWith('../');
        const target = relative ? path.posix.normalize(path.posix.join(path.posix.dirname(file), raw)) : raw;
        if (raw.startsWith('../') && target.startsWith('../')) {
          problems.push(`${file}: ${raw} is outside the repository`);
          continue;
        }
        if (!TOP.test(target) || /[*{}<>|$]/.test(target) || ABSENT_ON_PURPOSE.has(target)) {
          continue;
        }
        if (target.startsWith('../') || !existsSync(path.join(root, target))) {
          problems.push(`${file}: ${raw}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
