import { TypeCompiler } from '@sinclair/typebox/compiler';
import { AgentsQuerySchema, defaultQuery, QUERY_SCHEMAS, QUERY_TYPES } from './query';

/** The agents query of the contract (issue 18; fact: gcud-request-rules): what the schema takes and refuses. */

const check = TypeCompiler.Compile(AgentsQuerySchema);
// A new query starts on the datasource's default instance (QueryEditor's switchQueryType fills it in).
const fresh = { ...defaultQuery('agents', 'A'), instanceId: 'i-1' };

describe('AgentsQuerySchema', () => {
  it('is a query type of the contract', () => {
    expect(QUERY_TYPES).toContain('agents');
    expect(QUERY_SCHEMAS.agents).toBe(AgentsQuerySchema);
  });

  it('accepts the default query, a table of the agents of some queues', () => {
    expect(defaultQuery('agents', 'B')).toEqual({
      refId: 'B',
      queryType: 'agents',
      instanceId: '',
      filters: { queues: [] },
      format: 'table',
    });
    expect(check.Check(fresh)).toBe(true);
    expect(
      check.Check({
        ...fresh,
        region: 'eu-west-2',
        filters: { routingProfiles: ['Sales'], agentStatuses: ['Lunch'], contactStates: ['CONNECTED', 'ENDED'] },
      })
    ).toBe(true);
  });

  it('refuses unknown fields, at the top and in the filters', () => {
    expect(check.Check({ ...fresh, metrics: ['AGENTS_ONLINE'] })).toBe(false);
    expect(check.Check({ ...fresh, filters: { queues: ['q'], channels: ['VOICE'] } })).toBe(false);
  });

  it('refuses a contact state Connect does not have, more than 9, and a format other than table', () => {
    expect(check.Check({ ...fresh, filters: { queues: ['q'], contactStates: ['PAUSED'] } })).toBe(false);
    expect(check.Check({ ...fresh, filters: { queues: ['q'], contactStates: Array(10).fill('ENDED') } })).toBe(false);
    expect(check.Check({ ...fresh, format: 'timeseries' })).toBe(false);
  });
});
