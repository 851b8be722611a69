import type { PanelOptionsEditorBuilder } from '@grafana/data';
import { addViewingOptions } from '../shared/wall/viewingOptions';
import { MetricRulesEditor } from './MetricRulesEditor';
import { DEFAULT_OPTIONS, FONT_SCALE, SORT_OPTIONS, TILE_MIN_WIDTH, type QueueWallOptions } from './options';

/** The options pane, with Grafana's builder; only the list of rules needs its own editor. */
export function buildOptions(builder: PanelOptionsEditorBuilder<QueueWallOptions>) {
  const tiles = ['Tiles'];
  const display = ['Display'];
  builder
    .addCustomEditor({
      id: 'tiles.metrics',
      path: 'tiles.metrics',
      name: 'Metrics and thresholds',
      description:
        'What each tile shows, the first one large. Above: a value at or above a threshold is bad; ' +
        'below: at or below.',
      category: tiles,
      editor: MetricRulesEditor,
      defaultValue: DEFAULT_OPTIONS.tiles.metrics,
    })
    .addRadio({
      path: 'sortBy',
      name: 'Sort by',
      category: tiles,
      defaultValue: DEFAULT_OPTIONS.sortBy,
      settings: { options: SORT_OPTIONS },
    })
    .addBooleanSwitch({
      path: 'hideQuiet',
      name: 'Hide quiet queues',
      description: 'Queues with no contacts and no agents',
      category: tiles,
      defaultValue: DEFAULT_OPTIONS.hideQuiet,
    })
    .addBooleanSwitch({
      path: 'showTicking',
      name: 'Count the oldest contact between refreshes',
      description: 'While a queue has contacts, its oldest age keeps counting from the snapshot time',
      category: tiles,
      defaultValue: DEFAULT_OPTIONS.showTicking,
    })
    .addTextInput({
      path: 'staffedHours',
      name: 'Staffed hours',
      description:
        'e.g. 08:00-20:00 in the dashboard time zone; empty: none. Within them, rules judged "only while contacts ' +
        'wait" judge always: no agent available while the queue is open is a warning before the first call.',
      category: tiles,
      defaultValue: DEFAULT_OPTIONS.staffedHours,
      settings: { placeholder: '08:00-20:00' },
    })
    .addNumberInput({
      path: 'tileMinWidth',
      name: 'Minimum tile width',
      description: 'In pixels; the grid picks the column count that gives the largest tiles',
      category: display,
      defaultValue: DEFAULT_OPTIONS.tileMinWidth,
      settings: { min: TILE_MIN_WIDTH.min, max: TILE_MIN_WIDTH.max, integer: true, step: 10 },
    })
    .addSliderInput({
      path: 'fontScale',
      name: 'Text size',
      description:
        'Below 1: smaller than the tiles allow (never below the viewing floors); above 1: larger floors, so larger and fewer tiles',
      category: display,
      defaultValue: DEFAULT_OPTIONS.fontScale,
      settings: { min: FONT_SCALE.min, max: FONT_SCALE.max, step: 0.05 },
    });
  return addViewingOptions(builder, display);
}
