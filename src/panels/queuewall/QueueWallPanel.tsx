import React, { useEffect, useMemo, useRef, useState } from 'react';
import { css } from '@emotion/css';
import { dateTimeFormat, LoadingState, type GrafanaTheme2, type PanelProps } from '@grafana/data';
import { LoadingPlaceholder, useStyles2 } from '@grafana/ui';
import { exceptionsFirst } from '../shared/wall/exceptionsFirst';
import { fitExceptions, scaledNote } from '../shared/wall/fitExceptions';
import { failureReason, formatAge, queryErrorText } from '../shared/wall/failure';
import { SummaryCard } from '../shared/wall/SummaryCard';
import { screenRows, textFloors, type TextFloors } from '../shared/wall/viewing';
import { bannerHeight, WallBanner } from '../shared/wall/WallBanner';
import { capacityOf, GAP, minimumTile, tileFonts, wallGrid } from './layout';
import { migrateOptions } from './migrate';
import type { QueueWallOptions } from './options';
import { PanelMessage } from './PanelMessage';
import { QueueTile } from './QueueTile';
import { queueRowsFromFrames, type QueueRows } from './queueRows';
import { parseStaffedHours, withinHours } from './staffedHours';
import { createTicker } from './ticker';
import { TickerContext } from './TickingValue';
import { isStale } from './ticking';
import { buildTiles, nextChangeAt } from './tiles';

/** The panel wakes at least this often without data (staffed hours, staleness are judged on the clock). */
const MAX_SLEEP_MS = 30_000;

/**
 * Date.now() when the panel last woke: at `next` (a counting age crossing a threshold, the data going stale), at the
 * latest after MAX_SLEEP_MS. The ages' seconds tick without this (TickingValue), so the wall renders once a second
 * only in the few text nodes that change.
 */
function useWakeUps(nextAfter: ((now: number) => number | undefined) | undefined, data: unknown): number {
  const [clock, setClock] = useState(() => ({ now: Date.now(), wakes: 0 }));
  const judged = useRef<unknown>(undefined);
  useEffect(() => {
    const t = Date.now();
    // The next change after the moment the panel last judged (one may have passed since: wake at once then).
    const next = nextAfter?.(clock.now);
    // New data was judged at the last wake's time: wake at once to judge it now.
    const fresh = judged.current !== data;
    judged.current = data;
    const wait = fresh ? 0 : next === undefined ? MAX_SLEEP_MS : Math.min(MAX_SLEEP_MS, Math.max(0, next - t));
    // A new object every time: the panel renders even when the page's clock stood still (a test's fixed clock).
    const timer = setTimeout(() => setClock((c) => ({ now: Date.now(), wakes: c.wakes + 1 })), wait);
    return () => clearTimeout(timer);
  }, [nextAfter, clock, data]);
  return clock.now;
}

const hhmm = (t: number, timeZone: string) => dateTimeFormat(t, { timeZone, format: 'HH:mm' });

export function QueueWallPanel({ data, options, width, height, timeZone }: PanelProps<QueueWallOptions>) {
  const styles = useStyles2(getStyles);
  // Grafana migrates saved options before the first render; hand-edited JSON can still be anything.
  const opts = useMemo(() => migrateOptions(options), [options]);
  const fresh = useMemo(() => queueRowsFromFrames(data.series), [data.series]);
  // The last answer with queues: kept on the wall, greyed, when a refresh fails (React's "state from the previous
  // render" pattern, so it works the same in React 18 and 19).
  const [known, setKnown] = useState<QueueRows | undefined>(undefined);
  if (fresh.rows.length > 0 && known !== fresh) {
    setKnown(fresh);
  }
  const errors = data.errors ?? [];
  const failed = errors.length > 0 && fresh.rows.length === 0 && data.state !== LoadingState.Loading;
  const rows = fresh.rows.length > 0 ? fresh : failed ? known : undefined;

  const now = useWakeUps(rows ? (t: number) => nextChangeAt(rows, opts, t) : undefined, rows);
  const ticker = useMemo(() => createTicker(rows?.snapshotTime ?? 0), [rows?.snapshotTime]);

  // The viewing distance's sizes; the tiles may go below them (never below 16 px) to show every exception.
  const distanceFloors = textFloors(opts.viewing, screenRows());
  const hours = parseStaffedHours(opts.staffedHours);
  const staffed = hours !== undefined && withinHours(hours, minuteOfDay(now, timeZone));

  if (!rows || rows.rows.length === 0) {
    if (data.state === LoadingState.Loading) {
      return <LoadingPlaceholder text="Loading queues…" />;
    }
    if (errors.length > 0) {
      // Grafana shows the error on the panel too; on a wall its corner icon is easy to miss.
      return (
        <PanelMessage
          icon="exclamation-triangle"
          tone="error"
          title={`NO DATA — ${failureReason(errors)}`}
          width={width}
          height={height}
        >
          <div>The query failed</div>
          {errors.map((e, i) => (
            <div key={i}>{queryErrorText(e, errors.length)}</div>
          ))}
        </PanelMessage>
      );
    }
    if (fresh.framesWithoutQueue > 0) {
      return (
        <PanelMessage
          icon="exclamation-triangle"
          tone="error"
          title="The answer has no Queue column"
          width={width}
          height={height}
        >
          Group the real-time query by QUEUE and use the Table format.
        </PanelMessage>
      );
    }
    return (
      <PanelMessage
        icon="info-circle"
        title="No queues in the answer: check the query groups by QUEUE"
        width={width}
        height={height}
      >
        The wallboard needs a real-time query grouped by QUEUE (format: Table) with the metrics of its rules.
      </PanelMessage>
    );
  }

  const tiles = buildTiles(rows, opts, now, { staffed });
  if (tiles.length === 0) {
    return (
      <PanelMessage
        icon="minus-circle"
        title="Every queue is quiet: no contacts and no agents"
        width={width}
        height={height}
      />
    );
  }
  const stale = failed || isStale(rows.snapshotTime, now);

  // What the wall must say from the door: no news (a failed refresh), old news, or a query missing.
  const banners: Array<{ key: string; tone: 'error' | 'warning'; headline: string; details: string[] }> = [];
  if (failed) {
    const since = rows.snapshotTime !== undefined ? ` since ${hhmm(rows.snapshotTime, timeZone)}` : '';
    banners.push({
      key: 'queuewall-failed',
      tone: 'error',
      headline: `NO DATA${since} — ${failureReason(errors)}`,
      details: [errors.map((e) => queryErrorText(e, errors.length)).join(' · ')],
    });
  } else if (stale && rows.snapshotTime !== undefined) {
    banners.push({
      key: 'queuewall-stale',
      tone: 'warning',
      headline: `STALE ${formatAge(now - rows.snapshotTime)} — last snapshot ${hhmm(rows.snapshotTime, timeZone)}`,
      details: ['The dashboard is not getting new snapshots: values are as they were, ages frozen.'],
    });
  }
  if (!failed && errors.length > 0) {
    // Tiles from one query while another failed: the tiles stay, with a line that says what is missing.
    banners.push({
      key: 'queuewall-query-error',
      tone: 'error',
      headline: `PARTIAL — ${failureReason(errors)}`,
      details: errors.map((e) => queryErrorText(e, 2)),
    });
  }

  const metricCount = opts.tiles.metrics.length;
  const distanceMin = minimumTile(metricCount, distanceFloors, opts.fontScale);
  // The banners are at least as large as the tiles' names would be without them, at the distance's sizes (the
  // tiles' text may be set smaller below: a banner stays as loud as the distance asks).
  const free = wallGrid(
    width,
    height,
    Math.min(tiles.length, Math.max(1, capacityOf(width, height, distanceMin))),
    metricCount,
    distanceMin,
    opts.tileMinWidth
  );
  const bannerSize = Math.min(
    Math.max(
      distanceFloors.primary,
      tileFonts(free.tileWidth, free.tileHeight, metricCount, opts.fontScale, distanceFloors).title
    ),
    Math.max(distanceFloors.primary, Math.floor(height / 8))
  );
  const detailSize = Math.max(distanceFloors.secondary, Math.round(bannerSize * 0.55));
  const bannersHeight = banners.reduce((h, b) => h + bannerHeight(bannerSize, detailSize, b.details.length) + GAP, 0);
  const gridHeight = Math.max(0, height - bannersHeight);

  // Every alert and warning on the wall: the text steps down from the distance's size (not below 16 px) until they
  // fit beside the summary.
  const capacityAt = (f: TextFloors) =>
    Math.max(1, capacityOf(width, gridHeight, minimumTile(metricCount, f, opts.fontScale)));
  const exceptionCount = tiles.filter((t) => t.status === 'alert' || t.status === 'warn').length;
  const fit = fitExceptions(distanceFloors, tiles.length, exceptionCount, capacityAt);
  const floors = fit.floors;
  const min = minimumTile(metricCount, floors, opts.fontScale);
  const capacity = capacityAt(floors);
  const selection = exceptionsFirst(
    tiles,
    capacity,
    (t) => t.status,
    (t) => t.name
  );
  const count = selection.shown.length + (selection.hidden ? 1 : 0);
  const grid = wallGrid(width, gridHeight, count, metricCount, min, opts.tileMinWidth);
  const fonts = tileFonts(grid.tileWidth, grid.tileHeight, metricCount, opts.fontScale, floors);

  return (
    <TickerContext.Provider value={ticker}>
      <div className={styles.root} style={{ width, height, gap: GAP }} data-testid="queuewall-root">
        {banners.map((b) => (
          <WallBanner
            key={b.key}
            testId={b.key}
            tone={b.tone}
            icon={b.tone === 'error' ? 'exclamation-triangle' : 'pause-circle'}
            headline={b.headline}
            details={b.details}
            size={bannerSize}
            detailSize={detailSize}
          />
        ))}
        <div
          className={styles.grid}
          data-testid="queuewall-grid"
          data-capacity={capacity}
          data-text-floor={floors.primary}
          data-scaled-from={fit.scaledFrom}
          style={{
            height: gridHeight,
            gridTemplateColumns: `repeat(${grid.columns}, ${grid.tileWidth}px)`,
            gridAutoRows: `${grid.tileHeight}px`,
            overflowY: grid.scroll ? 'auto' : 'hidden',
          }}
        >
          {selection.shown.map((tile) => (
            <QueueTile
              key={tile.key}
              tile={tile}
              width={grid.tileWidth}
              height={grid.tileHeight}
              fonts={fonts}
              stale={stale}
            />
          ))}
          {selection.hidden && (
            <SummaryCard
              hidden={selection.hidden}
              noun="queues"
              width={grid.tileWidth}
              height={grid.tileHeight}
              heroSize={fonts.hero}
              titleSize={fonts.title}
              labelSize={fonts.label}
              padding={fonts.padding}
              testId="queuewall-summary"
              note={scaledNote(fit, exceptionCount)}
            />
          )}
        </div>
      </div>
    </TickerContext.Provider>
  );
}

/** Minutes after midnight at `t` in the dashboard's time zone. */
function minuteOfDay(t: number, timeZone: string): number {
  const [h, m] = dateTimeFormat(t, { timeZone, format: 'HH:mm' }).split(':').map(Number);
  return h * 60 + m;
}

const getStyles = (_theme: GrafanaTheme2) => ({
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
