import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * The shell commands of the project's Markdown docs, and the paths they name: what a newcomer pastes into a terminal
 * or looks for in the repository. Used by test/integration/docs-commands.test.ts.
 */

export const root = path.resolve(__dirname, '../..');

/** Every Markdown file a reader meets: the README, docs/, and the READMEs next to the code. */
export function markdownFiles(): string[] {
  const files = ['README.md', 'CHANGELOG.md'];
  files.push(
    ...readdirSync(path.join(root, 'docs'))
      .filter((f) => f.endsWith('.md'))
      .map((f) => `docs/${f}`)
  );
  const walk = (dir: string) => {
    for (const name of readdirSync(path.join(root, dir))) {
      const rel = `${dir}/${name}`;
      // Installed packages (test/browser/hosts/*/node_modules) are other projects' documents.
      if (name === 'node_modules' || name.startsWith('.')) {
        continue;
      }
      if (statSync(path.join(root, rel)).isDirectory()) {
        walk(rel);
      } else if (name === 'README.md') {
        files.push(rel);
      }
    }
  };
  for (const dir of ['src', 'proxy', 'simulator', 'provisioning', 'test', 'scripts']) {
    walk(dir);
  }
  return files.filter((f) => existsSync(path.join(root, f)));
}

/** The programs a documented command line may start with. */
const PROGRAMS = new Set([
  'npm',
  'npx',
  'node',
  'bash',
  'docker',
  'curl',
  'aws',
  'cat',
  'cd',
  'promtool',
  'python3',
  'sudo',
  'git',
  'openssl',
  'systemctl',
]);

export interface DocCommand {
  file: string;
  /** 1-based line in the file. */
  line: number;
  text: string;
  /** The command without leading VAR=value assignments and without its comment. */
  words: string[];
  /** The folder a `cd` earlier in the same block moved to (relative to the repository). */
  cwd: string;
  /** The whole code block the line belongs to, for a syntax check. */
  block: string;
}

/** Splits a line into words as a shell would, roughly: quotes kept together, the comment dropped. */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let quote: string | undefined;
  let started = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) {
        quote = undefined;
      } else {
        word += c;
      }
    } else if (c === "'" || c === '"') {
      quote = c;
      started = true;
    } else if (c === '#' && !started && (i === 0 || /\s/.test(line[i - 1]))) {
      break;
    } else if (/\s/.test(c)) {
      if (started) {
        words.push(word);
      }
      word = '';
      started = false;
    } else {
      word += c;
      started = true;
    }
  }
  if (started) {
    words.push(word);
  }
  return words;
}

/** The line with quoted parts and the comment removed: what a shell reads as syntax. */
export function unquoted(line: string): string {
  let out = '';
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      quote = c === quote ? undefined : quote;
    } else if (c === "'" || c === '"') {
      quote = c;
    } else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]))) {
      break;
    } else {
      out += c;
    }
  }
  return out;
}

/** Every command line in the untyped and shell code blocks of the Markdown files (heredoc bodies skipped). */
export function docCommands(files = markdownFiles()): DocCommand[] {
  const found: DocCommand[] = [];
  for (const file of files) {
    const lines = readFileSync(path.join(root, file), 'utf8').split('\n');
    let inBlock = false;
    let shell = false;
    let heredoc: string | undefined;
    let cwd = '';
    let start = 0;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      const fence = /^\s*```(\S*)/.exec(line);
      if (fence) {
        inBlock = !inBlock;
        shell = inBlock && ['', 'bash', 'sh', 'shell', 'console'].includes(fence[1]);
        cwd = '';
        heredoc = undefined;
        start = i;
        continue;
      }
      if (!inBlock || !shell) {
        continue;
      }
      if (heredoc) {
        heredoc = line.trim() === heredoc ? undefined : heredoc;
        continue;
      }
      const words = shellWords(line.trim());
      while (words.length > 0 && /^[A-Z_][A-Z0-9_]*=/.test(words[0])) {
        words.shift();
      }
      if (words.length === 0 || !PROGRAMS.has(words[0])) {
        continue;
      }
      let end = start + 1;
      while (end < lines.length && !/^\s*```/.test(lines[end])) {
        end++;
      }
      found.push({
        file,
        line: i + 1,
        text: line.trim(),
        words,
        cwd,
        block: lines.slice(start + 1, end).join('\n'),
      });
      const tag = /<<-?'?"?(\w+)'?"?/.exec(unquoted(line));
      if (tag) {
        heredoc = tag[1];
      }
      if (words[0] === 'cd' && words[1]) {
        cwd = path.posix.join(cwd, words[1]);
      }
    }
  }
  return found;
}
