import { idOfName, resourceRef } from './resourceRefs';

describe('resourceRef', () => {
  it('takes UUIDs and ARNs as ids and anything else as a name', () => {
    expect(resourceRef('3f2c9a1e-7b4d-4e2a-9c61-5d8e0f4a2b17').kind).toBe('id');
    expect(resourceRef('3F2C9A1E-7B4D-4E2A-9C61-5D8E0F4A2B17').kind).toBe('id');
    expect(resourceRef('arn:aws:connect:us-east-1:123456789012:instance/x/queue/y').kind).toBe('id');
    expect(resourceRef('Billing')).toEqual({ kind: 'name', value: 'Billing' });
    // Almost a UUID (one character short) is a name: it will be looked up and reported if unknown.
    expect(resourceRef('3f2c9a1e-7b4d-4e2a-9c61-5d8e0f4a2b1').kind).toBe('name');
  });
});

describe('idOfName', () => {
  const queues = [
    { id: 'a', name: 'Billing' },
    { id: 'b', name: 'Tech Support' },
    { id: 'c', name: 'VIP' },
    { id: 'd', name: 'vip' },
  ];
  it('matches exactly first', () => {
    expect(idOfName('VIP', queues)).toBe('c');
    expect(idOfName('vip', queues)).toBe('d');
  });
  it('ignores case only when that leaves one queue', () => {
    expect(idOfName('tech support', queues)).toBe('b');
    expect(idOfName('Vip', queues)).toBeUndefined();
  });
  it('gives undefined for unknown names', () => {
    expect(idOfName('Returns', queues)).toBeUndefined();
  });
});
