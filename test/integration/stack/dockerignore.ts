import { read } from './repo';

/**
 * .dockerignore as BuildKit applies it: Go filepath.Match patterns plus `**`, anchored at the context root, a path
 * excluded when it or a parent folder matches, and later `!` lines re-including what earlier lines excluded.
 */

const lines = read('.dockerignore')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#'));

function toRegExp(pattern: string): RegExp {
  const body = pattern
    .replace(/^\/+|\/+$/g, '')
    .split(/(\*\*\/?|\*|\?)/)
    .map((part) =>
      part === '**/' || part === '**'
        ? '(?:.*/)?'
        : part === '*'
          ? '[^/]*'
          : part === '?'
            ? '[^/]'
            : part.replace(/[.+^${}()|[\]\\]/g, '\\$&')
    )
    .join('');
  return new RegExp(`^${body}$`);
}

const rules = lines.map((line) => {
  const negated = line.startsWith('!');
  return { negated, re: toRegExp(negated ? line.slice(1) : line) };
});

/** Whether a path of the repository (relative, with `/`) stays out of the build context. */
export function ignoredByDocker(file: string): boolean {
  const prefixes = file.split('/').map((_p, i, parts) => parts.slice(0, i + 1).join('/'));
  let ignored = false;
  for (const { negated, re } of rules) {
    if (prefixes.some((p) => re.test(p))) {
      ignored = !negated;
    }
  }
  return ignored;
}
