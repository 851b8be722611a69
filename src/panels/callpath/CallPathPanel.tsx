import React, { useMemo, useState } from 'react';
import { css } from '@emotion/css';
import { dateTimeFormat, LoadingState, type DataQueryError, type GrafanaTheme2, type PanelProps } from '@grafana/data';
import { LoadingPlaceholder, useStyles2 } from '@grafana/ui';
import { PanelMessage } from '../queuewall/PanelMessage';
import { exceptionsFirst } from '../shared/wall/exceptionsFirst';
import { failureReason } from '../shared/wall/failure';
import { SummaryCard } from '../shared/wall/SummaryCard';
import { screenRows, textFloors } from '../shared/wall/viewing';
import { bannerHeight, WallBanner } from '../shared/wall/WallBanner';
import { useConnectorNames } from './connectorNames';
import { connectorsFromFrames } from './connectorSeries';
import { ConnectorDiagram } from './ConnectorDiagram';
import { buildConnectorViews, type ConnectorView } from './diagram';
import { diagramCapacity, diagramFonts, diagramGrid, GAP, minimumDiagram } from './layout';
import { CALLPATH_METRICS, CALLS_METRICS } from './metrics';
import { migrateOptions } from './migrate';
import type { CallPathOptions } from './options';

/** "A: message" for each failed query, then the error notices of frames; each once. */
function errorTexts(errors: DataQueryError[] | undefined, notices: string[]): string[] {
  const queries = (errors ?? []).map((e) => `${e.refId ? `${e.refId}: ` : ''}${e.message ?? 'the query failed'}`);
  return [...new Set([...queries, ...notices])];
}

export function CallPathPanel({
  data,
  options,
  width,
  height,
  replaceVariables,
  timeZone,
}: PanelProps<CallPathOptions>) {
  const styles = useStyles2(getStyles);
  // Grafana migrates saved options before the first render; hand-edited JSON can still be anything.
  const opts = useMemo(() => migrateOptions(options), [options]);
  const parsed = useMemo(() => connectorsFromFrames(data.series), [data.series]);
  const names = useConnectorNames(data.request, replaceVariables);
  const fresh = useMemo(() => buildConnectorViews(parsed, opts, names), [parsed, opts, names]);
  const errors = errorTexts(data.errors, parsed.errors);
  // The last diagrams with data, and when they came: kept, greyed, when a refresh fails (React's "state from the
  // previous render" pattern, the same in React 18 and 19).
  const [known, setKnown] = useState<{ views: ConnectorView[]; at: number } | undefined>(undefined);
  if (fresh.length > 0 && known?.views !== fresh) {
    setKnown({ views: fresh, at: data.timeRange?.to?.valueOf() ?? 0 });
  }
  const failed = fresh.length === 0 && errors.length > 0 && data.state !== LoadingState.Loading;
  const views = fresh.length > 0 ? fresh : failed && known ? known.views : fresh;

  if (views.length === 0) {
    if (data.state === LoadingState.Loading) {
      return <LoadingPlaceholder text="Loading Voice Connector metrics…" />;
    }
    if (errors.length > 0) {
      // Grafana shows the error in the panel's corner too; on a wall that icon is easy to miss.
      return (
        <PanelMessage
          icon="exclamation-triangle"
          tone="error"
          title={`NO DATA — ${failureReason(data.errors ?? [])}`}
          width={width}
          height={height}
        >
          The query failed: {errors.join(' · ')}
        </PanelMessage>
      );
    }
    if (parsed.withoutConnector.length > 0) {
      return (
        <PanelMessage
          icon="exclamation-triangle"
          tone="error"
          title="The series have no VoiceConnectorId"
          width={width}
          height={height}
        >
          Query {parsed.withoutConnector.join(', ')} with the dimension VoiceConnectorId (e.g. * for every connector):
          the panel draws one diagram per connector.
        </PanelMessage>
      );
    }
    return (
      <PanelMessage icon="info-circle" title="No Voice Connector data" width={width} height={height}>
        <p>
          The call path needs one CloudWatch query per metric: namespace AWS/ChimeVoiceConnector, dimension
          VoiceConnectorId = * (or a variable), label {'${METRIC}'}. Metrics: {CALLPATH_METRICS.join(', ')}(
          {CALLS_METRICS.inbound} and {CALLS_METRICS.outbound} with statistic Average: packet loss is estimated from the
          RTP packets and the calls in progress).
        </p>
        {parsed.unrecognized.length > 0 && (
          <p data-testid="callpath-unrecognized">
            Series in the answer that are none of them: {parsed.unrecognized.slice(0, 8).join(', ')}
            {parsed.unrecognized.length > 8 ? ` and ${parsed.unrecognized.length - 8} more` : ''}.
          </p>
        )}
      </PanelMessage>
    );
  }

  const floors = textFloors(opts.viewing, screenRows());
  const min = minimumDiagram(floors, opts.fontScale);
  // Some queries failed while others answered (their values show "–"), or none answered and the diagrams are the
  // last known ones: a banner says so, at least as large as the connectors' names.
  const banner =
    errors.length > 0
      ? {
          testId: failed ? 'callpath-failed' : 'callpath-errors',
          headline: failed
            ? `NO DATA${known ? ` since ${dateTimeFormat(known.at, { timeZone, format: 'HH:mm' })}` : ''} — ${failureReason(data.errors ?? [])}`
            : `PARTIAL — ${failureReason(data.errors ?? [])}`,
          details: [errors.join(' · ')],
        }
      : undefined;
  const free = diagramGrid(
    width,
    height,
    Math.min(views.length, Math.max(1, diagramCapacity(width, height, min))),
    Math.max(min.width, opts.diagramMinWidth),
    min.height
  );
  const bannerSize = Math.min(
    Math.max(floors.primary, diagramFonts(free.cellWidth, free.cellHeight, opts.fontScale, floors).title),
    Math.max(floors.primary, Math.floor(height / 8))
  );
  const detailSize = Math.max(floors.secondary, Math.round(bannerSize * 0.55));
  const gridHeight = Math.max(0, height - (banner ? bannerHeight(bannerSize, detailSize, 1) + GAP : 0));
  const capacity = Math.max(1, diagramCapacity(width, gridHeight, min));
  const selection = exceptionsFirst(views, capacity, (v) => v.severity);
  const count = selection.shown.length + (selection.hidden ? 1 : 0);
  const grid = diagramGrid(width, gridHeight, count, Math.max(min.width, opts.diagramMinWidth), min.height);
  const fonts = diagramFonts(grid.cellWidth, grid.cellHeight, opts.fontScale, floors);

  return (
    <div className={styles.root} style={{ width, height, gap: GAP }} data-testid="callpath-root">
      {banner && (
        <WallBanner
          tone="error"
          icon="exclamation-triangle"
          headline={banner.headline}
          details={banner.details}
          size={bannerSize}
          detailSize={detailSize}
          testId={banner.testId}
        />
      )}
      <div
        className={styles.grid}
        data-testid="callpath-grid"
        data-capacity={capacity}
        style={{
          height: gridHeight,
          gridTemplateColumns: `repeat(${grid.columns}, ${grid.cellWidth}px)`,
          gridAutoRows: `${grid.cellHeight}px`,
          overflowY: grid.scroll ? 'auto' : 'hidden',
        }}
      >
        {selection.shown.map((view) => (
          <ConnectorDiagram
            key={view.key}
            view={view}
            width={grid.cellWidth}
            height={grid.cellHeight}
            fonts={fonts}
            options={opts}
            stale={failed}
          />
        ))}
        {selection.hidden && (
          <SummaryCard
            hidden={selection.hidden}
            noun="connectors"
            width={grid.cellWidth}
            height={grid.cellHeight}
            heroSize={Math.round(fonts.title * 1.6)}
            titleSize={fonts.title}
            labelSize={fonts.label}
            padding={fonts.padding}
            testId="callpath-summary"
          />
        )}
      </div>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  root: css({
    display: 'flex',
    flexDirection: 'column',
    overflow: 'hidden',
  }),
  grid: css({
    display: 'grid',
    gap: GAP,
    alignContent: 'start',
    flexShrink: 0,
  }),
});
