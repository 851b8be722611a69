import {
  FieldType,
  formatLabels,
  formattedValueToString,
  getFieldDisplayName,
  getFieldDisplayValuesProxy,
  getFrameDisplayName,
  type DataFrame,
  type DisplayValue,
  type Field,
  type ScopedVars,
} from '@grafana/data';

/**
 * Grafana's data macros (its TemplateSrv's macro registry): `${__field.name}`, `${__field.displayName}`,
 * `${__field.labels.x}`, `${__series.name}`, `${__data.fields.Name}` / `${__data.fields[0]}` (a row's value) and
 * `${__value.raw|numeric|text|time}`, read from the `__dataContext` that @grafana/data puts in the scoped variables
 * (field display names, per-row names of stat panels, links). Undefined: not a macro, the caller goes on.
 */

interface DataContext {
  frame?: DataFrame;
  field?: Field;
  data?: DataFrame[];
  frameIndex?: number;
  rowIndex?: number;
  calculatedValue?: DisplayValue;
}

/** lodash's property path: a.b, a[0], a["b c"]. */
function read(obj: unknown, path: string): unknown {
  const keys = [...path.matchAll(/[^.[\]"']+|\[(\d+)\]|\["([^"]+)"\]/g)].map((m) => m[1] ?? m[2] ?? m[0]);
  return keys.reduce<unknown>(
    (o, k) => (o === null || o === undefined ? undefined : (o as Record<string, unknown>)[k]),
    obj
  );
}

const text = (v: unknown): string => {
  if (v === undefined || v === null) {
    return '';
  }
  // a DisplayValue (a __data.fields entry) prints as its formatted text
  if (typeof v === 'object' && 'text' in (v as object)) {
    return formattedValueToString(v as DisplayValue);
  }
  return String(v);
};

export function dataMacro(name: string, path: string | undefined, scopedVars?: ScopedVars): string | undefined {
  if (!['__field', '__series', '__data', '__value'].includes(name)) {
    return undefined;
  }
  const ctx = scopedVars?.__dataContext?.value as DataContext | undefined;
  if (!ctx) {
    return undefined;
  }
  const { frame, field, data, rowIndex, calculatedValue } = ctx;
  switch (name) {
    case '__field': {
      if (!field || !frame || !path) {
        return undefined;
      }
      const labels = { ...field.labels, toString: () => formatLabels(field.labels ?? {}) };
      return text(read({ name: field.name, displayName: getFieldDisplayName(field, frame, data), labels }, path));
    }
    case '__series':
      return frame && path === 'name' ? getFrameDisplayName(frame, ctx.frameIndex) : undefined;
    case '__data':
      if (!frame || rowIndex === undefined || !path) {
        return undefined;
      }
      return text(
        read({ name: frame.name, refId: frame.refId, fields: getFieldDisplayValuesProxy({ frame, rowIndex }) }, path)
      );
    case '__value': {
      if (calculatedValue) {
        return path === 'numeric' ? String(calculatedValue.numeric) : formattedValueToString(calculatedValue);
      }
      if (!frame || rowIndex === undefined) {
        return undefined;
      }
      if (path === 'time') {
        return text(frame.fields.find((f) => f.type === FieldType.time)?.values[rowIndex]);
      }
      if (!field) {
        return undefined;
      }
      const raw = field.values[rowIndex];
      if (path === 'raw') {
        return text(raw);
      }
      const shown = field.display ? field.display(raw) : { text: String(raw), numeric: Number(raw) };
      return path === 'numeric' ? String(shown.numeric) : formattedValueToString(shown);
    }
  }
  return undefined;
}
