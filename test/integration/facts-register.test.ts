import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * docs/aws-facts.md is the register of every AWS fact the code relies on. Code says `fact: <id>` where it encodes one,
 * tests name the id they check. This keeps the three together: an id named anywhere exists in the register, and
 * every fact of the register is checked by at least one test.
 */

const root = path.resolve(__dirname, '../..');
const REGISTER = 'docs/aws-facts.md';
const SCANNED = ['src', 'proxy', 'simulator', 'dashboards/src', 'test', 'scripts'];
const ID = '[a-z0-9]+(?:-[a-z0-9]+)+';
const MENTION = new RegExp(`\\bfacts?(?: register)?[:\\s]+(${ID}(?:\\s*(?:,|and)\\s*${ID})*)`, 'g');

function files(dir: string): string[] {
  const full = path.join(root, dir);
  return readdirSync(full).flatMap((name) => {
    const p = path.join(full, name);
    if (name === 'node_modules' || name === 'dist') {
      return [];
    }
    return statSync(p).isDirectory()
      ? files(path.join(dir, name))
      : /\.(tsx?|mjs)$/.test(name)
        ? [path.join(dir, name)]
        : [];
  });
}

/** The fact ids a text names ("fact: a", "fact a", "facts register: a, b"). */
export function mentionedFacts(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(MENTION)) {
    out.push(...m[1].split(/\s*(?:,|and)\s*/));
  }
  return out;
}

const registered = [
  ...readFileSync(path.join(root, REGISTER), 'utf8').matchAll(new RegExp(`^## \`(${ID})\``, 'gm')),
].map((m) => m[1]);
const mentions = SCANNED.flatMap(files).map((file) => ({
  file,
  test: /\.test\.tsx?$/.test(file),
  ids: mentionedFacts(readFileSync(path.join(root, file), 'utf8')),
}));

describe('the AWS facts register', () => {
  it('reads mentions the way the code writes them', () => {
    expect(mentionedFacts('// fact: quota-scales')).toEqual(['quota-scales']);
    expect(mentionedFacts("describe('fact quota-derivation: ...'")).toEqual(['quota-derivation']);
    expect(mentionedFacts('(facts register: quota-scales, quota-derivation)')).toEqual([
      'quota-scales',
      'quota-derivation',
    ]);
    expect(mentionedFacts('in fact the thing')).toEqual([]);
  });

  it('has facts, each heading once', () => {
    expect(registered.length).toBeGreaterThan(15);
    expect(new Set(registered).size).toBe(registered.length);
  });

  it('knows every fact the code and the tests name', () => {
    const unknown = mentions.flatMap((m) =>
      m.ids.filter((id) => !registered.includes(id)).map((id) => `${m.file}: ${id}`)
    );
    expect(unknown).toEqual([]);
  });

  it('has every fact checked by at least one test', () => {
    const tested = new Set(mentions.filter((m) => m.test).flatMap((m) => m.ids));
    expect(registered.filter((id) => !tested.has(id))).toEqual([]);
  });
});
