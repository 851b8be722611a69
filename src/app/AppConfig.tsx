import React from 'react';
import type { AppPluginMeta, PluginConfigPageProps } from '@grafana/data';
import { FieldSet, Stack, Text, TextLink } from '@grafana/ui';
import { DOCS_URL } from '../datasource/constants';
import { ProxyStatusList } from './ProxyStatusList';

/** The app's configuration page: where the documentation is and whether each datasource's proxy answers. */
export function AppConfig(_props: PluginConfigPageProps<AppPluginMeta>) {
  return (
    <Stack direction="column" gap={3}>
      <FieldSet label="Switchboard proxies">
        <ProxyStatusList />
      </FieldSet>
      <FieldSet label="Documentation">
        <Stack direction="column" gap={1}>
          <Text>
            Switchboard reaches AWS through its proxy; each datasource names one. Setting up the proxy, its IAM policy
            and the datasource:{' '}
            <TextLink href={`${DOCS_URL}/proxy.md`} external>
              proxy
            </TextLink>
            ,{' '}
            <TextLink href={`${DOCS_URL}/api.md`} external>
              API
            </TextLink>
            ,{' '}
            <TextLink href={`${DOCS_URL}/metrics.md`} external>
              metrics reference
            </TextLink>
            .
          </Text>
        </Stack>
      </FieldSet>
    </Stack>
  );
}
