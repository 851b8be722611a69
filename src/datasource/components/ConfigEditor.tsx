// PLACEHOLDER: replaced by the real configuration editor.
import React from 'react';
import type { DataSourcePluginOptionsEditorProps } from '@grafana/data';
import type { SwitchboardOptions, SwitchboardSecureOptions } from '../types';

export function ConfigEditor(_props: DataSourcePluginOptionsEditorProps<SwitchboardOptions, SwitchboardSecureOptions>) {
  return <div>Configuration editor</div>;
}
