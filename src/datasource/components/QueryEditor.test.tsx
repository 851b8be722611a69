import React from 'react';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { SwitchboardDataSource } from '../datasource';
import type { SwitchboardDataQuery } from '../types';
import { QueryEditor, switchQueryType } from './QueryEditor';
import { fakeDatasource, item } from './testUtils';

function setup(query: Partial<SwitchboardDataQuery> & { refId: string }) {
  const ds = fakeDatasource(
    { instances: [item('inst-1', 'contact-center')], queues: [item('q-1', 'Sales')] },
    { defaultInstanceId: 'inst-default' }
  );
  const onChange = jest.fn();
  const onRunQuery = jest.fn();
  render(
    <QueryEditor
      query={query as SwitchboardDataQuery}
      datasource={ds as unknown as SwitchboardDataSource}
      onChange={onChange}
      onRunQuery={onRunQuery}
    />
  );
  return { ds, onChange, onRunQuery };
}

describe('QueryEditor', () => {
  it('shows the editor of the query type, filling a new query with its defaults', async () => {
    const { ds } = setup({ refId: 'A' });
    expect(screen.getByRole('radio', { name: 'Real-time' })).toBeChecked();
    expect(screen.getByText('Groupings')).toBeInTheDocument();
    await waitFor(() => expect(ds.api.resources).toHaveBeenCalledWith('instances', {}));
  });

  it('keeps the refId, region and instance when switching from real-time to quota', async () => {
    const { onChange } = setup({
      refId: 'Q',
      queryType: 'realtime',
      region: 'eu-west-2',
      instanceId: 'inst-1',
      filters: { queues: ['q-1'] },
      groupings: ['QUEUE'],
      metrics: ['AGENTS_ONLINE'],
    });
    await screen.findByText('contact-center');
    fireEvent.click(screen.getByRole('radio', { name: 'Quota' }));
    expect(onChange).toHaveBeenCalledWith({
      refId: 'Q',
      queryType: 'quota',
      region: 'eu-west-2',
      instanceId: 'inst-1',
      format: 'table',
    });
  });

  it('switches to CloudWatch with its defaults and back to real-time on the default instance', async () => {
    const { onChange } = setup({ refId: 'B', queryType: 'realtime', instanceId: 'inst-1' });
    await screen.findByText('contact-center');
    fireEvent.click(screen.getByRole('radio', { name: 'CloudWatch' }));
    expect(onChange).toHaveBeenLastCalledWith({
      refId: 'B',
      queryType: 'cloudwatch',
      namespace: 'AWS/Connect',
      metricName: '',
      dimensions: {},
      statistic: 'Maximum',
      period: 'auto',
      label: '',
      expression: '',
    });
    const back = switchQueryType(onChange.mock.calls[0][0], 'realtime', 'inst-default');
    expect(back).toMatchObject({ refId: 'B', queryType: 'realtime', instanceId: 'inst-default', groupings: ['QUEUE'] });
  });

  it('shows the CloudWatch editor for a cloudwatch query', async () => {
    const { ds } = setup({ refId: 'C', queryType: 'cloudwatch', namespace: 'AWS/Connect', metricName: 'QueueSize' });
    expect(screen.getByRole('radio', { name: 'CloudWatch' })).toBeChecked();
    await waitFor(() => expect(ds.api.resources).toHaveBeenCalledWith('metrics', { namespace: 'AWS/Connect' }));
    expect(screen.getByText('QueueSize')).toBeInTheDocument();
    expect(screen.getByText('Math expression')).toBeInTheDocument();
  });

  it('shows the quota editor for a quota query', async () => {
    setup({ refId: 'C', queryType: 'quota', instanceId: 'inst-1' });
    expect(screen.getByRole('radio', { name: 'Quota' })).toBeChecked();
    expect(await screen.findByText('contact-center')).toBeInTheDocument();
    expect(screen.getByText('All channels')).toBeInTheDocument();
  });

  it('reads queries saved by older versions (single queue, lower-case channel)', async () => {
    setup({ refId: 'A', instanceId: 'inst-1', queues: 'q-1', channels: ['voice'] } as never);
    expect(await screen.findByText('Sales')).toBeInTheDocument();
    expect(screen.getByText('Voice')).toBeInTheDocument();
  });
});
