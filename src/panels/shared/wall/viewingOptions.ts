import type { PanelOptionsEditorBuilder } from '@grafana/data';
import { DEFAULT_VIEWING, DISTANCE_M, SCREEN_INCHES, VIEWING_OPTIONS, type Viewing } from './viewing';

/** The "Viewing" options of both panels: fit the panel, a TV from 3 m, or a distance and a screen size. */
export function addViewingOptions<T extends { viewing: Viewing }>(
  builder: PanelOptionsEditorBuilder<T>,
  category: string[]
) {
  return builder
    .addRadio({
      path: 'viewing.mode',
      name: 'Viewing',
      description:
        'How far the wall is read from: text sizes follow it (16 arc-minutes per character), never below 16 px. ' +
        'What does not fit at that size is summarised, alerts and warnings first.',
      category,
      defaultValue: DEFAULT_VIEWING.mode,
      settings: { options: VIEWING_OPTIONS },
    })
    .addNumberInput({
      path: 'viewing.distanceM',
      name: 'Viewing distance (m)',
      description: 'From the screen to the farthest viewer who must read it',
      category,
      defaultValue: DEFAULT_VIEWING.distanceM,
      settings: { min: DISTANCE_M.min, max: DISTANCE_M.max, step: 0.5 },
      showIf: (o) => o.viewing?.mode === 'distance',
    })
    .addNumberInput({
      path: 'viewing.screenInches',
      name: 'Screen diagonal (inches)',
      description: 'A 16:9 screen',
      category,
      defaultValue: DEFAULT_VIEWING.screenInches,
      settings: { min: SCREEN_INCHES.min, max: SCREEN_INCHES.max, integer: true },
      showIf: (o) => o.viewing?.mode === 'distance',
    });
}
