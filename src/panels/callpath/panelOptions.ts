import { addViewingOptions } from '../shared/wall/viewingOptions';
import type { PanelOptionsEditorBuilder } from '@grafana/data';
import {
  DEFAULT_OPTIONS,
  DIAGRAM_MIN_WIDTH,
  FONT_SCALE,
  REDUCER_OPTIONS,
  SORT_OPTIONS,
  type CallPathOptions,
} from './options';
import { QUALITIES, QUALITY_DIRECTION, QUALITY_INFO } from './quality';

/** The options pane, with Grafana's builders only. */
export function buildOptions(builder: PanelOptionsEditorBuilder<CallPathOptions>) {
  const thresholds = ['Thresholds'];
  const display = ['Display'];
  builder.addRadio({
    path: 'reducer',
    name: 'Value',
    description: 'Which point of each series the diagram shows',
    defaultValue: DEFAULT_OPTIONS.reducer,
    settings: { options: REDUCER_OPTIONS },
  });
  for (const quality of QUALITIES) {
    const info = QUALITY_INFO[quality];
    const unit = info.unit ? ` (${info.unit})` : '';
    const op = QUALITY_DIRECTION[quality] === 'above' ? 'at or above' : 'at or below';
    for (const level of ['warn', 'alert'] as const) {
      builder.addNumberInput({
        path: `thresholds.${quality}.${level}`,
        name: `${info.label} ${level === 'warn' ? 'warning' : 'alert'}${unit}`,
        description: `${info.description}. ${level === 'warn' ? 'Warning' : 'Alert'} ${op} this value.`,
        category: thresholds,
        defaultValue: DEFAULT_OPTIONS.thresholds[quality][level] ?? undefined,
        settings:
          quality === 'mos' ? { min: 1, max: 5, step: 0.1 } : { min: 0, step: quality === 'lossPercent' ? 0.1 : 1 },
      });
    }
  }
  builder
    .addRadio({
      path: 'sortBy',
      name: 'Order',
      category: display,
      defaultValue: DEFAULT_OPTIONS.sortBy,
      settings: { options: SORT_OPTIONS },
    })
    .addNumberInput({
      path: 'diagramMinWidth',
      name: 'Minimum diagram width',
      description: 'In pixels; the grid picks the column count that gives the largest diagrams',
      category: display,
      defaultValue: DEFAULT_OPTIONS.diagramMinWidth,
      settings: { min: DIAGRAM_MIN_WIDTH.min, max: DIAGRAM_MIN_WIDTH.max, integer: true, step: 10 },
    })
    .addSliderInput({
      path: 'fontScale',
      name: 'Text size',
      description:
        'Below 1: smaller than the diagrams allow (never below the viewing floors); above 1: larger floors, so larger and fewer diagrams',
      category: display,
      defaultValue: DEFAULT_OPTIONS.fontScale,
      settings: { min: FONT_SCALE.min, max: FONT_SCALE.max, step: 0.05 },
    });
  return addViewingOptions(builder, display);
}
