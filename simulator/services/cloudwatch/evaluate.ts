import { ExpressionError, type BinaryOperator, type ExprNode } from './expression';
import type { NodeTypes, SeriesInfo } from './expressionTypes';
import {
  combineSeries,
  diff,
  diffTime,
  fill,
  ifSeries,
  mapSeries,
  rate,
  reduceArray,
  reduceSeries,
  runningSum,
  type Filler,
  type Reducer,
} from './mathFunctions';
import { emptySeries, type Series } from './series';

/**
 * Evaluates a checked expression (expressionTypes.ts) to a number, a series or an array of series. The checker
 * has already refused everything that does not fit, so the cases here follow the types it recorded.
 */

export type Value = number | Series | Series[];

export interface EvalContext {
  /** The value of a query Id: a metric query's series, an expression's value. */
  lookup(id: string): Value;
  /** The bucket starts of the request at a period (what FILL fills). */
  grid(period: number): number[];
}

const isSeries = (v: Value): v is Series => typeof v === 'object' && !Array.isArray(v);

// Division by zero gives NaN: the point is dropped.
const OPERATORS: Record<BinaryOperator, (a: number, b: number) => number> = {
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
  '/': (a, b) => (b === 0 ? Number.NaN : a / b),
  '^': (a, b) => a ** b,
  '==': (a, b) => (a === b ? 1 : 0),
  '!=': (a, b) => (a !== b ? 1 : 0),
  '<': (a, b) => (a < b ? 1 : 0),
  '<=': (a, b) => (a <= b ? 1 : 0),
  '>': (a, b) => (a > b ? 1 : 0),
  '>=': (a, b) => (a >= b ? 1 : 0),
  AND: (a, b) => (a !== 0 && b !== 0 ? 1 : 0),
  OR: (a, b) => (a !== 0 || b !== 0 ? 1 : 0),
};

/** f between two single values (number or series): series combine over the union of their timestamps. */
function combine(a: number | Series, b: number | Series, f: (x: number, y: number) => number): number | Series {
  if (typeof a === 'number' && typeof b === 'number') {
    return f(a, b);
  }
  if (typeof a === 'number') {
    return mapSeries(b as Series, (v) => f(a, v));
  }
  if (typeof b === 'number') {
    return mapSeries(a, (v) => f(v, b));
  }
  return combineSeries(a, b, f);
}

function binary(op: BinaryOperator, a: Value, b: Value): Value {
  const f = OPERATORS[op];
  if (Array.isArray(a)) {
    return a.map((s) => combine(s, b as number | Series, f) as Series);
  }
  if (Array.isArray(b)) {
    return b.map((s) => combine(a, s, f) as Series);
  }
  return combine(a, b, f);
}

/** Point by point on a series or on each series of an array. */
const eachSeries = (v: Value, f: (s: Series, k: number) => Series): Value =>
  Array.isArray(v) ? v.map(f) : f(v as Series, 0);

const POINTWISE: Record<string, (v: number) => number> = {
  ABS: Math.abs,
  CEIL: Math.ceil,
  FLOOR: Math.floor,
  LOG: Math.log,
  LOG10: Math.log10,
};
const CONSECUTIVE: Record<string, (s: Series) => Series> = {
  RATE: rate,
  DIFF: diff,
  DIFF_TIME: diffTime,
  RUNNING_SUM: runningSum,
};

class Evaluator {
  constructor(
    private readonly types: NodeTypes,
    private readonly ctx: EvalContext
  ) {}

  private typeOf(node: ExprNode) {
    const t = this.types.get(node);
    if (!t) {
      throw new ExpressionError('internal: the expression was not checked before evaluation');
    }
    return t;
  }

  /** The periods of a series or of each series of an array, as the checker recorded them. */
  private periods(node: ExprNode): Array<number | undefined> {
    const t = this.typeOf(node);
    return t.kind === 'array' ? t.items.map((i: SeriesInfo) => i.period) : t.kind === 'series' ? [t.period] : [];
  }

  eval(node: ExprNode): Value {
    switch (node.kind) {
      case 'number':
        return node.value;
      case 'ref':
        return this.ctx.lookup(node.id);
      case 'neg':
        return binary('*', this.eval(node.operand), -1);
      case 'binary':
        return binary(node.op, this.eval(node.left), this.eval(node.right));
      case 'array':
        return node.items.flatMap((item) => {
          const v = this.eval(item);
          return Array.isArray(v) ? v : [v as Series];
        });
      case 'call':
        return this.call(node);
      case 'string':
      case 'keyword':
        throw new ExpressionError(`internal: ${node.kind} evaluated as a value`);
    }
  }

  private call(node: Extract<ExprNode, { kind: 'call' }>): Value {
    const { name, args } = node;
    switch (name) {
      case 'METRICS': {
        // The checker listed the matching metric queries.
        const t = this.typeOf(node);
        return t.kind === 'array' ? t.items.map((i) => this.ctx.lookup(i.source!) as Series) : [];
      }
      case 'PERIOD':
        return this.periods(args[0])[0] ?? Number.NaN;
      case 'METRIC_COUNT':
        return (this.eval(args[0]) as Series[]).length;
      case 'SUM':
      case 'AVG':
      case 'MIN':
      case 'MAX':
      case 'DATAPOINT_COUNT': {
        const v = this.eval(args[0]);
        return Array.isArray(v) ? reduceArray(v, name as Reducer) : reduceSeries(v as Series, name as Reducer);
      }
      case 'FILL':
        return this.fill(args[0], args[1]);
      case 'IF':
        return this.if(args);
      default: {
        const pointwise = POINTWISE[name];
        if (pointwise) {
          return eachSeries(this.eval(args[0]), (s) => mapSeries(s, pointwise));
        }
        const consecutive = CONSECUTIVE[name];
        if (consecutive) {
          return eachSeries(this.eval(args[0]), consecutive);
        }
        throw new ExpressionError(`internal: no evaluation for ${name}`);
      }
    }
  }

  private fill(targetNode: ExprNode, fillerNode: ExprNode): Value {
    const periods = this.periods(targetNode);
    const filler: Filler =
      fillerNode.kind === 'keyword'
        ? (fillerNode.name as 'REPEAT' | 'LINEAR')
        : (this.eval(fillerNode) as number | Series);
    return eachSeries(this.eval(targetNode), (s, k) => {
      const period = periods[k];
      return fill(s, period === undefined ? [] : this.ctx.grid(period), filler);
    });
  }

  private if(args: ExprNode[]): Value {
    const cond = this.eval(args[0]) as number | Series;
    const a = this.eval(args[1]) as number | Series;
    const b = args[2] ? (this.eval(args[2]) as number | Series) : undefined;
    if (typeof cond === 'number') {
      // A scalar condition picks a whole branch; a missing false branch gives no data.
      return cond !== 0 ? a : (b ?? (isSeries(a) ? emptySeries() : Number.NaN));
    }
    return ifSeries(cond, a, b);
  }
}

/** The value of a checked expression. */
export function evaluateExpression(node: ExprNode, types: NodeTypes, ctx: EvalContext): Value {
  return new Evaluator(types, ctx).eval(node);
}
