import type { OperationSpec } from '../../protocol/types';
import { getMetricData } from './getMetricData';
import { getMetricStatistics } from './getMetricStatistics';
import { listMetrics } from './listMetrics';
import { CLOUDWATCH_QUERY_SPECS } from './queryModel';

/**
 * CloudWatch speaks AWS JSON 1.0 (awsQueryCompatible): POST / with x-amz-target <prefix>.<Operation>; and awsQuery
 * (form-encoded Action=<Operation>&Version=2010-08-01, XML answers), which SDKs released before the JSON switch
 * still send. The same handlers serve both.
 */
export const CLOUDWATCH_TARGET_PREFIX = 'GraniteServiceVersion20100801';

export function cloudWatchOperations(): OperationSpec[] {
  return [
    {
      service: 'cloudwatch',
      name: 'GetMetricData',
      target: `${CLOUDWATCH_TARGET_PREFIX}.GetMetricData`,
      query: CLOUDWATCH_QUERY_SPECS.getMetricData,
      handler: getMetricData,
    },
    {
      service: 'cloudwatch',
      name: 'GetMetricStatistics',
      target: `${CLOUDWATCH_TARGET_PREFIX}.GetMetricStatistics`,
      query: CLOUDWATCH_QUERY_SPECS.getMetricStatistics,
      handler: getMetricStatistics,
    },
    {
      service: 'cloudwatch',
      name: 'ListMetrics',
      target: `${CLOUDWATCH_TARGET_PREFIX}.ListMetrics`,
      query: CLOUDWATCH_QUERY_SPECS.listMetrics,
      handler: listMetrics,
    },
  ];
}

export { getMetricData } from './getMetricData';
export { getMetricStatistics } from './getMetricStatistics';
export { listMetrics } from './listMetrics';
