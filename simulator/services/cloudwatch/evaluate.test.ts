import { evaluateExpression, type Value } from './evaluate';
import { ExpressionError, parseExpression } from './expression';
import { checkExpression, type ExprType, type TypeEnv } from './expressionTypes';
import type { Series } from './series';

/** Metric queries m1 (period 60), m2 (60) and h1 (3600); expected values below are worked out by hand. */
const series: Record<string, Series> = {
  m1: { timestamps: [0, 60, 120, 180], values: [1, 2, 3, 4] },
  m2: { timestamps: [60, 120, 180, 240], values: [10, 0, 5, 7] },
  h1: { timestamps: [0], values: [-8] },
};
const periods: Record<string, number> = { m1: 60, m2: 60, h1: 3600 };

const env: TypeEnv = {
  typeOfRef: (id) => ({ kind: 'series', source: id, period: periods[id] }),
  metricQueries: () => Object.keys(periods).map((id) => ({ id, period: periods[id] })),
  metricPeriod: (id) => periods[id],
};

function typeOf(text: string): ExprType {
  return checkExpression(parseExpression(text), env).type;
}

function evaluate(text: string, grid: (period: number) => number[] = () => []): Value {
  const ast = parseExpression(text);
  const { nodes } = checkExpression(ast, env);
  return evaluateExpression(ast, nodes, { lookup: (id) => series[id], grid });
}

const ts = (timestamps: number[], values: number[]): Series => ({ timestamps, values });

describe('arithmetic', () => {
  it('broadcasts constants', () => {
    expect(evaluate('2+3*m1^2')).toEqual(ts([0, 60, 120, 180], [5, 14, 29, 50]));
    expect(evaluate('-m1')).toEqual(ts([0, 60, 120, 180], [-1, -2, -3, -4]));
    expect(evaluate('10 - m1')).toEqual(ts([0, 60, 120, 180], [9, 8, 7, 6]));
  });

  it('combines two series over the union of timestamps, a missing value counting as 0', () => {
    // 0: 1 + 0; 60: 2 + 10; 120: 3 + 0; 180: 4 + 5; 240: 0 + 7
    expect(evaluate('m1 + m2')).toEqual(ts([0, 60, 120, 180, 240], [1, 12, 3, 9, 7]));
  });

  it('drops points divided by zero', () => {
    // 0: 1/0 dropped; 60: 2/10; 120: 3/0 dropped; 180: 4/5; 240: 0/7
    expect(evaluate('m1 / m2')).toEqual(ts([60, 180, 240], [0.2, 0.8, 0]));
    expect(evaluate('m1 / 0')).toEqual(ts([], []));
  });

  it('keeps a number a number (an expression of constants has no timestamps)', () => {
    expect(evaluate('2 + 3')).toBe(5);
    expect(typeOf('2 + 3')).toEqual({ kind: 'scalar' });
  });
});

describe('comparison and logical operators', () => {
  it("gives the User Guide's AND example: metric1 > 15 AND metric2 > 15", () => {
    series.a = ts([0, 60, 120, 180], [30, 20, 0, 0]);
    series.b = ts([0, 120], [20, 20]);
    periods.a = periods.b = 60;
    try {
      expect(evaluate('a > 15 AND b > 15')).toEqual(ts([0, 60, 120, 180], [1, 0, 0, 0]));
      expect(evaluate('a >= 30')).toEqual(ts([0, 60, 120, 180], [1, 0, 0, 0]));
      expect(evaluate('a < b || a == 20')).toEqual(ts([0, 60, 120, 180], [0, 1, 1, 0]));
    } finally {
      delete series.a;
      delete series.b;
      delete periods.a;
      delete periods.b;
    }
  });

  it('compares numbers to 0 or 1', () => {
    expect(evaluate('3 > 2')).toBe(1);
    expect(evaluate('3 != 3')).toBe(0);
  });
});

describe('functions', () => {
  it('SUM, AVG, MIN, MAX of one series are numbers usable in series math', () => {
    // AVG(m1) = 2.5
    expect(evaluate('m1 - AVG(m1)')).toEqual(ts([0, 60, 120, 180], [-1.5, -0.5, 0.5, 1.5]));
    expect(evaluate('SUM(m1) + MIN(m2) * MAX(m2)')).toBe(10);
  });

  it('SUM and AVG of an array give one series', () => {
    expect(evaluate('SUM([m1, m2])')).toEqual(ts([0, 60, 120, 180, 240], [1, 12, 3, 9, 7]));
    expect(evaluate('AVG(METRICS("m"))')).toEqual(ts([0, 60, 120, 180, 240], [0.5, 6, 1.5, 4.5, 3.5]));
  });

  it('METRICS() lists every metric query, METRICS(text) those whose Id contains it', () => {
    expect(evaluate('METRICS()')).toEqual([series.m1, series.m2, series.h1]);
    expect(evaluate("METRICS('h')")).toEqual([series.h1]);
    expect(evaluate("METRICS('zzz')")).toEqual([]);
  });

  it('applies arithmetic and point functions to each series of an array', () => {
    expect(evaluate("ABS(METRICS('h') * 2)")).toEqual([ts([0], [16])]);
    expect(evaluate('[m1, h1] + m2')).toEqual([
      ts([0, 60, 120, 180, 240], [1, 12, 3, 9, 7]),
      ts([0, 60, 120, 180, 240], [-8, 10, 0, 5, 7]),
    ]);
  });

  it('RATE and DIFF drop the first point', () => {
    // m2: 10, 0, 5, 7 one minute apart
    expect(evaluate('DIFF(m2)')).toEqual(ts([120, 180, 240], [-10, 5, 2]));
    expect(evaluate('RATE(m2)')).toEqual(ts([120, 180, 240], [-10 / 60, 5 / 60, 2 / 60]));
  });

  it('FILL fills each series of an array on the grid of its own period', () => {
    const grid = (period: number) => (period === 60 ? [0, 60, 120, 180, 240] : [0, 3600]);
    expect(evaluate('FILL([m1, h1], 0)', grid)).toEqual([
      ts([0, 60, 120, 180, 240], [1, 2, 3, 4, 0]),
      ts([0, 3600], [-8, 0]),
    ]);
    expect(evaluate('FILL(m2, m1)', grid)).toEqual(ts([0, 60, 120, 180, 240], [1, 10, 0, 5, 7]));
  });

  it('IF with a series condition, with a number condition, and with one branch', () => {
    // m2 > 4 at 60 (10), 180 (5), 240 (7); false at 120 (0)
    expect(evaluate('IF(m2 > 4, m2, -1)')).toEqual(ts([60, 120, 180, 240], [10, -1, 5, 7]));
    expect(evaluate('IF(m2 > 4, m1)')).toEqual(ts([60, 180, 240], [2, 4, 0]));
    expect(evaluate('IF(1, m1, m2)')).toEqual(series.m1);
    expect(evaluate('IF(0, m1)')).toEqual(ts([], []));
  });

  it('PERIOD is the period of a metric query, DATAPOINT_COUNT and METRIC_COUNT count', () => {
    expect(evaluate('m1 / PERIOD(m1)')).toEqual(ts([0, 60, 120, 180], [1 / 60, 2 / 60, 3 / 60, 4 / 60]));
    expect(evaluate('DATAPOINT_COUNT(m1) + METRIC_COUNT(METRICS())')).toBe(7);
  });
});

describe('types', () => {
  it('knows the length of arrays and where each series comes from', () => {
    expect(typeOf("FILL(METRICS('m'), 0) * 2")).toEqual({
      kind: 'array',
      items: [
        { source: 'm1', period: 60 },
        { source: 'm2', period: 60 },
      ],
    });
    expect(typeOf('SUM(METRICS())')).toEqual({ kind: 'series', period: 60 });
    expect(typeOf('m2 - SUM(m1)')).toEqual({ kind: 'series', source: 'm2', period: 60 });
  });

  it.each([
    ['NOPE(m1)', "Function 'NOPE' not found"],
    ['STDDEV(m1)', "Function 'STDDEV' is not supported by the simulator"],
    ['ABS(m1, m2)', 'ABS takes 1 argument, got 2'],
    ['METRICS(m1)', 'METRICS takes a string to match in query Ids, got a time series'],
    ['METRIC_COUNT(m1)', 'METRIC_COUNT takes an array of time series, got a time series'],
    ['[m1, 2]', 'item 2 of an array is a number'],
    ['m1 + REPEAT', 'the right side of + cannot be the keyword REPEAT'],
    ['IF(1, m1, 2)', 'IF with a number as condition needs its two values of the same kind'],
  ])('refuses %s', (text, message) => {
    expect(() => typeOf(text)).toThrow(ExpressionError);
    expect(() => typeOf(text)).toThrow(message);
  });
});
