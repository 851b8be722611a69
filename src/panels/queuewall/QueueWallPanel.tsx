import React, { useMemo } from 'react';
import { css, cx } from '@emotion/css';
import { dateTimeFormat, LoadingState, type DataQueryError, type GrafanaTheme2, type PanelProps } from '@grafana/data';
import { LoadingPlaceholder, useStyles2 } from '@grafana/ui';
import { GAP, gridLayout, tileFonts } from './layout';
import { migrateOptions } from './migrate';
import type { QueueWallOptions } from './options';
import { PanelMessage } from './PanelMessage';
import { QueueTile } from './QueueTile';
import { queueRowsFromFrames } from './queueRows';
import { hasContacts, isStale, OLDEST_FIELD } from './ticking';
import { buildTiles } from './tiles';
import { useNow } from './useNow';

const BANNER_HEIGHT = 28;

export function QueueWallPanel({ data, options, width, height, timeZone }: PanelProps<QueueWallOptions>) {
  const styles = useStyles2(getStyles);
  // Grafana migrates saved options before the first render; hand-edited JSON can still be anything.
  const opts = useMemo(() => migrateOptions(options), [options]);
  const rows = useMemo(() => queueRowsFromFrames(data.series), [data.series]);
  const counting =
    opts.showTicking &&
    rows.rows.some((r) => hasContacts(r) && typeof r.values[OLDEST_FIELD] === 'number' && r.snapshots[OLDEST_FIELD]);
  // Once a second while an age counts; otherwise twice a minute, enough to notice that the data went stale.
  const now = useNow(counting ? 1000 : 30_000, rows.snapshotTime ?? 0);
  // Grafana ≥ 10 fills `errors` (one per failed query); the deprecated `error` is only its first.
  const errors = data.errors ?? [];

  if (rows.rows.length === 0) {
    if (data.state === LoadingState.Loading) {
      return <LoadingPlaceholder text="Loading queues…" />;
    }
    if (errors.length > 0) {
      // Grafana shows the error on the panel too; on a wall its corner icon is easy to miss.
      return (
        <PanelMessage icon="exclamation-triangle" tone="error" title="The query failed">
          {errors.map((e, i) => (
            <div key={i}>{queryErrorText(e, errors.length)}</div>
          ))}
        </PanelMessage>
      );
    }
    if (rows.framesWithoutQueue > 0) {
      return (
        <PanelMessage icon="exclamation-triangle" tone="error" title="The answer has no Queue column">
          Group the real-time query by QUEUE and use the Table format.
        </PanelMessage>
      );
    }
    return (
      <PanelMessage icon="info-circle" title="No queues in the answer: check the query groups by QUEUE">
        The wallboard needs a real-time query grouped by QUEUE (format: Table) with the metrics of its rules.
      </PanelMessage>
    );
  }

  const tiles = buildTiles(rows, opts, now);
  if (tiles.length === 0) {
    return <PanelMessage icon="minus-circle" title="Every queue is quiet: no contacts and no agents" />;
  }
  // Tiles from one query while another failed: the tiles stay, with a line that says what is missing.
  const banners: Array<{ key: string; tone: 'warning' | 'error'; text: string }> = errors.map((e, i) => ({
    key: `error-${i}`,
    tone: 'error',
    text: queryErrorText(e, 2),
  }));
  if (isStale(rows.snapshotTime, now) && rows.snapshotTime !== undefined) {
    banners.push({
      key: 'stale',
      tone: 'warning',
      text:
        `Data from ${dateTimeFormat(rows.snapshotTime, { timeZone, format: 'YYYY-MM-DD HH:mm:ss' })}: ` +
        'the dashboard is not getting new snapshots, ages are not counting.',
    });
  }
  const gridHeight = Math.max(0, height - banners.length * BANNER_HEIGHT);
  const grid = gridLayout(width, gridHeight, tiles.length, opts.tileMinWidth);
  const fonts = tileFonts(grid.tileWidth, grid.tileHeight, opts.tiles.metrics.length, opts.fontScale);

  return (
    <div className={styles.root} style={{ width, height }}>
      {banners.map((b) => (
        <div
          key={b.key}
          className={cx(styles.banner, b.tone === 'error' ? styles.errorText : styles.warningText)}
          style={{ height: BANNER_HEIGHT }}
          data-testid={b.key === 'stale' ? 'queuewall-stale' : 'queuewall-query-error'}
          title={b.text}
        >
          {b.text}
        </div>
      ))}
      <div
        className={styles.grid}
        data-testid="queuewall-grid"
        style={{
          height: gridHeight,
          gridTemplateColumns: `repeat(${grid.columns}, ${grid.tileWidth}px)`,
          gridAutoRows: `${grid.tileHeight}px`,
          overflowY: grid.scroll ? 'auto' : 'hidden',
        }}
      >
        {tiles.map((tile) => (
          <QueueTile key={tile.key} tile={tile} width={grid.tileWidth} height={grid.tileHeight} fonts={fonts} />
        ))}
      </div>
    </div>
  );
}

/** A failed query in words; with several queries, which one ("Query B: ..."). */
function queryErrorText(error: DataQueryError, queryCount: number): string {
  const message = error.message || error.data?.message || 'the query failed without a message';
  return queryCount > 1 && error.refId ? `Query ${error.refId}: ${message}` : message;
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
    flexShrink: 0,
    fontSize: theme.typography.bodySmall.fontSize,
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
  }),
  warningText: css({ color: theme.colors.warning.text }),
  errorText: css({ color: theme.colors.error.text }),
});
