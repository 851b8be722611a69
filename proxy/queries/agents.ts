import { formatAgentsViolation, validateAgentsRequest } from '../../src/connect/agentRules';
import type { AgentsQuery } from '../../src/connect/proxyApi';
import { QueryError } from '../errors';
import { eachQuery, type QueryRunner } from './runner';

/**
 * agents queries (GetCurrentUserData, issue 18), part 1: the contract and Connect's rules exist, the runner does not
 * yet. A query that breaks a rule is refused with its fields (400), as it will be; a valid one is answered 501 (not
 * implemented) without any AWS call, so that nothing mistakes the missing runner for an empty answer.
 */
export const agentsRunner: QueryRunner<AgentsQuery> = (_ctx, _aws, queries) =>
  eachQuery(queries, async (q) => {
    const violations = validateAgentsRequest(q);
    if (violations.length > 0) {
      throw new QueryError(violations.map(formatAgentsViolation).join('; '));
    }
    throw new QueryError('agents queries are not answered yet (issue 18)', 501);
  });
