import { FormatRegistry, Type, type Static } from '@sinclair/typebox';

// TypeBox checks formats only once they are registered.
if (!FormatRegistry.Has('date-time')) {
  FormatRegistry.Set('date-time', (value) => /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value)));
}

/**
 * The scenario file: what contact center the simulator models. The schema is both the validation and the
 * types (docs/simulator.md documents every field). Times of day ("08:30") are local to `utcOffsetMinutes`.
 */

const TimeOfDay = Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', description: 'HH:MM, local time' });
const Channel = Type.Union([Type.Literal('VOICE'), Type.Literal('CHAT'), Type.Literal('TASK'), Type.Literal('EMAIL')]);
const Probability = Type.Number({ minimum: 0, maximum: 1 });
const NonNegative = Type.Number({ minimum: 0 });
const Positive = Type.Number({ exclusiveMinimum: 0 });

/** A window that recurs every day at a local time, or happens once at an ISO instant. */
const windowProperties = {
  daily: Type.Optional(TimeOfDay),
  at: Type.Optional(Type.String({ format: 'date-time', description: 'ISO-8601 instant, for a one-off window' })),
  minutes: Positive,
};
export const WindowSchema = Type.Object(windowProperties, { additionalProperties: false });

export const ChannelLoadSchema = Type.Object(
  {
    perHour: NonNegative,
    handleSeconds: Positive,
    acwSeconds: Type.Optional(NonNegative),
    /** Mean time a customer waits before abandoning (exponential). Omit for contacts that never abandon. */
    patienceSeconds: Type.Optional(Positive),
    /** Time spent in the flow (IVR, bot) before the contact is queued. */
    flowSeconds: Type.Optional(NonNegative),
  },
  { additionalProperties: false }
);

export const SurgeSchema = Type.Object(
  { ...windowProperties, channel: Type.Optional(Channel), multiplier: Positive },
  { additionalProperties: false }
);

export const QueueSchema = Type.Object(
  {
    name: Type.String({ minLength: 1 }),
    id: Type.Optional(Type.String({ minLength: 1 })),
    type: Type.Optional(Type.Union([Type.Literal('STANDARD'), Type.Literal('AGENT')])),
    description: Type.Optional(Type.String()),
    /** Local hours the queue takes contacts (e.g. 07:00 to 21:00; end before start crosses midnight). Default: always. */
    hoursOfOperation: Type.Optional(
      Type.Object({ open: TimeOfDay, close: TimeOfDay }, { additionalProperties: false })
    ),
    /** Maximum contacts in queue; arrivals beyond it are rejected (QueueCapacityExceededError). */
    maxContacts: Type.Optional(Type.Integer({ minimum: 1 })),
    channels: Type.Partial(Type.Record(Channel, ChannelLoadSchema)),
    /** Share of voice arrivals that ask for a scheduled callback instead of waiting. */
    callbackShare: Type.Optional(Probability),
    /** Share of scheduled callbacks whose number cannot be dialled (CallBackNotDialableNumber). */
    callbackNotDialableShare: Type.Optional(Probability),
    /** Routing criteria: the step a waiting contact is in depends on how long it has waited. */
    routingSteps: Type.Optional(
      Type.Array(Type.Object({ expression: Type.String({ minLength: 1 }), seconds: Positive }))
    ),
    surges: Type.Optional(Type.Array(SurgeSchema)),
  },
  { additionalProperties: false }
);

export const ShiftSchema = Type.Object(
  {
    start: TimeOfDay,
    end: TimeOfDay,
    agents: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false }
);

export const RoutingProfileSchema = Type.Object(
  {
    name: Type.String({ minLength: 1 }),
    id: Type.Optional(Type.String({ minLength: 1 })),
    queues: Type.Array(
      Type.Object(
        {
          queue: Type.String({ minLength: 1, description: 'queue name' }),
          channels: Type.Array(Channel, { minItems: 1 }),
          priority: Type.Optional(Type.Integer({ minimum: 1 })),
        },
        { additionalProperties: false }
      ),
      { minItems: 1 }
    ),
    concurrency: Type.Partial(Type.Record(Channel, Type.Integer({ minimum: 1, maximum: 10 }))),
    shifts: Type.Array(ShiftSchema),
  },
  { additionalProperties: false }
);

export const FlowSchema = Type.Object(
  {
    name: Type.String({ minLength: 1 }),
    errorsPerHour: Type.Optional(NonNegative),
    fatalErrorsPerHour: Type.Optional(NonNegative),
    signingKeyId: Type.Optional(Type.String()),
    signingKeyUsesPerHour: Type.Optional(NonNegative),
  },
  { additionalProperties: false }
);

export const InstanceSchema = Type.Object(
  {
    alias: Type.String({ minLength: 1, pattern: '^[a-zA-Z0-9-]+$' }),
    id: Type.Optional(Type.String({ minLength: 1 })),
    region: Type.String({ minLength: 1 }),
    /** This instance's local time, if not the scenario's (shifts, hours and the arrival curve are local). */
    utcOffsetMinutes: Type.Optional(Type.Integer({ minimum: -720, maximum: 840 })),
    createdTime: Type.Optional(Type.String({ format: 'date-time' })),
    /** Concurrent contacts allowed per channel (Service Quotas). */
    quotas: Type.Partial(Type.Record(Channel, Type.Integer({ minimum: 1 }))),
    /** New voice calls per second the instance accepts; faster arrivals are ThrottledCalls. */
    callsPerSecond: Type.Optional(Positive),
    /** Chance an agent lets an offered contact ring out (20 s) - the contact is a MissedCall. */
    missProbability: Type.Optional(Probability),
    /** Custom agent statuses used for breaks (non-productive time). */
    breakStatuses: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
    queues: Type.Array(QueueSchema, { minItems: 1 }),
    routingProfiles: Type.Array(RoutingProfileSchema, { minItems: 1 }),
    flows: Type.Optional(Type.Array(FlowSchema)),
    recordingUploadErrorsPerHour: Type.Optional(NonNegative),
    misconfiguredNumbersPerHour: Type.Optional(NonNegative),
    tasksExpiredPerDay: Type.Optional(NonNegative),
    /** Packet loss ratio on agent WebRTC streams (ToInstancePacketLossRate), mean. */
    agentPacketLoss: Type.Optional(Probability),
  },
  { additionalProperties: false }
);

export const LegQualitySchema = Type.Object(
  {
    lossPct: NonNegative,
    jitterMs: NonNegative,
    rttMs: NonNegative,
  },
  { additionalProperties: false }
);

export const VoiceConnectorSchema = Type.Object(
  {
    name: Type.String({ minLength: 1 }),
    id: Type.Optional(Type.String({ minLength: 1 })),
    region: Type.String({ minLength: 1 }),
    inboundPerHour: NonNegative,
    outboundPerHour: NonNegative,
    callSeconds: Positive,
    /** Share of attempts that fail (4xx/5xx/6xx). */
    failureShare: Probability,
    customer: LegQualitySchema,
    remote: LegQualitySchema,
    incidents: Type.Optional(
      Type.Array(
        Type.Object(
          {
            ...windowProperties,
            leg: Type.Union([Type.Literal('customer'), Type.Literal('remote')]),
            lossPct: Type.Optional(NonNegative),
            jitterMs: Type.Optional(NonNegative),
            rttMs: Type.Optional(NonNegative),
            failureShare: Type.Optional(Probability),
          },
          { additionalProperties: false }
        )
      )
    ),
  },
  { additionalProperties: false }
);

export const VoiceIdDomainSchema = Type.Object(
  {
    name: Type.String({ minLength: 1 }),
    id: Type.Optional(Type.String({ minLength: 22, maxLength: 22 })),
    region: Type.String({ minLength: 1 }),
    speakers: Type.Integer({ minimum: 0 }),
    fraudsters: Type.Integer({ minimum: 0 }),
    sessionsPerHour: NonNegative,
  },
  { additionalProperties: false }
);

export const AppIntegrationSchema = Type.Object(
  {
    name: Type.String({ minLength: 1 }),
    region: Type.String({ minLength: 1 }),
    type: Type.Union([Type.Literal('DataIntegration'), Type.Literal('EventIntegration')]),
    perHour: NonNegative,
    failureShare: Type.Optional(Probability),
  },
  { additionalProperties: false }
);

export const ApiQuotaSchema = Type.Object(
  { rate: Positive, burst: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false }
);

export const FaultSchema = Type.Object(
  {
    /** Share of calls answered with the service's throttling error. */
    throttleRate: Type.Optional(Probability),
    /** Share of calls answered with a 500/503. */
    errorRate: Type.Optional(Probability),
    /** Extra latency, ms, added to every call. */
    latencyMs: Type.Optional(NonNegative),
    /** Share of calls answered 200 with a body that is not JSON. */
    malformedRate: Type.Optional(Probability),
  },
  { additionalProperties: false }
);

export const ScenarioSchema = Type.Object(
  {
    name: Type.String({ minLength: 1 }),
    description: Type.Optional(Type.String()),
    seed: Type.Optional(Type.Integer()),
    accountId: Type.Optional(Type.String({ pattern: '^\\d{12}$' })),
    /** Local time of the contact center relative to UTC, minutes (e.g. -300 for US Eastern standard time). */
    utcOffsetMinutes: Type.Optional(Type.Integer({ minimum: -720, maximum: 840 })),
    /** Local time each simulated day starts (pick a quiet hour: the queues are warmed up from empty before it). */
    dayStartsAt: Type.Optional(TimeOfDay),
    /** Arrival multiplier per local hour (24 values), weekdays and weekends. */
    arrivalCurve: Type.Optional(
      Type.Object({
        weekday: Type.Array(NonNegative, { minItems: 24, maxItems: 24 }),
        weekend: Type.Optional(Type.Array(NonNegative, { minItems: 24, maxItems: 24 })),
      })
    ),
    instances: Type.Array(InstanceSchema, { minItems: 1 }),
    voiceConnectors: Type.Optional(Type.Array(VoiceConnectorSchema)),
    voiceIdDomains: Type.Optional(Type.Array(VoiceIdDomainSchema)),
    appIntegrations: Type.Optional(Type.Array(AppIntegrationSchema)),
    /** API request quotas, by operation name (defaults: docs/simulator.md). */
    apiQuotas: Type.Optional(Type.Record(Type.String(), ApiQuotaSchema)),
    /** Faults injected from the start, by operation name or "*". */
    faults: Type.Optional(Type.Record(Type.String(), FaultSchema)),
  },
  { additionalProperties: false }
);

export type Scenario = Static<typeof ScenarioSchema>;
export type InstanceSpec = Static<typeof InstanceSchema>;
export type QueueSpec = Static<typeof QueueSchema>;
export type RoutingProfileSpec = Static<typeof RoutingProfileSchema>;
export type ChannelLoad = Static<typeof ChannelLoadSchema>;
export type VoiceConnectorSpec = Static<typeof VoiceConnectorSchema>;
export type VoiceIdDomainSpec = Static<typeof VoiceIdDomainSchema>;
export type AppIntegrationSpec = Static<typeof AppIntegrationSchema>;
export type Fault = Static<typeof FaultSchema>;
export type ApiQuota = Static<typeof ApiQuotaSchema>;
export type Window = Static<typeof WindowSchema>;
