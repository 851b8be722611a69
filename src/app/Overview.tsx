import React from 'react';
import type { AppRootProps } from '@grafana/data';
import { FieldSet, Stack, Text } from '@grafana/ui';
import { ProxyStatusList } from './ProxyStatusList';

/** The app's page: what Switchboard shows and where its datasources stand. */
export function Overview(_props: AppRootProps) {
  return (
    <Stack direction="column" gap={3}>
      <Text element="h2">Switchboard for Amazon Connect</Text>
      <Text>
        Real-time queues and agents (GetCurrentMetricData), CloudWatch metrics of Amazon Connect, Voice ID and Voice
        Connectors, and concurrency against the service quotas, through the Switchboard proxy.
      </Text>
      <FieldSet label="Datasources">
        <ProxyStatusList />
      </FieldSet>
    </Stack>
  );
}
