/** Builders of the Proxy API's data frames (src/connect/proxyApi/frames.ts). */
import type { DataFrameJSON, FieldSchema, FrameMeta } from '../src/connect/proxyApi';

export type { DataFrameJSON, FieldConfig, FieldSchema, FieldType, FrameMeta, Notice } from '../src/connect/proxyApi';

export interface Column {
  field: FieldSchema;
  values: unknown[];
}

export function frame(refId: string, name: string | undefined, columns: Column[], meta?: FrameMeta): DataFrameJSON {
  return {
    schema: { refId, ...(name ? { name } : {}), ...(meta ? { meta } : {}), fields: columns.map((c) => c.field) },
    data: { values: columns.map((c) => c.values) },
  };
}
