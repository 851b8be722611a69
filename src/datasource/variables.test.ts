import { loadVariableValues } from './variables';
import type { ResourceItem, SwitchboardVariableQuery } from './types';

function fakeDs(items: ResourceItem[]) {
  const resources = jest.fn(async () => items);
  return { ds: { api: { resources } } as unknown as Parameters<typeof loadVariableValues>[0], resources };
}

const query = (q: Partial<SwitchboardVariableQuery>) => ({ refId: 'V', ...q }) as SwitchboardVariableQuery;

describe('loadVariableValues', () => {
  const queues = [
    { value: 'q-1', text: 'Billing' },
    { value: 'q-2', text: 'VIP' },
  ];

  it('gives ids by default, with the variables of the query replaced', async () => {
    const { ds, resources } = fakeDs(queues);
    const values = await loadVariableValues(ds, query({ kind: 'queues', instanceId: '$instance' }), (s) =>
      s.replace('$instance', 'inst-1')
    );
    expect(values).toEqual(queues);
    expect(resources).toHaveBeenCalledWith('queues', expect.objectContaining({ instanceId: 'inst-1' }));
  });

  it('gives names as values when asked, for queues and routing profiles only', async () => {
    const { ds } = fakeDs(queues);
    const same = (s: string) => s;
    expect(await loadVariableValues(ds, query({ kind: 'queues', valueField: 'name' }), same)).toEqual([
      { value: 'Billing', text: 'Billing' },
      { value: 'VIP', text: 'VIP' },
    ]);
    expect(await loadVariableValues(ds, query({ kind: 'routing-profiles', valueField: 'name' }), same)).toEqual([
      { value: 'Billing', text: 'Billing' },
      { value: 'VIP', text: 'VIP' },
    ]);
    // Instances are addressed by id in every query: the option does not apply.
    expect(await loadVariableValues(ds, query({ kind: 'instances', valueField: 'name' }), same)).toEqual(queues);
  });

  it("puts the datasource's default region and instance first", async () => {
    const regions = [
      { value: 'ap-southeast-2', text: 'Sydney' },
      { value: 'eu-west-2', text: 'London' },
      { value: 'us-east-1', text: 'N. Virginia' },
    ];
    const { ds } = fakeDs(regions);
    const withDefaults = { ...ds, defaults: { region: 'eu-west-2', instanceId: 'us-east-1' } };
    const same = (s: string) => s;
    expect((await loadVariableValues(withDefaults, query({ kind: 'regions' }), same)).map((r) => r.value)).toEqual([
      'eu-west-2',
      'ap-southeast-2',
      'us-east-1',
    ]);
    // The instance default applies to instances (here the fake answers the same list).
    expect((await loadVariableValues(withDefaults, query({ kind: 'instances' }), same)).map((r) => r.value)).toEqual([
      'us-east-1',
      'ap-southeast-2',
      'eu-west-2',
    ]);
    // Not to other lists, and a default that is not in the list changes nothing.
    expect(await loadVariableValues(withDefaults, query({ kind: 'queues' }), same)).toEqual(regions);
    const unknown = { ...ds, defaults: { region: 'sa-east-1' } };
    expect(await loadVariableValues(unknown, query({ kind: 'regions' }), same)).toEqual(regions);
  });

  it('lists channels without asking the proxy', async () => {
    const { ds, resources } = fakeDs([]);
    expect((await loadVariableValues(ds, query({ kind: 'channels' }), (s) => s)).map((c) => c.value)).toEqual([
      'VOICE',
      'CHAT',
      'TASK',
      'EMAIL',
    ]);
    expect(resources).not.toHaveBeenCalled();
  });
});
