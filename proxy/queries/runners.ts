import type { QueryType, SwitchboardQuery } from '../../src/connect/proxyApi';
import { agentsRunner } from './agents';
import { cloudwatchRunner } from './cloudwatch';
import { historicalRunner } from './historical/run';
import { quotaRunner } from './quota';
import { realtimeRunner } from './realtime';
import type { QueryRunner } from './runner';

/** The runner of each query type (runner.ts): the compiler asks for one when the contract adds a type. */
export const QUERY_RUNNERS: { [T in QueryType]: QueryRunner<Extract<SwitchboardQuery, { queryType: T }>> } = {
  realtime: realtimeRunner,
  cloudwatch: cloudwatchRunner,
  quota: quotaRunner,
  historical: historicalRunner,
  agents: agentsRunner,
};
