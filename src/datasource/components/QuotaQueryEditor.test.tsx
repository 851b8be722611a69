import React from 'react';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { QuotaQueryEditor } from './QuotaQueryEditor';
import type { QuotaDataQuery } from './editorTypes';
import { fakeDatasource, item, pick, removeValue, renderControlled } from './testUtils';

function setup(overrides: Partial<QuotaDataQuery> = {}) {
  const ds = fakeDatasource({ instances: [item('inst-1', 'contact-center')] }, { defaultRegion: 'us-west-2' });
  const onRunQuery = jest.fn();
  const query: QuotaDataQuery = { refId: 'C', queryType: 'quota', instanceId: 'inst-1', format: 'table', ...overrides };
  const r = renderControlled(query, (q, onChange) => (
    <QuotaQueryEditor query={q} datasource={ds} onChange={onChange} onRunQuery={onRunQuery} />
  ));
  return { ...r, ds, onRunQuery };
}

describe('QuotaQueryEditor', () => {
  it('loads the instances of the region and shows the chosen one by name', async () => {
    const { ds } = setup({ region: 'eu-west-2' });
    await waitFor(() => expect(ds.api.resources).toHaveBeenCalledWith('instances', { region: 'eu-west-2' }));
    expect(await screen.findByText('contact-center')).toBeInTheDocument();
  });

  it('writes channels (empty: all of them) and the format, and runs', async () => {
    const { last, onRunQuery } = setup();
    await screen.findByText('contact-center');
    expect(screen.getByText('All channels')).toBeInTheDocument();
    pick('Channels', 'Voice');
    pick('Channels', 'Chat');
    expect(last()).toEqual({
      refId: 'C',
      queryType: 'quota',
      instanceId: 'inst-1',
      format: 'table',
      channels: ['VOICE', 'CHAT'],
    });
    removeValue('Channels', 'Voice');
    removeValue('Channels', 'Chat');
    expect(last().channels).toBeUndefined();
    fireEvent.click(screen.getByRole('radio', { name: 'Time series' }));
    expect(last().format).toBe('timeseries');
    expect(onRunQuery).toHaveBeenCalledTimes(5);
  });

  it('needs an instance before it runs', async () => {
    const { last, onRunQuery } = setup({ instanceId: '' });
    expect(await screen.findByText('choose an instance')).toBeInTheDocument();
    pick('Channels', 'Task');
    expect(onRunQuery).not.toHaveBeenCalled();
    pick('Instance', 'contact-center');
    expect(last().instanceId).toBe('inst-1');
    expect(onRunQuery).toHaveBeenCalledTimes(1);
  });

  it('keeps a saved channel it does not know and says so', async () => {
    setup({ channels: ['SMS'] as unknown as QuotaDataQuery['channels'] });
    expect(await screen.findByText('"SMS" is not a channel (VOICE, CHAT, TASK or EMAIL)')).toBeInTheDocument();
    expect(screen.getByText('SMS')).toBeInTheDocument();
  });
});
