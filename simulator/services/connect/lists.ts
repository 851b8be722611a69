import { connectErrors } from '../../protocol/awsError';
import { paginate, requestFingerprint } from '../../protocol/paging';
import type { OperationSpec, SimRequest } from '../../protocol/types';
import { findInstance } from './resolve';

/** One page of a Connect list: maxResults and nextToken come from the query string. */
export function connectPage<T>(
  req: SimRequest,
  items: readonly T[],
  max: number,
  fingerprintParts: unknown[]
): { items: T[]; nextToken?: string } {
  const { maxResults, nextToken } = pageParams(req, max);
  return paginate(items, maxResults, nextToken, requestFingerprint(fingerprintParts), connectErrors.invalidParameter);
}

function pageParams(req: SimRequest, max: number): { maxResults: number; nextToken?: string } {
  const raw = req.query.maxResults;
  let maxResults = max;
  if (raw !== undefined) {
    const n = Number(Array.isArray(raw) ? raw[0] : raw);
    if (!Number.isInteger(n) || n < 1 || n > max) {
      throw connectErrors.invalidParameter(`maxResults must be a whole number from 1 to ${max} (got ${raw})`);
    }
    maxResults = n;
  }
  const token = req.query.nextToken;
  return { maxResults, nextToken: Array.isArray(token) ? token[0] : token };
}

const QUEUE_TYPES = ['STANDARD', 'AGENT'];
// Resources were last changed when the scenario was "deployed".
export const LAST_MODIFIED = Date.UTC(2026, 0, 5, 9) / 1000;

export const listInstances: OperationSpec = {
  service: 'connect',
  name: 'ListInstances',
  http: { method: 'GET', path: '/instance' },
  handler: (req, sim) => {
    const all = sim.world.instances.filter((i) => i.region === req.region);
    const page = connectPage(req, all, 10, ['ListInstances', req.region]);
    return {
      body: {
        InstanceSummaryList: page.items.map((i) => ({
          Id: i.id,
          Arn: i.arn,
          IdentityManagementType: 'CONNECT_MANAGED',
          InstanceAlias: i.alias,
          CreatedTime: i.createdTime,
          ServiceRole: `arn:aws:iam::${sim.world.accountId}:role/aws-service-role/connect.amazonaws.com/AWSServiceRoleForAmazonConnect_${i.alias}`,
          InstanceStatus: 'ACTIVE',
          InboundCallsEnabled: true,
          OutboundCallsEnabled: true,
          InstanceAccessUrl: `https://${i.alias}.my.connect.aws`,
        })),
        NextToken: page.nextToken,
      },
    };
  },
};

export const listQueues: OperationSpec = {
  service: 'connect',
  name: 'ListQueues',
  http: { method: 'GET', path: '/queues-summary/:InstanceId' },
  handler: (req, sim) => {
    const instance = findInstance(sim, req, req.params.InstanceId);
    const rawTypes = req.query.queueTypes;
    const types = rawTypes === undefined ? QUEUE_TYPES : Array.isArray(rawTypes) ? rawTypes : [rawTypes];
    if (types.length > 2 || types.some((t) => !QUEUE_TYPES.includes(t))) {
      throw connectErrors.invalidParameter(
        `queueTypes: up to 2 of ${QUEUE_TYPES.join(', ')} (got ${types.join(', ')})`
      );
    }
    const all = [
      ...(types.includes('STANDARD')
        ? instance.queues.map((q) => ({
            Id: q.id,
            Arn: q.arn,
            Name: q.name,
            QueueType: 'STANDARD',
            LastModifiedTime: LAST_MODIFIED,
            LastModifiedRegion: instance.region,
          }))
        : []),
      // Agent queues have no name.
      ...(types.includes('AGENT')
        ? instance.agentQueues.map((q) => ({
            Id: q.id,
            Arn: q.arn,
            QueueType: 'AGENT',
            LastModifiedTime: LAST_MODIFIED,
            LastModifiedRegion: instance.region,
          }))
        : []),
    ];
    const page = connectPage(req, all, 1000, ['ListQueues', instance.id, [...types].sort()]);
    return { body: { QueueSummaryList: page.items, NextToken: page.nextToken } };
  },
};

export const listRoutingProfiles: OperationSpec = {
  service: 'connect',
  name: 'ListRoutingProfiles',
  http: { method: 'GET', path: '/routing-profiles-summary/:InstanceId' },
  handler: (req, sim) => {
    const instance = findInstance(sim, req, req.params.InstanceId);
    const all = instance.routingProfiles.map((rp) => ({
      Id: rp.id,
      Arn: rp.arn,
      Name: rp.name,
      LastModifiedTime: LAST_MODIFIED,
      LastModifiedRegion: instance.region,
    }));
    const page = connectPage(req, all, 1000, ['ListRoutingProfiles', instance.id]);
    return { body: { RoutingProfileSummaryList: page.items, NextToken: page.nextToken } };
  },
};

export const describeQueue: OperationSpec = {
  service: 'connect',
  name: 'DescribeQueue',
  http: { method: 'GET', path: '/queues/:InstanceId/:QueueId' },
  handler: (req, sim) => {
    const instance = findInstance(sim, req, req.params.InstanceId);
    const queue = instance.queueById.get(req.params.QueueId);
    if (!queue) {
      throw connectErrors.notFound(`Queue ${req.params.QueueId} not found in instance ${instance.id}`);
    }
    return {
      body: {
        Queue: {
          Name: queue.name,
          QueueArn: queue.arn,
          QueueId: queue.id,
          Description: queue.spec.description ?? `${queue.name} queue`,
          HoursOfOperationId: '00000000-0000-4000-8000-000000000001',
          MaxContacts: queue.maxContacts,
          Status: 'ENABLED',
          Tags: {},
          LastModifiedTime: LAST_MODIFIED,
          LastModifiedRegion: instance.region,
        },
      },
    };
  },
};

const AGENT_STATUS_TYPES = ['ROUTABLE', 'CUSTOM', 'OFFLINE'];

export const listAgentStatuses: OperationSpec = {
  service: 'connect',
  name: 'ListAgentStatuses',
  http: { method: 'GET', path: '/agent-status/:InstanceId' },
  handler: (req, sim) => {
    const instance = findInstance(sim, req, req.params.InstanceId);
    const raw = req.query.AgentStatusTypes;
    const types = raw === undefined ? AGENT_STATUS_TYPES : Array.isArray(raw) ? raw : [raw];
    if (types.length > 3 || types.some((t) => !AGENT_STATUS_TYPES.includes(t))) {
      throw connectErrors.invalidParameter(
        `AgentStatusTypes: up to 3 of ${AGENT_STATUS_TYPES.join(', ')} (got ${types.join(', ')})`
      );
    }
    const all = instance.statuses
      .filter((s) => types.includes(s.type))
      .map((s) => ({
        Id: s.id,
        Arn: s.arn,
        Name: s.name,
        Type: s.type,
        LastModifiedTime: LAST_MODIFIED,
        LastModifiedRegion: instance.region,
      }));
    const page = connectPage(req, all, 1000, ['ListAgentStatuses', instance.id, [...types].sort()]);
    return { body: { AgentStatusSummaryList: page.items, NextToken: page.nextToken } };
  },
};
