// PLACEHOLDER: replaced by the real variable query editor.
import React from 'react';
import type { QueryEditorProps } from '@grafana/data';
import type { SwitchboardDataSource } from '../datasource';
import type { SwitchboardDataQuery, SwitchboardOptions, SwitchboardVariableQuery } from '../types';

export function VariableQueryEditor(
  _props: QueryEditorProps<SwitchboardDataSource, SwitchboardDataQuery, SwitchboardOptions, SwitchboardVariableQuery>
) {
  return <div>Variable editor</div>;
}
