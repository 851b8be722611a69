import { AwsError } from '../../protocol/awsError';
import type { SimRequest, SimulatorContext, SimResponse } from '../../protocol/types';
import { testModel } from '../../model/testWorld';
import { hierarchyPath } from '../../scenario/people';
import { getCurrentUserData } from './currentUserData';
import { listUserHierarchyGroups, searchUsers } from './users';

const { world, model, clock, metrics } = testModel();
const sim: SimulatorContext = { world, model, clock, metrics };
const instance = world.instances[0];

function request(partial: Partial<SimRequest>): SimRequest {
  return {
    service: 'connect',
    operation: 'x',
    method: 'POST',
    path: '/',
    params: {},
    query: {},
    headers: {},
    body: undefined,
    accessKeyId: 'AKID',
    region: instance.region,
    ...partial,
  };
}

const call = (op: typeof searchUsers, req: Partial<SimRequest>) =>
  (op.handler(request(req), sim) as SimResponse).body as Record<string, any>;

function failure(f: () => unknown): AwsError {
  try {
    f();
  } catch (e) {
    return e as AwsError;
  }
  throw new Error('expected an error');
}

const search = (body: Record<string, unknown>) => call(searchUsers, { body: { InstanceId: instance.id, ...body } });
const gcud = (body: Record<string, unknown>) => call(getCurrentUserData, { params: { InstanceId: instance.id }, body });

describe('SearchUsers', () => {
  it('pages every agent of the instance with names, routing profile, hierarchy group and the total', () => {
    const users = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const res = search({ MaxResults: 7, NextToken: token });
      expect(res.ApproximateTotalCount).toBe(instance.agents.length);
      users.push(...res.Users);
      token = res.NextToken;
      pages++;
    } while (token);
    expect(pages).toBe(Math.ceil(instance.agents.length / 7));
    expect(users.map((u) => u.Id)).toEqual(instance.agents.map((a) => a.id));
    const a = instance.agents[3];
    expect(users[3]).toMatchObject({
      Arn: a.arn,
      Username: a.username,
      IdentityInfo: { FirstName: a.firstName, LastName: a.lastName },
      RoutingProfileId: instance.routingProfiles[a.routingProfileIndex].id,
      HierarchyGroupId: instance.hierarchyGroups[a.hierarchyGroupIndex].id,
      PhoneConfig: { PhoneType: 'SOFT_PHONE' },
    });
    expect(users[3].SecurityProfileIds).toHaveLength(1);
    expect(users.every((u) => u.IdentityInfo.FirstName && u.IdentityInfo.LastName)).toBe(true);
  });

  it('takes MaxResults from 1 to 500 and refuses a token of other parameters', () => {
    expect(search({ MaxResults: 500 }).Users).toHaveLength(Math.min(500, instance.agents.length));
    expect(failure(() => search({ MaxResults: 501 }))).toMatchObject({ code: 'InvalidParameterException' });
    expect(failure(() => search({ MaxResults: 0 }))).toMatchObject({ code: 'InvalidParameterException' });
    const token = search({ MaxResults: 2 }).NextToken;
    expect(failure(() => search({ MaxResults: 3, NextToken: token }))).toMatchObject({
      code: 'InvalidParameterException',
    });
    expect(failure(() => call(searchUsers, { body: {} }))).toMatchObject({ code: 'InvalidParameterException' });
  });

  it('gives the same names for the same world, whatever the seed', () => {
    const other = testModel(undefined, undefined, 99).world.instances[0];
    expect(other.agents.map((a) => `${a.firstName} ${a.lastName}`)).toEqual(
      instance.agents.map((a) => `${a.firstName} ${a.lastName}`)
    );
  });
});

describe('ListUserHierarchyGroups', () => {
  it('lists two sites and their teams, every agent in a team', () => {
    const res = call(listUserHierarchyGroups, { method: 'GET', params: { InstanceId: instance.id } });
    const names = res.UserHierarchyGroupSummaryList.map((g: { Name: string }) => g.Name);
    expect(names.slice(0, 2)).toEqual(['Leeds', 'Halifax']);
    expect(names).toHaveLength(8);
    for (const a of instance.agents) {
      const path = hierarchyPath(instance.hierarchyGroups, a.hierarchyGroupIndex);
      expect(path.map((g) => g.level)).toEqual([1, 2]);
    }
    const paged = call(listUserHierarchyGroups, {
      method: 'GET',
      params: { InstanceId: instance.id },
      query: { maxResults: '3' },
    });
    expect(paged.UserHierarchyGroupSummaryList).toHaveLength(3);
    expect(paged.NextToken).toBeDefined();
  });
});

describe('GetCurrentUserData rules', () => {
  const q = instance.queues[0].id;
  const rp = instance.routingProfiles[0].id;

  it('refuses more than one of Queues, RoutingProfiles, Agents and UserHierarchyGroups (InvalidRequestException)', () => {
    const e = failure(() => gcud({ Filters: { Queues: [q], RoutingProfiles: [rp] } }));
    expect(e).toMatchObject({ code: 'InvalidRequestException' });
    expect(e.message).toMatch(/maximum of one filter.*Queues and RoutingProfiles/);
    expect(
      failure(() => gcud({ Filters: { Agents: [instance.agents[0].id], UserHierarchyGroups: ['g'] } }))
    ).toMatchObject({ code: 'InvalidRequestException' });
  });

  it('refuses no resource filter, an empty list, two hierarchy groups and unknown contact states', () => {
    for (const Filters of [
      {},
      { ContactFilter: { ContactStates: ['CONNECTED'] } },
      { Queues: [] },
      { UserHierarchyGroups: ['a', 'b'] },
      { Queues: [q], ContactFilter: { ContactStates: ['TALKING'] } },
    ]) {
      expect(failure(() => gcud({ Filters }))).toMatchObject({ code: 'InvalidParameterException' });
    }
  });

  it('keeps only agents with a contact in one of ContactFilter.ContactStates', () => {
    const all = gcud({ Filters: { Queues: [q] } }).UserDataList as Array<{
      Contacts: Array<{ AgentContactState: string }>;
    }>;
    const connected = gcud({ Filters: { Queues: [q], ContactFilter: { ContactStates: ['CONNECTED'] } } });
    const expected = all.filter((u) => u.Contacts.some((c) => c.AgentContactState === 'CONNECTED'));
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(all.length);
    expect(connected.UserDataList).toEqual(expected);
    expect(connected.ApproximateTotalCount).toBe(expected.length);
  });

  it('filters by a hierarchy group (a site includes its teams) and returns each row’s HierarchyPath', () => {
    const site = instance.hierarchyGroups.find((g) => g.level === 1)!;
    const team = instance.hierarchyGroups.find((g) => g.level === 2 && g.parentIndex === site.index)!;
    const bySite = gcud({ Filters: { UserHierarchyGroups: [site.arn] } }).UserDataList as Array<Record<string, any>>;
    const byTeam = gcud({ Filters: { UserHierarchyGroups: [team.id] } }).UserDataList as Array<Record<string, any>>;
    expect(byTeam.length).toBeGreaterThan(0);
    expect(bySite.length).toBeGreaterThan(byTeam.length);
    for (const u of byTeam) {
      expect(u.HierarchyPath).toEqual({
        LevelOne: { Id: site.id, Arn: site.arn },
        LevelTwo: { Id: team.id, Arn: team.arn },
      });
    }
    expect(bySite.every((u) => u.HierarchyPath.LevelOne.Id === site.id)).toBe(true);
    expect(gcud({ Filters: { UserHierarchyGroups: ['no-such-group'] } }).UserDataList).toEqual([]);
  });
});
