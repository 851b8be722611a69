import type { AwsContext } from '../../aws/context';
import type { DataFrameJSON } from '../../frames';
import { TtlCache } from '../../upstream/cache';
import { AnswerMemo, answerKey } from './answerMemo';

const aws = { credentialsKey: 'keys-1', defaultRegion: 'us-east-1' } as AwsContext;
const query = { refId: 'A', queryType: 'realtime', instanceId: 'i-1', metrics: ['CONTACTS_IN_QUEUE'] };

function framesAt(snapshotMs: number, nowMs: number): DataFrameJSON[] {
  return [
    {
      schema: {
        refId: 'A',
        meta: { custom: { snapshotTime: snapshotMs, dataAgeMs: nowMs - snapshotMs, upstreamCalls: 1 } },
        fields: [{ name: 'CONTACTS_IN_QUEUE', type: 'number' }],
      },
      data: { values: [[3]] },
    },
  ];
}

describe('the real-time answer memo', () => {
  let now: number;
  let realtime: TtlCache;
  let memo: AnswerMemo;
  const answer = { metrics: ['CONTACTS_IN_QUEUE'], result: { rows: [] } };
  const key = answerKey(aws, query);

  beforeEach(() => {
    now = 1_000_000;
    realtime = new TtlCache('realtime', { now: () => now });
    realtime.set('shape-1', answer, { ttlMs: 10_000 });
    memo = new AnswerMemo(realtime);
  });

  it('answers a repeated query with the same frames, aged to the moment of the answer', () => {
    const frames = framesAt(now - 400, now);
    memo.keep(key, 10_000, frames, [{ unionKey: 'shape-1', value: answer }]);
    const later = memo.lookup(key, now + 3000);
    expect(later).toHaveLength(1);
    expect(later![0].data).toBe(frames[0].data);
    expect(later![0].schema.meta?.custom).toEqual({ snapshotTime: now - 400, dataAgeMs: 3400, upstreamCalls: 1 });
    // the memoised frames themselves are not changed by an answer
    expect(frames[0].schema.meta?.custom?.dataAgeMs).toBe(400);
    // a hit stands for the cached call it skipped
    expect(realtime.stats().hits).toBe(1);
  });

  it('is keyed by credentials, default region and the query as sent', () => {
    memo.keep(key, 10_000, framesAt(now, now), [{ unionKey: 'shape-1', value: answer }]);
    expect(memo.lookup(answerKey({ ...aws, credentialsKey: 'keys-2' }, query))).toBeUndefined();
    expect(memo.lookup(answerKey({ ...aws, defaultRegion: 'eu-west-2' }, query))).toBeUndefined();
    expect(memo.lookup(answerKey(aws, { ...query, refId: 'B' }))).toBeUndefined();
    expect(memo.lookup(key)).toBeDefined();
  });

  it('stops answering when a source expires or is replaced by a newer call of its shape', () => {
    memo.keep(key, 60_000, framesAt(now, now), [{ unionKey: 'shape-1', value: answer }]);
    now += 10_000; // the cached call's lifetime is over: the query must go to the union calls (and its stale fallback)
    expect(memo.lookup(key, now)).toBeUndefined();

    realtime.set('shape-1', answer, { ttlMs: 10_000 });
    memo.keep(key, 60_000, framesAt(now, now), [{ unionKey: 'shape-1', value: answer }]);
    realtime.set('shape-1', { ...answer }, { ttlMs: 10_000 }); // a wider merged call landed with newer data
    expect(memo.lookup(key, now)).toBeUndefined();
  });

  it('keeps nothing built from an answer that is not the fresh cache entry, nor in passthrough', () => {
    memo.keep(key, 10_000, framesAt(now, now), [{ unionKey: 'shape-1', value: { ...answer } }]);
    expect(memo.lookup(key)).toBeUndefined();

    const passthrough = new AnswerMemo(new TtlCache('realtime', { passthrough: true }));
    passthrough.keep(key, 10_000, framesAt(now, now), [{ unionKey: 'shape-1', value: answer }]);
    expect(passthrough.lookup(key)).toBeUndefined();
  });
});
