/* eslint-disable @typescript-eslint/no-deprecated -- Select (not Combobox) in every editor: Combobox cannot disable an
   option, which the query editors need to show why a choice would break a rule; one kind of select keeps them alike. */
import React, { useMemo, useState } from 'react';
import {
  updateDatasourcePluginResetOption,
  type DataSourcePluginOptionsEditorProps,
  type SelectableValue,
} from '@grafana/data';
import { Field, FieldSet, Input, RadioButtonGroup, SecretInput, Select, Stack, Text, TextLink } from '@grafana/ui';
import { ProxyApi } from '../api';
import type { AuthType } from '../../connect/proxyApi';
import { AUTH_TYPE_OPTIONS, DOCS_URL } from '../constants';
import type { SwitchboardOptions, SwitchboardSecureOptions } from '../types';
import { REGION_OPTIONS } from './regions';
import { fieldErrors } from './fieldErrors';
import { resourceOptions, withValues } from './selectOptions';
import { proxyUrlProblem, roleArnProblem } from './settingsValidation';
import { useResources } from './useResources';
import { FieldAria } from './fieldAria';

/**
 * The datasource settings. Grafana's server sends them to the proxy as headers of the datasource's route
 * (plugin.json): the proxy token and the keys are kept in secureJsonData and never reach the browser again; a saved
 * secret shows as "configured" with a reset button.
 *
 * Not @grafana/aws-sdk's ConnectionConfig: it offers the auth providers Grafana's own server allows
 * (awsAllowedAuthProviders: credentials file, EC2 role, Grafana assume role), treats assume-role as an option on top
 * of any provider, and rewrites an authType it does not know ("assume-role") to its first provider. Here the AWS
 * calls happen in the proxy, whose auth types are default / keys / assume-role.
 */

type Props = DataSourcePluginOptionsEditorProps<SwitchboardOptions, SwitchboardSecureOptions>;
type SecretKey = keyof SwitchboardSecureOptions;

const AUTH_OPTIONS: Array<SelectableValue<AuthType>> = AUTH_TYPE_OPTIONS.map((a) => ({
  value: a.value,
  label: a.label,
  description: a.description,
}));

export function ConfigEditor(props: Props) {
  const { options, onOptionsChange } = props;
  const { jsonData, uid } = options;
  const secureJsonFields = options.secureJsonFields ?? {};
  const secureJsonData = options.secureJsonData ?? {};
  const authType: AuthType = jsonData.authType ?? 'default';
  const auth = AUTH_TYPE_OPTIONS.find((a) => a.value === authType);
  const [touched, setTouched] = useState<{ url?: boolean; arn?: boolean }>({});

  const setJson = (patch: Partial<SwitchboardOptions>) =>
    onOptionsChange({ ...options, jsonData: { ...jsonData, ...patch } });
  const setSecret = (key: SecretKey, value: string) =>
    onOptionsChange({ ...options, secureJsonData: { ...secureJsonData, [key]: value } });
  const secretProps = (key: SecretKey) => ({
    isConfigured: Boolean(secureJsonFields[key]),
    value: secureJsonData[key] ?? '',
    onChange: (e: React.FormEvent<HTMLInputElement>) => setSecret(key, e.currentTarget.value),
    onReset: () => updateDatasourcePluginResetOption(props, key),
  });

  // Shown while typing once something is there; an empty required field only after the user left it.
  const urlError = jsonData.proxyUrl || touched.url ? proxyUrlProblem(jsonData.proxyUrl) : undefined;
  const arnError =
    authType === 'assume-role' && (jsonData.assumeRoleArn || touched.arn)
      ? roleArnProblem(jsonData.assumeRoleArn)
      : undefined;

  // Instances come through the saved datasource's route: it needs the proxy URL and the (saved) token.
  const canList = Boolean(
    uid && jsonData.proxyUrl && !proxyUrlProblem(jsonData.proxyUrl) && secureJsonFields.proxyToken
  );
  const source = useMemo(
    () => ({ api: new ProxyApi(`/api/datasources/proxy/uid/${uid}`), instanceSettings: { jsonData: {} } }),
    [uid]
  );
  const instances = useResources(source, 'instances', { region: jsonData.defaultRegion }, canList);

  return (
    <FieldAria>
      <Stack direction="column" gap={2}>
        <Text element="p" color="secondary">
          Switchboard reads Amazon Connect, CloudWatch and the service quotas through the Switchboard proxy:
          Grafana&apos;s server forwards each query with the proxy token and the AWS settings below; the browser never
          sees them.{' '}
          <TextLink href={DOCS_URL} external inline>
            Read the configuration docs
          </TextLink>
        </Text>

        <FieldSet label="Switchboard proxy">
          <Field
            label="Proxy URL"
            required
            description="Where the Grafana server reaches the proxy, e.g. http://switchboard-proxy:8080."
            {...fieldErrors([urlError])}
          >
            <Input
              id="switchboard-proxy-url"
              width={60}
              value={jsonData.proxyUrl ?? ''}
              placeholder="http://switchboard-proxy:8080"
              onChange={(e) => setJson({ proxyUrl: e.currentTarget.value.trim() })}
              onBlur={() => {
                setTouched((t) => ({ ...t, url: true }));
                // The routes of plugin.json append /api/... to it: a trailing slash would double the slash.
                const trimmed = (jsonData.proxyUrl ?? '').replace(/\/+$/, '');
                if (trimmed !== (jsonData.proxyUrl ?? '') && !/^[a-z]+:\/*$/i.test(trimmed)) {
                  setJson({ proxyUrl: trimmed });
                }
              }}
            />
          </Field>
          <Field label="Proxy token" description="The proxy's PROXY_TOKEN; sent as a bearer token by Grafana's server.">
            <SecretInput
              id="switchboard-proxy-token"
              width={60}
              placeholder="Proxy token"
              {...secretProps('proxyToken')}
            />
          </Field>
        </FieldSet>

        <FieldSet label="Authentication">
          <Field label="Authentication provider" description={auth?.description}>
            <RadioButtonGroup
              aria-label="Authentication provider"
              options={AUTH_OPTIONS}
              value={authType}
              onChange={(value) => setJson({ authType: value })}
            />
          </Field>
          {authType === 'keys' && (
            <>
              <Field label="Access key ID">
                <SecretInput id="switchboard-access-key" width={60} placeholder="AKIA…" {...secretProps('accessKey')} />
              </Field>
              <Field label="Secret access key">
                <SecretInput
                  id="switchboard-secret-key"
                  width={60}
                  placeholder="Secret access key"
                  {...secretProps('secretKey')}
                />
              </Field>
            </>
          )}
          {authType === 'assume-role' && (
            <>
              <Field
                label="Assume role ARN"
                required
                description="The role the proxy's credentials assume; its trust policy must trust the proxy's identity."
                {...fieldErrors([arnError])}
              >
                <Input
                  id="switchboard-assume-role-arn"
                  width={60}
                  value={jsonData.assumeRoleArn ?? ''}
                  placeholder="arn:aws:iam::123456789012:role/SwitchboardReadOnly"
                  onChange={(e) => setJson({ assumeRoleArn: e.currentTarget.value.trim() })}
                  onBlur={() => setTouched((t) => ({ ...t, arn: true }))}
                />
              </Field>
              <Field
                label="External ID"
                description="If the role was created with an external ID (sts:ExternalId condition), enter it here."
              >
                <Input
                  id="switchboard-external-id"
                  width={60}
                  value={jsonData.externalId ?? ''}
                  placeholder="External ID"
                  onChange={(e) => setJson({ externalId: e.currentTarget.value })}
                />
              </Field>
            </>
          )}
        </FieldSet>

        <FieldSet label="Defaults">
          <Field label="Default region" description="Region of queries that name none. Empty: the proxy's AWS_REGION.">
            <Select
              inputId="switchboard-default-region"
              width={40}
              options={withValues(REGION_OPTIONS, [jsonData.defaultRegion])}
              value={jsonData.defaultRegion || null}
              allowCustomValue
              isClearable
              placeholder="The proxy's AWS_REGION"
              formatCreateLabel={(v) => `Use region: ${v}`}
              onChange={(o) => setJson({ defaultRegion: o?.value || undefined })}
            />
          </Field>
          <Field
            label="Default instance"
            description={
              canList
                ? 'The Amazon Connect instance new queries start with.'
                : 'The Amazon Connect instance new queries start with. Save the proxy URL and token to pick it from a list.'
            }
            {...fieldErrors([instances.error ? `Could not list instances: ${instances.error}` : undefined])}
          >
            <Select
              inputId="switchboard-default-instance"
              width={60}
              options={withValues(resourceOptions(instances.items), [jsonData.defaultInstanceId])}
              value={jsonData.defaultInstanceId || null}
              isLoading={instances.loading}
              allowCustomValue
              isClearable
              placeholder="Instance id"
              formatCreateLabel={(v) => `Use instance id: ${v}`}
              onChange={(o) => setJson({ defaultInstanceId: o?.value || undefined })}
            />
          </Field>
        </FieldSet>
      </Stack>
    </FieldAria>
  );
}
