import React from 'react';
import { AppPlugin, type AppRootProps } from '@grafana/data';
import { Alert, Stack, Text } from '@grafana/ui';

/**
 * The Switchboard app. It will bundle the datasource, the panels and the provisioned dashboards; until those land
 * its page says what is there and where the documentation is.
 */
function Overview(_props: AppRootProps) {
  return (
    <Stack direction="column" gap={2}>
      <Text element="h2">Switchboard for Amazon Connect</Text>
      <Text>
        Real-time queues and agents, service quotas, Voice ID and Voice Connector call quality for Amazon Connect.
      </Text>
      <Alert severity="info" title="Early version">
        This build contains the app shell only. The datasource, panels and dashboards arrive in later releases; see the
        project documentation (docs/) for what is available.
      </Alert>
    </Stack>
  );
}

export const plugin = new AppPlugin<{}>().setRootPage(Overview);
