/**
 * A preview of a dashboard JSON for screenshots and checks, NOT a Grafana: the panels on Grafana's grid (24
 * columns, 30 px rows, 8 px gaps, panels floating up as react-grid-layout compacts them), rows as headers (a
 * collapsed row hides its panels, as in Grafana), each panel a PanelView with its own queries. No time picker,
 * variable pickers, links, annotations, repeats or panel menus.
 */
import React from 'react';
import { css } from '@emotion/css';
import type { EventBus, GrafanaTheme2 } from '@grafana/data';
import { Icon, useStyles2 } from '@grafana/ui';
import type { PanelJson } from '../support/hostApi';
import type { PanelRuntime } from './panelRuntime';
import { PanelView } from './panelView';

export const GRID_COLUMNS = 24;
export const GRID_ROW_HEIGHT = 30;
export const GRID_MARGIN = 8;

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface LaidOut {
  key: string;
  panel: PanelJson;
  box: Box;
}

const collides = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** react-grid-layout's vertical compaction: in (y, x) order, each item moves up until it would overlap one above. */
function compact(items: LaidOut[]): LaidOut[] {
  const sorted = [...items].sort((a, b) => a.box.y - b.box.y || a.box.x - b.box.x);
  const placed: LaidOut[] = [];
  for (const item of sorted) {
    const box = { ...item.box };
    while (box.y > 0 && !placed.some((p) => collides(p.box, { ...box, y: box.y - 1 }))) {
      box.y--;
    }
    let hit: LaidOut | undefined;
    while ((hit = placed.find((p) => collides(p.box, box)))) {
      box.y = hit.box.y + hit.box.h;
    }
    placed.push({ ...item, box });
  }
  return placed;
}

/**
 * The dashboard's panels with their grid boxes. A collapsed row keeps its panels in `panels`: shown only when
 * `expandRows` opens it (they then sit under the row, as Grafana puts them when it expands one).
 */
export function layoutDashboard(panels: PanelJson[], expandRows: boolean): LaidOut[] {
  const items: LaidOut[] = [];
  panels.forEach((panel, i) => {
    const box = { x: 0, y: 0, w: 12, h: 8, ...panel.gridPos };
    items.push({ key: `p${panel.id ?? `i${i}`}`, panel, box });
    if (panel.type === 'row' && panel.collapsed && expandRows) {
      // Grafana shifts the children to start right under the row.
      const top = Math.min(...(panel.panels ?? []).map((p) => p.gridPos?.y ?? 0));
      (panel.panels ?? []).forEach((child, j) => {
        const c = { x: 0, y: 0, w: 12, h: 8, ...child.gridPos };
        items.push({ key: `p${child.id ?? `i${i}-${j}`}`, panel: child, box: { ...c, y: box.y + 1 + (c.y - top) } });
      });
    }
  });
  // Opened rows push what follows them down; the compaction then closes the gaps.
  const sorted = compact(spread(items));
  return sorted;
}

/** Items that overlap after opening rows are pushed down below what they hit (react-grid-layout's moveElement). */
function spread(items: LaidOut[]): LaidOut[] {
  const out: LaidOut[] = [];
  for (const item of items) {
    const box = { ...item.box };
    let hit: LaidOut | undefined;
    while ((hit = out.find((p) => collides(p.box, box)))) {
      box.y = hit.box.y + hit.box.h;
    }
    out.push({ ...item, box });
  }
  return out;
}

/** Pixels of a grid box for a grid `width` px wide (react-grid-layout's calcGridItemPosition, no container padding). */
export function gridPixels(box: Box, width: number) {
  const colWidth = (width - GRID_MARGIN * (GRID_COLUMNS - 1)) / GRID_COLUMNS;
  return {
    left: Math.round((colWidth + GRID_MARGIN) * box.x),
    top: Math.round((GRID_ROW_HEIGHT + GRID_MARGIN) * box.y),
    width: Math.round(colWidth * box.w + Math.max(0, box.w - 1) * GRID_MARGIN),
    height: Math.round(GRID_ROW_HEIGHT * box.h + Math.max(0, box.h - 1) * GRID_MARGIN),
  };
}

function RowHeader({ panel, title }: { panel: PanelJson; title: string }) {
  const styles = useStyles2(getStyles);
  return (
    <div className={styles.row} data-testid="host-row" data-collapsed={panel.collapsed ? 'true' : 'false'}>
      <Icon name={panel.collapsed ? 'angle-right' : 'angle-down'} />
      <span>{title}</span>
      {panel.collapsed && <span className={styles.count}>({panel.panels?.length ?? 0} panels)</span>}
    </div>
  );
}

export function DashboardView({
  title,
  items,
  runtimes,
  width,
  eventBus,
  replace,
}: {
  title: string;
  items: LaidOut[];
  runtimes: Map<string, PanelRuntime>;
  width: number;
  eventBus: EventBus;
  replace: (s: string) => string;
}) {
  const styles = useStyles2(getStyles);
  const height = Math.max(0, ...items.map((i) => gridPixels(i.box, width)).map((p) => p.top + p.height));
  return (
    <div data-testid="host-dashboard">
      <h1 className={styles.title}>{title}</h1>
      <div style={{ position: 'relative', width, height }}>
        {items.map((item) => {
          const px = gridPixels(item.box, width);
          const runtime = runtimes.get(item.key);
          return (
            <div key={item.key} style={{ position: 'absolute', ...px }}>
              {item.panel.type === 'row' || !runtime ? (
                <RowHeader panel={item.panel} title={replace(item.panel.title ?? '')} />
              ) : (
                <PanelView runtime={runtime} width={px.width} height={px.height} eventBus={eventBus} />
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  title: css({ fontSize: theme.typography.h3.fontSize, margin: theme.spacing(0, 0, 2) }),
  row: css({
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    height: '100%',
    fontSize: theme.typography.h5.fontSize,
    fontWeight: theme.typography.fontWeightMedium,
    borderBottom: `1px solid ${theme.colors.border.weak}`,
  }),
  count: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
});
