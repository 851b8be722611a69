import type { RealtimeRequestShape } from '../../connect/realtimeRules';
import {
  currentViolations,
  filterModeConflict,
  groupingOptions,
  metricOptions,
  violationsByControl,
  withGroupingAt,
} from './realtimeEditing';

const ok: RealtimeRequestShape = {
  filters: { queues: ['q1'], channels: ['VOICE'] },
  groupings: ['QUEUE'],
  metrics: ['AGENTS_ONLINE'],
};

describe('withGroupingAt', () => {
  it('sets, replaces, appends and removes a grouping by position', () => {
    expect(withGroupingAt([], 0, 'QUEUE')).toEqual(['QUEUE']);
    expect(withGroupingAt(['QUEUE'], 1, 'CHANNEL')).toEqual(['QUEUE', 'CHANNEL']);
    expect(withGroupingAt(['QUEUE', 'CHANNEL'], 0, 'ROUTING_PROFILE')).toEqual(['ROUTING_PROFILE', 'CHANNEL']);
    expect(withGroupingAt(['QUEUE', 'CHANNEL'], 0, undefined)).toEqual(['CHANNEL']);
    // "then by" without a first grouping becomes the first
    expect(withGroupingAt([], 1, 'CHANNEL')).toEqual(['CHANNEL']);
  });
});

describe('option reasons', () => {
  it('blames an option only for the rules it would newly break', () => {
    // the query already breaks a rule (no metric): QUEUE is not blamed for it
    const broken = { ...ok, metrics: [], groupings: ['CHANNEL'] };
    expect(currentViolations(broken).map((v) => v.rule)).toEqual(['metrics.required']);
    const first = groupingOptions(broken, 0);
    expect(first.find((o) => o.value === 'QUEUE')).toMatchObject({ isDisabled: false });
    // the chosen grouping is never disabled
    expect(first.find((o) => o.value === 'CHANNEL')).toMatchObject({ isDisabled: false });
  });

  it('disables SUBTYPE as first grouping and allows it after QUEUE', () => {
    expect(groupingOptions(ok, 0).find((o) => o.value === 'SUBTYPE')).toMatchObject({
      isDisabled: true,
      description: 'Not available: SUBTYPE can only be the second grouping, after QUEUE, with a queue filter',
    });
    expect(groupingOptions(ok, 1).find((o) => o.value === 'SUBTYPE')).toMatchObject({ isDisabled: false });
  });

  it('does not count the 100-queue limit: the proxy splits larger sets', () => {
    const many = { ...ok, filters: { queues: Array.from({ length: 150 }, (_, i) => `q${i}`) } };
    expect(currentViolations(many)).toEqual([]);
    expect(metricOptions(many).find((o) => o.value === 'CONTACTS_IN_QUEUE')).toMatchObject({ isDisabled: false });
  });
});

describe('filterModeConflict', () => {
  it('names the rule when the other kind of filter is still set', () => {
    expect(filterModeConflict(ok, 'routingProfiles')).toBe(
      'queues and routing profiles cannot be used as filters together'
    );
    expect(filterModeConflict(ok, 'queues')).toBeUndefined();
    // both set: that is a current violation, shown as such
    expect(filterModeConflict({ ...ok, filters: { queues: ['q'], routingProfiles: ['r'] } }, 'queues')).toBeUndefined();
  });
});

describe('violationsByControl', () => {
  it('puts a violation of a hidden control on the filter, never dropping it', () => {
    const v = currentViolations({
      filters: { queues: ['q1'] },
      groupings: ['ROUTING_PROFILE'],
      metrics: ['CONTACTS_IN_QUEUE'],
    });
    expect(v.map((x) => x.field)).toEqual(['filters.routingProfiles']);
    const shown = violationsByControl(v, new Set(['filterMode', 'queues', 'groupings', 'metrics']));
    expect(shown.get('filterMode')).toEqual([
      'grouped by ROUTING_PROFILE, CONTACTS_IN_QUEUE needs a routing-profile filter',
    ]);
    const withRp = violationsByControl(v, new Set(['filterMode', 'routingProfiles']));
    expect(withRp.get('routingProfiles')).toHaveLength(1);
    expect(withRp.get('filterMode')).toBeUndefined();
  });
});
