import type { OperationSpec } from '../../protocol/types';
import { getMetricData } from './getMetricData';
import { listMetrics } from './listMetrics';

/** CloudWatch speaks AWS JSON 1.0 (awsQueryCompatible): POST / with x-amz-target <prefix>.<Operation>. */
export const CLOUDWATCH_TARGET_PREFIX = 'GraniteServiceVersion20100801';

export function cloudWatchOperations(): OperationSpec[] {
  return [
    {
      service: 'cloudwatch',
      name: 'GetMetricData',
      target: `${CLOUDWATCH_TARGET_PREFIX}.GetMetricData`,
      handler: getMetricData,
    },
    {
      service: 'cloudwatch',
      name: 'ListMetrics',
      target: `${CLOUDWATCH_TARGET_PREFIX}.ListMetrics`,
      handler: listMetrics,
    },
  ];
}

export { getMetricData } from './getMetricData';
export { listMetrics } from './listMetrics';
