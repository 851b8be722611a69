import {
  ConnectClient,
  DescribeQueueCommand,
  GetCurrentMetricDataCommand,
  GetCurrentUserDataCommand,
  GetMetricDataV2Command,
  ListAgentStatusesCommand,
  ListInstancesCommand,
  ListUserHierarchyGroupsCommand,
  SearchUsersCommand,
  paginateSearchUsers,
  paginateGetCurrentMetricData,
  paginateGetCurrentUserData,
  paginateGetMetricDataV2,
  paginateListInstances,
  paginateListQueues,
  paginateListRoutingProfiles,
  type GetCurrentMetricDataCommandInput,
  type CurrentMetricName,
  type Grouping,
} from '@aws-sdk/client-connect';
import { REALTIME_METRICS, STANDARD_REALTIME_METRICS } from '../../src/connect/realtimeMetrics';
import { realtimeAdvice, validateRealtimeRequest } from '../../src/connect/realtimeRules';
import { startTestSimulator, type TestSimulator } from '../support/simulator';
import { bigScenario } from '../bench/bigScenario';

const metrics = (names: string[]) =>
  names.map((Name) => ({ Name: Name as CurrentMetricName, Unit: REALTIME_METRICS[Name as CurrentMetricName].unit }));

describe('simulator: Amazon Connect through the real SDK', () => {
  let sim: TestSimulator;
  let connect: ConnectClient;
  let instanceId: string;
  let queueIds: string[];
  let rpIds: string[];

  beforeAll(async () => {
    sim = await startTestSimulator();
    connect = new ConnectClient(sim.config());
    const inst = sim.context.world.instances[0];
    instanceId = inst.id;
    queueIds = inst.queues.map((q) => q.id);
    rpIds = inst.routingProfiles.map((r) => r.id);
  });
  afterAll(async () => {
    connect.destroy();
    await sim.close();
  });

  const gcmd = (input: Omit<GetCurrentMetricDataCommandInput, 'InstanceId'>) =>
    connect.send(new GetCurrentMetricDataCommand({ InstanceId: instanceId, ...input }));

  describe('lists', () => {
    it('lists instances per region, every page', async () => {
      const east = [];
      for await (const page of paginateListInstances({ client: connect, pageSize: 1 }, {})) {
        east.push(...(page.InstanceSummaryList ?? []));
      }
      expect(east.map((i) => i.InstanceAlias)).toEqual(['acme-support']);
      expect(east[0].CreatedTime).toBeInstanceOf(Date);
      const eu = new ConnectClient(sim.config('eu-west-2'));
      const res = await eu.send(new ListInstancesCommand({}));
      expect(res.InstanceSummaryList?.map((i) => i.InstanceAlias)).toEqual(['acme-sales-eu']);
      await expect(eu.send(new ListInstancesCommand({ MaxResults: 11 }))).rejects.toMatchObject({
        name: 'InvalidParameterException',
      });
      eu.destroy();
    });

    it('lists queues by type across pages', async () => {
      const standard = [];
      let pages = 0;
      for await (const page of paginateListQueues(
        { client: connect, pageSize: 3 },
        { InstanceId: instanceId, QueueTypes: ['STANDARD'] }
      )) {
        standard.push(...(page.QueueSummaryList ?? []));
        pages++;
      }
      expect(pages).toBe(3);
      expect(standard.map((q) => q.Name)).toEqual(sim.context.world.instances[0].queues.map((q) => q.name));
      const agent = [];
      for await (const page of paginateListQueues(
        { client: connect, pageSize: 50 },
        { InstanceId: instanceId, QueueTypes: ['AGENT'] }
      )) {
        agent.push(...(page.QueueSummaryList ?? []));
      }
      expect(agent.length).toBe(sim.context.world.instances[0].agents.length);
      expect(agent.every((q) => q.QueueType === 'AGENT' && q.Name === undefined)).toBe(true);
    });

    it('lists routing profiles and describes queues', async () => {
      const rps = [];
      for await (const page of paginateListRoutingProfiles(
        { client: connect, pageSize: 2 },
        { InstanceId: instanceId }
      )) {
        rps.push(...(page.RoutingProfileSummaryList ?? []));
      }
      expect(rps.map((r) => r.Id)).toEqual(rpIds);
      const q = await connect.send(new DescribeQueueCommand({ InstanceId: instanceId, QueueId: queueIds[0] }));
      expect(q.Queue).toMatchObject({ Name: 'Billing', QueueId: queueIds[0], Status: 'ENABLED', MaxContacts: 60 });
      await expect(
        connect.send(new DescribeQueueCommand({ InstanceId: instanceId, QueueId: 'nope' }))
      ).rejects.toMatchObject({
        name: 'ResourceNotFoundException',
        $metadata: { httpStatusCode: 404 },
      });
    });

    it('lists agent statuses by type', async () => {
      const all = await connect.send(new ListAgentStatusesCommand({ InstanceId: instanceId }));
      expect(all.AgentStatusSummaryList?.map((s) => s.Name)).toEqual([
        'Available',
        'Offline',
        'Break',
        'Lunch',
        'Training',
      ]);
      const custom = await connect.send(
        new ListAgentStatusesCommand({ InstanceId: instanceId, AgentStatusTypes: ['CUSTOM'], MaxResults: 2 })
      );
      expect(custom.AgentStatusSummaryList?.map((s) => s.Type)).toEqual(['CUSTOM', 'CUSTOM']);
      expect(custom.NextToken).toBeDefined();
    });

    it('does not find an instance in another region or with an unknown id', async () => {
      const eu = new ConnectClient(sim.config('eu-west-2'));
      await expect(
        eu.send(
          new GetCurrentMetricDataCommand({
            InstanceId: instanceId,
            Filters: { Queues: queueIds },
            CurrentMetrics: metrics(['AGENTS_ONLINE']),
          })
        )
      ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
      await expect(gcmdFor(connect, 'no-such-instance')).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
      eu.destroy();
    });
  });

  describe('GetCurrentMetricData', () => {
    it('answers every standard metric per queue with agent states that add up', async () => {
      const res = await gcmd({
        Filters: { Queues: queueIds },
        Groupings: ['QUEUE'],
        CurrentMetrics: metrics(STANDARD_REALTIME_METRICS),
      });
      expect(res.MetricResults).toHaveLength(queueIds.length);
      expect(res.ApproximateTotalCount).toBe(queueIds.length);
      expect(res.DataSnapshotTime?.getTime()).toBe(sim.clock.nowMs());
      for (const row of res.MetricResults ?? []) {
        expect(row.Collections?.map((c) => c.Metric?.Name)).toEqual(STANDARD_REALTIME_METRICS);
        const v = Object.fromEntries((row.Collections ?? []).map((c) => [c.Metric!.Name!, c.Value!]));
        expect(
          v.AGENTS_AVAILABLE +
            v.AGENTS_ON_CONTACT +
            v.AGENTS_AFTER_CONTACT_WORK +
            v.AGENTS_NON_PRODUCTIVE +
            v.AGENTS_ERROR
        ).toBe(v.AGENTS_ONLINE);
        expect(Number.isInteger(v.OLDEST_CONTACT_AGE)).toBe(true);
      }
      // default sort: AGENTS_ONLINE descending
      const online = (res.MetricResults ?? []).map(
        (r) => r.Collections!.find((c) => c.Metric?.Name === 'AGENTS_ONLINE')!.Value!
      );
      expect(online).toEqual([...online].sort((a, b) => b - a));
    });

    // fact: gcmd-oldest-contact-age-ms
    it('returns OLDEST_CONTACT_AGE in milliseconds without groupings and in seconds with them', async () => {
      const grouped = await gcmd({
        Filters: { Queues: queueIds },
        Groupings: ['QUEUE'],
        CurrentMetrics: metrics(['OLDEST_CONTACT_AGE']),
      });
      const overall = await gcmd({ Filters: { Queues: queueIds }, CurrentMetrics: metrics(['OLDEST_CONTACT_AGE']) });
      const maxSeconds = Math.max(...(grouped.MetricResults ?? []).map((r) => r.Collections![0].Value!));
      const ms = overall.MetricResults![0].Collections![0];
      expect(maxSeconds).toBeGreaterThan(10);
      expect(ms.Metric?.Unit).toBe('SECONDS');
      expect(ms.Value!).toBeGreaterThanOrEqual(maxSeconds * 1000);
      expect(ms.Value!).toBeLessThan((maxSeconds + 1) * 1000);
      expect(overall.MetricResults![0].Dimensions).toEqual({});
    });

    it('pages with NextToken: every page of one snapshot, and the same rows as one call', async () => {
      const input = {
        InstanceId: instanceId,
        Filters: { Queues: queueIds, Channels: ['VOICE', 'CHAT', 'TASK', 'EMAIL'] as const },
        Groupings: ['QUEUE', 'CHANNEL'] as const,
        CurrentMetrics: metrics(['CONTACTS_IN_QUEUE', 'AGENTS_ONLINE']),
      };
      const whole = await connect.send(
        new GetCurrentMetricDataCommand({
          ...input,
          Filters: { ...input.Filters, Channels: [...input.Filters.Channels] },
          Groupings: [...input.Groupings],
        })
      );
      const rows = [];
      const snapshots = new Set<number>();
      let pages = 0;
      for await (const page of paginateGetCurrentMetricData(
        { client: connect, pageSize: 5 },
        {
          ...input,
          Filters: { ...input.Filters, Channels: [...input.Filters.Channels] },
          Groupings: [...input.Groupings],
        }
      )) {
        rows.push(...(page.MetricResults ?? []));
        snapshots.add(page.DataSnapshotTime!.getTime());
        pages++;
        sim.clock.advance(30_000); // time moves on between pages; the pages do not
      }
      sim.clock.set(Date.parse('2026-11-18T17:00:00Z'));
      expect(pages).toBe(Math.ceil(whole.ApproximateTotalCount! / 5));
      expect(snapshots.size).toBe(1);
      expect(rows).toEqual(whole.MetricResults);
    });

    it('refuses an expired token and a token of other parameters', async () => {
      const first = await gcmd({
        Filters: { Queues: queueIds },
        Groupings: ['QUEUE'],
        CurrentMetrics: metrics(['AGENTS_ONLINE']),
        MaxResults: 2,
      });
      expect(first.NextToken).toBeDefined();
      await expect(
        gcmd({
          Filters: { Queues: queueIds.slice(1) },
          Groupings: ['QUEUE'],
          CurrentMetrics: metrics(['AGENTS_ONLINE']),
          MaxResults: 2,
          NextToken: first.NextToken,
        })
      ).rejects.toMatchObject({ name: 'InvalidParameterException', message: expect.stringContaining('NextToken') });
      sim.clock.advance(301_000);
      try {
        await expect(
          gcmd({
            Filters: { Queues: queueIds },
            Groupings: ['QUEUE'],
            CurrentMetrics: metrics(['AGENTS_ONLINE']),
            MaxResults: 2,
            NextToken: first.NextToken,
          })
        ).rejects.toMatchObject({ name: 'InvalidParameterException', message: expect.stringContaining('expired') });
      } finally {
        sim.clock.set(Date.parse('2026-11-18T17:00:00Z'));
      }
    });

    it('sorts by the requested metric', async () => {
      const res = await gcmd({
        Filters: { Queues: queueIds },
        Groupings: ['QUEUE'],
        CurrentMetrics: metrics(['OLDEST_CONTACT_AGE']),
        SortCriteria: [{ SortByMetric: 'OLDEST_CONTACT_AGE', SortOrder: 'ASCENDING' }],
      });
      const values = res.MetricResults!.map((r) => r.Collections![0].Value!);
      expect(values).toEqual([...values].sort((a, b) => a - b));
    });

    it('splits rows by channel, routing profile, routing step, agent status and subtype consistently', async () => {
      const byQueue = await gcmd({
        Filters: { Queues: queueIds },
        Groupings: ['QUEUE'],
        CurrentMetrics: metrics(['CONTACTS_IN_QUEUE', 'AGENTS_ONLINE']),
      });
      const queueRow = (id: string) =>
        byQueue.MetricResults!.find((r) => r.Dimensions?.Queue?.Id === id)!.Collections!.map((c) => c.Value!);
      const tech = queueIds[1];

      const bySubtype = await gcmd({
        Filters: { Queues: [tech] },
        Groupings: ['QUEUE', 'SUBTYPE'],
        CurrentMetrics: metrics(['CONTACTS_IN_QUEUE']),
      });
      expect(bySubtype.MetricResults!.every((r) => r.Dimensions?.Subtype?.startsWith('connect:'))).toBe(true);
      expect(bySubtype.MetricResults!.reduce((s, r) => s + r.Collections![0].Value!, 0)).toBe(queueRow(tech)[0]);

      const byStatus = await gcmd({
        Filters: { Queues: [tech] },
        Groupings: ['QUEUE', 'AGENT_STATUS'],
        CurrentMetrics: metrics(['AGENTS_ONLINE']),
      });
      expect(byStatus.MetricResults!.reduce((s, r) => s + r.Collections![0].Value!, 0)).toBe(queueRow(tech)[1]);
      expect(byStatus.MetricResults![0].Dimensions?.AgentStatus?.Arn).toContain('/agent-state/');

      const byChannel = await gcmd({
        Filters: { Queues: [tech], Channels: ['VOICE', 'CHAT', 'TASK'] },
        Groupings: ['CHANNEL'],
        CurrentMetrics: metrics(['CONTACTS_IN_QUEUE']),
      });
      expect(byChannel.MetricResults!.map((r) => r.Dimensions?.Channel).sort()).toEqual(['CHAT', 'TASK', 'VOICE']);
      expect(byChannel.MetricResults!.reduce((s, r) => s + r.Collections![0].Value!, 0)).toBe(queueRow(tech)[0]);

      const byProfile = await gcmd({
        Filters: { RoutingProfiles: rpIds },
        Groupings: ['ROUTING_PROFILE'],
        CurrentMetrics: metrics(['AGENTS_ONLINE', 'CONTACTS_IN_QUEUE']),
      });
      expect(byProfile.MetricResults).toHaveLength(rpIds.length);
      expect(byProfile.MetricResults![0].Dimensions?.RoutingProfile?.Arn).toContain('/routing-profile/');

      const vip = sim.context.world.instances[0].queues.find((q) => q.name === 'VIP')!;
      const bySteps = await gcmd({
        Filters: { Queues: [vip.id], RoutingStepExpressions: ['VIP-Tier >= 3', 'VIP-Tier >= 1', 'Any agent'] },
        Groupings: ['ROUTING_STEP_EXPRESSION'],
        CurrentMetrics: metrics(['CONTACTS_IN_QUEUE']),
      });
      expect(bySteps.MetricResults!.map((r) => r.Dimensions?.RoutingStepExpression)).toHaveLength(3);

      const agentQueue = sim.context.world.instances[0].agentQueues[0];
      const personal = await gcmd({
        Filters: { Queues: [agentQueue.id] },
        Groupings: ['QUEUE'],
        CurrentMetrics: metrics(['AGENTS_ONLINE', 'CONTACTS_IN_QUEUE']),
      });
      expect(personal.MetricResults![0].Dimensions?.Queue?.Id).toBe(agentQueue.id);
      expect(personal.MetricResults![0].Collections![1].Value).toBe(0);
    });

    // fact: gcmd-rules, gcmd-channel-grouping. Each case and its expected answer are read from the API reference (seed 002 and aws-wire-spec.md "Limits &
    // rules"), not from Switchboard's rules: the simulator is AWS's witness. The last column says whether
    // Switchboard's own rules (src/connect/realtimeRules.ts) refuse it as well; a difference is a finding.
    type Case = [
      what: string,
      input: Omit<GetCurrentMetricDataCommandInput, 'InstanceId'>,
      error: 'InvalidParameterException' | 'InvalidRequestException',
      words: RegExp,
    ];
    const q101 = Array.from({ length: 101 }, (_, i) => `q-${i}`);
    const broken = (): Case[] => [
      [
        'queue and routing profile filters together',
        { Filters: { Queues: queueIds, RoutingProfiles: rpIds }, CurrentMetrics: metrics(['AGENTS_ONLINE']) },
        'InvalidRequestException',
        /cannot filter by both queue and routing profile/,
      ],
      [
        'more than 100 queues',
        { Filters: { Queues: q101 }, CurrentMetrics: metrics(['AGENTS_ONLINE']) },
        'InvalidParameterException',
        /Filters\.Queues: up to 100/,
      ],
      [
        'a routing-step expression filter with two queues',
        {
          Filters: { Queues: queueIds.slice(0, 2), RoutingStepExpressions: ['x'] },
          Groupings: ['ROUTING_STEP_EXPRESSION'],
          CurrentMetrics: metrics(['CONTACTS_IN_QUEUE']),
        },
        'InvalidRequestException',
        /exactly one queue/,
      ],
      [
        'a routing-step expression filter without its grouping',
        {
          Filters: { Queues: [queueIds[0]], RoutingStepExpressions: ['x'] },
          Groupings: ['QUEUE'],
          CurrentMetrics: metrics(['CONTACTS_IN_QUEUE']),
        },
        'InvalidRequestException',
        /group by ROUTING_STEP_EXPRESSION/,
      ],
      [
        'three groupings',
        {
          Filters: { Queues: queueIds },
          Groupings: ['QUEUE', 'CHANNEL', 'ROUTING_PROFILE'],
          CurrentMetrics: metrics(['AGENTS_ONLINE']),
        },
        'InvalidParameterException',
        /up to 2 groupings/,
      ],
      [
        'AGENT_STATUS as the primary grouping',
        { Filters: { Queues: queueIds }, Groupings: ['AGENT_STATUS'], CurrentMetrics: metrics(['AGENTS_ONLINE']) },
        'InvalidRequestException',
        /AGENT_STATUS needs QUEUE as the primary grouping/,
      ],
      [
        'AGENT_STATUS with a metric other than AGENTS_ONLINE',
        {
          Filters: { Queues: queueIds },
          Groupings: ['QUEUE', 'AGENT_STATUS'],
          CurrentMetrics: metrics(['AGENTS_ONLINE', 'AGENTS_AVAILABLE']),
        },
        'InvalidRequestException',
        /only AGENTS_ONLINE/,
      ],
      [
        'SUBTYPE as the primary grouping',
        { Filters: { Queues: queueIds }, Groupings: ['SUBTYPE'], CurrentMetrics: metrics(['CONTACTS_IN_QUEUE']) },
        'InvalidRequestException',
        /secondary grouping after QUEUE/,
      ],
      [
        'CONTACTS_IN_QUEUE by routing profile without a routing-profile filter',
        {
          Filters: { Queues: queueIds },
          Groupings: ['ROUTING_PROFILE'],
          CurrentMetrics: metrics(['CONTACTS_IN_QUEUE']),
        },
        'InvalidRequestException',
        /require a routing profile filter/,
      ],
      [
        'ESTIMATED_WAIT_TIME outside its two combinations',
        { Filters: { Queues: queueIds }, Groupings: ['QUEUE'], CurrentMetrics: metrics(['ESTIMATED_WAIT_TIME']) },
        'InvalidRequestException',
        /ESTIMATED_WAIT_TIME is only available/,
      ],
      [
        'sorting on SLOTS_ACTIVE',
        {
          Filters: { Queues: queueIds },
          CurrentMetrics: metrics(['AGENTS_ONLINE']),
          SortCriteria: [{ SortByMetric: 'SLOTS_ACTIVE', SortOrder: 'ASCENDING' }],
        },
        'InvalidParameterException',
        /sorting on SLOTS_ACTIVE is not supported/,
      ],
      [
        'MaxResults 101',
        { Filters: { Queues: queueIds }, CurrentMetrics: metrics(['AGENTS_ONLINE']), MaxResults: 101 },
        'InvalidParameterException',
        /MaxResults: between 1 and 100/,
      ],
      [
        'an agent-status filter without a queue filter',
        { Filters: { RoutingProfiles: rpIds, AgentStatuses: ['s'] }, CurrentMetrics: metrics(['AGENTS_ONLINE']) },
        'InvalidRequestException',
        /AgentStatuses can only be used with a Queues filter/,
      ],
      [
        'no filter',
        { Filters: {}, CurrentMetrics: metrics(['AGENTS_ONLINE']) },
        'InvalidParameterException',
        /queue or routing profile filter is required/,
      ],
      [
        'no metric',
        { Filters: { Queues: queueIds }, CurrentMetrics: [] },
        'InvalidParameterException',
        /at least one metric/,
      ],
    ];

    const CASES = [
      'queue and routing profile filters together',
      'more than 100 queues',
      'a routing-step expression filter with two queues',
      'a routing-step expression filter without its grouping',
      'three groupings',
      'AGENT_STATUS as the primary grouping',
      'AGENT_STATUS with a metric other than AGENTS_ONLINE',
      'SUBTYPE as the primary grouping',
      'CONTACTS_IN_QUEUE by routing profile without a routing-profile filter',
      'ESTIMATED_WAIT_TIME outside its two combinations',
      'sorting on SLOTS_ACTIVE',
      'MaxResults 101',
      'an agent-status filter without a queue filter',
      'no filter',
      'no metric',
    ];
    it('lists every case once', () => expect(broken().map((c) => c[0])).toEqual(CASES));

    // The cases are built once the simulator's ids exist (in beforeAll), so each test looks its case up by name.
    it.each(CASES)('refuses %s as the API reference says', async (what) => {
      const [, input, error, words] = broken().find((c) => c[0] === what)!;
      const err = await gcmd(input).then(
        () => undefined,
        (e: Error & { $metadata?: { httpStatusCode?: number } }) => e
      );
      expect(err?.name).toBe(error);
      expect(err?.$metadata?.httpStatusCode).toBe(400);
      expect(err?.message).toMatch(words);
    });

    it("agrees with Switchboard's rules on what Connect refuses, and serves what AWS only advises against", async () => {
      for (const [what, input] of broken()) {
        const ours = validateRealtimeRequest({
          filters: {
            queues: input.Filters?.Queues,
            routingProfiles: input.Filters?.RoutingProfiles,
            channels: input.Filters?.Channels,
            routingStepExpressions: input.Filters?.RoutingStepExpressions,
            agentStatuses: input.Filters?.AgentStatuses,
          },
          groupings: input.Groupings,
          metrics: input.CurrentMetrics?.map((m) => m.Name!),
          sort: input.SortCriteria?.map((s) => ({ metric: s.SortByMetric, order: s.SortOrder })),
          maxResults: input.MaxResults,
        });
        expect([what, ours.length > 0]).toEqual([what, true]);
      }
      // The API reference: "If you group by CHANNEL, you should include a Channels filter" - advice, not a rule.
      // Connect (the simulator) serves it; Switchboard's rules let it through with advice.
      const byChannel = {
        Filters: { Queues: queueIds },
        Groupings: ['QUEUE', 'CHANNEL'] as Grouping[],
        CurrentMetrics: metrics(['CONTACTS_IN_QUEUE']),
      };
      const answer = await gcmd(byChannel);
      expect(answer.MetricResults!.length).toBeGreaterThan(0);
      const shape = { filters: { queues: queueIds }, groupings: ['QUEUE', 'CHANNEL'], metrics: ['CONTACTS_IN_QUEUE'] };
      expect(validateRealtimeRequest(shape)).toEqual([]);
      expect(realtimeAdvice(shape).map((a) => a.rule)).toEqual(['groupings.channel-without-channels']);
    });

    it('rejects a unit that does not match the metric and wrongly typed members', async () => {
      await expect(
        gcmd({ Filters: { Queues: queueIds }, CurrentMetrics: [{ Name: 'OLDEST_CONTACT_AGE', Unit: 'COUNT' }] })
      ).rejects.toMatchObject({
        name: 'InvalidParameterException',
        message: expect.stringContaining('SECONDS'),
      });
    });

    // fact: connect-api-quotas
    it('throttles bursts above 8 calls and 5 calls a second', async () => {
      // The buckets run on this test's clock, not on wall time: the 20 calls all arrive at one instant, so exactly
      // the bucket's 8 fit, whatever the machine's load; 200 ms later the bucket holds 0.2 s × 5/s = 1 token.
      let nowMs = 0;
      const limited = await startTestSimulator({ awsQuotas: true, quotaNow: () => nowMs });
      const client = new ConnectClient(limited.config());
      const call = () =>
        client.send(
          new GetCurrentMetricDataCommand({
            InstanceId: instanceId,
            Filters: { Queues: queueIds },
            CurrentMetrics: metrics(['AGENTS_ONLINE']),
          })
        );
      try {
        const results = await Promise.allSettled(Array.from({ length: 20 }, call));
        const ok = results.filter((r) => r.status === 'fulfilled').length;
        const throttled = results.filter(
          (r) => r.status === 'rejected' && (r.reason as Error).name === 'ThrottlingException'
        );
        expect(ok).toBe(8);
        expect(throttled.length).toBe(12);
        expect((throttled[0] as PromiseRejectedResult).reason.$metadata.httpStatusCode).toBe(429);
        nowMs += 199;
        await expect(call()).rejects.toMatchObject({ name: 'ThrottlingException' });
        nowMs += 1;
        await expect(call()).resolves.toBeDefined();
        await expect(call()).rejects.toMatchObject({ name: 'ThrottlingException' });
        // A quiet second and a half refills the whole burst, and no more.
        nowMs += 1600;
        const refilled = await Promise.allSettled(Array.from({ length: 10 }, call));
        expect(refilled.filter((r) => r.status === 'fulfilled')).toHaveLength(8);
      } finally {
        client.destroy();
        await limited.close();
      }
    });
  });

  describe('GetCurrentUserData', () => {
    it('lists the logged-in agents of a queue with status, slots and contacts', async () => {
      const users = [];
      for await (const page of paginateGetCurrentUserData(
        { client: connect, pageSize: 7 },
        { InstanceId: instanceId, Filters: { Queues: [queueIds[1]] } }
      )) {
        users.push(...(page.UserDataList ?? []));
      }
      const online = await gcmd({
        Filters: { Queues: [queueIds[1]] },
        Groupings: ['QUEUE'],
        CurrentMetrics: metrics(['AGENTS_ONLINE']),
      });
      expect(users.length).toBe(online.MetricResults![0].Collections![0].Value);
      for (const u of users) {
        expect(u.Status?.StatusName).toBeDefined();
        expect(u.Status?.StatusStartTimestamp).toBeInstanceOf(Date);
        expect(u.MaxSlotsByChannel?.VOICE).toBe(1);
        for (const c of u.Contacts ?? []) {
          expect(['CONNECTING', 'CONNECTED', 'ENDED']).toContain(c.AgentContactState);
        }
      }
      expect(users.some((u) => (u.Contacts ?? []).length > 0)).toBe(true);
      await expect(
        connect.send(new GetCurrentUserDataCommand({ InstanceId: instanceId, Filters: {} }))
      ).rejects.toMatchObject({ name: 'InvalidParameterException' });
    });
  });

  describe('users and hierarchy (SearchUsers, ListUserHierarchyGroups, GetCurrentUserData filters)', () => {
    it('SearchUsers pages 2,000 agents of a big instance, 500 a page, with names and the total', async () => {
      const big = await startTestSimulator({ scenario: bigScenario(1, 500, 2000) });
      const client = new ConnectClient(big.config());
      try {
        const inst = big.context.world.instances[0];
        const users = [];
        let pages = 0;
        for await (const page of paginateSearchUsers({ client, pageSize: 500 }, { InstanceId: inst.id })) {
          expect(page.ApproximateTotalCount).toBe(inst.agents.length);
          users.push(...(page.Users ?? []));
          pages++;
        }
        expect(inst.agents.length).toBeGreaterThanOrEqual(1990);
        expect(pages).toBe(Math.ceil(inst.agents.length / 500));
        expect(new Set(users.map((u) => u.Id)).size).toBe(inst.agents.length);
        expect(users.every((u) => u.IdentityInfo?.FirstName && u.IdentityInfo?.LastName && u.Username)).toBe(true);
        await expect(
          client.send(new SearchUsersCommand({ InstanceId: inst.id, MaxResults: 501 }))
        ).rejects.toMatchObject({ name: 'InvalidParameterException' });
      } finally {
        client.destroy();
        await big.close();
      }
    });

    it('names agents and their hierarchy the same way in SearchUsers, ListUserHierarchyGroups and GetCurrentUserData', async () => {
      const users = [];
      for await (const page of paginateSearchUsers({ client: connect, pageSize: 10 }, { InstanceId: instanceId })) {
        users.push(...(page.Users ?? []));
      }
      const inst = sim.context.world.instances[0];
      expect(users.map((u) => u.Username)).toEqual(inst.agents.map((a) => a.username));
      const groups = await connect.send(new ListUserHierarchyGroupsCommand({ InstanceId: instanceId }));
      const byId = new Map((groups.UserHierarchyGroupSummaryList ?? []).map((g) => [g.Id, g]));
      expect(byId.size).toBe(8);
      const site = groups.UserHierarchyGroupSummaryList![0];
      const rows = [];
      for await (const page of paginateGetCurrentUserData(
        { client: connect, pageSize: 20 },
        { InstanceId: instanceId, Filters: { UserHierarchyGroups: [site.Arn!] } }
      )) {
        rows.push(...(page.UserDataList ?? []));
      }
      expect(rows.length).toBeGreaterThan(0);
      const teamOf = new Map(users.map((u) => [u.Id, u.HierarchyGroupId]));
      for (const r of rows) {
        // HierarchyPathReference: Id and Arn only; the names come from ListUserHierarchyGroups.
        expect(r.HierarchyPath?.LevelOne).toEqual({ Id: site.Id, Arn: site.Arn });
        expect(r.HierarchyPath?.LevelTwo?.Id).toBe(teamOf.get(r.User!.Id));
        expect(byId.get(r.HierarchyPath!.LevelTwo!.Id)?.Arn).toBe(r.HierarchyPath!.LevelTwo!.Arn);
      }
    });

    it('refuses two resource filters with InvalidRequestException and applies ContactFilter', async () => {
      await expect(
        connect.send(
          new GetCurrentUserDataCommand({
            InstanceId: instanceId,
            Filters: { Queues: [queueIds[1]], RoutingProfiles: [rpIds[0]] },
          })
        )
      ).rejects.toMatchObject({
        name: 'InvalidRequestException',
        message: expect.stringMatching(/maximum of one filter/),
      });
      const all = await connect.send(
        new GetCurrentUserDataCommand({ InstanceId: instanceId, Filters: { Queues: [queueIds[1]] } })
      );
      const ringingOrConnected = await connect.send(
        new GetCurrentUserDataCommand({
          InstanceId: instanceId,
          Filters: { Queues: [queueIds[1]], ContactFilter: { ContactStates: ['CONNECTED', 'CONNECTING'] } },
        })
      );
      const expected = (all.UserDataList ?? []).filter((u) =>
        (u.Contacts ?? []).some((c) => c.AgentContactState === 'CONNECTED' || c.AgentContactState === 'CONNECTING')
      );
      expect(expected.length).toBeGreaterThan(0);
      expect(ringingOrConnected.UserDataList?.map((u) => u.User?.Id)).toEqual(expected.map((u) => u.User?.Id));
      expect(ringingOrConnected.ApproximateTotalCount).toBe(expected.length);
    });
  });

  describe('GetMetricDataV2', () => {
    const arn = () => sim.context.world.instances[0].arn;
    const now = () => Math.floor(sim.clock.nowMs() / 1000);

    it('computes historical metrics per queue and interval', async () => {
      const results = [];
      for await (const page of paginateGetMetricDataV2(
        { client: connect, pageSize: 10 },
        {
          ResourceArn: arn(),
          StartTime: new Date((now() - 6 * 3600) * 1000),
          EndTime: new Date(now() * 1000),
          Interval: { IntervalPeriod: 'HOUR', TimeZone: 'UTC' },
          Filters: [{ FilterKey: 'QUEUE', FilterValues: queueIds }],
          Groupings: ['QUEUE'],
          Metrics: [
            { Name: 'CONTACTS_QUEUED' },
            { Name: 'CONTACTS_HANDLED' },
            { Name: 'CONTACTS_ABANDONED' },
            { Name: 'SERVICE_LEVEL', Threshold: [{ Comparison: 'LT', ThresholdValue: 60 }] },
          ],
        }
      )) {
        results.push(...(page.MetricResults ?? []));
      }
      expect(results.length).toBeGreaterThan(20);
      for (const r of results) {
        expect(queueIds).toContain(r.Dimensions?.QUEUE);
        expect(r.MetricInterval?.Interval).toBe('HOUR');
        const sl = r.Collections?.find((c) => c.Metric?.Name === 'SERVICE_LEVEL')?.Value;
        if (sl !== undefined && sl !== null) {
          expect(sl).toBeGreaterThanOrEqual(0);
          expect(sl).toBeLessThanOrEqual(100);
        }
      }
      const handled = results.reduce(
        (s, r) => s + (r.Collections?.find((c) => c.Metric?.Name === 'CONTACTS_HANDLED')?.Value ?? 0),
        0
      );
      expect(handled).toBeGreaterThan(500);
    });

    it('enforces the ranges, filters and metrics of the API', async () => {
      const base = {
        ResourceArn: arn(),
        StartTime: new Date((now() - 3600) * 1000),
        EndTime: new Date(now() * 1000),
        Filters: [{ FilterKey: 'QUEUE', FilterValues: queueIds }],
        Metrics: [{ Name: 'CONTACTS_HANDLED' }],
      };
      const bad = [
        {
          ...base,
          StartTime: new Date((now() - 4 * 86400) * 1000),
          Interval: { IntervalPeriod: 'FIFTEEN_MIN' as const },
        },
        { ...base, EndTime: new Date((now() + 3600) * 1000) },
        { ...base, Filters: [{ FilterKey: 'CHANNEL', FilterValues: ['VOICE'] }] },
        { ...base, Metrics: [{ Name: 'SERVICE_LEVEL' }] },
        { ...base, Metrics: [{ Name: 'NOT_A_METRIC' }] },
      ];
      for (const input of bad) {
        await expect(connect.send(new GetMetricDataV2Command(input))).rejects.toMatchObject({
          name: 'InvalidParameterException',
        });
      }
    });

    // fact: gmdv2-metric-groupings, gmdv2-time-attribution. SERVICE_LEVEL counts contacts removed from the queue
    // (answered or abandoned) within X over contacts queued, both at the disconnect: with X = 604800 (7 days) every
    // queued contact was removed within X, so it is 100 wherever a contact was queued; LTE X counts at least LT X.
    it('computes SERVICE_LEVEL from contacts removed from the queue, LT or LTE, and CONTACTS_CREATED by routing profile', async () => {
      const sl = (Comparison: string, ThresholdValue: number) => ({
        Name: 'SERVICE_LEVEL',
        Threshold: [{ Comparison, ThresholdValue }],
      });
      const res = await connect.send(
        new GetMetricDataV2Command({
          ResourceArn: arn(),
          StartTime: new Date((now() - 6 * 3600) * 1000),
          EndTime: new Date(now() * 1000),
          Filters: [{ FilterKey: 'QUEUE', FilterValues: queueIds }],
          Groupings: ['QUEUE'],
          Metrics: [
            { Name: 'CONTACTS_QUEUED' },
            { Name: 'CONTACTS_ABANDONED' },
            sl('LT', 20),
            sl('LTE', 20),
            sl('LTE', 604800),
          ],
        })
      );
      const rows = (res.MetricResults ?? []).map((r) => r.Collections!.map((c) => c.Value));
      expect(rows.length).toBeGreaterThan(3);
      expect(rows.some(([, abandoned]) => (abandoned ?? 0) > 0)).toBe(true);
      for (const [queued, , lt, lte, week] of rows) {
        if (queued) {
          expect(week).toBe(100);
          expect(lte!).toBeGreaterThanOrEqual(lt!);
        } else {
          expect([lt, lte, week]).toEqual([null, null, null]);
        }
      }
      const created = await connect.send(
        new GetMetricDataV2Command({
          ResourceArn: arn(),
          StartTime: new Date((now() - 3600) * 1000),
          EndTime: new Date(now() * 1000),
          Filters: [{ FilterKey: 'ROUTING_PROFILE', FilterValues: rpIds }],
          Groupings: ['ROUTING_PROFILE'],
          Metrics: [{ Name: 'CONTACTS_CREATED' }],
        })
      );
      expect(
        (created.MetricResults ?? []).map((r) => r.Dimensions?.ROUTING_PROFILE).every((id) => rpIds.includes(id!))
      ).toBe(true);
      expect((created.MetricResults ?? []).reduce((s, r) => s + (r.Collections![0].Value ?? 0), 0)).toBeGreaterThan(0);
    });

    // fact: gmdv2-request-rules, gmdv2-metric-groupings, gmdv2-errors: each case and its answer read from the API
    // reference, not from the simulator.
    it("refuses what AWS's API reference refuses, with AWS's error types", async () => {
      const base = {
        ResourceArn: arn(),
        StartTime: new Date((now() - 3600) * 1000),
        EndTime: new Date(now() * 1000),
        Filters: [{ FilterKey: 'QUEUE', FilterValues: queueIds }],
        Metrics: [{ Name: 'CONTACTS_HANDLED' }],
      };
      const sl = (Comparison: string, ThresholdValue: number) => ({
        Name: 'SERVICE_LEVEL',
        Threshold: [{ Comparison, ThresholdValue }],
      });
      const many = (n: number) => Array.from({ length: n }, (_, i) => `q${i}`);
      const bad: Array<[string, Record<string, unknown>]> = [
        ['EndTime', { StartTime: new Date((now() - 3 * 86400) * 1000), Interval: { IntervalPeriod: 'HOUR' } }],
        ['EndTime', { StartTime: new Date((now() - 35 * 86400) * 1000), Interval: { IntervalPeriod: 'DAY' } }],
        ['ThresholdValue', { Metrics: [sl('LT', 0)] }],
        ['ThresholdValue', { Metrics: [sl('LT', 604801)] }],
        ['ThresholdValue', { Metrics: [sl('LTE', 1.5)] }],
        ['Comparison', { Metrics: [sl('GT', 60)] }],
        ['AGENT', { Groupings: ['AGENT'], Metrics: [sl('LT', 60)] }],
        ['AGENT', { Groupings: ['AGENT'], Metrics: [{ Name: 'AVG_QUEUE_ANSWER_TIME' }] }],
        [
          'AGENT',
          { Filters: [{ FilterKey: 'AGENT', FilterValues: ['someone'] }], Metrics: [{ Name: 'CONTACTS_CREATED' }] },
        ],
        ['FAX', { Filters: [...base.Filters, { FilterKey: 'CHANNEL', FilterValues: ['FAX'] }] }],
        ['Filters.1.FilterValues', { Filters: [{ FilterKey: 'QUEUE', FilterValues: many(101) }] }],
        ['Groupings', { Groupings: ['QUEUE', 'CHANNEL', 'ROUTING_PROFILE', 'AGENT', 'AGENT_HIERARCHY_LEVEL_ONE'] }],
      ];
      for (const [word, change] of bad) {
        const err = await connect.send(new GetMetricDataV2Command({ ...base, ...change } as never)).catch((e) => e);
        expect({ name: err.name, status: err.$metadata?.httpStatusCode }).toEqual({
          name: 'InvalidParameterException',
          status: 400,
        });
        expect(err.message).toContain(word);
      }
      // Exactly one interval short of the limit, LTE, and a hierarchy filter as the resource filter are accepted.
      await expect(
        connect.send(
          new GetMetricDataV2Command({
            ...base,
            StartTime: new Date((now() - 3 * 86400 + 1) * 1000),
            Interval: { IntervalPeriod: 'HOUR' },
            Metrics: [sl('LTE', 604800)],
          } as never)
        )
      ).resolves.toBeDefined();
      const hierarchy = await connect.send(
        new GetMetricDataV2Command({
          ...base,
          Filters: [{ FilterKey: 'AGENT_HIERARCHY_LEVEL_ONE', FilterValues: ['g'] }],
        })
      );
      expect(hierarchy.MetricResults).toEqual([]);
      const missing = await connect
        .send(new GetMetricDataV2Command({ ...base, ResourceArn: arn().replace(/instance\/.*/, 'instance/nope') }))
        .catch((e) => e);
      expect({ name: missing.name, status: missing.$metadata?.httpStatusCode }).toEqual({
        name: 'ResourceNotFoundException',
        status: 404,
      });
    });
  });

  it('gives identical answers from two simulators with the same seed and instant', async () => {
    const other = await startTestSimulator();
    const client = new ConnectClient(other.config());
    try {
      const input = {
        InstanceId: instanceId,
        Filters: { Queues: queueIds },
        Groupings: ['QUEUE' as const],
        CurrentMetrics: metrics(STANDARD_REALTIME_METRICS),
      };
      const a = await connect.send(new GetCurrentMetricDataCommand(input));
      const b = await client.send(new GetCurrentMetricDataCommand(input));
      expect(b.MetricResults).toEqual(a.MetricResults);
    } finally {
      client.destroy();
      await other.close();
    }
  });
});

function gcmdFor(client: ConnectClient, instanceId: string) {
  return client.send(
    new GetCurrentMetricDataCommand({
      InstanceId: instanceId,
      Filters: { Queues: ['q'] },
      CurrentMetrics: metrics(['AGENTS_ONLINE']),
    })
  );
}
