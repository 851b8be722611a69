import { connectErrors } from '../../protocol/awsError';
import { paginate, requestFingerprint } from '../../protocol/paging';
import type { OperationSpec, SimRequest } from '../../protocol/types';
import { findInstance } from './resolve';

/** Connect's list operations read maxResults and nextToken from the query string. */
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
const LAST_MODIFIED = Date.UTC(2026, 0, 5, 9) / 1000;

export const listInstances: OperationSpec = {
  service: 'connect',
  name: 'ListInstances',
  http: { method: 'GET', path: '/instance' },
  handler: (req, sim) => {
    const { maxResults, nextToken } = pageParams(req, 10);
    const all = sim.world.instances.filter((i) => i.region === req.region);
    const page = paginate(
      all,
      maxResults,
      nextToken,
      requestFingerprint(['ListInstances', req.region]),
      connectErrors.invalidParameter
    );
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
    const { maxResults, nextToken } = pageParams(req, 1000);
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
    const page = paginate(
      all,
      maxResults,
      nextToken,
      requestFingerprint(['ListQueues', instance.id, [...types].sort()]),
      connectErrors.invalidParameter
    );
    return { body: { QueueSummaryList: page.items, NextToken: page.nextToken } };
  },
};

export const listRoutingProfiles: OperationSpec = {
  service: 'connect',
  name: 'ListRoutingProfiles',
  http: { method: 'GET', path: '/routing-profiles-summary/:InstanceId' },
  handler: (req, sim) => {
    const instance = findInstance(sim, req, req.params.InstanceId);
    const { maxResults, nextToken } = pageParams(req, 1000);
    const all = instance.routingProfiles.map((rp) => ({
      Id: rp.id,
      Arn: rp.arn,
      Name: rp.name,
      LastModifiedTime: LAST_MODIFIED,
      LastModifiedRegion: instance.region,
    }));
    const page = paginate(
      all,
      maxResults,
      nextToken,
      requestFingerprint(['ListRoutingProfiles', instance.id]),
      connectErrors.invalidParameter
    );
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
