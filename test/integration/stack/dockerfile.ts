import { statSync } from 'node:fs';
import path from 'node:path';
import { read, root } from './repo';

/**
 * The Dockerfile read as BuildKit would: global ARGs (before the first FROM) substituted into FROM, stages by name,
 * each stage's working directory, RUN commands (inherited from a parent stage) and COPY instructions with their
 * destinations made absolute. Enough to answer "where does this file of the image come from?".
 */

export interface Copy {
  from?: string;
  sources: string[];
  /** Absolute. */
  dest: string;
  /** The destination was written as a folder (`./`, `/x/`): a file copied there keeps its name. */
  destIsFolder: boolean;
}
export interface Stage {
  name?: string;
  /** The image or earlier stage it is built FROM (ARGs substituted). */
  base: string;
  workdir: string;
  /** RUN commands of this stage and of the stages it builds on, in order. */
  runs: string[];
  copies: Copy[];
  user?: string;
}
export interface Dockerfile {
  args: Record<string, string>;
  stages: Stage[];
}

export function parseDockerfile(text: string): Dockerfile {
  const lines = text
    .split('\n')
    .filter((l) => !l.trim().startsWith('#'))
    .join('\n')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const args: Record<string, string> = {};
  const stages: Stage[] = [];
  for (const line of lines) {
    const [instruction, ...words] = line.split(/\s+/);
    const stage = stages[stages.length - 1];
    switch (instruction.toUpperCase()) {
      case 'ARG':
        if (!stage) {
          const [name, value = ''] = words[0].split('=');
          args[name] = value;
        }
        break;
      case 'FROM': {
        const asAt = words.findIndex((w) => w.toUpperCase() === 'AS');
        const base = words
          .filter((w) => !w.startsWith('--'))[0]
          .replace(/\$\{(\w+)\}|\$(\w+)/g, (_m, a?: string, b?: string) => {
            const name = (a ?? b) as string;
            if (!(name in args)) {
              throw new Error(`Dockerfile: FROM uses ${name}, which no ARG before the first FROM declares`);
            }
            return args[name];
          });
        const parent = stages.find((s) => s.name === base);
        stages.push({
          name: asAt >= 0 ? words[asAt + 1] : undefined,
          base,
          workdir: parent?.workdir ?? '/',
          runs: [...(parent?.runs ?? [])],
          copies: [],
          user: parent?.user,
        });
        break;
      }
      case 'WORKDIR':
        stage.workdir = path.posix.resolve(stage.workdir, words[0]);
        break;
      case 'RUN':
        stage.runs.push(words.join(' '));
        break;
      case 'USER':
        stage.user = words[0];
        break;
      case 'COPY': {
        const flags = words.filter((w) => w.startsWith('--'));
        const paths = words.filter((w) => !w.startsWith('--'));
        const dest = paths[paths.length - 1];
        stage.copies.push({
          from: flags.find((f) => f.startsWith('--from='))?.slice('--from='.length),
          sources: paths.slice(0, -1),
          dest: path.posix.resolve(stage.workdir, dest),
          destIsFolder: dest.endsWith('/') || dest === '.',
        });
        break;
      }
    }
  }
  return { args, stages };
}

export const dockerfile = parseDockerfile(read('Dockerfile'));

export function stage(name: string): Stage {
  const s = dockerfile.stages.find((st) => st.name === name);
  if (!s) {
    throw new Error(`Dockerfile has no stage "${name}"`);
  }
  return s;
}

/** The first image of a stage's ancestry that is not another stage: what it is really built on. */
export function baseImage(s: Stage): string {
  const parent = dockerfile.stages.find((st) => st.name === s.base);
  return parent ? baseImage(parent) : s.base;
}

export type Origin = { repo: string } | { built: { stage: string; path: string } };

/**
 * Where a path of a stage's filesystem comes from: `{ repo }` for a file of the build context, `{ built }` for one
 * another stage made (its path there), or undefined when no COPY put it there. The deepest COPY destination wins,
 * as the later, more specific COPY overwrites.
 */
export function originOf(s: Stage, containerPath: string): Origin | undefined {
  const placed = s.copies.flatMap((c) =>
    c.sources.map((source) => {
      // A file of the context copied into a folder lands under its own name; a folder's contents land in dest.
      const isFile = !c.from && statSync(path.join(root, source), { throwIfNoEntry: false })?.isFile() === true;
      const at = isFile && c.destIsFolder ? path.posix.join(c.dest, path.posix.basename(source)) : c.dest;
      return { from: c.from, source, at };
    })
  );
  const copy = placed
    .filter((p) => containerPath === p.at || containerPath.startsWith(`${p.at.replace(/\/$/, '')}/`))
    .sort((a, b) => b.at.length - a.at.length)[0];
  if (!copy) {
    return undefined;
  }
  const source = path.posix.join(copy.source, path.posix.relative(copy.at, containerPath));
  return copy.from ? { built: { stage: copy.from, path: source } } : { repo: path.posix.normalize(source) };
}
