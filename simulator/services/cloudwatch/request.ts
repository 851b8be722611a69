import { cloudWatchErrors } from '../../protocol/awsError';
import type { Dimension, MetricIdentity } from '../../model/metricSource';
import { ExpressionError, orderExpressions, parseExpression, referencedIds, type ExprNode } from './expression';
import { checkExpression, type ExprType, type NodeTypes, type TypeEnv } from './expressionTypes';
import { isValidPeriod, PERIOD_RULE } from './period';
import { parseStatistic, SUPPORTED_STATISTICS, type Statistic } from './statistics';

/**
 * Reading and validating a GetMetricData request body (AWS JSON 1.0 with the SDK's member names). Every error names
 * the member it is about, 1-based like CloudWatch's own messages (e.g. MetricDataQueries.3.Id).
 */

export const MAX_QUERIES = 500;
export const MAX_DIMENSIONS = 30;
export const MAX_DATAPOINTS_PER_CALL = 100_800;
export const DEFAULT_MAX_DATAPOINTS = MAX_DATAPOINTS_PER_CALL;

export type ScanBy = 'TimestampDescending' | 'TimestampAscending';

interface QueryBase {
  id: string;
  /** 1-based position in MetricDataQueries, for messages. */
  position: number;
  label?: string;
  returnData: boolean;
}

export interface MetricStatQuery extends QueryBase {
  kind: 'metric';
  metric: MetricIdentity;
  period: number;
  /** The Stat string as sent (for labels). */
  stat: string;
  statistic: Statistic;
  unit?: string;
}

export interface ExpressionQuery extends QueryBase {
  kind: 'expression';
  expression: string;
  ast: ExprNode;
  /** What it evaluates to (an array's length is its number of results) and the types of its nodes. */
  type: ExprType;
  nodeTypes: NodeTypes;
}

/** An expression before its types are checked (they depend on the other queries). */
type ParsedQuery = MetricStatQuery | Omit<ExpressionQuery, 'type' | 'nodeTypes'>;

export type Query = MetricStatQuery | ExpressionQuery;

export interface GetMetricDataRequest {
  queries: Query[];
  /** Expression ids in an order where every expression comes after the expressions it references. */
  expressionOrder: string[];
  startTime: number;
  endTime: number;
  scanBy: ScanBy;
  maxDatapoints: number;
  nextToken?: string;
}

// Every unit CloudWatch knows (StandardUnit); a MetricStat.Unit outside it is a validation error.
const STANDARD_UNITS = new Set([
  'Seconds', 'Microseconds', 'Milliseconds', 'Bytes', 'Kilobytes', 'Megabytes', 'Gigabytes', 'Terabytes', 'Bits',
  'Kilobits', 'Megabits', 'Gigabits', 'Terabits', 'Percent', 'Count', 'Bytes/Second', 'Kilobytes/Second',
  'Megabytes/Second', 'Gigabytes/Second', 'Terabytes/Second', 'Bits/Second', 'Kilobits/Second', 'Megabits/Second',
  'Gigabits/Second', 'Terabits/Second', 'Count/Second', 'None',
]); // prettier-ignore

export const isStandardUnit = (unit: string): boolean => STANDARD_UNITS.has(unit);

const ID_PATTERN = /^[a-z][A-Za-z0-9_]*$/;
const MAX_ID_LENGTH = 255;
const MAX_EXPRESSION_LENGTH = 2048;

const invalid = cloudWatchErrors.invalidParameterValue;
export const missing = (member: string) => cloudWatchErrors.missingParameter(`The parameter ${member} is required.`);

type Obj = Record<string, unknown>;
export const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
export const absent = (v: unknown): v is undefined | null => v === undefined || v === null;

export function requiredString(o: Obj, key: string, member: string): string {
  const v = o[key];
  if (absent(v)) {
    throw missing(member);
  }
  if (typeof v !== 'string') {
    throw invalid(`The parameter ${member} must be a string.`);
  }
  if (v === '') {
    throw invalid(`The parameter ${member} must not be empty.`);
  }
  return v;
}

export function optionalString(o: Obj, key: string, member: string): string | undefined {
  const v = o[key];
  if (absent(v)) {
    return undefined;
  }
  if (typeof v !== 'string') {
    throw invalid(`The parameter ${member} must be a string.`);
  }
  return v;
}

function requiredObject(o: Obj, key: string, member: string): Obj {
  const v = o[key];
  if (absent(v)) {
    throw missing(member);
  }
  if (!isObject(v)) {
    throw invalid(`The parameter ${member} must be a structure.`);
  }
  return v;
}

/** Epoch seconds (the SDK sends JSON numbers, fractional allowed). */
export function requiredTimestamp(o: Obj, key: string): number {
  const v = o[key];
  if (absent(v)) {
    throw missing(key);
  }
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw invalid(`The parameter ${key} must be a timestamp in epoch seconds.`);
  }
  return v;
}

export function readDimensions(v: unknown, member: string): Dimension[] {
  if (absent(v)) {
    return [];
  }
  if (!Array.isArray(v)) {
    throw invalid(`The parameter ${member} must be a list.`);
  }
  if (v.length > MAX_DIMENSIONS) {
    throw invalid(`The collection ${member} must not have a size greater than ${MAX_DIMENSIONS}.`);
  }
  const seen = new Set<string>();
  return v.map((d: unknown, i) => {
    const m = `${member}.${i + 1}`;
    if (!isObject(d)) {
      throw invalid(`The parameter ${m} must be a structure.`);
    }
    const Name = requiredString(d, 'Name', `${m}.Name`);
    const Value = requiredString(d, 'Value', `${m}.Value`);
    if (seen.has(Name)) {
      throw invalid(`The parameter ${m}.Name: the dimension ${Name} appears more than once.`);
    }
    seen.add(Name);
    return { Name, Value };
  });
}

function readMetricStat(q: Obj, member: string): Omit<MetricStatQuery, keyof QueryBase | 'kind'> {
  const ms = requiredObject(q, 'MetricStat', `${member}.MetricStat`);
  const metricObj = requiredObject(ms, 'Metric', `${member}.MetricStat.Metric`);
  const metric: MetricIdentity = {
    namespace: requiredString(metricObj, 'Namespace', `${member}.MetricStat.Metric.Namespace`),
    metricName: requiredString(metricObj, 'MetricName', `${member}.MetricStat.Metric.MetricName`),
    dimensions: readDimensions(metricObj.Dimensions, `${member}.MetricStat.Metric.Dimensions`),
  };
  const period = ms.Period;
  if (absent(period)) {
    throw missing(`${member}.MetricStat.Period`);
  }
  if (typeof period !== 'number' || !isValidPeriod(period)) {
    throw invalid(
      `The value ${JSON.stringify(period)} for parameter ${member}.MetricStat.Period is not valid: ${PERIOD_RULE}.`
    );
  }
  const stat = requiredString(ms, 'Stat', `${member}.MetricStat.Stat`);
  const statistic = parseStatistic(stat);
  if (!statistic) {
    throw invalid(
      `The value ${stat} for parameter ${member}.MetricStat.Stat is not supported: use ${SUPPORTED_STATISTICS}.`
    );
  }
  const unit = optionalString(ms, 'Unit', `${member}.MetricStat.Unit`);
  if (unit !== undefined && !STANDARD_UNITS.has(unit)) {
    throw invalid(`The value ${unit} for parameter ${member}.MetricStat.Unit is not a CloudWatch unit.`);
  }
  return { metric, period, stat, statistic, ...(unit !== undefined ? { unit } : {}) };
}

function readQuery(q: unknown, position: number): ParsedQuery {
  const member = `MetricDataQueries.${position}`;
  if (!isObject(q)) {
    throw invalid(`The parameter ${member} must be a structure.`);
  }
  const id = requiredString(q, 'Id', `${member}.Id`);
  if (id.length > MAX_ID_LENGTH || !ID_PATTERN.test(id)) {
    throw invalid(
      `The value ${id} for parameter ${member}.Id is not valid: an Id must start with a lowercase letter and contain only letters, numbers and underscores (at most ${MAX_ID_LENGTH} characters).`
    );
  }
  const label = optionalString(q, 'Label', `${member}.Label`);
  const returnData = q.ReturnData;
  if (!absent(returnData) && typeof returnData !== 'boolean') {
    throw invalid(`The parameter ${member}.ReturnData must be a boolean.`);
  }
  const base: QueryBase = { id, position, returnData: returnData !== false, ...(label !== undefined ? { label } : {}) };

  const hasStat = !absent(q.MetricStat);
  const hasExpression = !absent(q.Expression);
  if (hasStat === hasExpression) {
    throw cloudWatchErrors.invalidParameterCombination(
      `${member} must specify exactly one of MetricStat and Expression (it has ${hasStat ? 'both' : 'neither'}).`
    );
  }
  if (hasStat) {
    return { ...base, kind: 'metric', ...readMetricStat(q, member) };
  }
  const expression = requiredString(q, 'Expression', `${member}.Expression`);
  if (expression.length > MAX_EXPRESSION_LENGTH) {
    throw invalid(`The parameter ${member}.Expression must not be longer than ${MAX_EXPRESSION_LENGTH} characters.`);
  }
  let ast: ExprNode;
  try {
    ast = parseExpression(expression);
  } catch (err) {
    if (err instanceof ExpressionError) {
      throw expressionError(id, member, err.message);
    }
    throw err;
  }
  return { ...base, kind: 'expression', expression, ast };
}

/** CloudWatch's wording ("Error in expression 'e1': ..."), with the member for the reader. */
function expressionError(id: string, member: string, problem: string) {
  return cloudWatchErrors.validation(`Error in expression '${id}' (${member}.Expression): ${problem}`);
}

/** Checks the expressions in evaluation order, so an expression's references are typed before it. */
function checkExpressions(parsed: ParsedQuery[], order: string[]): Query[] {
  const metrics = parsed.filter((q): q is MetricStatQuery => q.kind === 'metric');
  const periods = new Map(metrics.map((q) => [q.id, q.period]));
  const typed = new Map<string, { type: ExprType; nodeTypes: NodeTypes }>();
  const env: TypeEnv = {
    typeOfRef: (id) => {
      const period = periods.get(id);
      if (period !== undefined) {
        return { kind: 'series', source: id, period };
      }
      const t = typed.get(id)!.type;
      // A single series keeps the label of the expression that made it.
      return t.kind === 'series'
        ? { kind: 'series', source: id, ...(t.period !== undefined ? { period: t.period } : {}) }
        : t;
    },
    metricQueries: () => metrics,
    metricPeriod: (id) => periods.get(id),
  };
  const byId = new Map(parsed.map((q) => [q.id, q]));
  for (const id of order) {
    const q = byId.get(id) as Omit<ExpressionQuery, 'type' | 'nodeTypes'>;
    try {
      const { type, nodes } = checkExpression(q.ast, env);
      typed.set(id, { type, nodeTypes: nodes });
    } catch (err) {
      if (err instanceof ExpressionError) {
        throw expressionError(id, `MetricDataQueries.${q.position}`, err.message);
      }
      throw err;
    }
  }
  return parsed.map((q) => (q.kind === 'metric' ? q : { ...q, ...typed.get(q.id)! }));
}

function readQueries(body: Obj): { queries: Query[]; expressionOrder: string[] } {
  const raw = body.MetricDataQueries;
  if (absent(raw)) {
    throw missing('MetricDataQueries');
  }
  if (!Array.isArray(raw)) {
    throw invalid('The parameter MetricDataQueries must be a list.');
  }
  if (raw.length === 0) {
    throw invalid('The collection MetricDataQueries must have a size of at least 1.');
  }
  if (raw.length > MAX_QUERIES) {
    throw invalid(`The collection MetricDataQueries must not have a size greater than ${MAX_QUERIES}.`);
  }
  const parsed = raw.map((q, i) => readQuery(q, i + 1));
  const positionOf = new Map<string, number>();
  for (const q of parsed) {
    const first = positionOf.get(q.id);
    if (first !== undefined) {
      throw invalid(
        `The value ${q.id} for parameter MetricDataQueries.${q.position}.Id is already used by MetricDataQueries.${first}.Id: Ids must be unique.`
      );
    }
    positionOf.set(q.id, q.position);
  }
  const expressions = parsed.filter((q) => q.kind === 'expression');
  const metricIds = new Set(parsed.filter((q) => q.kind === 'metric').map((q) => q.id));
  const ordered = orderExpressions(
    expressions.map((e) => ({ id: e.id, refs: referencedIds(e.ast) })),
    (id) => metricIds.has(id)
  );
  if ('problem' in ordered) {
    const p = ordered.problem;
    const member = `MetricDataQueries.${positionOf.get(p.id)}`;
    throw expressionError(
      p.id,
      member,
      p.kind === 'unknown'
        ? `${p.ref} is not the Id of a query in this request`
        : `circular reference ${p.path.join(' -> ')}`
    );
  }
  return { queries: checkExpressions(parsed, ordered.order), expressionOrder: ordered.order };
}

/** The validated request, or the CloudWatch error a real service would answer. */
export function readGetMetricDataRequest(body: unknown): GetMetricDataRequest {
  if (!isObject(body)) {
    throw missing('MetricDataQueries');
  }
  const { queries, expressionOrder } = readQueries(body);
  const startTime = requiredTimestamp(body, 'StartTime');
  const endTime = requiredTimestamp(body, 'EndTime');
  if (startTime >= endTime) {
    throw invalid('The parameter StartTime must be less than the parameter EndTime.');
  }
  const scanBy = body.ScanBy ?? 'TimestampDescending';
  if (scanBy !== 'TimestampDescending' && scanBy !== 'TimestampAscending') {
    throw invalid(
      `The value ${String(scanBy)} for parameter ScanBy is not valid: use TimestampDescending or TimestampAscending.`
    );
  }
  const maxDatapoints = body.MaxDatapoints ?? DEFAULT_MAX_DATAPOINTS;
  if (typeof maxDatapoints !== 'number' || !Number.isSafeInteger(maxDatapoints) || maxDatapoints < 1) {
    throw invalid(
      `The value ${String(maxDatapoints)} for parameter MaxDatapoints is not valid: it must be a positive integer.`
    );
  }
  const labelOptions = body.LabelOptions;
  if (!absent(labelOptions)) {
    const tz = isObject(labelOptions) ? optionalString(labelOptions, 'Timezone', 'LabelOptions.Timezone') : undefined;
    if (!isObject(labelOptions) || (tz !== undefined && !/^[+-]\d{4}$/.test(tz))) {
      throw invalid('The parameter LabelOptions.Timezone must be + or - followed by four digits, e.g. +0130.');
    }
  }
  const nextToken = optionalString(body, 'NextToken', 'NextToken');
  return {
    queries,
    expressionOrder,
    startTime,
    endTime,
    scanBy,
    // 100,800 is also CloudWatch's per-call limit: a larger page size still pages at 100,800.
    maxDatapoints: Math.min(maxDatapoints, MAX_DATAPOINTS_PER_CALL),
    ...(nextToken !== undefined && nextToken !== '' ? { nextToken } : {}),
  };
}
