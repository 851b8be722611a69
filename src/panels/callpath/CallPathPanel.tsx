import React, { useMemo } from 'react';
import { css } from '@emotion/css';
import { LoadingState, type DataQueryError, type GrafanaTheme2, type PanelProps } from '@grafana/data';
import { LoadingPlaceholder, useStyles2 } from '@grafana/ui';
import { PanelMessage } from '../queuewall/PanelMessage';
import { useConnectorNames } from './connectorNames';
import { connectorsFromFrames } from './connectorSeries';
import { ConnectorDiagram } from './ConnectorDiagram';
import { buildConnectorViews } from './diagram';
import { diagramFonts, diagramGrid, GAP } from './layout';
import { CALLPATH_METRICS, CALLS_METRICS } from './metrics';
import { migrateOptions } from './migrate';
import type { CallPathOptions } from './options';

const BANNER_HEIGHT = 28;

/** "A: message" for each failed query, then the error notices of frames; each once. */
function errorTexts(errors: DataQueryError[] | undefined, notices: string[]): string[] {
  const queries = (errors ?? []).map((e) => `${e.refId ? `${e.refId}: ` : ''}${e.message ?? 'the query failed'}`);
  return [...new Set([...queries, ...notices])];
}

export function CallPathPanel({ data, options, width, height, replaceVariables }: PanelProps<CallPathOptions>) {
  const styles = useStyles2(getStyles);
  // Grafana migrates saved options before the first render; hand-edited JSON can still be anything.
  const opts = useMemo(() => migrateOptions(options), [options]);
  const parsed = useMemo(() => connectorsFromFrames(data.series), [data.series]);
  const names = useConnectorNames(data.request, replaceVariables);
  const views = useMemo(() => buildConnectorViews(parsed, opts, names), [parsed, opts, names]);
  const errors = errorTexts(data.errors, parsed.errors);

  if (views.length === 0) {
    if (data.state === LoadingState.Loading) {
      return <LoadingPlaceholder text="Loading Voice Connector metrics…" />;
    }
    if (errors.length > 0) {
      // Grafana shows the error in the panel's corner too; on a wall that icon is easy to miss.
      return (
        <PanelMessage icon="exclamation-triangle" tone="error" title="The query failed">
          {errors.join(' · ')}
        </PanelMessage>
      );
    }
    if (parsed.withoutConnector.length > 0) {
      return (
        <PanelMessage icon="exclamation-triangle" tone="error" title="The series have no VoiceConnectorId">
          Query {parsed.withoutConnector.join(', ')} with the dimension VoiceConnectorId (e.g. * for every connector):
          the panel draws one diagram per connector.
        </PanelMessage>
      );
    }
    return (
      <PanelMessage icon="info-circle" title="No Voice Connector data">
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

  const gridHeight = errors.length > 0 ? height - BANNER_HEIGHT : height;
  const grid = diagramGrid(width, gridHeight, views.length, opts.diagramMinWidth);
  const fonts = diagramFonts(grid.cellWidth, grid.cellHeight, opts.fontScale);

  return (
    <div className={styles.root} style={{ width, height }}>
      {errors.length > 0 && (
        // Some queries failed while others answered: their values show "–", and this says why.
        <div
          className={styles.banner}
          style={{ height: BANNER_HEIGHT }}
          role="alert"
          data-testid="callpath-errors"
          title={errors.join('\n')}
        >
          {errors.join(' · ')}
        </div>
      )}
      <div
        className={styles.grid}
        data-testid="callpath-grid"
        style={{
          height: gridHeight,
          gridTemplateColumns: `repeat(${grid.columns}, ${grid.cellWidth}px)`,
          gridAutoRows: `${grid.cellHeight}px`,
          overflowY: grid.scroll ? 'auto' : 'hidden',
        }}
      >
        {views.map((view) => (
          <ConnectorDiagram
            key={view.key}
            view={view}
            width={grid.cellWidth}
            height={grid.cellHeight}
            fonts={fonts}
            options={opts}
          />
        ))}
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
  }),
  banner: css({
    display: 'flex',
    alignItems: 'center',
    color: theme.colors.error.text,
    fontSize: theme.typography.bodySmall.fontSize,
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
  }),
});
