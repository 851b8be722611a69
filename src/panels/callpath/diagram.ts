import type { ParsedFrames, ConnectorSeries, Point } from './connectorSeries';
import {
  CALLPATH_METRICS,
  CALLS_METRICS,
  LEGS,
  legMetrics,
  SIDE_METRICS,
  SIDES,
  type LegDef,
  type LegId,
  type Side,
} from './metrics';
import type { CallPathOptions, SortBy } from './options';
import { qualitySeverity, worstSeverity, type Quality, type Severity } from './quality';
import { callsInProgress, lossPercent, reducePoints } from './reduce';

/** What each diagram shows: per connector, the four legs and the two sides, every value judged. */

export interface QualityValue {
  quality: Quality;
  /** In the quality's unit (ms, %, MOS); null when there is nothing to show. */
  value: number | null;
  severity: Severity;
  /** Why the value is missing, for the tooltip. */
  missing?: string;
}

export interface LegView {
  leg: LegDef;
  jitter: QualityValue;
  loss: QualityValue;
  /** The leg line's colour: the worse of its jitter and loss. */
  severity: Severity;
}

export interface SideView {
  side: Side;
  mos: QualityValue;
  rtt: QualityValue;
}

export interface ConnectorView {
  key: string;
  id: string;
  region?: string;
  /** The connector's name when known, else its id. */
  title: string;
  legs: Record<LegId, LegView>;
  sides: Record<Side, SideView>;
  /** The worst of every value: the badge. */
  severity: Severity;
  /** Metrics no query answered for this connector. */
  missingMetrics: string[];
}

const noQuery = (metrics: string[]) =>
  `No data: the panel's queries return no ${metrics.join(' / ')} series for this connector`;
const NO_POINTS = 'No data in the time range';
/** Why loss needs the calls in progress, for the tooltip of a loss that cannot be estimated. */
const NEEDS =
  'loss is estimated from the RTP packets counted and the calls in progress (InboundCallsActive + ' +
  'OutboundCallsActive, statistic Average): 3,000 packets a minute per call at 20 ms';

function judged(quality: Quality, value: number | null, options: CallPathOptions, missing?: string): QualityValue {
  return {
    quality,
    value,
    severity: qualitySeverity(quality, value, options.thresholds),
    ...(value === null && missing ? { missing } : {}),
  };
}

function reduced(
  c: ConnectorSeries,
  metric: string,
  quality: Quality,
  worse: 'high' | 'low',
  options: CallPathOptions
): QualityValue {
  const points = c.metrics[metric];
  if (!points) {
    return judged(quality, null, options, noQuery([metric]));
  }
  return judged(quality, reducePoints(points, options.reducer, worse), options, NO_POINTS);
}

/**
 * A leg's loss, estimated from its RtpPackets and the connector's calls in progress (reduce.ts lossPercent). Every
 * reason it cannot be had is said: a wall screen must never show a quiet 0 % for a loss nobody measured.
 */
function loss(c: ConnectorSeries, leg: LegId, options: CallPathOptions): QualityValue {
  const rtp = legMetrics(leg).rtpPackets;
  const packets: Point[] | undefined = c.metrics[rtp];
  const inbound: Point[] | undefined = c.metrics[CALLS_METRICS.inbound];
  const outbound: Point[] | undefined = c.metrics[CALLS_METRICS.outbound];
  if (!packets || !inbound || !outbound) {
    const absent = [
      !packets ? rtp : undefined,
      !inbound ? CALLS_METRICS.inbound : undefined,
      !outbound ? CALLS_METRICS.outbound : undefined,
    ].filter((x): x is string => x !== undefined);
    return judged('lossPercent', null, options, `${noQuery(absent)}; ${NEEDS}`);
  }
  const calls = callsInProgress(inbound, outbound);
  const period = c.periods[rtp];
  if (packets.length === 0) {
    return judged('lossPercent', null, options, NO_POINTS);
  }
  if (calls.length === 0) {
    return judged(
      'lossPercent',
      null,
      options,
      `No data: no ${CALLS_METRICS.inbound} or ${CALLS_METRICS.outbound} point in the time range; ${NEEDS}`
    );
  }
  if (period === undefined) {
    return judged('lossPercent', null, options, `No data: the period of ${rtp} is unknown (one point, and no period)`);
  }
  const value = lossPercent(packets, calls, period, options.reducer);
  return judged('lossPercent', value, options, 'No data: no call in progress in the periods with RTP packets');
}

function connectorView(c: ConnectorSeries, options: CallPathOptions, names: Map<string, string>): ConnectorView {
  const legs = Object.fromEntries(
    LEGS.map((leg): [LegId, LegView] => {
      const jitter = reduced(c, legMetrics(leg.id).jitter, 'jitterMs', 'high', options);
      const lossValue = loss(c, leg.id, options);
      return [leg.id, { leg, jitter, loss: lossValue, severity: worstSeverity([jitter.severity, lossValue.severity]) }];
    })
  ) as Record<LegId, LegView>;
  const sides = Object.fromEntries(
    SIDES.map((side): [Side, SideView] => [
      side,
      {
        side,
        mos: reduced(c, SIDE_METRICS[side].mos, 'mos', 'low', options),
        rtt: reduced(c, SIDE_METRICS[side].rtt, 'rttMs', 'high', options),
      },
    ])
  ) as Record<Side, SideView>;
  const all = [
    ...Object.values(legs).flatMap((l) => [l.jitter, l.loss]),
    ...Object.values(sides).flatMap((s) => [s.mos, s.rtt]),
  ];
  return {
    key: c.key,
    id: c.id,
    ...(c.region ? { region: c.region } : {}),
    title: names.get(c.id) ?? c.id,
    legs,
    sides,
    severity: worstSeverity(all.map((v) => v.severity)),
    missingMetrics: CALLPATH_METRICS.filter((m) => !(m in c.metrics)),
  };
}

const RANK: Record<Severity, number> = { alert: 3, warn: 2, ok: 1, nodata: 0 };

const byTitle = (a: ConnectorView, b: ConnectorView) =>
  a.title.localeCompare(b.title, undefined, { numeric: true, sensitivity: 'base' }) || a.key.localeCompare(b.key);

export function compareConnectors(sortBy: SortBy) {
  return sortBy === 'severity'
    ? (a: ConnectorView, b: ConnectorView) => RANK[b.severity] - RANK[a.severity] || byTitle(a, b)
    : byTitle;
}

export function buildConnectorViews(
  parsed: ParsedFrames,
  options: CallPathOptions,
  names: Map<string, string> = new Map()
): ConnectorView[] {
  return parsed.connectors.map((c) => connectorView(c, options, names)).sort(compareConnectors(options.sortBy));
}
