import { uuidFrom } from '../../model/random';
import { connectErrors } from '../../protocol/awsError';
import type { OperationSpec } from '../../protocol/types';
import type { InstanceWorld } from '../../scenario/world';
import { connectPage, LAST_MODIFIED } from './lists';
import { asObject, findInstance, optionalNumber, optionalString } from './resolve';
import { decodeToken, encodeToken, fingerprint } from './tokens';

/** SearchUsers' MaxResults: "Minimum value of 1. Maximum value of 500" (API reference, 2026). */
export const SEARCH_USERS_MAX = 500;
/** The page size when MaxResults is absent (not documented; Connect's search APIs answer 100). */
const SEARCH_USERS_DEFAULT = 100;
/** One security profile for every agent ("Agent"). */
const AGENT_SECURITY_PROFILE = 'security-profile:Agent';

/**
 * SearchUsers: POST /search-users, InstanceId in the body. Every user of the instance (each agent, logged in or
 * not), in a stable order. SearchCriteria and SearchFilter are accepted and not applied: the simulator serves the
 * unfiltered search the agents runner makes.
 */
export const searchUsers: OperationSpec = {
  service: 'connect',
  name: 'SearchUsers',
  http: { method: 'POST', path: '/search-users' },
  handler: (req, sim) => {
    const body = asObject(req.body, 'body') ?? {};
    const instance = findInstance(sim, req, optionalString(body.InstanceId, 'InstanceId'));
    const maxResults = optionalNumber(body.MaxResults, 'MaxResults');
    if (
      maxResults !== undefined &&
      (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > SEARCH_USERS_MAX)
    ) {
      throw connectErrors.invalidParameter(
        `MaxResults must be a whole number from 1 to ${SEARCH_USERS_MAX} (got ${maxResults})`
      );
    }
    const criteria = asObject(body.SearchCriteria, 'SearchCriteria');
    const filter = asObject(body.SearchFilter, 'SearchFilter');
    const nextToken = optionalString(body.NextToken, 'NextToken');
    const print = fingerprint(['SearchUsers', instance.id, maxResults ?? null, criteria ?? null, filter ?? null]);
    const nowMs = sim.clock.nowMs();
    const token = nextToken ? decodeToken(nextToken, print, nowMs) : undefined;
    const offset = token?.o ?? 0;
    const size = maxResults ?? SEARCH_USERS_DEFAULT;
    const all = instance.agents;
    const page = all.slice(offset, offset + size);
    const securityProfileId = securityProfileOf(instance);
    return {
      body: {
        Users: page.map((agent) => {
          const rp = instance.routingProfiles[agent.routingProfileIndex];
          return {
            Id: agent.id,
            Arn: agent.arn,
            Username: agent.username,
            IdentityInfo: { FirstName: agent.firstName, LastName: agent.lastName },
            RoutingProfileId: rp.id,
            HierarchyGroupId: instance.hierarchyGroups[agent.hierarchyGroupIndex].id,
            SecurityProfileIds: [securityProfileId],
            PhoneConfig: { PhoneType: 'SOFT_PHONE', AutoAccept: false, AfterContactWorkTimeLimit: 0 },
            Tags: {},
          };
        }),
        ApproximateTotalCount: all.length,
        ...(offset + size < all.length
          ? { NextToken: encodeToken({ o: offset + size, f: print, c: token?.c ?? nowMs, t: 0 }) }
          : {}),
      },
    };
  },
};

/** A UUID-shaped id from the instance, as every id of the world. */
function securityProfileOf(instance: InstanceWorld): string {
  return uuidFrom(`${AGENT_SECURITY_PROFILE}:${instance.alias}`);
}

/** ListUserHierarchyGroups: GET /user-hierarchy-groups-summary/{InstanceId}, sites then teams. */
export const listUserHierarchyGroups: OperationSpec = {
  service: 'connect',
  name: 'ListUserHierarchyGroups',
  http: { method: 'GET', path: '/user-hierarchy-groups-summary/:InstanceId' },
  handler: (req, sim) => {
    const instance = findInstance(sim, req, req.params.InstanceId);
    const all = instance.hierarchyGroups.map((g) => ({
      Id: g.id,
      Arn: g.arn,
      Name: g.name,
      LastModifiedTime: LAST_MODIFIED,
      LastModifiedRegion: instance.region,
    }));
    const page = connectPage(req, all, 1000, ['ListUserHierarchyGroups', instance.id]);
    return { body: { UserHierarchyGroupSummaryList: page.items, NextToken: page.nextToken } };
  },
};
