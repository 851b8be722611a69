import type { AgentsQuery } from '../../src/connect/proxyApi';
import type { AwsContext } from '../aws/context';
import type { ProxyContext } from '../context';
import { agentsRunner } from './agents';
import { validateQuery } from './validate';

/**
 * agents queries before their runner (issue 18, part 1): the proxy takes them by the contract, refuses a broken one
 * with its fields (fact: gcud-request-rules) and answers a valid one 501, without AWS.
 */

const q = (over: Partial<AgentsQuery>): AgentsQuery => ({
  refId: 'A',
  queryType: 'agents',
  instanceId: 'i',
  filters: { queues: ['q1'] },
  ...over,
});
const noAws = new Proxy(
  {},
  {
    get: () => {
      throw new Error('no AWS call expected');
    },
  }
) as unknown as AwsContext;
const noCtx = new Proxy(
  {},
  {
    get: () => {
      throw new Error('no context expected');
    },
  }
) as unknown as ProxyContext;

describe('agents queries (issue 18, part 1)', () => {
  it('are a query type the proxy validates against the contract', () => {
    expect(validateQuery(q({}) as unknown as Record<string, unknown>)).toEqual(q({}));
    expect(() => validateQuery({ ...q({}), groupings: ['QUEUE'] } as unknown as Record<string, unknown>)).toThrow(
      /groupings: is not a field of this query type/
    );
  });

  it('refuses a query that breaks a rule with its fields, and answers a valid one 501', async () => {
    const results = await agentsRunner(
      noCtx,
      noAws,
      [q({ refId: 'A', filters: { queues: ['q1'], agents: ['a1'] } }), q({ refId: 'B' })],
      { fromMs: 0, toMs: 1 } as never
    );
    expect(results.get('A')).toEqual({
      status: 400,
      error:
        'filters: only one of queues, routing profiles, agents and hierarchy groups can be used per query (got queues and agents)',
    });
    expect(results.get('B')).toEqual({ status: 501, error: 'agents queries are not answered yet (issue 18)' });
  });
});
