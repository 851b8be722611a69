import { emptySeries, type Series } from './series';

/**
 * Metric math, the part the simulator speaks: + - * / ^, parentheses, unary minus, numeric constants and query
 * ids. CloudWatch's functions (SUM, FILL, METRICS, ...), SEARCH and Metrics Insights are refused with a message
 * instead of being half-implemented, so a dashboard that needs them fails loudly in demo mode.
 *
 * Grammar (usual precedence; ^ binds tighter than unary minus and is right-associative, so -m1^2 = -(m1^2)):
 *   sum     := product (('+' | '-') product)*
 *   product := unary (('*' | '/') unary)*
 *   unary   := '-' unary | '+' unary | power
 *   power   := primary ('^' unary)?
 *   primary := number | id | '(' sum ')'
 */

export type BinaryOperator = '+' | '-' | '*' | '/' | '^';

export type ExprNode =
  | { kind: 'number'; value: number }
  | { kind: 'ref'; id: string }
  | { kind: 'neg'; operand: ExprNode }
  | { kind: 'binary'; op: BinaryOperator; left: ExprNode; right: ExprNode };

/** A problem with one expression; the caller says which query it belongs to. */
export class ExpressionError extends Error {}

export const ARITHMETIC_ONLY =
  'The simulator supports only arithmetic in metric math: + - * / ^, parentheses, unary minus, numeric constants and query ids.';

// ---------------------------------------------------------------------------------------------------- tokenizer

type Token =
  | { type: 'number'; value: number; pos: number }
  | { type: 'ident'; value: string; pos: number }
  | { type: 'op'; value: BinaryOperator | '(' | ')' | ','; pos: number }
  | { type: 'string'; value: string; pos: number };

const NUMBER = /(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y;
const IDENT = /[A-Za-z_][A-Za-z0-9_]*/y;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  while (pos < text.length) {
    const c = text[pos];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      pos++;
      continue;
    }
    if ('+-*/^(),'.includes(c)) {
      tokens.push({ type: 'op', value: c as BinaryOperator | '(' | ')' | ',', pos });
      pos++;
      continue;
    }
    // Strings only appear as function arguments (SEARCH('{AWS/Connect} ...')); tokenizing them lets the parser
    // name the function instead of stumbling over a quote.
    if (c === "'" || c === '"') {
      const end = text.indexOf(c, pos + 1);
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

class Parser {
  private i = 0;

  constructor(private readonly tokens: Token[]) {}

  parse(): ExprNode {
    if (this.tokens.length === 0) {
      throw new ExpressionError('the expression is empty');
    }
    const node = this.sum();
    if (this.i < this.tokens.length) {
      throw new ExpressionError(`unexpected ${describe(this.tokens[this.i])}`);
    }
    return node;
  }

  private peekOp(...ops: string[]): string | undefined {
    const t = this.tokens[this.i];
    return t && t.type === 'op' && ops.includes(t.value) ? t.value : undefined;
  }

  private sum(): ExprNode {
    let left = this.product();
    let op: string | undefined;
    while ((op = this.peekOp('+', '-'))) {
      this.i++;
      left = { kind: 'binary', op: op as BinaryOperator, left, right: this.product() };
    }
    return left;
  }

  private product(): ExprNode {
    let left = this.unary();
    let op: string | undefined;
    while ((op = this.peekOp('*', '/'))) {
      this.i++;
      left = { kind: 'binary', op: op as BinaryOperator, left, right: this.unary() };
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

  private primary(): ExprNode {
    const t = this.tokens[this.i];
    if (t === undefined) {
      throw new ExpressionError('the expression ends where an operand was expected');
    }
    if (t.type === 'number') {
      this.i++;
      return { kind: 'number', value: t.value };
    }
    if (t.type === 'ident') {
      const next = this.tokens[this.i + 1];
      if (next && next.type === 'op' && next.value === '(') {
        throw new ExpressionError(
          t.value.toUpperCase() === 'SEARCH'
            ? 'SEARCH() is not supported by the simulator'
            : `the function ${t.value}() is not supported by the simulator`
        );
      }
      this.i++;
      return { kind: 'ref', id: t.value };
    }
    if (t.type === 'op' && t.value === '(') {
      this.i++;
      const inner = this.sum();
      const close = this.tokens[this.i];
      if (!close || close.type !== 'op' || close.value !== ')') {
        throw new ExpressionError(`missing ')' for the '(' at position ${t.pos + 1}`);
      }
      this.i++;
      return inner;
    }
    throw new ExpressionError(`unexpected ${describe(t)}`);
  }
}

/** Parses an expression; ExpressionError says what is wrong (the caller adds which query and ARITHMETIC_ONLY). */
export function parseExpression(text: string): ExprNode {
  // Metrics Insights (one query per call in CloudWatch) is SQL, not math: say so rather than "unexpected FROM".
  if (/^\s*SELECT\b/i.test(text)) {
    throw new ExpressionError('Metrics Insights queries (SELECT ...) are not supported by the simulator');
  }
  return new Parser(tokenize(text)).parse();
}

/** The query ids an expression references, each once, in order of appearance. */
export function referencedIds(node: ExprNode): string[] {
  const out = new Set<string>();
  const walk = (n: ExprNode): void => {
    switch (n.kind) {
      case 'ref':
        out.add(n.id);
        break;
      case 'neg':
        walk(n.operand);
        break;
      case 'binary':
        walk(n.left);
        walk(n.right);
        break;
      case 'number':
        break;
    }
  };
  walk(node);
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

// ---------------------------------------------------------------------------------------------------- evaluation

type Value = number | Series;

// Read once (see statistics.ts: global lookups are slow inside jest's vm context).
const isFiniteNumber = Number.isFinite;
const pow = Math.pow;
const NOT_A_NUMBER = Number.NaN;

function apply(op: BinaryOperator, a: number, b: number): number {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      // Division by zero drops the point (the caller drops non-finite results).
      return b === 0 ? NOT_A_NUMBER : a / b;
    case '^':
      return pow(a, b);
  }
}

/** Element-wise over the timestamps both series have; a point missing in either, or a non-finite result, is dropped. */
function joinSeries(op: BinaryOperator, a: Series, b: Series): Series {
  const out = emptySeries();
  const at = a.timestamps;
  const bt = b.timestamps;
  let i = 0;
  let j = 0;
  while (i < at.length && j < bt.length) {
    if (at[i] < bt[j]) {
      i++;
    } else if (at[i] > bt[j]) {
      j++;
    } else {
      const v = apply(op, a.values[i], b.values[j]);
      if (isFiniteNumber(v)) {
        out.timestamps.push(at[i]);
        out.values.push(v);
      }
      i++;
      j++;
    }
  }
  return out;
}

/** A series combined with a constant on either side (the constant is broadcast to every timestamp). */
function withScalar(op: BinaryOperator, s: Series, c: number, scalarOnLeft: boolean): Series {
  const out = emptySeries();
  for (let i = 0; i < s.timestamps.length; i++) {
    const v = scalarOnLeft ? apply(op, c, s.values[i]) : apply(op, s.values[i], c);
    if (isFiniteNumber(v)) {
      out.timestamps.push(s.timestamps[i]);
      out.values.push(v);
    }
  }
  return out;
}

function evaluateNode(node: ExprNode, lookup: (id: string) => Series): Value {
  switch (node.kind) {
    case 'number':
      return node.value;
    case 'ref':
      return lookup(node.id);
    case 'neg': {
      const v = evaluateNode(node.operand, lookup);
      return typeof v === 'number' ? -v : withScalar('*', v, -1, false);
    }
    case 'binary': {
      const l = evaluateNode(node.left, lookup);
      const r = evaluateNode(node.right, lookup);
      if (typeof l === 'number' && typeof r === 'number') {
        return apply(node.op, l, r);
      }
      if (typeof l === 'number') {
        return withScalar(node.op, r as Series, l, true);
      }
      if (typeof r === 'number') {
        return withScalar(node.op, l, r, false);
      }
      return joinSeries(node.op, l, r);
    }
  }
}

/**
 * The time series of an expression. `lookup` gives the (already computed) series of a referenced query. An
 * expression made only of constants has no timestamps, so it gives no data.
 */
export function evaluateExpression(node: ExprNode, lookup: (id: string) => Series): Series {
  const v = evaluateNode(node, lookup);
  return typeof v === 'number' ? emptySeries() : v;
}
