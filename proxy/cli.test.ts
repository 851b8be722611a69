import { readFileSync } from 'node:fs';
import path from 'node:path';
import { USAGE } from './cli';

/** `npm run proxy -- --help` stays in step with the settings table of docs/proxy.md (names and defaults). */
describe('proxy --help', () => {
  const doc = readFileSync(path.join(__dirname, '..', 'docs/proxy.md'), 'utf8');
  const rows = [...doc.matchAll(/^\| `([A-Z_]+)` \| ([^|]+) \|/gm)].map((m) => ({ name: m[1], fallback: m[2].trim() }));

  it('names every setting docs/proxy.md documents, with the same default', () => {
    expect(rows.length).toBeGreaterThanOrEqual(27);
    for (const { name, fallback } of rows) {
      expect({ name, named: new RegExp(`\\b${name} \\(`).test(USAGE) }).toEqual({ name, named: true });
      // a plain default such as `10000` is the one --help shows
      const plain = /^`([^`]+)`$/.exec(fallback)?.[1];
      if (plain) {
        expect({ name, help: USAGE.includes(`${name} (${plain}`) }).toEqual({ name, help: true });
      }
    }
  });

  it('shows a usage line that runs as pasted into a shell (no <placeholders> for the shell to read as redirections)', () => {
    const usage = USAGE.split('\n').find((l) => l.startsWith('Usage: '))!;
    expect(usage).not.toMatch(/[<>]/);
  });
});
