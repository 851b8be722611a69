// PLACEHOLDER: replaced by the real query editor.
import React from 'react';
import type { QueryEditorProps } from '@grafana/data';
import type { SwitchboardDataSource } from '../datasource';
import type { SwitchboardDataQuery, SwitchboardOptions } from '../types';

export function QueryEditor(_props: QueryEditorProps<SwitchboardDataSource, SwitchboardDataQuery, SwitchboardOptions>) {
  return <div>Query editor</div>;
}
