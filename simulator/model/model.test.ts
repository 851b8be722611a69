import fc from 'fast-check';
import { CURRENT_METRIC_UNITS, type CurrentMetricName } from '../services/connect/currentMetricNames';
import { resolveRequest } from '../services/connect/currentMetricData';
import { Outcome } from './codes';
import { computeRealtime } from './realtime';
import { mos } from './mos';
import { ContactCenterModel } from './contactCenter';
import { connectMetric, dims, seriesPoints, testModel } from './testWorld';

// The 13 standard metrics (ESTIMATED_WAIT_TIME only serves routing combinations).
const M: CurrentMetricName[] = (Object.keys(CURRENT_METRIC_UNITS) as CurrentMetricName[]).filter(
  (m) => m !== 'ESTIMATED_WAIT_TIME'
);
const col = (name: CurrentMetricName) => M.indexOf(name);
const HOUR = 3600;

describe('contact-center model: numbers that agree with each other', () => {
  const { world, model, metrics, now } = testModel();
  const inst = world.instances[0];
  const allQueues = inst.queues.map((q) => q.id);
  const realtime = (
    t: number,
    groupings: string[],
    filters: Parameters<typeof resolveRequest>[1] = { queues: allQueues }
  ) => computeRealtime(model.snapshot(inst, t), resolveRequest(inst, filters, groupings as never, M));

  it('agent states add up in every row, every 7 minutes over 12 hours', () => {
    let rowsChecked = 0;
    let sawEveryState = [0, 0, 0, 0, 0];
    for (let t = now - 12 * HOUR; t < now; t += 420) {
      for (const [groupings, filters] of [
        [['QUEUE'], { queues: allQueues }],
        [['ROUTING_PROFILE'], { routingProfiles: inst.routingProfiles.map((r) => r.id) }],
        [[], { queues: allQueues }],
      ] as const) {
        for (const row of realtime(t, [...groupings], filters)) {
          const v = (n: CurrentMetricName) => row.values[col(n)] as number;
          const parts = [
            'AGENTS_AVAILABLE',
            'AGENTS_ON_CONTACT',
            'AGENTS_AFTER_CONTACT_WORK',
            'AGENTS_NON_PRODUCTIVE',
            'AGENTS_ERROR',
          ] as const;
          expect(parts.reduce((s, p) => s + v(p), 0)).toBe(v('AGENTS_ONLINE'));
          expect(v('AGENTS_STAFFED')).toBe(v('AGENTS_ONLINE') - v('AGENTS_NON_PRODUCTIVE'));
          expect(v('AGENTS_ON_CALL')).toBe(v('AGENTS_ON_CONTACT'));
          parts.forEach((p, i) => (sawEveryState[i] += v(p)));
          rowsChecked++;
        }
      }
    }
    expect(rowsChecked).toBeGreaterThan(1000);
    // the day is busy enough to show every state somewhere
    sawEveryState.forEach((n) => expect(n).toBeGreaterThan(0));
  });

  it('reports OLDEST_CONTACT_AGE 0 exactly when the queue is empty', () => {
    let empty = 0;
    let busy = 0;
    for (let t = now - 10 * HOUR; t < now; t += 97) {
      for (const row of realtime(t, ['QUEUE'])) {
        const inQueue = row.values[col('CONTACTS_IN_QUEUE')] as number;
        const oldest = row.values[col('OLDEST_CONTACT_AGE')] as number;
        if (inQueue === 0) {
          expect(oldest).toBe(0);
          empty++;
        } else {
          expect(oldest).toBeGreaterThan(0);
          busy++;
        }
      }
    }
    expect(empty).toBeGreaterThan(100);
    expect(busy).toBeGreaterThan(100);
  });

  it('agrees with CloudWatch QueueSize and LongestQueueWaitTime minute by minute', () => {
    for (const q of inst.queues.slice(0, 5)) {
      const id = (name: string) =>
        connectMetric(name, { InstanceId: inst.id, MetricGroup: 'Queue', QueueName: q.name });
      const start = now - 3 * HOUR;
      const sizes = seriesPoints(metrics, inst.region, id('QueueSize'), start, start + 40 * 60);
      const waits = seriesPoints(metrics, inst.region, id('LongestQueueWaitTime'), start, start + 40 * 60);
      expect(sizes).toHaveLength(40);
      expect(waits).toHaveLength(40);
      sizes.forEach((point, i) => {
        // six samples a minute, at the same instants the real-time view shows
        const live = [0, 10, 20, 30, 40, 50].map(
          (s) => realtime(point.t + s, ['QUEUE'], { queues: [q.id] })[0].values[col('CONTACTS_IN_QUEUE')]
        );
        expect(point.values).toEqual(live);
        expect(point.max).toBe(Math.max(...(live as number[])));
        // The longest wait of the minute is the highest real-time oldest age within the minute. Oldest age grows
        // linearly while contacts wait, so its highest point is just before a contact leaves or the minute ends:
        // sample every second and those instants.
        const epoch = model.epochAt(inst, point.t);
        const instants = Array.from({ length: 60 }, (_, s) => point.t + s);
        instants.push(point.t + 60 - 1e-6);
        for (let k = 0; k < epoch.intervals.count; k++) {
          const end = epoch.intervals.end[k];
          if (end > point.t && end <= point.t + 60 && epoch.contacts.queue[epoch.intervals.contact[k]] === q.index) {
            instants.push(end - 1e-6);
          }
        }
        const maxOldest = Math.max(
          ...instants.map(
            (t) => realtime(t, ['QUEUE'], { queues: [q.id] })[0].values[col('OLDEST_CONTACT_AGE')] as number
          )
        );
        expect(waits[i].t).toBe(point.t);
        expect(waits[i].max).toBe(Math.floor(maxOldest + 1e-5));
      });
    }
  });

  it('publishes ConcurrentCallsPercentage as a decimal and ConcurrentActiveChatsPercentage as an integer percent', () => {
    const base = { InstanceId: inst.id };
    const calls = seriesPoints(
      metrics,
      inst.region,
      connectMetric('ConcurrentCalls', { ...base, MetricGroup: 'VoiceCalls' }),
      now - 6 * HOUR,
      now
    );
    const callsPct = seriesPoints(
      metrics,
      inst.region,
      connectMetric('ConcurrentCallsPercentage', { ...base, MetricGroup: 'VoiceCalls' }),
      now - 6 * HOUR,
      now
    );
    const chats = seriesPoints(
      metrics,
      inst.region,
      connectMetric('ConcurrentActiveChats', { ...base, MetricGroup: 'Chats' }),
      now - 6 * HOUR,
      now
    );
    const chatsPct = seriesPoints(
      metrics,
      inst.region,
      connectMetric('ConcurrentActiveChatsPercentage', { ...base, MetricGroup: 'Chats' }),
      now - 6 * HOUR,
      now
    );
    expect(calls.length).toBe(360);
    let busyMinutes = 0;
    calls.forEach((p, i) => {
      p.values!.forEach((v, k) => expect(callsPct[i].values![k]).toBeCloseTo(v / inst.quotas.VOICE, 10));
      if (p.max > 0) {
        busyMinutes++;
      }
    });
    chats.forEach((p, i) =>
      p.values!.forEach((v, k) => expect(chatsPct[i].values![k]).toBe(Math.round((100 * v) / inst.quotas.CHAT)))
    );
    expect(busyMinutes).toBeGreaterThan(300);
    expect(Math.max(...callsPct.map((p) => p.max))).toBeLessThan(1);
    expect(chatsPct.every((p) => p.values!.every(Number.isInteger))).toBe(true);
  });

  it('counts MissedCalls as voice offers not answered within 20 seconds', () => {
    const epoch = model.epochAt(inst, now);
    let missedVoice = 0;
    const offers = epoch.assignments;
    for (let j = 0; j < offers.contact.length; j++) {
      const rang = offers.ringEnd[j] - offers.offer[j];
      if (offers.missed[j]) {
        expect(rang).toBe(20);
        if (
          epoch.contacts.channel[offers.contact[j]] === 0 &&
          offers.ringEnd[j] >= epoch.dayStart &&
          offers.ringEnd[j] < now - 60
        ) {
          missedVoice++;
        }
      } else {
        expect(rang).toBeLessThan(20);
      }
    }
    const series = seriesPoints(
      metrics,
      inst.region,
      connectMetric('MissedCalls', { InstanceId: inst.id, MetricGroup: 'VoiceCalls' }),
      epoch.dayStart,
      now - 60
    );
    expect(missedVoice).toBeGreaterThan(10);
    expect(series.reduce((s, p) => s + p.sum, 0)).toBe(missedVoice);
  });
});

describe('contact-center model: quotas', () => {
  // A small voice quota, a low call rate and a morning surge: calls above both limits are rejected and counted.
  const { world, model, metrics, now } = testModel('2026-11-18T17:00:00Z', (s) => {
    s.instances[0].quotas = { ...s.instances[0].quotas, VOICE: 12 };
    s.instances[0].callsPerSecond = 1;
    s.instances[0].queues[1].surges = [{ daily: '10:30', minutes: 40, channel: 'VOICE', multiplier: 25 }];
  });
  const inst = world.instances[0];
  const base = { InstanceId: inst.id, MetricGroup: 'VoiceCalls' };
  const sum = (name: string) =>
    seriesPoints(metrics, inst.region, connectMetric(name, base), now - 8 * HOUR, now).reduce((s, p) => s + p.sum, 0);

  it('rejects and counts calls above the concurrency quota and the call rate', () => {
    const epoch = model.epochAt(inst, now);
    const rejected = (outcome: number) => {
      let n = 0;
      for (let i = 0; i < epoch.contacts.count; i++) {
        const t = epoch.contacts.arrive[i];
        if (
          epoch.contacts.channel[i] === 0 &&
          epoch.contacts.outcome[i] === outcome &&
          t >= now - 8 * HOUR &&
          t < now
        ) {
          n++;
        }
      }
      return n;
    };
    const breaching = sum('CallsBreachingConcurrencyQuota');
    const throttled = sum('ThrottledCalls');
    expect(breaching).toBeGreaterThan(0);
    expect(throttled).toBeGreaterThan(0);
    expect(throttled).toBe(rejected(Outcome.REJECTED_RATE));
    // callbacks that find the quota full also breach it
    expect(breaching).toBeGreaterThanOrEqual(rejected(Outcome.REJECTED_QUOTA));
    const concurrent = seriesPoints(metrics, inst.region, connectMetric('ConcurrentCalls', base), now - 8 * HOUR, now);
    expect(Math.max(...concurrent.map((p) => p.max))).toBe(12);
    const pct = seriesPoints(
      metrics,
      inst.region,
      connectMetric('ConcurrentCallsPercentage', base),
      now - 8 * HOUR,
      now
    );
    expect(Math.max(...pct.map((p) => p.max))).toBe(1);
  });
});

describe('voice connector model', () => {
  const { world, metrics, now } = testModel();
  const vc = world.voiceConnectors[0];
  const get = (name: string, from = now - 24 * HOUR, to = now) =>
    seriesPoints(
      metrics,
      vc.region,
      { namespace: 'AWS/ChimeVoiceConnector', metricName: name, dimensions: dims({ VoiceConnectorId: vc.id }) },
      from,
      to
    );
  const byMinute = (name: string) => new Map(get(name).map((p) => [p.t, p.sum]));

  it('keeps MOS between 1.0 and 4.4 and lowers it during the incident window', () => {
    const mosRemote = get('MOSBetweenVcAndRemote');
    expect(mosRemote.length).toBeGreaterThan(1000);
    for (const p of mosRemote) {
      expect(p.max).toBeGreaterThanOrEqual(1);
      expect(p.max).toBeLessThanOrEqual(4.4);
    }
    // incident: daily 14:00-14:20 local (UTC-5) on the remote leg; the last one ended yesterday at 19:20 UTC
    const incident = Date.parse('2026-11-17T19:05:00Z') / 1000;
    const during = mosRemote.filter((p) => p.t >= incident && p.t < incident + 600).map((p) => p.max);
    const before = mosRemote.filter((p) => p.t >= incident - 3600 && p.t < incident - 1800).map((p) => p.max);
    expect(during.length).toBeGreaterThan(5);
    expect(before.length).toBeGreaterThan(5);
    expect(Math.max(...during)).toBeLessThan(Math.min(...before));
  });

  it('derives MOS that falls with loss, jitter and round-trip time', () => {
    const leg = fc.record({
      lossPct: fc.double({ min: 0, max: 30, noNaN: true }),
      jitterMs: fc.double({ min: 0, max: 200, noNaN: true }),
      rttMs: fc.double({ min: 0, max: 1000, noNaN: true }),
    });
    fc.assert(
      fc.property(leg, fc.double({ min: 0, max: 10, noNaN: true }), (q, more) => {
        const m = mos(q);
        expect(m).toBeGreaterThanOrEqual(1);
        expect(m).toBeLessThanOrEqual(4.4);
        expect(mos({ ...q, lossPct: q.lossPct + more })).toBeLessThanOrEqual(m);
        expect(mos({ ...q, jitterMs: q.jitterMs + more })).toBeLessThanOrEqual(m);
        expect(mos({ ...q, rttMs: q.rttMs + more * 10 })).toBeLessThanOrEqual(m);
      })
    );
    expect(mos({ lossPct: 0, jitterMs: 2, rttMs: 20 })).toBeGreaterThan(4.3);
    expect(mos({ lossPct: 8, jitterMs: 60, rttMs: 400 })).toBeLessThan(3);
  });

  it('has SIP response counts that agree with attempts, answers and failures', () => {
    const names = [
      'InboundCallAttempts',
      'OutboundCallAttempts',
      'InboundCallFailures',
      'OutboundCallFailures',
      'InboundCallsAnswered',
      'OutboundCallsAnswered',
      'Sip1xxCodes',
      'Sip2xxCodes',
      'Sip3xxCodes',
      'Sip4xxCodes',
      'Sip5xxCodes',
      'Sip6xxCodes',
    ];
    const m = Object.fromEntries(names.map((n) => [n, byMinute(n)]));
    const at = (n: string, t: number) => m[n].get(t) ?? 0;
    let minutes = 0;
    for (const t of m.InboundCallAttempts.keys()) {
      const attempts = at('InboundCallAttempts', t) + at('OutboundCallAttempts', t);
      const failures = at('InboundCallFailures', t) + at('OutboundCallFailures', t);
      const answered = at('InboundCallsAnswered', t) + at('OutboundCallsAnswered', t);
      expect(answered + failures).toBe(attempts);
      expect(at('Sip4xxCodes', t) + at('Sip5xxCodes', t) + at('Sip6xxCodes', t)).toBe(failures);
      expect(at('Sip2xxCodes', t)).toBe(answered);
      expect(at('Sip1xxCodes', t)).toBe(attempts + answered);
      expect(at('Sip3xxCodes', t)).toBe(0);
      minutes++;
    }
    expect(minutes).toBeGreaterThan(500);
  });

  // fact: chime-packets-lost-cumulative: RtpPackets per minute, PacketsLost a running total per call in progress.
  it('counts the RTP packets that arrived, so that 3,000 a call-minute gives back the scenario’s loss', () => {
    const inbound = byMinute('InboundCallsActive');
    const outbound = byMinute('OutboundCallsActive');
    const active = (t: number) => (inbound.get(t) ?? 0) + (outbound.get(t) ?? 0);
    const remote = byMinute('RemoteToVcRtpPackets');
    const customer = byMinute('CustomerToVcRtpPackets');
    const bytes = byMinute('CustomerToVcRtpBytes');
    // The daily incident on the remote leg: 14:00-14:20 local (UTC-5) with 4 % loss; the last one yesterday.
    const from = Date.parse('2026-11-17T19:00:00Z') / 1000;
    let incidentMinutes = 0;
    let quietMinutes = 0;
    for (const [t, received] of remote) {
      const calls = active(t);
      expect(calls).toBeGreaterThan(0);
      const estimate = (n: number) => 100 * (1 - n / (3000 * calls));
      // Within the rounding of one packet: 100 / (3,000 × calls) percentage points.
      const rounding = 100 / (3000 * calls);
      if (t >= from && t < from + 20 * 60) {
        expect(Math.abs(estimate(received) - 4)).toBeLessThanOrEqual(rounding);
        incidentMinutes++;
      } else {
        // Baselines wander ±25 %: remote 0.1 % (0.075-0.125), customer 0.3 % (0.225-0.375).
        expect(estimate(received)).toBeGreaterThanOrEqual(0.075 - rounding);
        expect(estimate(received)).toBeLessThanOrEqual(0.125 + rounding);
        quietMinutes++;
      }
      expect(estimate(customer.get(t)!)).toBeGreaterThanOrEqual(0.225 - rounding);
      expect(estimate(customer.get(t)!)).toBeLessThanOrEqual(0.375 + rounding);
      // 172 bytes a packet (160 of G.711 payload, 12 of RTP header), of the packets that arrived.
      expect(bytes.get(t)).toBe(customer.get(t)! * 172);
    }
    expect(incidentMinutes).toBe(20);
    expect(quietMinutes).toBeGreaterThan(1000);
  });

  describe('one incident: 5 % loss on the remote leg from 11:01 to 11:04 local, none otherwise', () => {
    // callSeconds 330: of the calls up at a minute, e^(-60/330) = 0.8338 were up a minute before, 0.6951 two
    // minutes before, 0.5796 three and 0.4832 four. A call-minute at 5 % loses 150 of its 3,000 packets.
    const incident = testModel('2026-11-18T17:00:00Z', (s) => {
      const v = s.voiceConnectors![0];
      v.customer.lossPct = 0;
      v.remote.lossPct = 0;
      v.incidents = [{ at: '2026-11-18T16:01:00Z', minutes: 3, leg: 'remote', lossPct: 5 }];
    });
    const at = (hhmm: string) => Date.parse(`2026-11-18T${hhmm}:00Z`) / 1000;
    const metric = (name: string) =>
      new Map(
        seriesPoints(
          incident.metrics,
          vc.region,
          { namespace: 'AWS/ChimeVoiceConnector', metricName: name, dimensions: dims({ VoiceConnectorId: vc.id }) },
          at('15:30'),
          at('17:00')
        ).map((p) => [p.t, p.sum])
      );
    const inbound = metric('InboundCallsActive');
    const outbound = metric('OutboundCallsActive');
    const lost = metric('RemoteToVcPacketsLost');
    const sent = metric('RemoteToVcRtpPackets');
    const calls = (t: number) => inbound.get(t)! + outbound.get(t)!;

    it('has PacketsLost rise through the incident and carry forward after it while the calls last', () => {
      // Packets lost so far per call in progress, worked by hand (11:01 local is 16:01 UTC).
      const perCall: Array<[string, number]> = [
        ['16:00', 0],
        ['16:01', 150], // 150 × 1
        ['16:02', 275.06], // 150 × (1 + 0.8338)
        ['16:03', 379.33], // 150 × (1 + 0.8338 + 0.6951)
        ['16:04', 316.27], // 150 × (0.8338 + 0.6951 + 0.5796): the incident is over, its losses are not
        ['16:05', 263.69], // 150 × (0.6951 + 0.5796 + 0.4832)
      ];
      for (const [hhmm, expected] of perCall) {
        const t = at(hhmm);
        expect(calls(t)).toBeGreaterThan(5);
        // Rounded to whole packets over all the calls in progress.
        expect(Math.abs(lost.get(t)! - calls(t) * expected)).toBeLessThanOrEqual(0.5 + calls(t) * 0.01);
      }
      // Sent every minute while calls last, 0 when nothing was lost; gone once the incident's calls have ended
      // (six mean call lengths later: 33 minutes).
      expect(lost.get(at('15:45'))).toBe(0);
      expect(lost.get(at('16:50'))).toBe(0);
      // Divided by the minute's packets, the running total would read 379.33 / 2,850 = 13.3 % at 16:03, not 5 %.
      expect((100 * lost.get(at('16:03'))!) / sent.get(at('16:03'))!).toBeGreaterThan(13);
    });

    it('has RtpPackets per minute fall during the incident only, and give back its 5 %', () => {
      expect(sent.get(at('16:00'))).toBe(calls(at('16:00')) * 3000);
      for (const hhmm of ['16:01', '16:02', '16:03']) {
        const t = at(hhmm);
        expect(Math.abs(sent.get(t)! - calls(t) * 2850)).toBeLessThanOrEqual(0.5);
        expect(100 * (1 - sent.get(t)! / (3000 * calls(t)))).toBeCloseTo(5, 2);
      }
      expect(sent.get(at('16:04'))).toBe(calls(at('16:04')) * 3000);
      expect(sent.get(at('16:05'))).toBe(calls(at('16:05')) * 3000);
    });
  });
});

describe('determinism', () => {
  it('gives the same numbers for the same seed and instant, and different ones for another seed', () => {
    const a = testModel('2026-11-18T15:30:00Z');
    const b = testModel('2026-11-18T15:30:00Z');
    const c = testModel('2026-11-18T15:30:00Z', undefined, 7);
    const inst = (m: typeof a) => m.world.instances[0];
    const rows = (m: typeof a) =>
      computeRealtime(
        m.model.snapshot(inst(m), m.now),
        resolveRequest(inst(m), { queues: inst(m).queues.map((q) => q.id) }, ['QUEUE'], M)
      ).map((r) => r.values);
    expect(rows(a)).toEqual(rows(b));
    expect(rows(a)).not.toEqual(rows(c));
    const id = connectMetric('QueueSize', { InstanceId: inst(a).id, MetricGroup: 'Queue', QueueName: 'Billing' });
    expect(seriesPoints(a.metrics, 'us-east-1', id, a.now - 7200, a.now)).toEqual(
      seriesPoints(b.metrics, 'us-east-1', id, b.now - 7200, b.now)
    );
  });

  it('answers an instant the same whatever was asked before (epochs are independent)', () => {
    const a = testModel('2026-11-18T15:30:00Z');
    const b = testModel('2026-11-18T15:30:00Z');
    const inst = a.world.instances[0];
    b.model.epochAt(b.world.instances[0], b.now - 86400); // warm b with another day first
    const snap = (m: typeof a) => {
      const s = m.model.snapshot(m.world.instances[0], m.now - 100);
      return [Array.from(s.agentSegment), s.waiting];
    };
    expect(snap(a)).toEqual(snap(b));
    expect(inst.id).toBe(b.world.instances[0].id);
  });

  it('keeps the contact center continuous across the start of a simulated day', () => {
    const { world, model } = testModel('2026-11-19T12:00:00Z');
    const inst = world.instances[0];
    const dayStart = model.epochAt(inst, Date.parse('2026-11-19T09:00:00Z') / 1000).dayStart;
    const online = (t: number) =>
      computeRealtime(
        model.snapshot(inst, t),
        resolveRequest(inst, { queues: inst.queues.map((q) => q.id) }, [], ['AGENTS_ONLINE'])
      )[0].values[0] as number;
    // the same agents are logged in a second before and a second after the boundary
    expect(Math.abs(online(dayStart - 1) - online(dayStart + 1))).toBeLessThanOrEqual(1);
  });
});

describe('epoch cache', () => {
  it('keeps the simulated days within its memory budget, dropping the least recently used', () => {
    const { world, now } = testModel();
    const model = new ContactCenterModel(world, { cacheMegabytes: 3 });
    const inst = world.instances[0];
    for (let d = 0; d < 6; d++) {
      model.epochAt(inst, now - d * 86400);
    }
    expect(model.cacheBytes()).toBeLessThanOrEqual(3 * 1024 * 1024);
    expect(model.cachedEpochs()).toBeGreaterThanOrEqual(2);
    const before = model.simulatedEpochs;
    model.epochAt(inst, now - 5 * 86400); // the most recently used day is still there
    expect(model.simulatedEpochs).toBe(before);
    model.epochAt(inst, now); // the least recently used was dropped and is simulated again
    expect(model.simulatedEpochs).toBe(before + 1);
  });
});
