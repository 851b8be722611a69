import type { QueryAnswer } from './viewerLoad';

/**
 * What a viewer got for one query during a fault storm, by the contract of docs/api.md and docs/proxy.md: fresh
 * data, the last answer marked stale (meta.custom.stale and a notice that says how old it is), or a per-query error
 * that names the upstream problem. Anything else (an error that does not say what went wrong upstream, a stale
 * answer without its notice) is "unexplained" and fails the storm. Shared by the reliability benchmark and
 * test/integration/proxy-storms.test.ts.
 */

export type AnswerKind = 'fresh' | 'stale' | 'error';

/** The upstream problems the proxy's per-query messages name (proxy/aws/errors.ts), and "unexplained". */
export type Problem =
  'throttled' | 'rate-limited' | 'internal error' | 'invalid response' | 'unreachable' | 'slow' | 'unexplained';

export interface Classified {
  kind: AnswerKind;
  /** For errors (the problem the message names) and stale answers (why the refresh failed, when it says). */
  problem?: Problem;
  /** The oldest data of the answer, ms (real-time frames always carry it; stale CloudWatch frames too). */
  dataAgeMs?: number;
  /** The error message or the stale notice. */
  text?: string;
}

const PROBLEMS: Array<[Problem, RegExp]> = [
  // "Amazon Connect throttled GetCurrentMetricData in us-east-1 (quota: ...) after retries."
  ['throttled', /\bthrottled \w+ in [a-z0-9-]+/],
  // "GetCurrentMetricData is rate-limited by the proxy to 5 requests per second ..."
  ['rate-limited', /\bis rate-limited by the proxy\b/],
  // "Amazon CloudWatch failed GetMetricData in us-east-1 with an internal error (InternalServiceFault) ..."
  ['internal error', /\bfailed \w+ in [a-z0-9-]+ with an internal error\b/],
  // "Amazon Connect answered GetCurrentMetricData with a response that is not valid; try again."
  ['invalid response', /\banswered \w+ with a response that is not valid\b/],
  // "Could not reach Amazon Connect in us-east-1 for ..."
  ['unreachable', /\bCould not reach\b/],
  // a stale answer's notice when the refresh took longer than STALE_IF_SLOW_MS (it goes on and fills the cache)
  ['slow', /\bAWS is answering slowly\b/],
];

export function problemOf(text: string): Problem {
  return PROBLEMS.find(([, re]) => re.test(text))?.[0] ?? 'unexplained';
}

const STALE_NOTICE = /^Showing the last data Switchboard has, from \d+ (s|min) ago: /;

export function classifyAnswer(answer: QueryAnswer): Classified {
  if (answer.status !== 200) {
    const text = answer.error ?? '';
    return { kind: 'error', problem: problemOf(text), text };
  }
  let dataAgeMs: number | undefined;
  let stale = false;
  let notice: string | undefined;
  for (const frame of answer.frames ?? []) {
    const meta = frame.schema?.meta;
    const age = meta?.custom?.dataAgeMs;
    if (typeof age === 'number') {
      dataAgeMs = Math.max(dataAgeMs ?? 0, age);
    }
    if (meta?.custom?.stale) {
      stale = true;
      notice ??= meta.notices?.find((n) => STALE_NOTICE.test(n.text ?? ''))?.text;
    }
  }
  if (!stale) {
    return { kind: 'fresh', dataAgeMs };
  }
  // A stale answer must say so on the panel; without its notice a viewer would take old numbers for live ones.
  return { kind: 'stale', dataAgeMs, text: notice, problem: notice ? problemOf(notice) : 'unexplained' };
}

/** An error or notice with its numbers blurred, so that samples group by kind ("from 12 s ago" -> "from N s ago"). */
export function sampleText(text: string): string {
  return text.replace(/\d+(\.\d+)?/g, 'N').slice(0, 240);
}
