import type { ResourceItem } from '../resources';
import { selectQueues } from './targets';

/** EXPORTER_QUEUES against an instance's queue list (as the queues resource lists them: by name). */

const ARN = 'arn:aws:connect:us-east-1:123456789012:instance/3f2c9a1e-7b4d-4e2a-9c61-5d8e0f4a2b17';
const queue = (id: string, name: string): ResourceItem => ({ value: id, text: name, arn: `${ARN}/queue/${id}` });
const BILLING = queue('83fda9ba-a844-4d2f-a64b-3a37a504e7e0', 'Billing');
const SALES = queue('80d450b4-77db-4822-aad9-eb5a709d0cb9', 'Sales');
const VIP = queue('7adeddb9-74d8-4389-a575-98ca01d616e7', 'VIP');
const list = [BILLING, SALES, VIP];

describe('selectQueues', () => {
  it('takes every queue for "all", in the list order', () => {
    expect(selectQueues('all', list)).toEqual({ ids: [BILLING.value, SALES.value, VIP.value], unmatched: [] });
  });

  it('matches names (exactly, else ignoring case), ids and ARNs, and keeps the list order whatever the order given', () => {
    expect(selectQueues(['vip', `${ARN}/queue/${SALES.value}`, BILLING.value], list)).toEqual({
      ids: [BILLING.value, SALES.value, VIP.value],
      unmatched: [],
    });
  });

  it('counts a queue named twice once, and reports entries that name no queue of the instance', () => {
    expect(selectQueues(['Billing', BILLING.value, 'Returns', 'a1b2c3d4-0000-4000-8000-000000000001'], list)).toEqual({
      ids: [BILLING.value],
      unmatched: ['Returns', 'a1b2c3d4-0000-4000-8000-000000000001'],
    });
  });

  it('does not guess between names that differ only in case', () => {
    const twins = [
      queue('11111111-1111-4111-8111-111111111111', 'Sales'),
      queue('22222222-2222-4222-8222-222222222222', 'SALES'),
    ];
    expect(selectQueues(['sales'], twins)).toEqual({ ids: [], unmatched: ['sales'] });
    expect(selectQueues(['SALES'], twins).ids).toEqual(['22222222-2222-4222-8222-222222222222']);
  });
});
