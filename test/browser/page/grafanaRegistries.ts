/**
 * The registries Grafana fills at boot (public/app/core/... in Grafana), which @grafana/data leaves empty: option
 * editors, the standard field options and the transformations. Plugin modules share the host's @grafana/data (AMD),
 * so a panel's `setPanelOptions` / `useFieldConfig` resolve against these exactly as in Grafana.
 *
 * The editors are placeholders: the host renders panels, never their options pane. What matters is the ids (the
 * options builder looks each one up) and, for field options, `process`, `shouldApply` and the defaults, which decide
 * what applyFieldOverrides puts in each field's config.
 */
import {
  booleanOverrideProcessor,
  dataLinksOverrideProcessor,
  displayNameOverrideProcessor,
  FieldType,
  identityOverrideProcessor,
  numberOverrideProcessor,
  standardEditorsRegistry,
  standardFieldConfigEditorRegistry,
  standardTransformers,
  standardTransformersRegistry,
  stringOverrideProcessor,
  thresholdsOverrideProcessor,
  ThresholdsMode,
  unitOverrideProcessor,
  valueMappingsOverrideProcessor,
  type FieldConfigPropertyItem,
  type DataTransformerInfo,
} from '@grafana/data';
import { config } from '@grafana/runtime';

const NoEditor = () => null;

/** The editor ids @grafana/data's option builders look up (OptionsUIBuilders), plus those of Grafana's panels. */
const EDITOR_IDS = ['boolean', 'color', 'dashboard-uid', 'field-name', 'multi-select', 'number', 'radio', 'select']
  .concat(['slider', 'strings', 'text', 'timezone', 'unit', 'links', 'mappings', 'thresholds', 'fieldColor'])
  .concat(['stats-picker', 'custom']);

type Process = FieldConfigPropertyItem['process'];
const isNumber = (f: { type: FieldType }) => f.type === FieldType.number;

function standard(id: string, process: Process, extra: Partial<FieldConfigPropertyItem> = {}): FieldConfigPropertyItem {
  const item = { id, path: id, name: id, editor: NoEditor, override: NoEditor, category: ['Standard options'] };
  return { ...item, process, shouldApply: () => true, ...extra };
}
const thresholds = { mode: ThresholdsMode.Absolute, steps: [{ value: -Infinity, color: 'green' }] };

/** Grafana's standard field options (getAllStandardFieldConfigs) with their processors and defaults. */
const STANDARD_FIELD_OPTIONS: FieldConfigPropertyItem[] = [
  standard('unit', unitOverrideProcessor),
  standard('fieldMinMax', booleanOverrideProcessor, { shouldApply: isNumber }),
  standard('min', numberOverrideProcessor, { shouldApply: isNumber }),
  standard('max', numberOverrideProcessor, { shouldApply: isNumber }),
  standard('decimals', numberOverrideProcessor, { shouldApply: isNumber }),
  // Grafana's display name expands variables and data macros (${__field.labels.x}, ${__series.name})
  standard('displayName', displayNameOverrideProcessor, { settings: { expandTemplateVars: true } }),
  standard('noValue', stringOverrideProcessor),
  standard('color', identityOverrideProcessor, { defaultValue: { mode: 'thresholds' } }),
  standard('thresholds', thresholdsOverrideProcessor, {
    defaultValue: { ...thresholds, steps: [...thresholds.steps, { value: 80, color: 'red' }] },
  }),
  standard('mappings', valueMappingsOverrideProcessor, { defaultValue: [] }),
  standard('links', dataLinksOverrideProcessor),
  standard('filterable', booleanOverrideProcessor),
];

standardEditorsRegistry.setInit(() => EDITOR_IDS.map((id) => ({ id, name: id, editor: NoEditor })));
standardFieldConfigEditorRegistry.setInit(() => STANDARD_FIELD_OPTIONS);
const lazyTransformations = Number(config.buildInfo.version.split('.')[0]) >= 13;

standardTransformersRegistry.setInit(() => {
  // standardTransformers lists one transformer under two names (seriesToColumns is joinByField): keep each id once.
  const byId = new Map(Object.values(standardTransformers).map((t) => [t.id, t]));
  // Grafana 13 loads transformations lazily: its registry items hold a loader, 12's the transformer itself.
  const item = (t: DataTransformerInfo) => ({ id: t.id, name: t.name, description: t.description, editor: NoEditor });
  const transformation = (t: DataTransformerInfo) => (lazyTransformations ? () => Promise.resolve(t) : t);
  return [...byId.values()].map((t) => ({ ...item(t), transformation: transformation(t) }) as never);
});
