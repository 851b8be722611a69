import { Type, type Static, type TObject } from '@sinclair/typebox';
import { CHANNELS, isChannel, type Channel } from '../../src/connect/channels';
import { isTimeZone } from '../../src/connect/historicalRules';
import { envInteger, envOneOf, envRegion, envString, shown, type EnvProblem } from '../envReader';

/**
 * The exporter's settings (docs/exporter.md), read with the proxy's other settings by config.ts. Problems are added
 * to the proxy's list, each naming the variable and the rule, so one restart fixes every setting. The exporter is
 * off unless EXPORTER_INSTANCES names instances; the other variables are checked even then, so that a typo shows
 * the day it is made rather than the day the exporter is switched on.
 */

export interface ExporterInstance {
  /** The instance id (from an ARN, its last part). */
  id: string;
  /** The ARN's region, else EXPORTER_REGION. */
  region: string;
}

export interface ExporterSettings {
  /** `all`: every ACTIVE instance ListInstances shows in `region`. */
  instances: 'all' | ExporterInstance[];
  /** `all`: every standard queue of each instance; else ids, ARNs or names (see selectQueues). */
  queues: 'all' | string[];
  channels: Channel[];
  /** Time from the start of one poll to the start of the next (a slow poll delays the next, never overlaps it). */
  intervalMs: number;
  /** Region of `all` instances, of instance ids given without ARN, and of the Voice Connectors. */
  region: string;
  /** Concurrency against the service quotas, per instance and channel. */
  quotas: boolean;
  /** Voice Connector MOS: `all` connectors with data in `region`, these ids, or none (empty). */
  voiceConnectors: 'all' | string[];
  /** Service level and abandonment per queue for the day so far (GetMetricDataV2). */
  historical: boolean;
  /** IANA time zone whose midnight starts the day of the historical gauges. */
  timeZone: string;
  /** Service level: contacts answered within this many seconds (Connect's threshold LT). */
  serviceLevelSeconds: number;
}

export const EXPORTER_INTERVAL = { defaultMs: 15_000, minMs: 1000, maxMs: 3_600_000 } as const;
/** The service level threshold, seconds: the dashboards' 20 s by default, within Connect's 1 s to 7 days. */
export const EXPORTER_SERVICE_LEVEL = { defaultSeconds: 20, minSeconds: 1, maxSeconds: 604_800 } as const;

/**
 * The exporter's variables, part of the proxy's environment schema (envSchema.ts). The lists are strings here: their
 * entries are checked below, one problem per bad entry.
 */
export const ExporterEnv = {
  // Without its own value the region is AWS_REGION's.
  EXPORTER_REGION: Type.Optional(envRegion()),
  EXPORTER_INSTANCES: Type.Optional(envString({ rule: '"all" or a comma list of Connect instance ids or ARNs' })),
  EXPORTER_QUEUES: envString({ default: 'all', rule: '"all" or a comma list of queue names, ids or ARNs' }),
  EXPORTER_CHANNELS: envString({ default: CHANNELS.join(','), rule: `a comma list of ${CHANNELS.join(', ')}` }),
  EXPORTER_INTERVAL_MS: envInteger(EXPORTER_INTERVAL.minMs, EXPORTER_INTERVAL.maxMs, EXPORTER_INTERVAL.defaultMs),
  EXPORTER_QUOTAS: envOneOf(['true', 'false'] as const, 'true', { lowercase: true }),
  EXPORTER_VOICE_CONNECTORS: Type.Optional(envString({ rule: '"all" or a comma list of Voice Connector ids' })),
  EXPORTER_HISTORICAL: envOneOf(['true', 'false'] as const, 'true', { lowercase: true }),
  EXPORTER_TIME_ZONE: envString({
    default: 'UTC',
    minLength: 1,
    // the characters of IANA names (Europe/Berlin, America/Port-au-Prince, Etc/GMT+5); that the zone exists is
    // checked after (isTimeZone)
    pattern: '^[A-Za-z][A-Za-z0-9_+/-]*$',
    rule: 'an IANA time zone such as Europe/Berlin, or UTC',
  }),
  EXPORTER_SERVICE_LEVEL_SECONDS: envInteger(
    EXPORTER_SERVICE_LEVEL.minSeconds,
    EXPORTER_SERVICE_LEVEL.maxSeconds,
    EXPORTER_SERVICE_LEVEL.defaultSeconds
  ),
};

/** Every variable the exporter reads (its docs test checks each is documented). */
export const EXPORTER_VARIABLES = Object.keys(ExporterEnv) as Array<keyof typeof ExporterEnv>;

type ExporterValues = Static<TObject<typeof ExporterEnv>>;

/** arn:aws:connect:us-east-1:123456789012:instance/<id>, in any partition. */
const INSTANCE_ARN = /^arn:aws(?:-[a-z]+)*:connect:([a-z]{2}(?:-[a-z]+)+-\d):\d{12}:instance\/([A-Za-z0-9-]{1,100})$/;
/** Connect instance ids are UUIDs; anything of their alphabet is accepted and Connect has the last word. */
const INSTANCE_ID = /^[A-Za-z0-9-]{1,100}$/;
/** Chime SDK Voice Connector ids: letters and digits. */
const VOICE_CONNECTOR_ID = /^[A-Za-z0-9-]{1,128}$/;

/** A comma list: entries trimmed, empty entries dropped, duplicates kept once (in their first position). */
const list = (text: string) => [
  ...new Set(
    text
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
  ),
];

const isAll = (text: string) => text.toLowerCase() === 'all';

/**
 * The exporter's settings from its variables as the environment schema read them (each already checked on its own);
 * undefined when EXPORTER_INSTANCES is unset (the exporter is off). Problems of the lists' entries are pushed.
 */
export function exporterSettings(
  values: ExporterValues,
  awsRegion: string,
  problems: EnvProblem[]
): ExporterSettings | undefined {
  const region = values.EXPORTER_REGION ?? awsRegion;
  const refuse = (variable: keyof ExporterValues, text: string) => problems.push({ variable, text });

  let instances: ExporterSettings['instances'] | undefined;
  const instancesText = values.EXPORTER_INSTANCES;
  if (instancesText !== undefined) {
    if (isAll(instancesText)) {
      instances = 'all';
    } else {
      const parsed: ExporterInstance[] = [];
      for (const entry of list(instancesText)) {
        const arn = INSTANCE_ARN.exec(entry);
        if (arn) {
          parsed.push({ id: arn[2], region: arn[1] });
        } else if (INSTANCE_ID.test(entry)) {
          parsed.push({ id: entry, region });
        } else {
          refuse(
            'EXPORTER_INSTANCES',
            `EXPORTER_INSTANCES must be "all" or a comma list of Connect instance ids or ARNs (arn:aws:connect:<region>:<account>:instance/<id>) (got ${shown(entry)})`
          );
        }
      }
      // An instance named twice (by id and by ARN) is exported once.
      instances = parsed.filter((p, i) => parsed.findIndex((q) => q.id === p.id && q.region === p.region) === i);
      if (list(instancesText).length === 0) {
        refuse(
          'EXPORTER_INSTANCES',
          'EXPORTER_INSTANCES must be "all" or a comma list of Connect instance ids or ARNs (got only commas)'
        );
      }
    }
  }

  const queues: ExporterSettings['queues'] = isAll(values.EXPORTER_QUEUES) ? 'all' : list(values.EXPORTER_QUEUES);
  if (queues !== 'all' && queues.length === 0) {
    refuse(
      'EXPORTER_QUEUES',
      'EXPORTER_QUEUES must be "all" or a comma list of queue names, ids or ARNs (got only commas)'
    );
  }

  let channels: Channel[] = [...CHANNELS];
  const asked = list(values.EXPORTER_CHANNELS.toUpperCase());
  const unknown = asked.filter((c) => !isChannel(c));
  if (unknown.length > 0 || asked.length === 0) {
    refuse(
      'EXPORTER_CHANNELS',
      `EXPORTER_CHANNELS must be a comma list of ${CHANNELS.join(', ')} (got ${shown(unknown.join(',') || values.EXPORTER_CHANNELS)})`
    );
  } else {
    channels = asked.filter(isChannel);
  }

  const vcText = values.EXPORTER_VOICE_CONNECTORS;
  let voiceConnectors: ExporterSettings['voiceConnectors'] = [];
  if (vcText !== undefined) {
    if (isAll(vcText)) {
      voiceConnectors = 'all';
    } else {
      const ids = list(vcText);
      const bad = ids.filter((id) => !VOICE_CONNECTOR_ID.test(id));
      if (bad.length > 0) {
        refuse(
          'EXPORTER_VOICE_CONNECTORS',
          `EXPORTER_VOICE_CONNECTORS must be "all" or a comma list of Voice Connector ids (got ${shown(bad[0])})`
        );
      }
      voiceConnectors = ids;
    }
  }

  const timeZone = values.EXPORTER_TIME_ZONE.trim();
  if (!isTimeZone(timeZone)) {
    refuse(
      'EXPORTER_TIME_ZONE',
      `EXPORTER_TIME_ZONE must be an IANA time zone such as Europe/Berlin, or UTC (got ${shown(values.EXPORTER_TIME_ZONE)})`
    );
  }

  if (instances === undefined) {
    return undefined;
  }
  return {
    instances,
    queues,
    channels,
    intervalMs: values.EXPORTER_INTERVAL_MS,
    region,
    quotas: values.EXPORTER_QUOTAS !== 'false',
    voiceConnectors,
    historical: values.EXPORTER_HISTORICAL !== 'false',
    timeZone,
    serviceLevelSeconds: values.EXPORTER_SERVICE_LEVEL_SECONDS,
  };
}
