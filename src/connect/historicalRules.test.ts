import {
  autoInterval,
  calendarDaysBackMs,
  zoneOffsetMs,
  rangePieces,
  retentionStartMs,
  validateHistoricalRequest,
  type HistoricalRequestShape,
} from './historicalRules';

/**
 * GetMetricDataV2's rules as Switchboard reads them (fact: gmdv2-request-rules, gmdv2-metric-groupings). Expected
 * values are literals from the API reference, not computed with the module.
 */

const NOW = Date.parse('2026-11-18T17:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ok: HistoricalRequestShape = {
  filters: { queues: ['q1', 'q2'], channels: ['VOICE'] },
  groupings: ['QUEUE'],
  metrics: [{ name: 'SERVICE_LEVEL', threshold: { comparison: 'LT', seconds: 20 } }, { name: 'ABANDONMENT_RATE' }],
  interval: 'FIFTEEN_MIN',
};
const today = { fromMs: NOW - 17 * HOUR, toMs: NOW, nowMs: NOW };
const rules = (req: HistoricalRequestShape, range = today, splits = false) =>
  validateHistoricalRequest(req, range, { splits }).map((v) => `${v.field} ${v.rule}`);

describe('validateHistoricalRequest', () => {
  it('accepts a service-level query of today', () => {
    expect(validateHistoricalRequest(ok, today)).toEqual([]);
  });

  it('needs a metric and a resource filter; channels alone are not one', () => {
    expect(rules({ filters: { channels: ['VOICE'] }, metrics: [] })).toEqual([
      'metrics metrics.required',
      'filters filters.required',
    ]);
    for (const filters of [
      { routingProfiles: ['rp'] },
      { agents: ['a'] },
      { agentHierarchy: { level: 'TWO', groups: ['g'] } },
    ]) {
      expect(rules({ ...ok, filters, groupings: [], metrics: [{ name: 'CONTACTS_HANDLED' }] })).toEqual([]);
    }
  });

  it('SERVICE_LEVEL takes one threshold: LT or LTE, whole seconds from 1 to 604800', () => {
    const sl = (threshold?: { comparison?: string; seconds?: number }) =>
      rules({ ...ok, metrics: [{ name: 'SERVICE_LEVEL', threshold }] });
    expect(sl(undefined)).toEqual(['metrics.threshold metrics.threshold.required']);
    expect(sl({ comparison: 'LTE', seconds: 604800 })).toEqual([]);
    expect(sl({ comparison: 'LT', seconds: 1 })).toEqual([]);
    expect(sl({ comparison: 'GT', seconds: 20 })).toEqual(['metrics.threshold metrics.threshold.comparison']);
    for (const seconds of [0, 604801, 20.5]) {
      expect(sl({ comparison: 'LT', seconds })).toEqual(['metrics.threshold metrics.threshold.seconds']);
    }
    expect(
      rules({ ...ok, metrics: [{ name: 'CONTACTS_HANDLED', threshold: { comparison: 'LT', seconds: 20 } }] })
    ).toEqual(['metrics.threshold metrics.threshold.not-allowed']);
    const many = Array.from({ length: 21 }, (_, i) => ({
      name: 'SERVICE_LEVEL',
      threshold: { comparison: 'LT', seconds: i + 1 },
    }));
    expect(rules({ ...ok, metrics: many })).toEqual(['metrics metrics.service-level-max']);
  });

  it('refuses agent groupings and filters where the metric has none (service level, answer time, contacts created)', () => {
    for (const name of ['SERVICE_LEVEL', 'AVG_QUEUE_ANSWER_TIME', 'CONTACTS_CREATED']) {
      const metric = name === 'SERVICE_LEVEL' ? { name, threshold: { comparison: 'LT', seconds: 20 } } : { name };
      expect(rules({ ...ok, groupings: ['QUEUE', 'AGENT'], metrics: [metric] })).toEqual([
        'groupings metrics.dimension',
      ]);
      expect(rules({ ...ok, filters: { agents: ['a1'] }, groupings: [], metrics: [metric] })).toEqual([
        'filters metrics.dimension',
      ]);
      expect(
        rules({ ...ok, filters: { agentHierarchy: { level: 'ONE', groups: ['g'] } }, groupings: [], metrics: [metric] })
      ).toEqual(['filters metrics.dimension']);
    }
    // handle time and abandonment can be read per agent
    expect(
      rules({ ...ok, groupings: ['AGENT'], metrics: [{ name: 'AVG_HANDLE_TIME' }, { name: 'ABANDONMENT_RATE' }] })
    ).toEqual([]);
  });

  it('at most 4 groupings, 5 filter keys, 100 values per key and 100 across keys, channels not counted', () => {
    const metrics = [{ name: 'CONTACTS_HANDLED' }];
    const ids = (n: number, p: string) => Array.from({ length: n }, (_, i) => `${p}${i}`);
    expect(
      rules({
        ...ok,
        metrics,
        groupings: ['QUEUE', 'CHANNEL', 'ROUTING_PROFILE', 'AGENT', 'AGENT_HIERARCHY_LEVEL_ONE'],
      })
    ).toEqual(['groupings groupings.max']);
    expect(rules({ ...ok, metrics, filters: { queues: ids(101, 'q') } })).toEqual([
      'filters.queues filters.queues.max',
    ]);
    // 50 queues, 35 agents and 15 routing profiles with 4 channels: AWS's own example of the most allowed
    const full = {
      queues: ids(50, 'q'),
      agents: ids(35, 'a'),
      routingProfiles: ids(15, 'r'),
      channels: ['VOICE', 'CHAT', 'TASK', 'EMAIL'],
    };
    expect(rules({ ...ok, metrics, filters: full })).toEqual([]);
    expect(rules({ ...ok, metrics, filters: { ...full, agents: ids(36, 'a') } })).toEqual([
      'filters filters.values-max',
    ]);
    expect(
      rules({
        ...ok,
        metrics,
        filters: { ...full, agentHierarchy: { level: 'ONE', groups: ['g'] }, queues: ids(49, 'q') },
      })
    ).toEqual([]);
    expect(rules({ ...ok, metrics, filters: { queues: ['q'], channels: ['FAX'] } })).toEqual([
      'filters.channels filters.channels.unknown',
    ]);
  });

  // fact: gmdv2-combining
  it('the proxy splits more than 100 values when grouped by them, or queues when every metric combines', () => {
    const queues = Array.from({ length: 160 }, (_, i) => `q${i}`);
    expect(rules({ ...ok, filters: { queues }, groupings: ['QUEUE'] }, today, true)).toEqual([]);
    // service level and abandonment rate: weighted by contacts queued
    expect(rules({ ...ok, filters: { queues }, groupings: ['CHANNEL'] }, today, true)).toEqual([]);
    const averages = {
      ...ok,
      metrics: [...(ok.metrics ?? []), { name: 'AVG_HANDLE_TIME' }, { name: 'AVG_QUEUE_ANSWER_TIME' }],
    };
    expect(
      validateHistoricalRequest({ ...averages, filters: { queues }, groupings: ['CHANNEL'] }, today, { splits: true })
    ).toEqual([
      expect.objectContaining({
        field: 'filters.queues',
        text: 'at most 100 values per filter (got 160); group by QUEUE to query more (AVG_HANDLE_TIME, AVG_QUEUE_ANSWER_TIME cannot be combined from separate calls)',
      }),
    ]);
    // the queue grouping the calls add must fit beside four of the query's own
    const four = {
      ...ok,
      metrics: [{ name: 'CONTACTS_HANDLED' }],
      groupings: ['CHANNEL', 'ROUTING_PROFILE', 'AGENT', 'AGENT_HIERARCHY_LEVEL_ONE'],
    };
    expect(rules({ ...four, filters: { queues } }, today, true)).toContain('filters.queues filters.queues.max');
    // routing profiles: no combining, grouped or refused
    const profiles = Array.from({ length: 101 }, (_, i) => `rp${i}`);
    expect(rules({ ...ok, filters: { routingProfiles: profiles }, groupings: ['CHANNEL'] }, today, true)).toEqual([
      'filters.routingProfiles filters.routingProfiles.max',
    ]);
  });

  it('ranges: shorter than 3 days for 15, 30 and 60 minutes and than 35 days for day, week and total; 3 months back; not ahead', () => {
    const at = (days: number, interval: string) =>
      rules({ ...ok, interval }, { fromMs: NOW - days * DAY, toMs: NOW, nowMs: NOW });
    for (const interval of ['FIFTEEN_MIN', 'THIRTY_MIN', 'HOUR']) {
      expect(at(2.99, interval)).toEqual([]);
      expect(at(3, interval)).toEqual(['range range.max']);
    }
    for (const interval of ['DAY', 'WEEK', 'TOTAL']) {
      expect(at(34.9, interval)).toEqual([]);
      expect(at(35, interval)).toEqual(['range range.max']);
    }
    // the proxy splits long ranges, except TOTAL (a total of pieces is not the total of rates and averages)
    expect(rules({ ...ok, interval: 'FIFTEEN_MIN' }, { fromMs: NOW - 7 * DAY, toMs: NOW, nowMs: NOW }, true)).toEqual(
      []
    );
    expect(rules({ ...ok, interval: 'TOTAL' }, { fromMs: NOW - 40 * DAY, toMs: NOW, nowMs: NOW }, true)).toEqual([
      'range range.max',
    ]);
    // three calendar months before 2026-11-18T17:00Z is 2026-08-18T17:00Z
    expect(retentionStartMs(NOW)).toBe(Date.parse('2026-08-18T17:00:00Z'));
    const old = { fromMs: Date.parse('2026-08-18T16:00:00Z'), toMs: Date.parse('2026-08-19T16:00:00Z'), nowMs: NOW };
    expect(rules({ ...ok, interval: 'DAY' }, old)).toEqual(['range range.retention']);
    expect(rules(ok, { fromMs: NOW - HOUR, toMs: NOW + 60_000, nowMs: NOW })).toEqual(['range range.future']);
    expect(rules(ok, { fromMs: NOW, toMs: NOW, nowMs: NOW })).toEqual(['range range.order']);
  });

  it('knows the intervals and time zones', () => {
    expect(rules({ ...ok, interval: 'MINUTE' })).toEqual(['interval interval.unknown']);
    expect(rules({ ...ok, interval: 'auto', timeZone: 'Europe/Berlin' })).toEqual([]);
    expect(rules({ ...ok, timeZone: 'Mars/Olympus' })).toEqual(['timeZone timeZone.unknown']);
  });

  it('says each rule in words that name the limit', () => {
    const [v] = validateHistoricalRequest(
      { ...ok, interval: 'HOUR' },
      { fromMs: NOW - 4 * DAY, toMs: NOW, nowMs: NOW }
    );
    expect(v).toEqual({
      field: 'range',
      rule: 'range.max',
      text: 'with HOUR the range must be shorter than 3 days (got 4)',
      awsError: 'InvalidParameterException',
    });
  });
});

describe('autoInterval and rangePieces', () => {
  it('picks the finest interval within the width and the range limit', () => {
    expect(autoInterval(17 * HOUR, 1000)).toBe('FIFTEEN_MIN');
    expect(autoInterval(17 * HOUR, 40)).toBe('THIRTY_MIN');
    expect(autoInterval(2.5 * DAY, 100)).toBe('HOUR');
    expect(autoInterval(3 * DAY, 1000)).toBe('DAY');
    expect(autoInterval(30 * DAY, 1000)).toBe('DAY');
    expect(autoInterval(400 * DAY, 100)).toBe('WEEK');
  });

  it('cuts 7 days at 15 minutes into pieces shorter than 3 days, at bucket boundaries, covering the range once', () => {
    const from = Date.parse('2026-11-11T17:00:00Z');
    const pieces = rangePieces(from, from + 7 * DAY, 'FIFTEEN_MIN');
    expect(pieces.map((p) => [new Date(p.fromMs).toISOString(), new Date(p.toMs).toISOString()])).toEqual([
      ['2026-11-11T17:00:00.000Z', '2026-11-14T16:45:00.000Z'],
      ['2026-11-14T16:45:00.000Z', '2026-11-17T16:30:00.000Z'],
      ['2026-11-17T16:30:00.000Z', '2026-11-18T17:00:00.000Z'],
    ]);
  });
});

describe('calendarDaysBackMs', () => {
  // Literal instants: Europe/Paris moved from UTC+2 to UTC+1 on 2026-10-25 at 03:00 local.
  it('is 7 × 24 h when no clock change lies between', () => {
    expect(calendarDaysBackMs(Date.parse('2026-11-18T08:00:00Z'), 7, 'Europe/Paris')).toBe(7 * DAY);
    expect(calendarDaysBackMs(Date.parse('2026-11-18T08:00:00Z'), 7)).toBe(7 * DAY);
  });

  it('keeps the wall clock across a daylight saving change (09:00 compares with 09:00)', () => {
    // 2026-10-28 09:00 Paris is 08:00Z; the same weekday a week before, 2026-10-21 09:00 Paris, is 07:00Z.
    const at = Date.parse('2026-10-28T08:00:00Z');
    expect(at - calendarDaysBackMs(at, 7, 'Europe/Paris')).toBe(Date.parse('2026-10-21T07:00:00Z'));
    // New York left daylight time on 2026-11-01: 2026-11-04 09:00 EST is 14:00Z, 2026-10-28 09:00 EDT is 13:00Z.
    const ny = Date.parse('2026-11-04T14:00:00Z');
    expect(ny - calendarDaysBackMs(ny, 7, 'America/New_York')).toBe(Date.parse('2026-10-28T13:00:00Z'));
  });

  it('reads zone offsets at an instant', () => {
    expect(zoneOffsetMs('Europe/Paris', Date.parse('2026-07-01T12:00:00Z'))).toBe(2 * HOUR);
    expect(zoneOffsetMs('Asia/Kolkata', Date.parse('2026-07-01T12:00:00Z'))).toBe(5.5 * HOUR);
    expect(zoneOffsetMs('UTC', NOW)).toBe(0);
  });
});
