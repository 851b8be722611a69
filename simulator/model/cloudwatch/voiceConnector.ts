import { mos, type LegQuality } from '../mos';
import { arrivalMultiplier } from '../curves';
import { Rng, hashString, smoothNoise } from '../random';
import { inWindow, type VoiceConnectorWorld, type World } from '../../scenario/world';

/**
 * A Voice Connector minute by minute, without state: call attempts from the time-of-day curve, calls active
 * from the calls answered in the minutes before (exponential call lengths), media quality per leg from the
 * scenario's baseline, slow noise and incident windows. Packets lost are what the Chime SDK guide says AWS sends:
 * each call's running total, every minute until the call ends ("The value count is cumulative"), summed over the
 * calls in progress; RTP packets are the packets that arrived in the minute.
 */
export interface VoiceConnectorMinute {
  inboundAttempts: number;
  outboundAttempts: number;
  inboundFailures: number;
  outboundFailures: number;
  inboundAnswered: number;
  outboundAnswered: number;
  inboundActive: number;
  outboundActive: number;
  throttles: number;
  sip: [number, number, number, number, number, number];
  customer: LegQuality;
  remote: LegQuality;
  /** Packets the average call in progress has lost so far on each leg of the side (expected value). */
  customerLostPerCall: number;
  remoteLostPerCall: number;
}

const PACKETS_PER_SECOND = 50; // G.711 at 20 ms packetisation
const PACKETS_PER_CALL_MINUTE = PACKETS_PER_SECOND * 60; // 3,000: the figure of AWS's own loss sample
export const RTP_BYTES_PER_PACKET = 172; // 160 bytes of payload + 12 bytes of RTP header
const RTCP_PACKETS_PER_MINUTE = 12; // one report every 5 seconds
const RTCP_BYTES_PER_PACKET = 80;

export function legQuality(world: World, vc: VoiceConnectorWorld, leg: 'customer' | 'remote', t: number): LegQuality {
  const base = vc.spec[leg];
  const key = hashString(`${vc.id}:${leg}`);
  const wobble = (k: number) => 1 + 0.25 * smoothNoise(key + k, t, 600);
  const q = { lossPct: base.lossPct * wobble(1), jitterMs: base.jitterMs * wobble(2), rttMs: base.rttMs * wobble(3) };
  for (const incident of vc.spec.incidents ?? []) {
    if (incident.leg === leg && inWindow(world, incident, t)) {
      q.lossPct = Math.max(q.lossPct, incident.lossPct ?? 0);
      q.jitterMs = Math.max(q.jitterMs, incident.jitterMs ?? 0);
      q.rttMs = Math.max(q.rttMs, incident.rttMs ?? 0);
    }
  }
  return q;
}

/**
 * Weights of the minutes before: e^(−60k/m) of the calls up at minute t were already up at minute t − k, with
 * exponential call lengths of mean m seconds. Six means long (e^−6 < 0.3 %); one list per mean.
 */
const weightsMemo = new Map<number, Float64Array>();
function carryWeights(meanSeconds: number): Float64Array {
  let w = weightsMemo.get(meanSeconds);
  if (!w) {
    const horizon = Math.ceil((meanSeconds * 6) / 60);
    w = Float64Array.from({ length: horizon + 1 }, (_, k) => Math.exp(-(k * 60) / meanSeconds));
    weightsMemo.set(meanSeconds, w);
  }
  return w;
}

/**
 * Packets the average call in progress at `minute` has lost so far on one leg of the side (expected value): the
 * calls up at minute t that were already up k minutes earlier carry e^(−60k/m) × 3,000 × loss(t − k) of that
 * minute's losses, so a loss at 11:01 stays in the total, fading only as its calls end. Computed from the minutes'
 * loss alone, so any minute can be computed without the ones before it (their losses are remembered, by number:
 * this runs for every minute of every range asked).
 */
function lostSoFarPerCall(world: World, vc: VoiceConnectorWorld, leg: 'customer' | 'remote', minute: number): number {
  const weights = carryWeights(vc.spec.callSeconds);
  const losses = lossByMinute(world, vc, leg);
  if (losses.size >= MEMO_LIMIT) {
    losses.clear();
  }
  let lostPct = 0;
  for (let k = 0; k < weights.length; k++) {
    const at = minute - k;
    let pct = losses.get(at);
    if (pct === undefined) {
      pct = legQuality(world, vc, leg, at * 60).lossPct;
      losses.set(at, pct);
    }
    lostPct += weights[k] * pct;
  }
  return (PACKETS_PER_CALL_MINUTE * lostPct) / 100;
}

/** The leg's loss in percent by minute, per world, connector and side. */
const lossMemo = new WeakMap<World, Map<string, Map<number, number>>>();
function lossByMinute(world: World, vc: VoiceConnectorWorld, leg: 'customer' | 'remote'): Map<number, number> {
  let perWorld = lossMemo.get(world);
  if (!perWorld) {
    perWorld = new Map();
    lossMemo.set(world, perWorld);
  }
  const key = `${vc.index}:${leg}`;
  let losses = perWorld.get(key);
  if (!losses) {
    losses = new Map();
    perWorld.set(key, losses);
  }
  return losses;
}

function failureShare(world: World, vc: VoiceConnectorWorld, t: number): number {
  let share = vc.spec.failureShare;
  for (const incident of vc.spec.incidents ?? []) {
    if (incident.failureShare !== undefined && inWindow(world, incident, t)) {
      share = Math.max(share, incident.failureShare);
    }
  }
  return share;
}

interface Attempts {
  attempts: number;
  failures: number;
  answered: number;
}

function attemptsAt(world: World, vc: VoiceConnectorWorld, direction: 'in' | 'out', minute: number): Attempts {
  const t = minute * 60;
  const perHour = direction === 'in' ? vc.spec.inboundPerHour : vc.spec.outboundPerHour;
  const rng = Rng.of(world.seed, hashString(`${vc.id}:${direction}`), minute);
  const attempts = rng.poisson((perHour / 60) * arrivalMultiplier(world, t));
  const share = failureShare(world, vc, t);
  let failures = 0;
  for (let i = 0; i < attempts; i++) {
    if (rng.chance(share)) {
      failures++;
    }
  }
  return { attempts, failures, answered: attempts - failures };
}

/** Calls still up at the start of `minute`: answered calls of earlier minutes that have not ended (expected value). */
function activeAt(world: World, vc: VoiceConnectorWorld, direction: 'in' | 'out', minute: number): number {
  const mean = vc.spec.callSeconds;
  const horizon = Math.ceil((mean * 6) / 60);
  let expected = 0;
  for (let k = 1; k <= horizon; k++) {
    expected += answeredAt(world, vc, direction, minute - k) * Math.exp(-((k - 0.5) * 60) / mean);
  }
  return Math.round(expected);
}

function answeredAt(world: World, vc: VoiceConnectorWorld, direction: 'in' | 'out', minute: number): number {
  return remember(
    answeredMemo,
    world,
    `${vc.index}:${direction}:${minute}`,
    () => attemptsAt(world, vc, direction, minute).answered
  );
}

// Every metric of a minute reads the same minute, and "calls active" and the running totals of packets lost read
// the minutes before: remember recent ones (a bounded cache per world, emptied when full).
const MEMO_LIMIT = 200_000;
const memo = new WeakMap<World, Map<string, VoiceConnectorMinute>>();
const answeredMemo = new WeakMap<World, Map<string, number>>();

function remember<T>(memos: WeakMap<World, Map<string, T>>, world: World, key: string, compute: () => T): T {
  let cache = memos.get(world);
  if (!cache) {
    cache = new Map();
    memos.set(world, cache);
  }
  let value = cache.get(key);
  if (value === undefined) {
    if (cache.size >= MEMO_LIMIT) {
      cache.clear();
    }
    value = compute();
    cache.set(key, value);
  }
  return value;
}

export function voiceConnectorMinute(world: World, vc: VoiceConnectorWorld, minute: number): VoiceConnectorMinute {
  return remember(memo, world, `${vc.index}:${minute}`, () => computeMinute(world, vc, minute));
}

function computeMinute(world: World, vc: VoiceConnectorWorld, minute: number): VoiceConnectorMinute {
  const t = minute * 60;
  const inbound = attemptsAt(world, vc, 'in', minute);
  const outbound = attemptsAt(world, vc, 'out', minute);
  const rng = Rng.of(world.seed, hashString(`${vc.id}:sip`), minute);
  const failures = inbound.failures + outbound.failures;
  // Each failure ends with one final response: mostly 4xx (busy, not found), some 5xx, a few 6xx.
  let s4 = 0;
  let s5 = 0;
  let s6 = 0;
  for (let i = 0; i < failures; i++) {
    const u = rng.next();
    if (u < 0.7) {
      s4++;
    } else if (u < 0.95) {
      s5++;
    } else {
      s6++;
    }
  }
  const attempts = inbound.attempts + outbound.attempts;
  const answered = inbound.answered + outbound.answered;
  return {
    inboundAttempts: inbound.attempts,
    outboundAttempts: outbound.attempts,
    inboundFailures: inbound.failures,
    outboundFailures: outbound.failures,
    inboundAnswered: inbound.answered,
    outboundAnswered: outbound.answered,
    inboundActive: activeAt(world, vc, 'in', minute),
    outboundActive: activeAt(world, vc, 'out', minute),
    throttles: failureShare(world, vc, t) > vc.spec.failureShare ? rng.poisson(0.3) : 0,
    // 100 Trying for every attempt and 180 Ringing for every answered call; 200 OK for every answer.
    sip: [attempts + answered, answered, 0, s4, s5, s6],
    customer: legQuality(world, vc, 'customer', t),
    remote: legQuality(world, vc, 'remote', t),
    customerLostPerCall: lostSoFarPerCall(world, vc, 'customer', minute),
    remoteLostPerCall: lostSoFarPerCall(world, vc, 'remote', minute),
  };
}

/** The value of an AWS/ChimeVoiceConnector metric in one minute, or undefined when AWS would send nothing. */
export function voiceConnectorMetric(m: VoiceConnectorMinute, name: string): number | undefined {
  const active = m.inboundActive + m.outboundActive;
  const side = (prefix: string): 'customer' | 'remote' | undefined =>
    prefix.startsWith('CustomerToVc') || prefix.startsWith('VcToCustomer')
      ? 'customer'
      : prefix.startsWith('RemoteToVc') || prefix.startsWith('VcToRemote')
        ? 'remote'
        : undefined;
  switch (name) {
    case 'InboundCallAttempts':
      return m.inboundAttempts;
    case 'OutboundCallAttempts':
      return m.outboundAttempts;
    case 'InboundCallFailures':
      return m.inboundFailures;
    case 'OutboundCallFailures':
      return m.outboundFailures;
    case 'InboundCallsAnswered':
      return m.inboundAnswered;
    case 'OutboundCallsAnswered':
      return m.outboundAnswered;
    case 'InboundCallsActive':
      return m.inboundActive;
    case 'OutboundCallsActive':
      return m.outboundActive;
    case 'Throttles':
      return m.throttles > 0 ? m.throttles : undefined;
    case 'Sip1xxCodes':
    case 'Sip2xxCodes':
    case 'Sip3xxCodes':
    case 'Sip4xxCodes':
    case 'Sip5xxCodes':
    case 'Sip6xxCodes':
      return m.sip[Number(name[3]) - 1];
    case 'RTTBetweenVcAndCustomer':
      return active > 0 ? Math.round(m.customer.rttMs * 1000) : undefined;
    case 'RTTBetweenVcAndRemote':
      return active > 0 ? Math.round(m.remote.rttMs * 1000) : undefined;
    case 'MOSBetweenVcAndCustomer':
      return active > 0 ? mos(m.customer) : undefined;
    case 'MOSBetweenVcAndRemote':
      return active > 0 ? mos(m.remote) : undefined;
  }
  if (active === 0) {
    return undefined; // no media, no media metrics
  }
  const which = side(name);
  if (!which) {
    return undefined;
  }
  const leg = m[which];
  // The packets that arrived this minute: what the calls sent (3,000 each) less what the leg lost.
  const arrived = Math.round(active * PACKETS_PER_CALL_MINUTE * (1 - leg.lossPct / 100));
  if (name.endsWith('RtpPackets')) {
    return arrived;
  }
  if (name.endsWith('RtpBytes')) {
    return arrived * RTP_BYTES_PER_PACKET;
  }
  if (name.endsWith('RtcpPackets')) {
    return active * RTCP_PACKETS_PER_MINUTE;
  }
  if (name.endsWith('RtcpBytes')) {
    return active * RTCP_PACKETS_PER_MINUTE * RTCP_BYTES_PER_PACKET;
  }
  if (name.endsWith('PacketsLost')) {
    // The running totals of the calls in progress, not this minute's loss.
    return Math.round(active * (which === 'customer' ? m.customerLostPerCall : m.remoteLostPerCall));
  }
  if (name.endsWith('Jitter')) {
    return Math.round(leg.jitterMs * 1000);
  }
  return undefined;
}
