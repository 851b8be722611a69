import React from 'react';
import type { QueryEditorProps, SelectableValue } from '@grafana/data';
import { Field, RadioButtonGroup, Stack } from '@grafana/ui';
import type { QueryType } from '../../connect/proxyApi';
import type { SwitchboardDataSource } from '../datasource';
import { migrateQuery } from '../migrate';
import type { SwitchboardDataQuery, SwitchboardOptions } from '../types';
import { CloudWatchQueryEditor } from './CloudWatchQueryEditor';
import { HistoricalQueryEditor } from './HistoricalQueryEditor';
import { QuotaQueryEditor } from './QuotaQueryEditor';
import { RealtimeQueryEditor } from './RealtimeQueryEditor';
import { FieldAria } from './fieldAria';

/** The query editor: a query type, then the editor of that type (one file each). */

const QUERY_TYPE_OPTIONS: Array<SelectableValue<QueryType>> = [
  { value: 'realtime', label: 'Real-time', description: 'Amazon Connect real-time metrics: queues and agents now' },
  { value: 'cloudwatch', label: 'CloudWatch', description: 'CloudWatch metrics over time, Connect-aware' },
  { value: 'quota', label: 'Quota', description: 'Concurrent contacts against the service quotas, per channel' },
  {
    value: 'historical',
    label: 'Historical',
    description: 'Service level, abandonment and handle time over the range (Connect historical metrics)',
  },
];

/**
 * The query of another type, keeping what still means something: the refId and the datasource, the region, and
 * the instance between real-time, quota and historical. A new one of those starts on the default instance.
 */
export function switchQueryType(
  query: SwitchboardDataQuery,
  queryType: QueryType,
  defaultInstanceId?: string
): SwitchboardDataQuery {
  const next = migrateQuery({
    refId: query.refId,
    queryType,
    ...(query.datasource ? { datasource: query.datasource } : {}),
    ...(query.key ? { key: query.key } : {}),
  }) as SwitchboardDataQuery;
  if (query.region) {
    next.region = query.region;
  }
  if (query.hide) {
    next.hide = query.hide;
  }
  if (next.queryType === 'realtime' || next.queryType === 'quota' || next.queryType === 'historical') {
    const instanceId =
      query.queryType === 'realtime' || query.queryType === 'quota' || query.queryType === 'historical'
        ? query.instanceId
        : defaultInstanceId;
    next.instanceId = instanceId || defaultInstanceId || '';
  }
  return next;
}

export function QueryEditor(props: QueryEditorProps<SwitchboardDataSource, SwitchboardDataQuery, SwitchboardOptions>) {
  const { datasource, onChange, onRunQuery } = props;
  // Saved queries of older versions (and brand-new ones) get their type's defaults before they are edited.
  const query = migrateQuery(props.query) as SwitchboardDataQuery;
  const defaultInstanceId = datasource.instanceSettings.jsonData.defaultInstanceId;

  return (
    <FieldAria>
      <Stack direction="column" gap={1}>
        <Field label="Query type" noMargin>
          <RadioButtonGroup
            aria-label="Query type"
            options={QUERY_TYPE_OPTIONS}
            value={query.queryType}
            onChange={(queryType) => {
              if (queryType !== query.queryType) {
                onChange(switchQueryType(query, queryType, defaultInstanceId));
              }
            }}
          />
        </Field>
        {query.queryType === 'realtime' && (
          <RealtimeQueryEditor query={query} datasource={datasource} onChange={onChange} onRunQuery={onRunQuery} />
        )}
        {query.queryType === 'cloudwatch' && (
          <CloudWatchQueryEditor query={query} datasource={datasource} onChange={onChange} onRunQuery={onRunQuery} />
        )}
        {query.queryType === 'historical' && (
          <HistoricalQueryEditor query={query} datasource={datasource} onChange={onChange} onRunQuery={onRunQuery} />
        )}
        {query.queryType === 'quota' && (
          <QuotaQueryEditor query={query} datasource={datasource} onChange={onChange} onRunQuery={onRunQuery} />
        )}
      </Stack>
    </FieldAria>
  );
}
