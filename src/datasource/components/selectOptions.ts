import type { SelectableValue } from '@grafana/data';
import { getTemplateSrv } from '@grafana/runtime';
import type { ResourceItem } from '../types';

/** Select options of the editors: resource lists, template variables, and values the lists do not (yet) hold. */

/** Resource items as options; the id is shown under the name when they differ (queues, instances). */
export function resourceOptions(items: ResourceItem[]): Array<SelectableValue<string>> {
  return items.map((item) => ({
    value: item.value,
    label: item.text || item.value,
    description:
      typeof item.description === 'string'
        ? item.description
        : item.text && item.text !== item.value
          ? item.value
          : undefined,
  }));
}

/**
 * The dashboard's template variables as `$name` options. Outside a dashboard (or in tests without one) there is no
 * TemplateSrv: then there are simply no variables to offer.
 */
export function variableOptions(): Array<SelectableValue<string>> {
  try {
    return getTemplateSrv()
      .getVariables()
      .map((v) => ({ value: `$${v.name}`, label: `$${v.name}`, description: 'Template variable' }));
  } catch {
    return [];
  }
}

/**
 * Options plus an entry for every current value they lack (a custom value, a variable of another dashboard, a
 * queue that was deleted): a saved value is always shown, never silently dropped.
 */
export function withValues(
  options: Array<SelectableValue<string>>,
  values: Array<string | undefined>
): Array<SelectableValue<string>> {
  const known = new Set(options.map((o) => o.value));
  const extra = values
    .filter((v): v is string => typeof v === 'string' && v !== '' && !known.has(v))
    .filter((v, i, all) => all.indexOf(v) === i)
    .map((v) => ({ value: v, label: v }));
  return [...options, ...extra];
}

/** Options without duplicates of a value already offered (the first one wins: catalogue before proxy lists). */
export function uniqueOptions(options: Array<SelectableValue<string>>): Array<SelectableValue<string>> {
  const seen = new Set<string | undefined>();
  return options.filter((o) => {
    if (seen.has(o.value)) {
      return false;
    }
    seen.add(o.value);
    return true;
  });
}

/** The values of a MultiSelect's onChange (an array of options, or null when cleared). */
export function valuesOf(selected: Array<SelectableValue<string>> | null | undefined): string[] {
  return (selected ?? []).map((o) => o.value).filter((v): v is string => typeof v === 'string' && v !== '');
}
