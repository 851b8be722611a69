/**
 * Grafana data frames as JSON (DataFrameJSON: `{schema, data}`), what every query's answer carries and
 * `@grafana/data`'s dataFrameFromJSON reads unchanged. Written here without importing @grafana/data, which needs a
 * browser.
 */
export type FieldType = 'time' | 'number' | 'string' | 'boolean';

export interface FieldConfig {
  unit?: string;
  displayName?: string;
  displayNameFromDS?: string;
  description?: string;
  decimals?: number;
  min?: number;
  max?: number;
  custom?: Record<string, unknown>;
}

export interface FieldSchema {
  name: string;
  type: FieldType;
  config?: FieldConfig;
  labels?: Record<string, string>;
}

export interface Notice {
  severity: 'info' | 'warning' | 'error';
  text: string;
}

export interface FrameMeta {
  /** Grafana's hint for the panel. */
  preferredVisualisationType?: 'table' | 'graph';
  notices?: Notice[];
  executedQueryString?: string;
  /** Switchboard's own facts about the frame (snapshot time, data age, upstream calls). */
  custom?: Record<string, unknown>;
}

export interface DataFrameJSON {
  schema: {
    refId?: string;
    name?: string;
    meta?: FrameMeta;
    fields: FieldSchema[];
  };
  data: { values: unknown[][] };
}
