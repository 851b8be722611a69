import React, { useEffect, useState } from 'react';
import { config } from '@grafana/runtime';
import { Alert, Badge, LinkButton, LoadingPlaceholder, Stack, Text } from '@grafana/ui';
import { proxyStatuses, type ProxyStatus } from './proxyStatus';

/** A Grafana page's URL under Grafana's sub-path (root_url with a path, e.g. /grafana), which plain hrefs ignore. */
const grafanaUrl = (path: string) => `${config.appSubUrl ?? ''}${path}`;

/** Each Switchboard datasource with whether its proxy answers, or how to add one. */
export function ProxyStatusList() {
  const [statuses, setStatuses] = useState<ProxyStatus[] | undefined>();
  const [error, setError] = useState<string | undefined>();

  useEffect(() => {
    let live = true;
    proxyStatuses().then(
      (s) => live && setStatuses(s),
      (err: unknown) => live && setError((err as Error).message ?? String(err))
    );
    return () => {
      live = false;
    };
  }, []);

  if (error) {
    return (
      <Alert severity="error" title="Could not list the Switchboard datasources">
        {error}
      </Alert>
    );
  }
  if (!statuses) {
    return <LoadingPlaceholder text="Asking the Switchboard proxies…" />;
  }
  if (statuses.length === 0) {
    return (
      <Alert severity="info" title="No Switchboard datasource yet">
        <Stack direction="column" gap={1}>
          <Text>Add an “Amazon Connect (Switchboard)” datasource and point it at your Switchboard proxy.</Text>
          <div>
            <LinkButton href={grafanaUrl('/connections/datasources/new')} icon="plus">
              Add a datasource
            </LinkButton>
          </div>
        </Stack>
      </Alert>
    );
  }
  return (
    <Stack direction="column" gap={1}>
      {statuses.map((s) => (
        <Stack key={s.uid} direction="row" gap={2} alignItems="center">
          <Badge
            color={s.ok ? 'green' : 'red'}
            icon={s.ok ? 'check' : 'exclamation-triangle'}
            text={s.ok ? 'proxy answers' : 'proxy unreachable'}
          />
          <a href={grafanaUrl(`/connections/datasources/edit/${encodeURIComponent(s.uid)}`)}>{s.name}</a>
          <Text color="secondary">{s.message}</Text>
        </Stack>
      ))}
    </Stack>
  );
}
