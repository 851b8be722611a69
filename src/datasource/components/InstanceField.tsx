/* eslint-disable @typescript-eslint/no-deprecated -- Select (not Combobox) in every editor: Combobox cannot disable an
   option, which the query editors need to show why a choice would break a rule; one kind of select keeps them alike. */
import React, { useId } from 'react';
import { Field, Select } from '@grafana/ui';
import { resourceOptions, variableOptions, withValues } from './selectOptions';
import { useResources, type ResourceSource } from './useResources';

interface Props {
  datasource: ResourceSource;
  region?: string;
  value?: string;
  onChange: (instanceId: string) => void;
  /** A rule the query breaks on this field. */
  error?: string;
  required?: boolean;
}

/** The Amazon Connect instance: the proxy's `instances` of the region, template variables, or a typed id. */
export function InstanceField({ datasource, region, value, onChange, error, required }: Props) {
  const id = useId();
  const instances = useResources(datasource, 'instances', { region });
  const options = withValues([...resourceOptions(instances.items), ...variableOptions()], [value]);
  const problem = error ?? (instances.error ? `Could not list instances: ${instances.error}` : undefined);
  return (
    <Field label="Instance" required={required} invalid={Boolean(problem)} error={problem}>
      <Select
        inputId={id}
        width={40}
        options={options}
        value={value || null}
        onChange={(o) => onChange(o?.value ?? '')}
        isLoading={instances.loading}
        allowCustomValue
        placeholder="Choose an instance"
        formatCreateLabel={(v) => `Use instance id: ${v}`}
      />
    </Field>
  );
}
