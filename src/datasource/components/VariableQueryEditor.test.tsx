import React from 'react';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import type { SwitchboardDataSource } from '../datasource';
import type { SwitchboardVariableQuery } from '../types';
import { fakeDatasource, dashboardVariables, item, openMenu, option, pick, renderControlled } from './testUtils';
import { VariableQueryEditor, dimensionsProblem } from './VariableQueryEditor';

function setup(query: Partial<SwitchboardVariableQuery> = {}) {
  const ds = fakeDatasource({
    instances: [item('inst-1', 'contact-center')],
    namespaces: [item('AWS/Connect'), item('AWS/EC2')],
    metrics: [item('QueueSize')],
    'dimension-keys': [item('QueueName'), item('ExtraKey')],
  });
  const r = renderControlled({ refId: 'SwitchboardVariable', ...query } as SwitchboardVariableQuery, (q, onChange) => (
    <VariableQueryEditor
      query={q}
      onChange={onChange}
      onRunQuery={() => {}}
      datasource={ds as unknown as SwitchboardDataSource}
    />
  ));
  return { ...r, ds };
}

beforeEach(() => {
  dashboardVariables([{ name: 'instance', current: 'inst-1' }]);
});

describe('VariableQueryEditor', () => {
  it('offers every kind with what it lists', () => {
    setup();
    openMenu('List');
    // what matters of a description: what the variable's text and value hold, what narrows a list
    expect(option('Queues')).toHaveTextContent(/text: name; value: id or name/);
    expect(option('Dimension values')).toHaveTextContent(/narrowed by other dimensions/);
    expect(option('Voice ID domains')).toBeInTheDocument();
    expect(screen.getAllByRole('option')).toHaveLength(12);
  });

  it('asks nothing more for regions and channels', () => {
    const { last } = setup();
    pick('List', 'Regions');
    expect(last()).toEqual({ refId: 'SwitchboardVariable', kind: 'regions' });
    expect(screen.queryByText('Region')).not.toBeInTheDocument();
    pick('List', 'Channels');
    expect(screen.queryByText('Region')).not.toBeInTheDocument();
    expect(screen.queryByText('Namespace')).not.toBeInTheDocument();
  });

  it('asks region, instance and queue types for queues; the instance may be a variable', async () => {
    const { last, ds } = setup();
    pick('List', 'Queues');
    expect(screen.getByText('Region')).toBeInTheDocument();
    expect(screen.getByText('Queue types')).toBeInTheDocument();
    expect(screen.queryByText('Namespace')).not.toBeInTheDocument();
    await waitFor(() => expect(ds.api.resources).toHaveBeenCalledWith('instances', {}));
    pick('Instance', '$instance');
    expect(last()).toEqual({ refId: 'SwitchboardVariable', kind: 'queues', instanceId: '$instance' });
    fireEvent.click(screen.getByRole('radio', { name: 'Both' }));
    expect(last().queueTypes).toBe('STANDARD,AGENT');
    // Id by default; Name makes one variable fit real-time filters and CloudWatch's QueueName.
    expect(screen.getByRole('radio', { name: 'Id' })).toBeChecked();
    fireEvent.click(screen.getByRole('radio', { name: 'Name' }));
    expect(last().valueField).toBe('name');
  });

  it('offers the value choice for routing profiles but not for agent statuses', () => {
    setup();
    pick('List', 'Routing profiles');
    expect(screen.getByRole('radio', { name: 'Name' })).toBeInTheDocument();
    pick('List', 'Agent statuses');
    expect(screen.queryByRole('radio', { name: 'Name' })).not.toBeInTheDocument();
  });

  it('asks only the region for instances', () => {
    const { last } = setup({ kind: 'instances' });
    expect(screen.queryByText('Instance *')).not.toBeInTheDocument();
    pick('Region', 'ap-southeast-2');
    expect(last()).toEqual({ refId: 'SwitchboardVariable', kind: 'instances', region: 'ap-southeast-2' });
  });

  it("lists the instances of the variable query's region for a routing-profile list", async () => {
    const { ds } = setup({ kind: 'routing-profiles', region: 'ap-southeast-2' });
    await waitFor(() => expect(ds.api.resources).toHaveBeenCalledWith('instances', { region: 'ap-southeast-2' }));
  });

  it('asks namespace, metric, dimension key and filters for dimension values', async () => {
    const { last, ds } = setup({ kind: 'dimension-values', namespace: 'AWS/Connect' });
    await waitFor(() => expect(ds.api.resources).toHaveBeenCalledWith('dimension-keys', { namespace: 'AWS/Connect' }));
    expect(ds.api.resources).toHaveBeenCalledWith('metrics', { namespace: 'AWS/Connect' });
    expect(ds.api.resources).toHaveBeenCalledWith('namespaces', {});
    pick('Metric', 'QueueSize');
    expect(last().metricName).toBe('QueueSize');
    openMenu('Dimension key');
    // the metric's catalogue keys, described
    expect(option('MetricGroup')).toHaveTextContent('VoiceCalls, Chats');
    await waitFor(() => expect(option('ExtraKey')).toBeInTheDocument());
    fireEvent.click(option('QueueName'));
    expect(last().dimensionKey).toBe('QueueName');

    const filters = screen.getByRole('textbox', { name: /^Dimension filters/ });
    fireEvent.change(filters, { target: { value: '{"InstanceId": ' } });
    fireEvent.blur(filters);
    expect(screen.getByText('must be valid JSON, e.g. {"InstanceId": "$instance"}')).toBeInTheDocument();
    expect(last().dimensions).toBeUndefined();
    fireEvent.change(filters, { target: { value: '{"InstanceId": "$instance", "MetricGroup": ["Queue"]}' } });
    fireEvent.blur(filters);
    expect(last().dimensions).toBe('{"InstanceId": "$instance", "MetricGroup": ["Queue"]}');
  });

  it('asks only namespace for metrics, with a dimension key only for dimension lists', async () => {
    const { ds } = setup({ kind: 'metrics' });
    await waitFor(() => expect(ds.api.resources).toHaveBeenCalledWith('namespaces', {}));
    expect(screen.getByText('choose a namespace')).toBeInTheDocument();
    expect(screen.queryByText('Dimension key')).not.toBeInTheDocument();
    expect(screen.queryByText('Dimension filters')).not.toBeInTheDocument();
  });
});

describe('dimensionsProblem', () => {
  it('accepts an object of values or value lists', () => {
    expect(dimensionsProblem('')).toBeUndefined();
    expect(dimensionsProblem('{"A": "x", "B": ["y", "*"]}')).toBeUndefined();
  });
  it('names what is wrong', () => {
    expect(dimensionsProblem('[1]')).toMatch(/must be a JSON object/);
    expect(dimensionsProblem('{"A": 1}')).toBe('A: must be a value or a list of values');
    expect(
      dimensionsProblem(JSON.stringify(Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`D${i}`, 'x']))))
    ).toBe('at most 10 dimension filters (CloudWatch)');
  });
});
