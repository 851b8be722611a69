import type { SwitchboardDataQuery } from '../types';
import type { ResourceSource } from './useResources';

export type RealtimeDataQuery = Extract<SwitchboardDataQuery, { queryType: 'realtime' }>;
export type CloudWatchDataQuery = Extract<SwitchboardDataQuery, { queryType: 'cloudwatch' }>;
export type QuotaDataQuery = Extract<SwitchboardDataQuery, { queryType: 'quota' }>;
export type HistoricalDataQuery = Extract<SwitchboardDataQuery, { queryType: 'historical' }>;

/** Props of the editor of one query type (QueryEditor picks it by queryType). */
export interface TypeEditorProps<Q extends SwitchboardDataQuery> {
  query: Q;
  datasource: ResourceSource;
  onChange: (query: Q) => void;
  onRunQuery: () => void;
}
