/**
 * Metric math syntax (CloudWatch User Guide, "Metric math syntax and functions"): numbers, query ids, strings,
 * arithmetic, comparison and logical operators, function calls and arrays of time series. This module parses and
 * orders expressions; expressionTypes.ts checks functions and argument types, evaluate.ts computes.
 *
 * Grammar (usual precedence; ^ binds tighter than unary minus and is right-associative, so -m1^2 = -(m1^2)):
 *   expr    := or
 *   or      := and (('OR' | '||') and)*
 *   and     := compare (('AND' | '&&') compare)*
 *   compare := sum (('==' | '!=' | '<' | '<=' | '>' | '>=') sum)?
 *   sum     := product (('+' | '-') product)*
 *   product := unary (('*' | '/') unary)*
 *   unary   := '-' unary | '+' unary | power
 *   power   := primary ('^' unary)?
 *   primary := number | string | id | KEYWORD | NAME '(' [expr (',' expr)*] ')' | '(' expr ')'
 *            | '[' expr (',' expr)* ']'
 * Ids start with a lowercase letter (CloudWatch's rule for Id), functions and keywords (REPEAT, LINEAR) are
 * upper case, so a word's case says what it is.
 */

export type ArithmeticOperator = '+' | '-' | '*' | '/' | '^';
export type ComparisonOperator = '==' | '!=' | '<' | '<=' | '>' | '>=';
export type LogicalOperator = 'AND' | 'OR';
export type BinaryOperator = ArithmeticOperator | ComparisonOperator | LogicalOperator;

export type ExprNode =
  | { kind: 'number'; value: number }
  | { kind: 'string'; value: string }
  | { kind: 'ref'; id: string }
  | { kind: 'keyword'; name: string }
  | { kind: 'neg'; operand: ExprNode }
  | { kind: 'binary'; op: BinaryOperator; left: ExprNode; right: ExprNode }
  | { kind: 'call'; name: string; args: ExprNode[] }
  | { kind: 'array'; items: ExprNode[] };

/** A problem with one expression; the caller says which query it belongs to. */
export class ExpressionError extends Error {}

// ---------------------------------------------------------------------------------------------------- tokenizer

type Punctuation = '(' | ')' | ',' | '[' | ']';
type Token =
  | { type: 'number'; value: number; pos: number }
  | { type: 'ident'; value: string; pos: number }
  | { type: 'op'; value: ArithmeticOperator | ComparisonOperator | '&&' | '||' | Punctuation; pos: number }
  | { type: 'string'; value: string; pos: number };

const NUMBER = /(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y;
const IDENT = /[A-Za-z_][A-Za-z0-9_]*/y;
// Longest first, so that <= is not read as < then =.
const OPERATORS = ['==', '!=', '<=', '>=', '&&', '||', '<', '>', '+', '-', '*', '/', '^', '(', ')', ',', '[', ']'];
// The quotes CloudWatch's own documentation uses, typographic ones included (METRICS(“4xx”)).
const CLOSING_QUOTE: Record<string, string> = { "'": "'", '"': '"', '“': '”', '‘': '’' };

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  while (pos < text.length) {
    const c = text[pos];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      pos++;
      continue;
    }
    const op = OPERATORS.find((o) => text.startsWith(o, pos));
    if (op) {
      tokens.push({ type: 'op', value: op as Extract<Token, { type: 'op' }>['value'], pos });
      pos += op.length;
      continue;
    }
    const close = CLOSING_QUOTE[c];
    if (close) {
      const end = text.indexOf(close, pos + 1);
      if (end < 0) {
        throw new ExpressionError(`unterminated string starting at position ${pos + 1}`);
      }
      tokens.push({ type: 'string', value: text.slice(pos + 1, end), pos });
      pos = end + 1;
      continue;
    }
    NUMBER.lastIndex = pos;
    const num = NUMBER.exec(text);
    if (num) {
      tokens.push({ type: 'number', value: Number(num[0]), pos });
      pos += num[0].length;
      continue;
    }
    IDENT.lastIndex = pos;
    const ident = IDENT.exec(text);
    if (ident) {
      tokens.push({ type: 'ident', value: ident[0], pos });
      pos += ident[0].length;
      continue;
    }
    throw new ExpressionError(`unexpected character '${c}' at position ${pos + 1}`);
  }
  return tokens;
}

// ---------------------------------------------------------------------------------------------------- parser

const describe = (t: Token | undefined): string =>
  t === undefined
    ? 'the end of the expression'
    : `'${t.type === 'string' ? `'${t.value}'` : t.value}' at position ${t.pos + 1}`;

const COMPARISONS: readonly string[] = ['==', '!=', '<', '<=', '>', '>='];

class Parser {
  private i = 0;

  constructor(private readonly tokens: Token[]) {}

  parse(): ExprNode {
    if (this.tokens.length === 0) {
      throw new ExpressionError('the expression is empty');
    }
    const node = this.or();
    if (this.i < this.tokens.length) {
      throw new ExpressionError(`unexpected ${describe(this.tokens[this.i])}`);
    }
    return node;
  }

  private peekOp(...ops: readonly string[]): string | undefined {
    const t = this.tokens[this.i];
    return t && t.type === 'op' && ops.includes(t.value) ? t.value : undefined;
  }

  private peekWord(...words: string[]): string | undefined {
    const t = this.tokens[this.i];
    return t && t.type === 'ident' && words.includes(t.value) ? t.value : undefined;
  }

  private expect(op: Punctuation, opener: Token): void {
    const t = this.tokens[this.i];
    if (!t || t.type !== 'op' || t.value !== op) {
      throw new ExpressionError(
        `missing '${op}' for the '${opener.value}' at position ${opener.pos + 1} (found ${describe(t)})`
      );
    }
    this.i++;
  }

  private or(): ExprNode {
    let left = this.and();
    while (this.peekOp('||') || this.peekWord('OR')) {
      this.i++;
      left = { kind: 'binary', op: 'OR', left, right: this.and() };
    }
    return left;
  }

  private and(): ExprNode {
    let left = this.compare();
    while (this.peekOp('&&') || this.peekWord('AND')) {
      this.i++;
      left = { kind: 'binary', op: 'AND', left, right: this.compare() };
    }
    return left;
  }

  private compare(): ExprNode {
    const left = this.sum();
    const op = this.peekOp(...COMPARISONS);
    if (!op) {
      return left;
    }
    this.i++;
    return { kind: 'binary', op: op as ComparisonOperator, left, right: this.sum() };
  }

  private sum(): ExprNode {
    let left = this.product();
    let op: string | undefined;
    while ((op = this.peekOp('+', '-'))) {
      this.i++;
      left = { kind: 'binary', op: op as ArithmeticOperator, left, right: this.product() };
    }
    return left;
  }

  private product(): ExprNode {
    let left = this.unary();
    let op: string | undefined;
    while ((op = this.peekOp('*', '/'))) {
      this.i++;
      left = { kind: 'binary', op: op as ArithmeticOperator, left, right: this.unary() };
    }
    return left;
  }

  private unary(): ExprNode {
    const op = this.peekOp('-', '+');
    if (op) {
      this.i++;
      const operand = this.unary();
      return op === '-' ? { kind: 'neg', operand } : operand;
    }
    return this.power();
  }

  private power(): ExprNode {
    const base = this.primary();
    if (this.peekOp('^')) {
      this.i++;
      // The exponent may itself carry a sign (2^-1) and is right-associative (2^3^2 = 2^9).
      return { kind: 'binary', op: '^', left: base, right: this.unary() };
    }
    return base;
  }

  /** expr (',' expr)* up to the closing punctuation (already known not to be next when `allowEmpty` is false). */
  private list(close: ')' | ']', opener: Token, allowEmpty: boolean): ExprNode[] {
    const items: ExprNode[] = [];
    if (allowEmpty && this.peekOp(close)) {
      this.i++;
      return items;
    }
    for (;;) {
      items.push(this.or());
      if (this.peekOp(',')) {
        this.i++;
        continue;
      }
      this.expect(close, opener);
      return items;
    }
  }

  private primary(): ExprNode {
    const t = this.tokens[this.i];
    if (t === undefined) {
      throw new ExpressionError('the expression ends where an operand was expected');
    }
    switch (t.type) {
      case 'number':
        this.i++;
        return { kind: 'number', value: t.value };
      case 'string':
        this.i++;
        return { kind: 'string', value: t.value };
      case 'ident': {
        this.i++;
        const next = this.tokens[this.i];
        if (next && next.type === 'op' && next.value === '(') {
          this.i++;
          return { kind: 'call', name: t.value, args: this.list(')', next, true) };
        }
        if (t.value === 'AND' || t.value === 'OR') {
          throw new ExpressionError(`unexpected ${describe(t)}`);
        }
        return /^[a-z]/.test(t.value) ? { kind: 'ref', id: t.value } : { kind: 'keyword', name: t.value };
      }
      case 'op':
        if (t.value === '(') {
          this.i++;
          const inner = this.or();
          this.expect(')', t);
          return inner;
        }
        if (t.value === '[') {
          this.i++;
          if (this.peekOp(']')) {
            throw new ExpressionError(`an array needs at least one time series (position ${t.pos + 1})`);
          }
          return { kind: 'array', items: this.list(']', t, false) };
        }
        throw new ExpressionError(`unexpected ${describe(t)}`);
    }
  }
}

/** Parses an expression; ExpressionError says what is wrong (the caller adds which query). */
export function parseExpression(text: string): ExprNode {
  // Metrics Insights (one query per call in CloudWatch) is SQL, not math: say so rather than "unexpected FROM".
  if (/^\s*SELECT\b/i.test(text)) {
    throw new ExpressionError('Metrics Insights queries (SELECT ...) are not supported by the simulator');
  }
  return new Parser(tokenize(text)).parse();
}

/** Calls every node of the tree, parents before children. */
export function walk(node: ExprNode, visit: (n: ExprNode) => void): void {
  visit(node);
  switch (node.kind) {
    case 'neg':
      walk(node.operand, visit);
      break;
    case 'binary':
      walk(node.left, visit);
      walk(node.right, visit);
      break;
    case 'call':
      node.args.forEach((a) => walk(a, visit));
      break;
    case 'array':
      node.items.forEach((a) => walk(a, visit));
      break;
    default:
      break;
  }
}

/** The query ids an expression references, each once, in order of appearance (METRICS() is not a reference). */
export function referencedIds(node: ExprNode): string[] {
  const out = new Set<string>();
  walk(node, (n) => {
    if (n.kind === 'ref') {
      out.add(n.id);
    }
  });
  return [...out];
}

// ---------------------------------------------------------------------------------------------------- references

export interface ExpressionRefs {
  id: string;
  refs: string[];
}

export type ReferenceProblem =
  { id: string; kind: 'unknown'; ref: string } | { id: string; kind: 'cycle'; path: string[] };

/**
 * An evaluation order for the expressions (each after the expressions it references), or the first problem:
 * a reference to an id that is not a query of the request, or a cycle (including an expression referencing itself).
 */
export function orderExpressions(
  expressions: readonly ExpressionRefs[],
  isMetricId: (id: string) => boolean
): { order: string[] } | { problem: ReferenceProblem } {
  const byId = new Map(expressions.map((e) => [e.id, e]));
  for (const e of expressions) {
    for (const ref of e.refs) {
      if (!byId.has(ref) && !isMetricId(ref)) {
        return { problem: { id: e.id, kind: 'unknown', ref } };
      }
    }
  }
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (id: string): string[] | undefined => {
    const s = state.get(id);
    if (s === 'done') {
      return undefined;
    }
    if (s === 'visiting') {
      return [...stack.slice(stack.indexOf(id)), id];
    }
    state.set(id, 'visiting');
    stack.push(id);
    for (const ref of byId.get(id)!.refs) {
      if (byId.has(ref)) {
        const cycle = visit(ref);
        if (cycle) {
          return cycle;
        }
      }
    }
    stack.pop();
    state.set(id, 'done');
    order.push(id);
    return undefined;
  };
  for (const e of expressions) {
    const cycle = visit(e.id);
    if (cycle) {
      return { problem: { id: cycle[0], kind: 'cycle', path: cycle } };
    }
  }
  return { order };
}
