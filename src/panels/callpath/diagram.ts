import type { ParsedFrames, ConnectorSeries, Point } from './connectorSeries';
import { CALLPATH_METRICS, LEGS, legMetrics, SIDE_METRICS, SIDES, type LegDef, type LegId, type Side } from './metrics';
import type { CallPathOptions, SortBy } from './options';
import { qualitySeverity, worstSeverity, type Quality, type Severity } from './quality';
import { lossPercent, reducePoints } from './reduce';

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
const NO_PACKETS = 'No data: no RTP packets in the time range (no calls)';

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

function loss(c: ConnectorSeries, leg: LegId, options: CallPathOptions): QualityValue {
  const m = legMetrics(leg);
  const lost: Point[] | undefined = c.metrics[m.packetsLost];
  const packets: Point[] | undefined = c.metrics[m.rtpPackets];
  if (!lost || !packets) {
    const absent = [!lost ? m.packetsLost : undefined, !packets ? m.rtpPackets : undefined].filter(
      (x): x is string => x !== undefined
    );
    return judged('lossPercent', null, options, noQuery(absent));
  }
  const value = lossPercent(lost, packets, options.reducer);
  const why =
    lost.length === 0 || packets.length === 0
      ? NO_POINTS
      : packets.every((p) => p.value <= 0)
        ? NO_PACKETS
        : `No data: ${m.packetsLost} and ${m.rtpPackets} have no period in common`;
  return judged('lossPercent', value, options, why);
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
