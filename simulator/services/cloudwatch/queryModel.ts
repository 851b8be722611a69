import { boolean, double, integer, list, map, string, structure, timestamp } from '../../protocol/shapes';
import type { QuerySpec } from '../../protocol/types';

/**
 * CloudWatch's awsQuery binding, transcribed from the service model (botocore
 * data/cloudwatch/2010-08-01/service-2.json: protocol "query", apiVersion 2010-08-01, xmlNamespace below, each
 * operation's resultWrapper). Only the members of the operations the simulator serves; member order follows the
 * model's xmlOrder.
 */

export const CLOUDWATCH_API_VERSION = '2010-08-01';
export const CLOUDWATCH_XML_NAMESPACE = 'http://monitoring.amazonaws.com/doc/2010-08-01/';

const dimension = structure({ Name: string, Value: string });
const dimensions = list(dimension);
const metric = structure({ Namespace: string, MetricName: string, Dimensions: dimensions });
const messages = list(structure({ Code: string, Value: string }));

const metricDataQuery = structure({
  Id: string,
  MetricStat: structure({ Metric: metric, Period: integer, Stat: string, Unit: string }),
  Expression: string,
  Label: string,
  ReturnData: boolean,
  Period: integer,
  AccountId: string,
});

const getMetricData: QuerySpec = {
  action: 'GetMetricData',
  version: CLOUDWATCH_API_VERSION,
  xmlNamespace: CLOUDWATCH_XML_NAMESPACE,
  input: structure({
    MetricDataQueries: list(metricDataQuery),
    StartTime: timestamp,
    EndTime: timestamp,
    NextToken: string,
    ScanBy: string,
    MaxDatapoints: integer,
    LabelOptions: structure({ Timezone: string }),
  }),
  output: structure({
    MetricDataResults: list(
      structure({
        Id: string,
        Label: string,
        Timestamps: list(timestamp),
        Values: list(double),
        StatusCode: string,
        Messages: messages,
      })
    ),
    NextToken: string,
    Messages: messages,
  }),
  resultWrapper: 'GetMetricDataResult',
};

const listMetrics: QuerySpec = {
  action: 'ListMetrics',
  version: CLOUDWATCH_API_VERSION,
  xmlNamespace: CLOUDWATCH_XML_NAMESPACE,
  input: structure({
    Namespace: string,
    MetricName: string,
    Dimensions: list(structure({ Name: string, Value: string })),
    NextToken: string,
    RecentlyActive: string,
    IncludeLinkedAccounts: boolean,
    OwningAccount: string,
  }),
  output: structure({ Metrics: list(metric), NextToken: string, OwningAccounts: list(string) }),
  resultWrapper: 'ListMetricsResult',
};

const getMetricStatistics: QuerySpec = {
  action: 'GetMetricStatistics',
  version: CLOUDWATCH_API_VERSION,
  xmlNamespace: CLOUDWATCH_XML_NAMESPACE,
  input: structure({
    Namespace: string,
    MetricName: string,
    Dimensions: dimensions,
    StartTime: timestamp,
    EndTime: timestamp,
    Period: integer,
    Statistics: list(string),
    ExtendedStatistics: list(string),
    Unit: string,
  }),
  output: structure({
    Label: string,
    Datapoints: list(
      structure({
        Timestamp: timestamp,
        SampleCount: double,
        Average: double,
        Sum: double,
        Minimum: double,
        Maximum: double,
        Unit: string,
        ExtendedStatistics: map(double),
      })
    ),
  }),
  resultWrapper: 'GetMetricStatisticsResult',
};

export const CLOUDWATCH_QUERY_SPECS = { getMetricData, listMetrics, getMetricStatistics };
