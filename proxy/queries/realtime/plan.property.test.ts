import fc from 'fast-check';
import { CHANNELS } from '../../../src/connect/channels';
import type { RealtimeQuery } from '../../../src/connect/proxyApi';
import { REALTIME_METRIC_NAMES, STANDARD_REALTIME_METRICS } from '../../../src/connect/realtimeMetrics';
import {
  formatViolation,
  GROUPINGS,
  REALTIME_LIMITS,
  validateRealtimeRequest,
  WIRE_FIELD_NAMES,
} from '../../../src/connect/realtimeRules';
import { planRealtime } from './plan';
import { QueryError } from '../../errors';

/**
 * Properties of the shared GetCurrentMetricData rules and of the proxy's planner over generated requests (issue 7):
 * the rules never throw and always name a known field; the planner either refuses with the rules' own message or
 * plans calls that each obey Connect's limits and together ask for exactly the queues asked for.
 */

const ids = (max: number) => fc.uniqueArray(fc.uuid(), { maxLength: max });
const request = fc.record(
  {
    filters: fc.record(
      {
        queues: ids(250),
        routingProfiles: ids(120),
        channels: fc.subarray([...CHANNELS, 'FAX']),
        routingStepExpressions: fc.array(fc.string({ maxLength: 8 }), { maxLength: 3 }),
        agentStatuses: ids(3),
        subtypes: fc.array(fc.string({ maxLength: 8 }), { maxLength: 2 }),
      },
      { requiredKeys: [] }
    ),
    groupings: fc.subarray([...GROUPINGS, 'BOGUS'], { maxLength: 3 }),
    metrics: fc.subarray([...REALTIME_METRIC_NAMES, 'NOT_A_METRIC']),
    sort: fc.option(
      fc.record({
        metric: fc.constantFrom(...REALTIME_METRIC_NAMES),
        order: fc.constantFrom('ASCENDING', 'DESCENDING'),
      }),
      { nil: undefined }
    ),
  },
  { requiredKeys: ['filters', 'groupings', 'metrics'] }
);

describe('GetCurrentMetricData rules and the planner, over generated requests', () => {
  it('the rules never throw, and every violation names a known field in the message', () => {
    fc.assert(
      fc.property(request, fc.boolean(), (r, splits) => {
        const violations = validateRealtimeRequest(
          { ...r, sort: r.sort ? [r.sort] : undefined },
          { splitsLargeSets: splits }
        );
        for (const v of violations) {
          expect(Object.keys(WIRE_FIELD_NAMES)).toContain(v.field);
          expect(formatViolation(v)).toMatch(new RegExp(`^${v.field.replace('.', '\\.')}: \\S`));
          expect(['InvalidParameterException', 'InvalidRequestException']).toContain(v.awsError);
        }
      }),
      { numRuns: 3000, seed: 7 }
    );
  });

  it('the planner refuses with the rules, or plans calls within the limits that cover exactly the asked queues', () => {
    fc.assert(
      fc.property(request, (r) => {
        const q = { refId: 'A', queryType: 'realtime', instanceId: 'i', ...r } as RealtimeQuery;
        const violations = validateRealtimeRequest(
          { ...r, sort: r.sort ? [r.sort] : undefined },
          { splitsLargeSets: true }
        );
        let plan: ReturnType<typeof planRealtime> | undefined;
        try {
          plan = planRealtime(q);
        } catch (e) {
          expect(e).toBeInstanceOf(QueryError);
          if (violations.length > 0) {
            expect((e as Error).message).toBe(violations.map((v) => formatViolation(v)).join('; '));
          } else {
            // Beyond the rules: metrics that cannot be combined across split calls, and a sort metric that the
            // filters and groupings do not allow.
            expect((e as Error).message).toMatch(/cannot be combined across them|^sort\.metric: sorting by /);
          }
          return;
        }
        expect(violations).toEqual([]);
        const queues = r.filters.queues ?? [];
        for (const call of plan.calls) {
          expect((call.filters.Queues ?? []).length).toBeLessThanOrEqual(REALTIME_LIMITS.queues);
          expect((call.filters.RoutingProfiles ?? []).length).toBeLessThanOrEqual(REALTIME_LIMITS.routingProfiles);
          // Each call on its own obeys every rule, without the proxy's split allowance.
          expect(
            validateRealtimeRequest({
              filters: {
                queues: call.filters.Queues,
                routingProfiles: call.filters.RoutingProfiles,
                channels: call.filters.Channels,
                routingStepExpressions: call.filters.RoutingStepExpressions,
                agentStatuses: call.filters.AgentStatuses,
                subtypes: call.filters.Subtypes,
              },
              groupings: call.groupings,
              metrics: call.metrics,
            }).map((v) => formatViolation(v))
          ).toEqual([]);
        }
        if (queues.length > 0) {
          // Each family of calls (plain, or grouped once more to count owners once) covers the asked queues exactly.
          const families = new Set(plan.calls.map((c) => c.dedupeBy ?? ''));
          for (const family of families) {
            const calls = plan.calls.filter((c) => (c.dedupeBy ?? '') === family);
            const asked = calls.flatMap((c) => c.filters.Queues ?? []);
            expect([...asked].sort()).toEqual([...queues].sort());
            expect(calls).toHaveLength(Math.ceil(queues.length / REALTIME_LIMITS.queues));
          }
        }
      }),
      { numRuns: 3000, seed: 11 }
    );
  });

  it('a valid dashboard-like request of any size plans into ceil(n / 100) calls', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.uuid(), { minLength: 1, maxLength: 450 }), (queues) => {
        const plan = planRealtime({
          refId: 'A',
          queryType: 'realtime',
          instanceId: 'i',
          filters: { queues, channels: ['VOICE', 'CHAT'] },
          groupings: ['QUEUE'],
          metrics: STANDARD_REALTIME_METRICS.filter((m) => m !== 'AGENTS_ON_CALL'),
        } as RealtimeQuery);
        expect(plan.calls).toHaveLength(Math.ceil(queues.length / 100));
        expect(plan.combine).toBe('concat');
      }),
      { numRuns: 200, seed: 13 }
    );
  });
});
