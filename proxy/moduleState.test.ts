import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * No module-level mutable state in proxy/: everything a proxy keeps between requests (caches, union calls, the answer
 * memo, limiters, clients) lives on the ProxyContext that buildProxy creates, so two proxies in one process (tests,
 * benchmarks) never share or fix each other's options. This test reads every module of proxy/ and fails on a
 * top-level `let` or `var`, and on a top-level `const` that holds a container or an object made with `new`.
 */

const root = path.join(__dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) {
      return sources(file);
    }
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [file] : [];
  });
}

/** Classes whose instances hold no state that changes. */
const IMMUTABLE_CLASSES = new Set(['RegExp', 'TextEncoder', 'TextDecoder', 'Intl.NumberFormat', 'Intl.DateTimeFormat']);

/** A type the compiler keeps from being changed: `ReadonlySet<…>`, `ReadonlyMap<…>`, `readonly string[]`, `const`. */
const readonlyType = (type: ts.TypeNode | undefined, source: ts.SourceFile) =>
  type !== undefined && /^(Readonly|readonly |const$)/.test(type.getText(source));

/** What is wrong with a top-level variable's initialiser, if anything. */
function mutableInitialiser(d: ts.VariableDeclaration, source: ts.SourceFile): string | undefined {
  if (!d.initializer || readonlyType(d.type, source)) {
    return undefined;
  }
  let e = d.initializer;
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e)) {
    if (ts.isAsExpression(e) && readonlyType(e.type, source)) {
      return undefined;
    }
    e = e.expression;
  }
  if (ts.isNewExpression(e)) {
    const name = e.expression.getText(source);
    return IMMUTABLE_CLASSES.has(name) ? undefined : `new ${name}(...)`;
  }
  if (ts.isArrayLiteralExpression(e) && e.elements.length === 0) {
    return 'an empty array';
  }
  if (ts.isObjectLiteralExpression(e) && e.properties.length === 0) {
    return 'an empty object';
  }
  return undefined;
}

export function moduleStateFindings(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const findings: string[] = [];
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) {
      continue;
    }
    const list = statement.declarationList;
    const line = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    for (const d of list.declarations) {
      const name = d.name.getText(source);
      if (!(list.flags & ts.NodeFlags.Const)) {
        findings.push(`${file}:${line(d)} ${name}: a module-level let or var`);
        continue;
      }
      const what = mutableInitialiser(d, source);
      if (what) {
        findings.push(`${file}:${line(d)} ${name}: a module-level const holding ${what}`);
      }
    }
  }
  return findings;
}

describe('module-level state in proxy/', () => {
  it('finds none: what lasts between requests lives on the ProxyContext', () => {
    const findings = sources(path.join(root, 'proxy')).flatMap((file) =>
      moduleStateFindings(path.relative(root, file), readFileSync(file, 'utf8'))
    );
    expect(findings).toEqual([]);
  });

  it('would catch the singletons it is there for', () => {
    expect(moduleStateFindings('a.ts', 'const mergers = new WeakMap<object, string>();')).toEqual([
      'a.ts:1 mergers: a module-level const holding new WeakMap(...)',
    ]);
    expect(moduleStateFindings('b.ts', 'let calls = 0;\nexport var seen = 1;')).toEqual([
      'b.ts:1 calls: a module-level let or var',
      'b.ts:2 seen: a module-level let or var',
    ]);
    expect(moduleStateFindings('c.ts', 'const pending = [];\nconst byKey = {};')).toEqual([
      'c.ts:1 pending: a module-level const holding an empty array',
      'c.ts:2 byKey: a module-level const holding an empty object',
    ]);
    // constants, readonly tables and regular expressions are not state; nor is what a function creates
    expect(
      moduleStateFindings(
        'd.ts',
        [
          "const KINDS = ['a', 'b'] as const;",
          'const LIMIT = 5;',
          "const RE = new RegExp('x');",
          "const NAMES: ReadonlySet<string> = new Set(['a']);",
          "const ORDER = new Map([['a', 1]]) as ReadonlyMap<string, number>;",
          'function f() { let x = new Map(); return x; }',
        ].join('\n')
      )
    ).toEqual([]);
  });
});
