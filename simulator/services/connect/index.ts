import type { OperationSpec } from '../../protocol/types';
import { getCurrentMetricData } from './currentMetricData';
import { getCurrentUserData } from './currentUserData';
import { describeQueue, listAgentStatuses, listInstances, listQueues, listRoutingProfiles } from './lists';
import { getMetricDataV2 } from './metricDataV2';
import { listUserHierarchyGroups, searchUsers } from './users';

/** The Amazon Connect operations the simulator speaks (restJson1). */
export function connectOperations(): OperationSpec[] {
  return [
    listInstances,
    listQueues,
    listRoutingProfiles,
    listAgentStatuses,
    describeQueue,
    searchUsers,
    listUserHierarchyGroups,
    getCurrentMetricData,
    getCurrentUserData,
    getMetricDataV2,
  ];
}
