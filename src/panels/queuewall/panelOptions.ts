import type { PanelOptionsEditorBuilder } from '@grafana/data';
import { MetricRulesEditor } from './MetricRulesEditor';
import { DEFAULT_OPTIONS, FONT_SCALE, SORT_OPTIONS, TILE_MIN_WIDTH, type QueueWallOptions } from './options';

/** The options pane, with Grafana's builder; only the list of rules needs its own editor. */
export function buildOptions(builder: PanelOptionsEditorBuilder<QueueWallOptions>) {
  const tiles = ['Tiles'];
  const display = ['Display'];
  return builder
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
      description: 'Multiplies the sizes fitted to the tiles (e.g. 1.2 on a TV)',
      category: display,
      defaultValue: DEFAULT_OPTIONS.fontScale,
      settings: { min: FONT_SCALE.min, max: FONT_SCALE.max, step: 0.05 },
    });
}
