import { ExpressionError, type ExprNode } from './expression';

/**
 * Static checks of a parsed expression, before any data is read: every function exists and is given the argument
 * types the CloudWatch User Guide lists (S scalar, TS time series, TS[] array of time series), and what each node
 * evaluates to. Types are fully known up front (METRICS() matches query Ids, not data), so the number of results
 * an array expression gives is known before evaluating it, and evaluation never meets a type error.
 */

/** Where a series comes from: the query whose label it carries in results, and its period (for FILL). */
export interface SeriesInfo {
  source?: string;
  period?: number;
}

export type ExprType =
  | { kind: 'scalar' }
  | ({ kind: 'series' } & SeriesInfo)
  | { kind: 'array'; items: SeriesInfo[] }
  | { kind: 'string'; value: string }
  | { kind: 'keyword'; name: string };

export interface TypeEnv {
  /** The type of a query Id: metric queries are series, expressions what they evaluate to. */
  typeOfRef(id: string): ExprType;
  /** The metric (MetricStat) queries of the request, in request order. */
  metricQueries(): ReadonlyArray<{ id: string; period: number }>;
  /** The period of a metric query, undefined for expressions. */
  metricPeriod(id: string): number | undefined;
}

/** The functions the simulator evaluates, with their arity (min, max). */
export const SUPPORTED_FUNCTIONS: Record<string, readonly [number, number]> = {
  ABS: [1, 1],
  AVG: [1, 1],
  CEIL: [1, 1],
  DATAPOINT_COUNT: [1, 1],
  DIFF: [1, 1],
  DIFF_TIME: [1, 1],
  FILL: [2, 2],
  FLOOR: [1, 1],
  IF: [2, 3],
  LOG: [1, 1],
  LOG10: [1, 1],
  MAX: [1, 1],
  METRIC_COUNT: [1, 1],
  METRICS: [0, 1],
  MIN: [1, 1],
  PERIOD: [1, 1],
  RATE: [1, 1],
  RUNNING_SUM: [1, 1],
  SUM: [1, 1],
};

/** CloudWatch functions the simulator knows by name but does not evaluate. */
const UNSUPPORTED_FUNCTIONS = new Set([
  'ANOMALY_DETECTION_BAND',
  'DATE',
  'DAY',
  'EPOCH',
  'FIRST',
  'HOUR',
  'INSIGHT_RULE_METRIC',
  'LAMBDA',
  'LAST',
  'MINUTE',
  'MONTH',
  'REMOVE_EMPTY',
  'SEARCH',
  'SERVICE_QUOTA',
  'SLICE',
  'SORT',
  'STDDEV',
  'TIME_SERIES',
  'YEAR',
]);

export const SUPPORTED_LIST = Object.keys(SUPPORTED_FUNCTIONS).join(', ');

const FILL_KEYWORDS = new Set(['REPEAT', 'LINEAR']);

const SCALAR: ExprType = { kind: 'scalar' };

const describe = (t: ExprType): string =>
  t.kind === 'scalar'
    ? 'a number'
    : t.kind === 'series'
      ? 'a time series'
      : t.kind === 'array'
        ? 'an array of time series'
        : t.kind === 'string'
          ? `the string '${t.value}'`
          : `the keyword ${t.name}`;

const seriesInfo = (t: ExprType & SeriesInfo): SeriesInfo => ({
  ...(t.source !== undefined ? { source: t.source } : {}),
  ...(t.period !== undefined ? { period: t.period } : {}),
});

/** The types of every node of a checked expression (the evaluator reads periods and array layouts from it). */
export type NodeTypes = Map<ExprNode, ExprType>;

class Checker {
  readonly types: NodeTypes = new Map();

  constructor(private readonly env: TypeEnv) {}

  check(node: ExprNode): ExprType {
    const t = this.typeOf(node);
    this.types.set(node, t);
    return t;
  }

  private value(node: ExprNode, where: string): ExprType {
    const t = this.check(node);
    if (t.kind === 'string' || t.kind === 'keyword') {
      throw new ExpressionError(`${where} cannot be ${describe(t)}`);
    }
    return t;
  }

  private typeOf(node: ExprNode): ExprType {
    switch (node.kind) {
      case 'number':
        return SCALAR;
      case 'string':
        return { kind: 'string', value: node.value };
      case 'keyword':
        return { kind: 'keyword', name: node.name };
      case 'ref':
        return this.env.typeOfRef(node.id);
      case 'neg':
        return this.value(node.operand, 'the operand of unary minus');
      case 'binary':
        return this.binary(node.op, node.left, node.right);
      case 'array':
        return {
          kind: 'array',
          items: node.items.flatMap((item, i) => {
            const t = this.value(item, `item ${i + 1} of an array`);
            if (t.kind === 'scalar') {
              throw new ExpressionError(`item ${i + 1} of an array is a number: an array holds time series`);
            }
            return t.kind === 'array' ? t.items : [seriesInfo(t as ExprType & SeriesInfo)];
          }),
        };
      case 'call':
        return this.call(node.name, node.args);
    }
  }

  private binary(op: string, leftNode: ExprNode, rightNode: ExprNode): ExprType {
    const left = this.value(leftNode, `the left side of ${op}`);
    const right = this.value(rightNode, `the right side of ${op}`);
    if (left.kind === 'array' && right.kind === 'array') {
      throw new ExpressionError(`${op} between two arrays of time series is not supported`);
    }
    if (left.kind === 'array' || right.kind === 'array') {
      return left.kind === 'array' ? left : right;
    }
    if (left.kind === 'series' || right.kind === 'series') {
      return left.kind === 'series' ? left : right;
    }
    return SCALAR;
  }

  private call(name: string, args: ExprNode[]): ExprType {
    const arity = SUPPORTED_FUNCTIONS[name];
    if (!arity) {
      if (UNSUPPORTED_FUNCTIONS.has(name)) {
        throw new ExpressionError(
          `${name === 'SEARCH' ? 'SEARCH()' : `Function '${name}'`} is not supported by the simulator (it evaluates ${SUPPORTED_LIST})`
        );
      }
      throw new ExpressionError(
        `Function '${name}' not found${/[a-z]/.test(name) ? ' (functions are written in upper case)' : ''}`
      );
    }
    const [min, max] = arity;
    if (args.length < min || args.length > max) {
      const wanted = min === max ? `${min}` : `${min} to ${max}`;
      throw new ExpressionError(`${name} takes ${wanted} argument${max === 1 ? '' : 's'}, got ${args.length}`);
    }
    switch (name) {
      case 'METRICS':
        return this.metrics(args);
      case 'PERIOD': {
        const [arg] = args;
        this.check(arg);
        if (arg.kind !== 'ref' || this.env.metricPeriod(arg.id) === undefined) {
          throw new ExpressionError('PERIOD takes the Id of a metric query (not an expression)');
        }
        return SCALAR;
      }
      case 'FILL':
        return this.fill(args);
      case 'IF':
        return this.if(args);
      case 'METRIC_COUNT': {
        const t = this.value(args[0], 'the argument of METRIC_COUNT');
        if (t.kind !== 'array') {
          throw new ExpressionError(`METRIC_COUNT takes an array of time series, got ${describe(t)}`);
        }
        return SCALAR;
      }
      case 'SUM':
      case 'AVG':
      case 'MIN':
      case 'MAX':
      case 'DATAPOINT_COUNT': {
        // Of one series: a scalar; of an array: one series.
        const t = this.seriesArgument(name, args[0]);
        return t.kind === 'array' ? { kind: 'series', ...(t.items[0] ? { period: t.items[0].period } : {}) } : SCALAR;
      }
      default:
        // ABS, CEIL, FLOOR, LOG, LOG10, RATE, DIFF, DIFF_TIME, RUNNING_SUM: point by point, same shape out.
        return this.seriesArgument(name, args[0]);
    }
  }

  private seriesArgument(name: string, node: ExprNode): ExprType {
    const t = this.value(node, `the argument of ${name}`);
    if (t.kind === 'scalar') {
      throw new ExpressionError(`${name} takes a time series or an array of time series, got a number`);
    }
    return t;
  }

  private metrics(args: ExprNode[]): ExprType {
    let filter = '';
    if (args.length === 1) {
      const t = this.check(args[0]);
      if (t.kind !== 'string') {
        throw new ExpressionError(`METRICS takes a string to match in query Ids, got ${describe(t)}`);
      }
      filter = t.value;
    }
    // "All the metrics in the request. Math expressions aren't included", filtered on the Id.
    const items = this.env
      .metricQueries()
      .filter((q) => q.id.includes(filter))
      .map((q) => ({ source: q.id, period: q.period }));
    return { kind: 'array', items };
  }

  private fill(args: ExprNode[]): ExprType {
    const target = this.seriesArgument('FILL', args[0]);
    const filler = this.check(args[1]);
    const fillerOk =
      filler.kind === 'scalar' ||
      filler.kind === 'series' ||
      (filler.kind === 'keyword' && FILL_KEYWORDS.has(filler.name));
    if (!fillerOk) {
      throw new ExpressionError(`FILL fills with a number, a time series, REPEAT or LINEAR, got ${describe(filler)}`);
    }
    return target;
  }

  private if(args: ExprNode[]): ExprType {
    const [cond, a, b] = args.map((arg, i) =>
      this.value(arg, ['the condition of IF', 'the true value of IF', 'the false value of IF'][i])
    );
    const all = b ? [cond, a, b] : [cond, a];
    if (all.some((t) => t.kind === 'array')) {
      throw new ExpressionError('IF takes single time series or numbers, not arrays of time series');
    }
    if (cond.kind === 'series') {
      return cond;
    }
    // A scalar condition picks a whole branch: both must be of one kind.
    if (b && a.kind !== b.kind) {
      throw new ExpressionError('IF with a number as condition needs its two values of the same kind');
    }
    return a;
  }
}

/** Checks an expression; ExpressionError says what is wrong. Returns its type and the types of all its nodes. */
export function checkExpression(node: ExprNode, env: TypeEnv): { type: ExprType; nodes: NodeTypes } {
  const checker = new Checker(env);
  const type = checker.check(node);
  if (type.kind === 'string' || type.kind === 'keyword') {
    throw new ExpressionError(`the expression is ${describe(type)}, not a time series`);
  }
  return { type, nodes: checker.types };
}
