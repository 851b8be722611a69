/* eslint-disable @typescript-eslint/no-deprecated -- Select (not Combobox) in every editor: Combobox cannot disable an
   option, which the query editors need to show why a choice would break a rule; one kind of select keeps them alike. */
import React, { useId } from 'react';
import { Field, Select } from '@grafana/ui';
import { REGION_OPTIONS } from './regions';
import { uniqueOptions, variableOptions, withValues } from './selectOptions';

interface Props {
  value?: string;
  onChange: (region: string | undefined) => void;
  /** The datasource's default region, shown as the placeholder of an empty field. */
  defaultRegion?: string;
  label?: string;
  description?: string;
}

/** The AWS Region of a query: empty means the datasource's default region (then the proxy's AWS_REGION). */
export function RegionField({ value, onChange, defaultRegion, label = 'Region', description }: Props) {
  const id = useId();
  const options = withValues(uniqueOptions([...REGION_OPTIONS, ...variableOptions()]), [value]);
  return (
    <Field label={label} description={description}>
      <Select
        inputId={id}
        width={28}
        options={options}
        value={value || null}
        onChange={(o) => onChange(o?.value || undefined)}
        allowCustomValue
        isClearable
        placeholder={defaultRegion ? `default (${defaultRegion})` : 'default region'}
        formatCreateLabel={(v) => `Use region: ${v}`}
      />
    </Field>
  );
}
