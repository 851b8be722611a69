import React from 'react';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { defaultQuery } from '../../connect/query';
import type { RealtimeDataQuery } from './editorTypes';
import { RealtimeQueryEditor } from './RealtimeQueryEditor';
import {
  clearSelect,
  combobox,
  fakeDatasource,
  dashboardVariables,
  item,
  openMenu,
  option,
  pick,
  removeValue,
  renderControlled,
  typeCustom,
} from './testUtils';

const lists = {
  instances: [item('inst-1', 'contact-center'), item('inst-2', 'lab')],
  queues: [item('q-1', 'Sales'), item('q-2', 'Support'), item('q-3', 'Billing')],
  'routing-profiles': [item('rp-1', 'Basic Routing Profile'), item('rp-2', 'Night shift')],
  'agent-statuses': [item('as-1', 'Available'), item('as-2', 'Lunch')],
};

function setup(overrides: Partial<RealtimeDataQuery> = {}) {
  const ds = fakeDatasource(lists, { defaultRegion: 'us-east-1' });
  const onRunQuery = jest.fn();
  const base = defaultQuery('realtime') as RealtimeDataQuery;
  const query: RealtimeDataQuery = { ...base, instanceId: 'inst-1', ...overrides };
  const r = renderControlled(query, (q, onChange) => (
    <RealtimeQueryEditor query={q} datasource={ds} onChange={onChange} onRunQuery={onRunQuery} />
  ));
  return { ...r, ds, onRunQuery };
}

/** A query that Connect accepts, to start the rule tests from. */
const valid: Partial<RealtimeDataQuery> = {
  filters: { queues: ['q-1', 'q-2'], channels: ['VOICE', 'CHAT'] },
  groupings: ['QUEUE'],
  metrics: ['CONTACTS_IN_QUEUE', 'AGENTS_ONLINE'],
};

beforeEach(() => {
  dashboardVariables();
});

describe('RealtimeQueryEditor', () => {
  it('loads instances and the queues of the instance, by name', async () => {
    const { ds } = setup();
    await waitFor(() => expect(ds.api.resources).toHaveBeenCalledWith('queues', { instanceId: 'inst-1' }));
    expect(ds.api.resources).toHaveBeenCalledWith('instances', {});
    // routing profiles are only listed when the editor filters by them
    expect(ds.api.resources).not.toHaveBeenCalledWith('routing-profiles', expect.anything());
    expect(await screen.findByText('contact-center')).toBeInTheDocument();

    openMenu('Queues');
    expect(option('Sales')).toBeInTheDocument();
    expect(option('Support')).toHaveTextContent('q-2');
  });

  it('lists queues of the region chosen for the query', async () => {
    const { ds } = setup({ region: 'eu-central-1' });
    await waitFor(() =>
      expect(ds.api.resources).toHaveBeenCalledWith('queues', { region: 'eu-central-1', instanceId: 'inst-1' })
    );
    expect(ds.api.resources).toHaveBeenCalledWith('instances', { region: 'eu-central-1' });
  });

  it('writes the queue ids the user picks, and runs once the query is valid', async () => {
    const { last, onRunQuery } = setup();
    await screen.findByText('contact-center');
    pick('Queues', 'Sales');
    expect(last().filters.queues).toEqual(['q-1']);
    expect(onRunQuery).toHaveBeenCalledTimes(1);
    pick('Queues', 'Support');
    expect(last().filters).toEqual({ queues: ['q-1', 'q-2'], channels: ['VOICE', 'CHAT', 'TASK'] });
    expect(last().refId).toBe('A');
    expect(onRunQuery).toHaveBeenCalledTimes(2);
  });

  it('says a query needs a queue or routing-profile filter, and does not run it', async () => {
    const { onRunQuery } = setup();
    expect(await screen.findByText('filter by at least one queue or one routing profile')).toBeInTheDocument();
    pick('Metrics', 'AGENTS_STAFFED');
    expect(onRunQuery).not.toHaveBeenCalled();
  });

  it('offers template variables as $name and checks the rules with their current values', async () => {
    dashboardVariables([
      { name: 'queue', current: ['q-1', 'q-2'] },
      { name: 'team', current: 'q-3' },
    ]);
    setup({
      ...valid,
      filters: { queues: ['$queue'], channels: ['VOICE'], routingStepExpressions: ['expr'] },
      groupings: ['ROUTING_STEP_EXPRESSION'],
    });
    // $queue holds two queues now: a routing-step expression filter needs exactly one
    expect(
      await screen.findByText('a routing-step expression filter needs exactly one queue in the queue filter (got 2)')
    ).toBeInTheDocument();
    // the chosen variable is shown as a value, the others are offered
    expect(screen.getByText('$queue')).toBeInTheDocument();
    openMenu('Queues');
    expect(option('$team')).toHaveTextContent('Template variable');
  });

  it('warns about grouping by CHANNEL without channels (AWS advises a filter) and still runs the query', async () => {
    const advice = /grouped by CHANNEL, AWS advises a channel filter too/;
    const { last, onRunQuery } = setup({ ...valid, groupings: ['QUEUE', 'CHANNEL'] });
    await screen.findByText('contact-center');
    expect(screen.queryByText(advice)).not.toBeInTheDocument();

    removeValue('Channels', 'Voice');
    expect(onRunQuery).toHaveBeenCalledTimes(1);
    removeValue('Channels', 'Chat');
    expect(last().filters.channels).toEqual([]);
    expect(last().groupings).toEqual(['QUEUE', 'CHANNEL']);
    expect(screen.getByText(advice)).toBeInTheDocument();
    // Connect accepts it, so the query runs
    expect(onRunQuery).toHaveBeenCalledTimes(2);
  });

  it('offers CHANNEL as a grouping without a channel filter', async () => {
    const { last } = setup({ ...valid, filters: { queues: ['q-1'] } });
    await screen.findByText('contact-center');
    openMenu('Then by');
    const channel = option('Channel');
    expect(channel).not.toHaveTextContent('Not available');
    fireEvent.click(channel);
    expect(last().groupings).toEqual(['QUEUE', 'CHANNEL']);
  });

  it('switching to routing profiles clears nothing and shows the conflict', async () => {
    const { onChange, last, ds } = setup(valid);
    await screen.findByText('contact-center');
    fireEvent.click(screen.getByRole('radio', { name: 'Routing profiles' }));
    expect(onChange).not.toHaveBeenCalled();
    // the queues are still shown with their names, next to the routing profiles
    expect(screen.getByText('Sales')).toBeInTheDocument();
    expect(combobox('Routing profiles')).toBeInTheDocument();
    await waitFor(() => expect(ds.api.resources).toHaveBeenCalledWith('routing-profiles', { instanceId: 'inst-1' }));
    expect(screen.getByText('Queues are still selected')).toBeInTheDocument();
    expect(
      screen.getByText(/queues and routing profiles cannot be used as filters together\. Remove the 2 selected queues/)
    ).toBeInTheDocument();

    // picking a routing profile anyway keeps both and shows the broken rule on the filter
    pick('Routing profiles', 'Night shift');
    expect(last().filters.queues).toEqual(['q-1', 'q-2']);
    expect(last().filters.routingProfiles).toEqual(['rp-2']);
    expect(screen.getByText('queues and routing profiles cannot be used as filters together')).toBeInTheDocument();
    expect(screen.getByText('Queues are selected too')).toBeInTheDocument();

    // the user removes the queues explicitly
    fireEvent.click(screen.getByRole('button', { name: 'Remove queues' }));
    expect(last().filters.queues).toEqual([]);
    expect(last().filters.routingProfiles).toEqual(['rp-2']);
    expect(
      screen.queryByText('queues and routing profiles cannot be used as filters together')
    ).not.toBeInTheDocument();
  });

  it('disables AGENT_STATUS when QUEUE is not the first grouping, with the reason', async () => {
    const { onChange } = setup({ ...valid, groupings: ['CHANNEL'], metrics: ['AGENTS_ONLINE'] });
    await screen.findByText('contact-center');
    openMenu('Then by');
    const agentStatus = option('Agent status');
    expect(agentStatus).toHaveTextContent(
      'Not available: grouping by AGENT_STATUS needs QUEUE as the first grouping and a queue filter'
    );
    fireEvent.click(agentStatus);
    expect(onChange).not.toHaveBeenCalled();
  });

  it('allows AGENT_STATUS after QUEUE with AGENTS_ONLINE only', async () => {
    const { last } = setup({ ...valid, metrics: ['AGENTS_ONLINE'] });
    await screen.findByText('contact-center');
    pick('Then by', 'Agent status');
    expect(last().groupings).toEqual(['QUEUE', 'AGENT_STATUS']);
  });

  it('disables AGENT_STATUS while other metrics are chosen, naming them', async () => {
    setup(valid);
    await screen.findByText('contact-center');
    openMenu('Then by');
    expect(option('Agent status')).toHaveTextContent(
      'grouped by AGENT_STATUS only AGENTS_ONLINE is available (remove CONTACTS_IN_QUEUE)'
    );
  });

  it('disables CONTACTS_IN_QUEUE grouped by ROUTING_PROFILE with a queue filter, with the reason', async () => {
    const { onChange } = setup({ ...valid, groupings: ['ROUTING_PROFILE'], metrics: ['AGENTS_ONLINE'] });
    await screen.findByText('contact-center');
    openMenu('Metrics');
    const inQueue = option('CONTACTS_IN_QUEUE');
    expect(inQueue).toHaveTextContent(
      'Not available: grouped by ROUTING_PROFILE, CONTACTS_IN_QUEUE needs a routing-profile filter'
    );
    fireEvent.click(inQueue);
    expect(onChange).not.toHaveBeenCalled();
    // an agent metric is fine there
    expect(option('AGENTS_AVAILABLE')).toHaveTextContent('Available · count');
  });

  it('shows metric units and descriptions', async () => {
    setup(valid);
    openMenu('Metrics');
    expect(option('OLDEST_CONTACT_AGE')).toHaveTextContent(
      'Oldest · seconds · How long the contact that has waited longest has been in the queue.'
    );
    await screen.findByText('contact-center');
  });

  it('allows no third grouping', async () => {
    const { last } = setup({ ...valid, groupings: [] });
    await screen.findByText('contact-center');
    // "then by" waits for a first grouping
    expect(combobox('Then by')).toBeDisabled();
    pick('Group by', 'Queue');
    pick('Then by', 'Channel');
    expect(last().groupings).toEqual(['QUEUE', 'CHANNEL']);
    expect(screen.getAllByLabelText(/^(Group|Then) by$/)).toHaveLength(2);
    expect(screen.queryByLabelText(/^And then by/)).not.toBeInTheDocument();
    // changing the second grouping replaces it
    pick('Then by', 'Subtype');
    expect(last().groupings).toEqual(['QUEUE', 'SUBTYPE']);
  });

  it('shows a saved third grouping with the rule, so it can be removed', async () => {
    setup({ ...valid, groupings: ['QUEUE', 'CHANNEL', 'SUBTYPE'] });
    expect(await screen.findByText('at most 2 groupings (got 3)')).toBeInTheDocument();
    expect(combobox('And then by')).toBeInTheDocument();
  });

  it('clearing the first grouping moves the second up', async () => {
    const { last } = setup({ ...valid, groupings: ['QUEUE', 'CHANNEL'] });
    await screen.findByText('contact-center');
    clearSelect('Group by');
    expect(last().groupings).toEqual(['CHANNEL']);
  });

  it('disables ESTIMATED_WAIT_TIME outside its two combinations, and offers it inside one', async () => {
    const { last, onChange } = setup(valid);
    await screen.findByText('contact-center');
    openMenu('Metrics');
    const ewt = option('ESTIMATED_WAIT_TIME');
    expect(ewt).toHaveTextContent(
      'Not available: ESTIMATED_WAIT_TIME needs either queues and channels grouped by [QUEUE, CHANNEL], or one queue, one channel and routing-step expressions grouped by [ROUTING_STEP_EXPRESSION]'
    );
    fireEvent.click(ewt);
    expect(onChange).not.toHaveBeenCalled();

    pick('Then by', 'Channel');
    openMenu('Metrics');
    expect(option('ESTIMATED_WAIT_TIME')).not.toHaveTextContent('Not available');
    fireEvent.click(option('ESTIMATED_WAIT_TIME'));
    expect(last().metrics).toEqual(['CONTACTS_IN_QUEUE', 'AGENTS_ONLINE', 'ESTIMATED_WAIT_TIME']);
    expect(last().groupings).toEqual(['QUEUE', 'CHANNEL']);
  });

  it('keeps values that became invalid and shows why', async () => {
    const saved = { ...valid, metrics: ['AGENTS_ONLINE', 'QUEUE_SIZE'] } as unknown as Partial<RealtimeDataQuery>;
    const { last, onRunQuery } = setup(saved);
    expect(
      await screen.findByText('"QUEUE_SIZE" is not a real-time metric of GetCurrentMetricData')
    ).toBeInTheDocument();
    expect(screen.getByText('QUEUE_SIZE')).toBeInTheDocument();
    // other edits keep it
    pick('Queues', 'Billing');
    expect(last().metrics).toEqual(['AGENTS_ONLINE', 'QUEUE_SIZE']);
    expect(onRunQuery).not.toHaveBeenCalled();
  });

  it('shows routing-step rules on the routing-step field', async () => {
    setup({ ...valid, filters: { ...valid.filters, routingStepExpressions: ['expr'] } });
    expect(
      await screen.findByText('a routing-step expression filter needs exactly one queue in the queue filter (got 2)')
    ).toBeInTheDocument();
    expect(
      screen.getByText('a routing-step expression filter needs grouping by ROUTING_STEP_EXPRESSION')
    ).toBeInTheDocument();
  });

  it('opens the advanced filters when they break a rule, and lists agent statuses', async () => {
    const { ds } = setup({
      ...valid,
      filters: { routingProfiles: ['rp-1'], agentStatuses: ['as-2'] },
      groupings: ['ROUTING_PROFILE'],
      metrics: ['AGENTS_ONLINE'],
    });
    expect(await screen.findByText('filtering by agent status needs a queue filter')).toBeInTheDocument();
    await waitFor(() => expect(ds.api.resources).toHaveBeenCalledWith('agent-statuses', { instanceId: 'inst-1' }));
    expect(await screen.findByText('Lunch')).toBeInTheDocument();
  });

  it('sorts by a sortable metric of the query', async () => {
    const { last } = setup({ ...valid, metrics: ['CONTACTS_IN_QUEUE', 'SLOTS_ACTIVE'] });
    await screen.findByText('contact-center');
    openMenu('Sort by');
    expect(option('SLOTS_ACTIVE')).toHaveTextContent('Not available: Connect cannot sort by SLOTS_ACTIVE');
    fireEvent.click(option('CONTACTS_IN_QUEUE'));
    expect(last().sort).toEqual({ metric: 'CONTACTS_IN_QUEUE', order: 'DESCENDING' });
    fireEvent.click(screen.getByRole('radio', { name: 'Ascending' }));
    expect(last().sort).toEqual({ metric: 'CONTACTS_IN_QUEUE', order: 'ASCENDING' });
  });

  it('writes channels, routing-step expressions and the format', async () => {
    const { last } = setup({ ...valid, filters: { queues: ['q-1'] } });
    await screen.findByText('contact-center');
    pick('Channels', 'Email');
    expect(last().filters.channels).toEqual(['EMAIL']);
    const steps = screen.getByRole('textbox', { name: /^Routing step expressions/ });
    fireEvent.change(steps, { target: { value: 'step-1' } });
    fireEvent.keyDown(steps, { key: 'Enter' });
    expect(last().filters.routingStepExpressions).toEqual(['step-1']);
    fireEvent.click(screen.getByRole('radio', { name: 'Time series' }));
    expect(last().format).toBe('timeseries');
  });

  it('accepts a typed instance id', async () => {
    const { last, ds } = setup({ instanceId: '' });
    expect(await screen.findByText('choose an instance')).toBeInTheDocument();
    typeCustom('Instance', 'inst-9');
    expect(last().instanceId).toBe('inst-9');
    // the queue list follows the instance
    await waitFor(() => expect(ds.api.resources).toHaveBeenCalledWith('queues', { instanceId: 'inst-9' }));
  });
});
