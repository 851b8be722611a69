import { VOICE_ID_API_NAMES } from './published';
import { arrivalMultiplier } from '../curves';
import type { RawDatapoint } from '../metricSource';
import { Rng, hashString, smoothNoise } from '../random';
import type { VoiceIdDomainWorld, World } from '../../scenario/world';
import { countPoint, samplesPoint, valuePoint } from './shared';

/**
 * Voice ID, minute by minute: requests per API follow the domains' session volume, latency is log-normal per
 * API, and the domain counters (speakers, fraudsters, batch jobs) are sent every 15 minutes as AWS does.
 */

/** Requests per session, by API (a session is evaluated a few times; deletes and opt-outs are rare). */
const CALLS_PER_SESSION: Record<(typeof VOICE_ID_API_NAMES)[number], number> = {
  EvaluateSession: 3,
  ListSpeakers: 0.05,
  DeleteSpeaker: 0.01,
  OptOutSpeaker: 0.02,
  DeleteFraudster: 0.002,
};
const LATENCY_MS: Record<(typeof VOICE_ID_API_NAMES)[number], number> = {
  EvaluateSession: 140,
  ListSpeakers: 60,
  DeleteSpeaker: 90,
  OptOutSpeaker: 85,
  DeleteFraudster: 95,
};
const SESSION_SECONDS = 90;

function requests(
  world: World,
  domains: VoiceIdDomainWorld[],
  api: (typeof VOICE_ID_API_NAMES)[number],
  minute: number
): number {
  const perMinute =
    domains.reduce((sum, d) => sum + d.spec.sessionsPerHour / 60, 0) * arrivalMultiplier(world, minute * 60);
  return Rng.of(world.seed, hashString(`voiceid:${api}:${domains[0]?.region}`), minute).poisson(
    perMinute * CALLS_PER_SESSION[api]
  );
}

/** API metrics (dimension API) for the domains of one region. */
export function voiceIdApiPoint(
  world: World,
  domains: VoiceIdDomainWorld[],
  metric: string,
  api: string,
  minute: number
): RawDatapoint | undefined {
  const name = api as (typeof VOICE_ID_API_NAMES)[number];
  if (!(name in CALLS_PER_SESSION)) {
    return undefined;
  }
  const n = requests(world, domains, name, minute);
  const t = minute * 60;
  const rng = Rng.of(world.seed, hashString(`voiceid:${api}:${metric}`), minute);
  switch (metric) {
    case 'RequestLatency': {
      if (n === 0) {
        return undefined;
      }
      const values = Array.from({ length: Math.min(n, 500) }, () => Math.round(rng.logNormal(LATENCY_MS[name], 0.35)));
      return samplesPoint(t, values);
    }
    case 'UserErrors':
      return countPoint(t, rng.poisson(n * 0.01));
    case 'SystemErrors':
      return countPoint(t, rng.poisson(n * 0.001));
    case 'Throttles':
      return countPoint(t, rng.poisson(n * 0.002));
  }
  return undefined;
}

/** Domain metrics (dimension Domain). */
export function voiceIdDomainPoint(
  world: World,
  domain: VoiceIdDomainWorld,
  metric: string,
  minute: number
): RawDatapoint | undefined {
  const t = minute * 60;
  const key = hashString(`voiceid-domain:${domain.id}`);
  if (metric === 'ActiveSessions') {
    const expected = (domain.spec.sessionsPerHour / 3600) * SESSION_SECONDS * arrivalMultiplier(world, t);
    return valuePoint(t, Rng.of(world.seed, key, minute).poisson(expected));
  }
  if (minute % 15 !== 0) {
    return undefined; // sent every 15 minutes
  }
  const days = (t - domain.createdAt) / 86400;
  switch (metric) {
    case 'Speakers':
      return valuePoint(t, Math.round(domain.spec.speakers * (1 + 0.0015 * days)));
    case 'Fraudsters':
      return valuePoint(t, Math.round(domain.spec.fraudsters * (1 + 0.0005 * days)));
    case 'ActiveSpeakerEnrollmentJobs':
      return valuePoint(t, Math.max(0, Math.round(1.5 + 2 * smoothNoise(key + 1, t, 7200))));
    case 'ActiveFraudsterRegistrationJobs':
      return valuePoint(t, Math.max(0, Math.round(0.3 + 1.2 * smoothNoise(key + 2, t, 14400))));
  }
  return undefined;
}
