import { cloudWatchErrors } from '../../protocol/awsError';
import type { MetricIdentity } from '../../model/metricSource';
import type { SimRequest, SimResponse, SimulatorContext } from '../../protocol/types';
import { decodeToken, encodeToken, fingerprint, isNonNegativeInteger } from './tokens';

/**
 * ListMetrics: the metrics with data in the last two weeks (or three hours with RecentlyActive=PT3H), filtered by
 * namespace, metric name and dimensions, 500 per page. ListMetrics models only InvalidParameterValue (and
 * InternalServiceFault), so every bad input is InvalidParameterValue.
 */

export const LIST_METRICS_PAGE_SIZE = 500;
export const MAX_DIMENSION_FILTERS = 10;
const TWO_WEEKS = 14 * 86400;
const THREE_HOURS = 3 * 3600;

export interface DimensionFilter {
  name: string;
  /** Absent: any value of the dimension matches. */
  value?: string;
}

export interface ListMetricsFilter {
  namespace?: string;
  metricName?: string;
  dimensions: DimensionFilter[];
  recentlyActive: boolean;
}

const invalid = cloudWatchErrors.invalidParameterValue;

function optionalNonEmptyString(
  body: Record<string, unknown>,
  key: string,
  maxLength: number,
  member = key
): string | undefined {
  const v = body[key];
  if (v === undefined || v === null) {
    return undefined;
  }
  if (typeof v !== 'string' || v.length === 0 || v.length > maxLength) {
    throw invalid(`The parameter ${member} must be a string of 1 to ${maxLength} characters.`);
  }
  return v;
}

export function readListMetricsFilter(body: unknown): ListMetricsFilter {
  if (body === undefined || body === null) {
    return { dimensions: [], recentlyActive: false };
  }
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw invalid('The request body must be a structure.');
  }
  const b = body as Record<string, unknown>;
  const namespace = optionalNonEmptyString(b, 'Namespace', 255);
  const metricName = optionalNonEmptyString(b, 'MetricName', 255);
  const rawDims = b.Dimensions ?? [];
  if (!Array.isArray(rawDims)) {
    throw invalid('The parameter Dimensions must be a list.');
  }
  if (rawDims.length > MAX_DIMENSION_FILTERS) {
    throw invalid(`The collection Dimensions must not have a size greater than ${MAX_DIMENSION_FILTERS}.`);
  }
  const dimensions = rawDims.map((d: unknown, i): DimensionFilter => {
    const member = `Dimensions.${i + 1}`;
    if (typeof d !== 'object' || d === null || Array.isArray(d)) {
      throw invalid(`The parameter ${member} must be a structure.`);
    }
    const name = optionalNonEmptyString(d as Record<string, unknown>, 'Name', 255, `${member}.Name`);
    if (name === undefined) {
      throw invalid(`The parameter ${member}.Name is required.`);
    }
    const value = optionalNonEmptyString(d as Record<string, unknown>, 'Value', 1024, `${member}.Value`);
    return value === undefined ? { name } : { name, value };
  });
  const recentlyActive = b.RecentlyActive;
  if (recentlyActive !== undefined && recentlyActive !== null && recentlyActive !== 'PT3H') {
    throw invalid(
      `The value ${String(recentlyActive)} for parameter RecentlyActive is not valid: the only allowed value is PT3H.`
    );
  }
  return {
    ...(namespace !== undefined ? { namespace } : {}),
    ...(metricName !== undefined ? { metricName } : {}),
    dimensions,
    recentlyActive: recentlyActive === 'PT3H',
  };
}

/** A metric matches when it is in the namespace, has the name, and has every filtered dimension (value if given). */
export function matchesFilter(metric: MetricIdentity, filter: ListMetricsFilter): boolean {
  if (filter.namespace !== undefined && metric.namespace !== filter.namespace) {
    return false;
  }
  if (filter.metricName !== undefined && metric.metricName !== filter.metricName) {
    return false;
  }
  return filter.dimensions.every((f) =>
    metric.dimensions.some((d) => d.Name === f.name && (f.value === undefined || d.Value === f.value))
  );
}

const isListToken = (v: Record<string, unknown>): v is Record<string, unknown> & { o: number } =>
  isNonNegativeInteger(v.o);

export function listMetrics(
  req: Pick<SimRequest, 'body' | 'region'>,
  sim: Pick<SimulatorContext, 'clock' | 'metrics'>
): SimResponse {
  const filter = readListMetricsFilter(req.body);
  const body = (req.body ?? {}) as Record<string, unknown>;
  const nextToken = body.NextToken;
  if (nextToken !== undefined && nextToken !== null && typeof nextToken !== 'string') {
    throw invalid('The parameter NextToken must be a string.');
  }
  const print = fingerprint(['ListMetrics', req.region, filter]);
  const offset = nextToken ? decodeToken(nextToken, print, isListToken).o : 0;

  const now = sim.clock.nowSeconds();
  const activeSince = now - (filter.recentlyActive ? THREE_HOURS : TWO_WEEKS);
  const all = sim.metrics.list(req.region, activeSince).filter((m) => matchesFilter(m, filter));
  if (offset > all.length) {
    throw cloudWatchErrors.invalidNextToken('The NextToken is not valid: it points past the end of the list.');
  }
  const end = Math.min(all.length, offset + LIST_METRICS_PAGE_SIZE);
  const Metrics = all.slice(offset, end).map((m) => ({
    Namespace: m.namespace,
    MetricName: m.metricName,
    Dimensions: m.dimensions.map((d) => ({ Name: d.Name, Value: d.Value })),
  }));
  return { body: { Metrics, ...(end < all.length ? { NextToken: encodeToken({ o: end }, print) } : {}) } };
}
