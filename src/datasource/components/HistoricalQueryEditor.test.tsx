import React from 'react';
import { fireEvent, screen } from '@testing-library/react';
import { defaultQuery } from '../../connect/proxyApi';
import { HistoricalQueryEditor } from './HistoricalQueryEditor';
import type { HistoricalDataQuery } from './editorTypes';
import { fakeDatasource, item, openMenu, option, pick, renderControlled } from './testUtils';

function setup(overrides: Partial<HistoricalDataQuery> = {}) {
  const ds = fakeDatasource({
    instances: [item('inst-1', 'contact-center')],
    queues: [item('q-1', 'Billing'), item('q-2', 'Tech Support')],
    'routing-profiles': [item('rp-1', 'Basic')],
  });
  const onRunQuery = jest.fn();
  const query = {
    ...(defaultQuery('historical', 'D') as HistoricalDataQuery),
    instanceId: 'inst-1',
    ...overrides,
  };
  const r = renderControlled(query, (q, onChange) => (
    <HistoricalQueryEditor query={q} datasource={ds} onChange={onChange} onRunQuery={onRunQuery} />
  ));
  return { ...r, ds, onRunQuery };
}

describe('HistoricalQueryEditor', () => {
  it('starts on service level within 20 s and asks for a queue before it runs', async () => {
    const { last, onRunQuery } = setup();
    expect(await screen.findByText(/filter by at least one queue/)).toBeInTheDocument();
    expect(screen.getByText('20')).toBeInTheDocument();
    pick('Queues', 'Billing');
    expect(last().filters.queues).toEqual(['q-1']);
    expect(onRunQuery).toHaveBeenCalledTimes(1);
  });

  it('offers the agent grouping disabled, with the reason, while service level is chosen', async () => {
    const { onChange } = setup({ filters: { queues: ['q-1'] } });
    await screen.findByText('contact-center');
    openMenu('Group by');
    expect(option('Agent')).toHaveTextContent(/SERVICE_LEVEL, AVG_QUEUE_ANSWER_TIME cannot be grouped by AGENT/);
    fireEvent.click(option('Agent'));
    expect(onChange).not.toHaveBeenCalled();
  });

  it('adds a service level per threshold and switches them to at most', async () => {
    const { last } = setup({ filters: { queues: ['q-1'] } });
    await screen.findByText('contact-center');
    const input = screen.getByPlaceholderText('Seconds, then Enter');
    fireEvent.change(input, { target: { value: '60' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(last().metrics.filter((m) => m.name === 'SERVICE_LEVEL')).toEqual([
      { name: 'SERVICE_LEVEL', threshold: { comparison: 'LT', seconds: 20 } },
      { name: 'SERVICE_LEVEL', threshold: { comparison: 'LT', seconds: 60 } },
    ]);
    fireEvent.click(screen.getByRole('radio', { name: 'At most' }));
    expect(
      last()
        .metrics.filter((m) => m.name === 'SERVICE_LEVEL')
        .map((m) => m.threshold?.comparison)
    ).toEqual(['LTE', 'LTE']);
  });

  it('shows a threshold out of range on its field', async () => {
    setup({
      filters: { queues: ['q-1'] },
      metrics: [{ name: 'SERVICE_LEVEL', threshold: { comparison: 'LT', seconds: 700000 } }],
    });
    expect(
      await screen.findByText(
        "SERVICE_LEVEL's threshold must be a whole number of seconds from 1 to 604800 (got 700000)"
      )
    ).toBeInTheDocument();
  });
  it('goals: levels typed per metric, a variable accepted, a word refused, run when a level is left', async () => {
    const { last, onRunQuery } = setup({ filters: { queues: ['q-1'] } });
    await screen.findByText('contact-center');
    const warn = screen.getByLabelText('SERVICE_LEVEL warn level');
    fireEvent.change(warn, { target: { value: '$sl_warn' } });
    expect(screen.getByText(/goals.SERVICE_LEVEL.alert: set both levels/)).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('SERVICE_LEVEL alert level'), { target: { value: 'seventy' } });
    expect(
      screen.getByText(/goals.SERVICE_LEVEL.alert: must be a number or a template variable \("seventy"\)/)
    ).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('SERVICE_LEVEL alert level'), { target: { value: '70' } });
    expect(last().goals).toEqual({ SERVICE_LEVEL: { warn: '$sl_warn', alert: '70' } });
    const runs = onRunQuery.mock.calls.length;
    fireEvent.blur(warn);
    expect(onRunQuery).toHaveBeenCalledTimes(runs + 1);
    // both levels emptied: no goal left
    fireEvent.change(warn, { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('SERVICE_LEVEL alert level'), { target: { value: '' } });
    expect(last().goals).toBeUndefined();
  });

  it('compares with the same weekday last week', async () => {
    const { last } = setup({ filters: { queues: ['q-1'] } });
    await screen.findByText('contact-center');
    pick('Compare with', '7 days earlier');
    expect(last().offsetDays).toBe(7);
    pick('Compare with', 'None');
    expect(last().offsetDays).toBeUndefined();
  });
});
