import {
  evaluateExpression,
  ExpressionError,
  orderExpressions,
  parseExpression,
  referencedIds,
  type ExprNode,
} from './expression';
import type { Series } from './series';

/** The AST as a fully parenthesised string, to assert precedence and associativity. */
function show(n: ExprNode): string {
  switch (n.kind) {
    case 'number':
      return String(n.value);
    case 'ref':
      return n.id;
    case 'neg':
      return `(-${show(n.operand)})`;
    case 'binary':
      return `(${show(n.left)} ${n.op} ${show(n.right)})`;
  }
}

const parse = (s: string) => show(parseExpression(s));

describe('parseExpression', () => {
  it('follows arithmetic precedence: ^ over * / over + -', () => {
    expect(parse('2+3*m1^2')).toBe('(2 + (3 * (m1 ^ 2)))');
    expect(parse('m1 - m2 - m3')).toBe('((m1 - m2) - m3)');
    expect(parse('m1 / m2 * 100')).toBe('((m1 / m2) * 100)');
  });

  it('makes ^ right-associative and binds it tighter than unary minus', () => {
    expect(parse('2^3^2')).toBe('(2 ^ (3 ^ 2))');
    expect(parse('-m1^2')).toBe('(-(m1 ^ 2))');
    expect(parse('2^-1')).toBe('(2 ^ (-1))');
  });

  it('handles unary minus, unary plus and parentheses', () => {
    expect(parse('-m1')).toBe('(-m1)');
    expect(parse('--m1')).toBe('(-(-m1))');
    expect(parse('+m1')).toBe('m1');
    expect(parse('m1 * -2')).toBe('(m1 * (-2))');
    expect(parse('(m1 + m2) * 2')).toBe('((m1 + m2) * 2)');
    expect(parse(' ( ( m1 ) ) ')).toBe('m1');
  });

  it('reads numeric constants', () => {
    expect(parse('1.5 + .25 + 2e3 + 10')).toBe('(((1.5 + 0.25) + 2000) + 10)');
  });

  it.each([
    ["SEARCH('{AWS/Connect,InstanceId} QueueSize', 'Maximum', 300)", /SEARCH\(\) is not supported/],
    ['SUM(METRICS())', /function SUM\(\) is not supported/],
    ['FILL(m1, 0)', /function FILL\(\) is not supported/],
    ['m1 + RATE(m2)', /function RATE\(\) is not supported/],
    ['SELECT AVG(QueueSize) FROM "AWS/Connect"', /Metrics Insights/],
    ['', /empty/],
    ['m1 +', /ends where an operand was expected/],
    ['(m1 + 2', /missing '\)'/],
    ['m1 m2', /unexpected 'm2'/],
    ['m1 % 2', /unexpected character '%'/],
    ['m1 + 2)', /unexpected '\)'/],
  ])('refuses %s', (text, message) => {
    expect(() => parseExpression(text)).toThrow(ExpressionError);
    expect(() => parseExpression(text)).toThrow(message);
  });

  it('lists referenced ids once each', () => {
    expect(referencedIds(parseExpression('m1 + m2 * m1 - 3'))).toEqual(['m1', 'm2']);
    expect(referencedIds(parseExpression('2 * 3'))).toEqual([]);
  });
});

describe('orderExpressions', () => {
  const metric = (id: string) => id.startsWith('m');
  it('orders expressions after the expressions they reference', () => {
    const r = orderExpressions(
      [
        { id: 'e3', refs: ['e2', 'm1'] },
        { id: 'e2', refs: ['e1'] },
        { id: 'e1', refs: ['m1'] },
      ],
      metric
    );
    expect(r).toEqual({ order: ['e1', 'e2', 'e3'] });
  });
  it('reports an unknown id', () => {
    expect(orderExpressions([{ id: 'e1', refs: ['m1', 'x9'] }], metric)).toEqual({
      problem: { id: 'e1', kind: 'unknown', ref: 'x9' },
    });
  });
  it('reports cycles, including self references', () => {
    expect(orderExpressions([{ id: 'e1', refs: ['e1'] }], metric)).toEqual({
      problem: { id: 'e1', kind: 'cycle', path: ['e1', 'e1'] },
    });
    const r = orderExpressions(
      [
        { id: 'e1', refs: ['e2'] },
        { id: 'e2', refs: ['e3'] },
        { id: 'e3', refs: ['e1'] },
      ],
      metric
    );
    expect(r).toEqual({ problem: { id: 'e1', kind: 'cycle', path: ['e1', 'e2', 'e3', 'e1'] } });
  });
});

describe('evaluateExpression', () => {
  const series: Record<string, Series> = {
    m1: { timestamps: [0, 60, 120, 180], values: [1, 2, 3, 4] },
    m2: { timestamps: [60, 120, 180, 240], values: [10, 0, 5, 7] },
  };
  const evaluate = (text: string) => evaluateExpression(parseExpression(text), (id) => series[id]);

  it('broadcasts constants', () => {
    expect(evaluate('2+3*m1^2')).toEqual({ timestamps: [0, 60, 120, 180], values: [5, 14, 29, 50] });
    expect(evaluate('-m1')).toEqual({ timestamps: [0, 60, 120, 180], values: [-1, -2, -3, -4] });
    expect(evaluate('10 - m1')).toEqual({ timestamps: [0, 60, 120, 180], values: [9, 8, 7, 6] });
  });

  it('combines series on the timestamps both have', () => {
    expect(evaluate('m1 + m2')).toEqual({ timestamps: [60, 120, 180], values: [12, 3, 9] });
    expect(evaluate('(m1 + m2) * 2')).toEqual({ timestamps: [60, 120, 180], values: [24, 6, 18] });
  });

  it('drops points divided by zero', () => {
    expect(evaluate('m1 / m2')).toEqual({ timestamps: [60, 180], values: [0.2, 0.8] });
    expect(evaluate('m1 / 0')).toEqual({ timestamps: [], values: [] });
  });

  it('gives no data for an expression of constants only', () => {
    expect(evaluate('2 + 3')).toEqual({ timestamps: [], values: [] });
  });
});
