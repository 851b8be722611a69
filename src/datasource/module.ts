import { DataSourcePlugin } from '@grafana/data';
import { ConfigEditor } from './components/ConfigEditor';
import { QueryEditor } from './components/QueryEditor';
import { SwitchboardDataSource } from './datasource';
import type { SwitchboardDataQuery, SwitchboardOptions, SwitchboardSecureOptions } from './types';

export const plugin = new DataSourcePlugin<
  SwitchboardDataSource,
  SwitchboardDataQuery,
  SwitchboardOptions,
  SwitchboardSecureOptions
>(SwitchboardDataSource)
  .setConfigEditor(ConfigEditor)
  .setQueryEditor(QueryEditor);
