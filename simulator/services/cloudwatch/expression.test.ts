import { ExpressionError, orderExpressions, parseExpression, referencedIds, type ExprNode } from './expression';

/** The AST as a fully parenthesised string, to assert precedence and associativity. */
function show(n: ExprNode): string {
  switch (n.kind) {
    case 'number':
      return String(n.value);
    case 'string':
      return `'${n.value}'`;
    case 'ref':
      return n.id;
    case 'keyword':
      return `#${n.name}`;
    case 'neg':
      return `(-${show(n.operand)})`;
    case 'binary':
      return `(${show(n.left)} ${n.op} ${show(n.right)})`;
    case 'call':
      return `${n.name}(${n.args.map(show).join(', ')})`;
    case 'array':
      return `[${n.items.map(show).join(', ')}]`;
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

  it('binds comparisons below arithmetic, AND below comparisons and OR below AND', () => {
    expect(parse('m1 + 1 > m2 * 2')).toBe('((m1 + 1) > (m2 * 2))');
    expect(parse('m1 > 15 AND m2 > 15')).toBe('((m1 > 15) AND (m2 > 15))');
    expect(parse('m1 < 1 || m2 >= 2 && m3 != 3')).toBe('((m1 < 1) OR ((m2 >= 2) AND (m3 != 3)))');
    expect(parse('m1 == 0 OR m1 <= -1')).toBe('((m1 == 0) OR (m1 <= (-1)))');
  });

  it('reads calls, arrays, strings and keywords', () => {
    expect(parse('SUM(METRICS())')).toBe('SUM(METRICS())');
    expect(parse('SUM([METRICS(\'4xx\'), METRICS("5xx")]) / 2')).toBe("(SUM([METRICS('4xx'), METRICS('5xx')]) / 2)");
    expect(parse('METRICS(“errors”)')).toBe("METRICS('errors')");
    expect(parse('FILL(m1, REPEAT)')).toBe('FILL(m1, #REPEAT)');
    expect(parse('IF(m1 < 400, m1)')).toBe('IF((m1 < 400), m1)');
    expect(parse('m1 - AVG(m1)')).toBe('(m1 - AVG(m1))');
  });

  it.each([
    ['SELECT AVG(QueueSize) FROM "AWS/Connect"', /Metrics Insights/],
    ['', /empty/],
    ['m1 +', /ends where an operand was expected/],
    ['(m1 + 2', /missing '\)'/],
    ['SUM(m1', /missing '\)' for the '\(' at position 4/],
    ['[m1, m2', /missing '\]'/],
    ['[]', /an array needs at least one time series/],
    ["METRICS('x)", /unterminated string/],
    ['m1 m2', /unexpected 'm2'/],
    ['m1 % 2', /unexpected character '%'/],
    ['m1 + 2)', /unexpected '\)'/],
    ['AND m1', /unexpected 'AND'/],
    ['m1 < m2 < m3', /unexpected '<'/],
  ])('refuses %s', (text, message) => {
    expect(() => parseExpression(text)).toThrow(ExpressionError);
    expect(() => parseExpression(text)).toThrow(message);
  });

  it('lists referenced ids once each (METRICS() is not a reference)', () => {
    expect(referencedIds(parseExpression('m1 + m2 * m1 - 3'))).toEqual(['m1', 'm2']);
    expect(referencedIds(parseExpression('2 * 3'))).toEqual([]);
    expect(referencedIds(parseExpression('IF(e1 > 0, SUM(METRICS()), FILL(m2, REPEAT))'))).toEqual(['e1', 'm2']);
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
