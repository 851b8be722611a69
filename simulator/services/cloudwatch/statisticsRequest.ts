import { cloudWatchErrors } from '../../protocol/awsError';
import type { MetricIdentity } from '../../model/metricSource';
import { isValidPeriod, PERIOD_RULE } from './period';
import {
  absent,
  isObject,
  isStandardUnit,
  missing,
  optionalString,
  readDimensions,
  requiredString,
  requiredTimestamp,
} from './request';
import { parseStatistic, type BasicStatisticName, type Statistic } from './statistics';

/**
 * Reading and validating a GetMetricStatistics request (AWS JSON shape; the awsQuery codec decodes into the same
 * shape), with the rules of the API reference:
 * - Namespace, MetricName, StartTime, EndTime and Period are required (MissingParameter);
 * - Statistics (1 to 5 of SampleCount, Average, Sum, Minimum, Maximum) or ExtendedStatistics (1 to 10 percentiles,
 *   pNN or pNN.NN), one of the two and not both (InvalidParameterCombination);
 * - Period 1, 5, 10, 20, 30 or a multiple of 60;
 * - at most 1,440 data points: (EndTime - StartTime) / Period, else InvalidParameterCombination;
 * - Unit one of CloudWatch's units.
 */

export const MAX_STATISTICS_DATAPOINTS = 1440;
export const MAX_STATISTICS = 5;
export const MAX_EXTENDED_STATISTICS = 10;

const BASIC_STATISTICS: readonly BasicStatisticName[] = ['SampleCount', 'Average', 'Sum', 'Minimum', 'Maximum'];

export type PercentileStatistic = Statistic & { kind: 'percentile' };

export interface GetMetricStatisticsRequest {
  metric: MetricIdentity;
  startTime: number;
  endTime: number;
  period: number;
  statistics: BasicStatisticName[];
  extendedStatistics: PercentileStatistic[];
  unit?: string;
}

const invalid = cloudWatchErrors.invalidParameterValue;
const combination = cloudWatchErrors.invalidParameterCombination;

function stringList(v: unknown, member: string, max: number): string[] | undefined {
  if (absent(v)) {
    return undefined;
  }
  if (!Array.isArray(v)) {
    throw invalid(`The parameter ${member} must be a list.`);
  }
  if (v.length === 0) {
    throw invalid(`The collection ${member} must have a size of at least 1.`);
  }
  if (v.length > max) {
    throw invalid(`The collection ${member} must not have a size greater than ${max}.`);
  }
  return v.map((item: unknown, i) => {
    if (typeof item !== 'string') {
      throw invalid(`The parameter ${member}.${i + 1} must be a string.`);
    }
    return item;
  });
}

function readPeriod(body: Record<string, unknown>): number {
  const period = body.Period;
  if (absent(period)) {
    throw missing('Period');
  }
  if (typeof period !== 'number' || !isValidPeriod(period)) {
    throw invalid(`The value ${JSON.stringify(period)} for parameter Period is not valid: ${PERIOD_RULE}.`);
  }
  return period;
}

function readNamespace(body: Record<string, unknown>): string {
  const namespace = requiredString(body, 'Namespace', 'Namespace');
  if (namespace.length > 255 || namespace.startsWith(':')) {
    throw invalid('The parameter Namespace must be 1 to 255 characters and must not start with a colon.');
  }
  return namespace;
}

export function readGetMetricStatisticsRequest(body: unknown): GetMetricStatisticsRequest {
  if (!isObject(body)) {
    throw missing('Namespace');
  }
  const namespace = readNamespace(body);
  const metricName = requiredString(body, 'MetricName', 'MetricName');
  if (metricName.length > 255) {
    throw invalid('The parameter MetricName must not be longer than 255 characters.');
  }
  const dimensions = readDimensions(body.Dimensions, 'Dimensions');
  const startTime = requiredTimestamp(body, 'StartTime');
  const endTime = requiredTimestamp(body, 'EndTime');
  const period = readPeriod(body);

  const basic = stringList(body.Statistics, 'Statistics', MAX_STATISTICS);
  const extended = stringList(body.ExtendedStatistics, 'ExtendedStatistics', MAX_EXTENDED_STATISTICS);
  if (basic === undefined && extended === undefined) {
    throw combination('Must specify either Statistics or ExtendedStatistics.');
  }
  if (basic !== undefined && extended !== undefined) {
    throw combination('Specify either Statistics or ExtendedStatistics, but not both.');
  }
  const statistics = (basic ?? []).map((name, i) => {
    if (!(BASIC_STATISTICS as readonly string[]).includes(name)) {
      throw invalid(
        `The value ${name} for parameter Statistics.${i + 1} is not valid: use ${BASIC_STATISTICS.join(', ')} (percentiles go in ExtendedStatistics).`
      );
    }
    return name as BasicStatisticName;
  });
  const extendedStatistics = (extended ?? []).map((name, i) => {
    const stat = parseStatistic(name);
    if (stat?.kind !== 'percentile') {
      throw invalid(
        `The value ${name} for parameter ExtendedStatistics.${i + 1} is not valid: use a percentile, pNN or pNN.NN from p0 to p100.`
      );
    }
    return stat;
  });

  const unit = optionalString(body, 'Unit', 'Unit');
  if (unit !== undefined && !isStandardUnit(unit)) {
    throw invalid(`The value ${unit} for parameter Unit is not a CloudWatch unit.`);
  }
  if (startTime >= endTime) {
    throw invalid('The parameter StartTime must be less than the parameter EndTime.');
  }
  const requested = Math.ceil((endTime - startTime) / period);
  if (requested > MAX_STATISTICS_DATAPOINTS) {
    throw combination(
      `You have requested up to ${requested} datapoints, which exceeds the limit of ${MAX_STATISTICS_DATAPOINTS}. You may reduce the datapoints requested by increasing Period, or decreasing the time range.`
    );
  }
  return {
    metric: { namespace, metricName, dimensions },
    startTime,
    endTime,
    period,
    statistics: [...new Set(statistics)],
    extendedStatistics,
    ...(unit !== undefined ? { unit } : {}),
  };
}
