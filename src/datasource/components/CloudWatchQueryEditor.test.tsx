import React from 'react';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { defaultQuery } from '../../connect/query';
import { CloudWatchQueryEditor } from './CloudWatchQueryEditor';
import type { CloudWatchDataQuery } from './editorTypes';
import {
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
  namespaces: [item('AWS/Connect'), item('AWS/EC2')],
  metrics: (p: Record<string, string | undefined>) =>
    p.namespace === 'AWS/Connect' ? [item('QueueSize'), item('CustomConnectMetric')] : [item('CPUUtilization')],
  'dimension-keys': [item('InstanceId'), item('ExtraKey')],
  'dimension-values': (p: Record<string, string | undefined>) =>
    p.dimensionKey === 'QueueName' ? [item('Sales'), item('Support')] : [item('inst-1')],
};

function setup(overrides: Partial<CloudWatchDataQuery> = {}) {
  const ds = fakeDatasource(lists, { defaultRegion: 'us-east-1', defaultInstanceId: 'inst-default' });
  const onRunQuery = jest.fn();
  const query: CloudWatchDataQuery = { ...(defaultQuery('cloudwatch', 'B') as CloudWatchDataQuery), ...overrides };
  const r = renderControlled(query, (q, onChange) => (
    <CloudWatchQueryEditor query={q} datasource={ds} onChange={onChange} onRunQuery={onRunQuery} />
  ));
  return { ...r, ds, onRunQuery };
}

const queueSize: Partial<CloudWatchDataQuery> = {
  metricName: 'QueueSize',
  statistic: 'Maximum',
  dimensions: { InstanceId: ['inst-1'], MetricGroup: ['Queue'], QueueName: ['*'] },
};

beforeEach(() => {
  dashboardVariables([{ name: 'queue', current: 'Sales' }]);
});

describe('CloudWatchQueryEditor', () => {
  it('offers the four Connect namespaces first, with their labels, then those of the proxy', async () => {
    const { ds } = setup();
    await waitFor(() => expect(ds.api.resources).toHaveBeenCalledWith('namespaces', {}));
    openMenu('Namespace');
    const labels = screen.getAllByRole('option').map((o) => o.querySelector('span')?.textContent);
    expect(labels.slice(0, 5)).toEqual([
      'AWS/Connect',
      'AWS/ChimeVoiceConnector',
      'VoiceID',
      'AWS/AppIntegrations',
      'AWS/EC2',
    ]);
    expect(option('VoiceID')).toHaveTextContent('Amazon Connect Voice ID');
  });

  // fact: publishing-frequency
  it('says under the period when it is finer than AWS publishes the metric, and still runs the query', async () => {
    const { onRunQuery } = setup({
      namespace: 'VoiceID',
      metricName: 'Speakers',
      statistic: 'Maximum',
      dimensions: { Domain: ['d-1'] },
      period: 60,
    });
    expect(
      await screen.findByText(
        'Raised: AWS publishes VoiceID Speakers every 15 minutes: a 60-second period would show empty periods between its points, so 900 seconds is used.'
      )
    ).toBeInTheDocument();
    expect(screen.queryByText(/auto, or seconds/)).not.toBeInTheDocument();
    pick('Period', '15m');
    expect(screen.queryByText(/^Raised:/)).not.toBeInTheDocument();
    expect(onRunQuery).toHaveBeenCalled();
  });

  it('changing the namespace starts a new metric', async () => {
    const { last, ds } = setup(queueSize);
    await screen.findByText('QueueSize');
    pick('Namespace', 'AWS/EC2');
    expect(last()).toMatchObject({ namespace: 'AWS/EC2', metricName: '', dimensions: {} });
    await waitFor(() => expect(ds.api.resources).toHaveBeenCalledWith('metrics', { namespace: 'AWS/EC2' }));
  });

  it('lists catalogue metrics with unit and meaning, plus the metrics of the proxy', async () => {
    const { ds } = setup();
    await waitFor(() => expect(ds.api.resources).toHaveBeenCalledWith('metrics', { namespace: 'AWS/Connect' }));
    openMenu('Metric');
    expect(option('LongestQueueWaitTime')).toHaveTextContent(
      'Seconds · Maximum · The longest time a contact waited in the queue during the interval.'
    );
    await waitFor(() => expect(option('CustomConnectMetric')).toBeInTheDocument());
  });

  it('choosing a catalogue metric sets its statistic and the dimensions of its first set', async () => {
    const { last, onRunQuery } = setup();
    await waitFor(() => expect(screen.queryByText('Choose a metric')).toBeInTheDocument());
    pick('Metric', 'QueueSize');
    expect(last()).toMatchObject({
      refId: 'B',
      namespace: 'AWS/Connect',
      metricName: 'QueueSize',
      statistic: 'Maximum',
      dimensions: { InstanceId: ['inst-default'], MetricGroup: ['Queue'], QueueName: ['*'] },
    });
    expect(onRunQuery).toHaveBeenCalledTimes(1);
    // the unit of the chosen metric is shown
    expect(screen.getByText(/Unit: Count \(shown as short\)\. Contacts in the queue/)).toBeInTheDocument();
    // and its dimension rows
    expect(screen.getByText('InstanceId')).toBeInTheDocument();
    expect(screen.getByText('QueueName')).toBeInTheDocument();

    pick('Metric', 'CallsPerInterval');
    expect(last()).toMatchObject({
      statistic: 'Sum',
      dimensions: { InstanceId: ['inst-default'], MetricGroup: ['VoiceCalls'] },
    });
    expect(Object.keys(last().dimensions!)).toEqual(['InstanceId', 'MetricGroup']);
  });

  it('keeps the values of dimensions the new metric shares', async () => {
    const { last } = setup(queueSize);
    await screen.findByText('QueueSize');
    pick('Metric', 'LongestQueueWaitTime');
    expect(last().dimensions).toEqual({ InstanceId: ['inst-1'], MetricGroup: ['Queue'], QueueName: ['*'] });
  });

  it('loads dimension values narrowed by the other dimensions, with "*" and variables', async () => {
    const { last, ds } = setup(queueSize);
    await screen.findByText('QueueSize');
    openMenu(screen.getByLabelText('Values of QueueName'));
    await waitFor(() =>
      expect(ds.api.resources).toHaveBeenCalledWith('dimension-values', {
        namespace: 'AWS/Connect',
        metricName: 'QueueSize',
        dimensionKey: 'QueueName',
        dimensions: JSON.stringify({ InstanceId: ['inst-1'], MetricGroup: ['Queue'] }),
      })
    );
    await waitFor(() => expect(option('Sales')).toBeInTheDocument());
    expect(option('$queue')).toHaveTextContent('Template variable');
    fireEvent.click(option('Sales'));
    expect(last().dimensions!.QueueName).toEqual(['*', 'Sales']);
    removeValue('Values of QueueName', '*');
    expect(last().dimensions!.QueueName).toEqual(['Sales']);
  });

  it('flags a dimension without values, as the proxy would', async () => {
    const { onRunQuery } = setup(queueSize);
    await screen.findByText('QueueSize');
    removeValue('Values of QueueName', '*');
    expect(screen.getByText('QueueName: choose at least one value (or "*" for every value)')).toBeInTheDocument();
    expect(onRunQuery).not.toHaveBeenCalled();
  });

  it('adds and removes dimension rows; keys come from the catalogue and the proxy', async () => {
    const { last, ds } = setup({ ...queueSize, dimensions: { InstanceId: ['inst-1'] } });
    await screen.findByText('QueueSize');
    fireEvent.click(screen.getByRole('button', { name: 'Add dimension' }));
    const keys = screen.getAllByLabelText('Dimension key');
    openMenu(keys[keys.length - 1]);
    await waitFor(() =>
      expect(ds.api.resources).toHaveBeenCalledWith('dimension-keys', {
        namespace: 'AWS/Connect',
        metricName: 'QueueSize',
        dimensions: JSON.stringify({ InstanceId: ['inst-1'] }),
      })
    );
    // the catalogue's keys of the metric first, without the one already used
    expect(option('MetricGroup')).toHaveTextContent(
      'VoiceCalls, Chats, Tasks, Emails (also seen as Email), Queue, ContactFlow or CallRecordings.'
    );
    expect(() => option('InstanceId')).toThrow();
    await waitFor(() => expect(option('ExtraKey')).toBeInTheDocument());
    fireEvent.click(option('MetricGroup'));
    expect(last().dimensions).toEqual({ InstanceId: ['inst-1'], MetricGroup: ['*'] });

    fireEvent.click(screen.getAllByRole('button', { name: 'Remove this dimension' })[0]);
    expect(last().dimensions).toEqual({ MetricGroup: ['*'] });
  });

  it('allows at most 30 dimensions', async () => {
    const dimensions = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`D${i}`, ['*']]));
    setup({ ...queueSize, dimensions });
    await screen.findByText('QueueSize');
    const add = screen.getByRole('button', { name: 'Add dimension' });
    // disabled the accessible way (aria-disabled keeps the tooltip that says why)
    expect(add).toHaveAttribute('aria-disabled', 'true');
    expect(screen.getByText('At most 30 dimensions per metric.')).toBeInTheDocument();
    fireEvent.click(add);
    expect(screen.getAllByLabelText('Dimension key')).toHaveLength(30);
  });

  it('shows the period rule for 45 seconds and does not run', async () => {
    const { last, onRunQuery } = setup(queueSize);
    await screen.findByText('QueueSize');
    typeCustom('Period', '45');
    expect(last().period).toBe(45);
    expect(screen.getByText('must be 1, 5, 10, 20, 30 or a multiple of 60 seconds (got 45)')).toBeInTheDocument();
    expect(onRunQuery).not.toHaveBeenCalled();
    typeCustom('Period', '120');
    expect(last().period).toBe(120);
    expect(screen.queryByText(/multiple of 60 seconds \(got/)).not.toBeInTheDocument();
    expect(onRunQuery).toHaveBeenCalledTimes(1);
    pick('Period', '5m');
    expect(last().period).toBe(300);
  });

  it('shows the id rule for an invalid id and runs a valid one when the user leaves the field', async () => {
    const { last, onRunQuery } = setup(queueSize);
    await screen.findByText('QueueSize');
    const id = screen.getByRole('textbox', { name: /^Id/ });
    expect(id).toHaveAttribute('placeholder', 'b');
    fireEvent.change(id, { target: { value: 'Queue-1' } });
    fireEvent.blur(id);
    expect(last().id).toBe('Queue-1');
    expect(
      screen.getByText(
        'must start with a lower-case letter and hold only letters, digits and underscores (got "Queue-1")'
      )
    ).toBeInTheDocument();
    expect(onRunQuery).not.toHaveBeenCalled();
    fireEvent.change(id, { target: { value: 'queue_1' } });
    expect(onRunQuery).not.toHaveBeenCalled();
    fireEvent.blur(id);
    expect(onRunQuery).toHaveBeenCalledTimes(1);
    expect(screen.queryByText(/must start with a lower-case letter/)).not.toBeInTheDocument();
  });

  it('offers percentiles and takes typed ones; flags a statistic CloudWatch does not know', async () => {
    const { last } = setup(queueSize);
    await screen.findByText('QueueSize');
    pick('Statistic', 'p99');
    expect(last().statistic).toBe('p99');
    typeCustom('Statistic', 'p99.5');
    expect(last().statistic).toBe('p99.5');
    typeCustom('Statistic', 'Median');
    expect(
      screen.getByText(
        'must be one of Average, Sum, Minimum, Maximum, SampleCount or a percentile such as p99 (got "Median")'
      )
    ).toBeInTheDocument();
  });

  it('says the metric fields are not used when an expression is set', async () => {
    const { last } = setup(queueSize);
    await screen.findByText('QueueSize');
    expect(screen.queryByText('This query is a math expression')).not.toBeInTheDocument();
    const expression = screen.getByRole('textbox', { name: /^Math expression/ });
    fireEvent.change(expression, { target: { value: 'b * 2' } });
    expect(last().expression).toBe('b * 2');
    expect(screen.getByText('This query is a math expression')).toBeInTheDocument();
    expect(screen.getAllByText(/Not used: this query is a math expression\./).length).toBeGreaterThanOrEqual(3);
  });

  it('an expression needs no metric', async () => {
    setup({ metricName: '', expression: 'a + b' });
    expect(await screen.findByText('This query is a math expression')).toBeInTheDocument();
    expect(screen.queryByText('choose a metric (or write a math expression)')).not.toBeInTheDocument();
  });

  it('says a metric is needed otherwise', async () => {
    setup();
    expect(await screen.findByText('choose a metric (or write a math expression)')).toBeInTheDocument();
  });

  it('lists the label placeholders of the dimensions', async () => {
    setup(queueSize);
    await screen.findByText('QueueSize');
    expect(
      screen.getByText(/Placeholders: \$\{InstanceId\} \$\{MetricGroup\} \$\{QueueName\} \$\{METRIC\} \$\{STAT\}/)
    ).toBeInTheDocument();
    fireEvent.change(screen.getByRole('textbox', { name: /^Label/ }), { target: { value: '${QueueName}' } });
    expect(combobox('Region')).toBeInTheDocument();
  });
});
