/* eslint-disable @typescript-eslint/no-deprecated -- Select (not Combobox) in every editor: Combobox cannot disable an
   option, which the query editors need to show why a choice would break a rule; one kind of select keeps them alike. */
import React, { useId, useState } from 'react';
import type { SelectableValue } from '@grafana/data';
import { Button, IconButton, MultiSelect, Select, Stack, Text } from '@grafana/ui';
import { ALL_VALUES, MAX_DIMENSIONS, catalogDimensionKeys, dimensionDescription } from './cloudwatchChecks';
import { resourceOptions, uniqueOptions, valuesOf, variableOptions, withValues } from './selectOptions';
import { useResources, type ResourceSource } from './useResources';

/**
 * CloudWatch dimensions: a row per dimension, its key and the values to show (several values give a series each,
 * "*" every value that has data). Keys come from the metric catalogue and the proxy's `dimension-keys`; values
 * from `dimension-values`, narrowed by the other rows. Lists load when their menu opens.
 */

type Dimensions = Record<string, string[]>;

interface Props {
  datasource: ResourceSource;
  region?: string;
  namespace?: string;
  metricName?: string;
  dimensions: Dimensions;
  onChange: (dimensions: Dimensions) => void;
}

/** The other rows as the proxy's `dimensions` filter (CloudWatch takes at most 10 filters). */
function filterOf(dimensions: Dimensions, except?: string): string | undefined {
  const entries = Object.entries(dimensions).filter(([k, v]) => k !== except && v.length > 0);
  return entries.length > 0 ? JSON.stringify(Object.fromEntries(entries.slice(0, 10))) : undefined;
}

export function DimensionsEditor({ datasource, region, namespace, metricName, dimensions, onChange }: Props) {
  const [adding, setAdding] = useState(false);
  const entries = Object.entries(dimensions);
  const full = entries.length >= MAX_DIMENSIONS;

  const rename = (from: string | undefined, to: string) => {
    if (from === to) {
      return;
    }
    if (from === undefined) {
      onChange({ ...dimensions, [to]: [ALL_VALUES] });
      setAdding(false);
      return;
    }
    onChange(Object.fromEntries(entries.map(([k, v]) => (k === from ? [to, v] : [k, v]))));
  };
  const setValues = (key: string, values: string[]) => onChange({ ...dimensions, [key]: values });
  const remove = (key: string) => onChange(Object.fromEntries(entries.filter(([k]) => k !== key)));

  const row = (key: string | undefined, values: string[]) => (
    <DimensionRow
      key={key ?? '\u0000new'}
      datasource={datasource}
      region={region}
      namespace={namespace}
      metricName={metricName}
      dimensionKey={key}
      values={values}
      usedKeys={entries.map(([k]) => k).filter((k) => k !== key)}
      filter={filterOf(dimensions, key)}
      onKeyChange={(to) => rename(key, to)}
      onValuesChange={(v) => key !== undefined && setValues(key, v)}
      onRemove={() => (key === undefined ? setAdding(false) : remove(key))}
    />
  );

  return (
    <Stack direction="column" gap={1}>
      {entries.map(([key, values]) => row(key, values))}
      {adding && row(undefined, [])}
      <Stack gap={1} alignItems="center">
        <Button
          icon="plus"
          size="sm"
          variant="secondary"
          disabled={full || adding}
          onClick={() => setAdding(true)}
          tooltip={full ? `CloudWatch allows at most ${MAX_DIMENSIONS} dimensions per metric` : undefined}
        >
          Add dimension
        </Button>
        {full && (
          <Text color="secondary" variant="bodySmall">
            At most {MAX_DIMENSIONS} dimensions per metric.
          </Text>
        )}
      </Stack>
    </Stack>
  );
}

interface RowProps {
  datasource: ResourceSource;
  region?: string;
  namespace?: string;
  metricName?: string;
  dimensionKey?: string;
  values: string[];
  usedKeys: string[];
  filter?: string;
  onKeyChange: (key: string) => void;
  onValuesChange: (values: string[]) => void;
  onRemove: () => void;
}

function DimensionRow(props: RowProps) {
  const { datasource, region, namespace, metricName, dimensionKey, values, usedKeys, filter } = props;
  const id = useId();
  const [keysOpened, setKeysOpened] = useState(false);
  const [valuesOpened, setValuesOpened] = useState(false);
  const keyList = useResources(
    datasource,
    'dimension-keys',
    { region, namespace, metricName, dimensions: filter },
    keysOpened && Boolean(namespace)
  );
  const valueList = useResources(
    datasource,
    'dimension-values',
    { region, namespace, metricName, dimensionKey, dimensions: filter },
    valuesOpened && Boolean(namespace && dimensionKey)
  );

  const keyOptions = withValues(
    uniqueOptions([
      ...catalogDimensionKeys(namespace, metricName).map((k) => ({
        value: k,
        label: k,
        description: dimensionDescription(namespace, k),
      })),
      ...resourceOptions(keyList.items),
    ]).filter((o) => !usedKeys.includes(o.value ?? '')),
    [dimensionKey]
  );
  const valueOptions: Array<SelectableValue<string>> = withValues(
    uniqueOptions([
      { value: ALL_VALUES, label: '*', description: 'All values: a series per value that has data' },
      ...resourceOptions(valueList.items),
      ...variableOptions(),
    ]),
    values
  );

  return (
    <Stack gap={1} alignItems="flex-start">
      <Select
        inputId={`${id}-key`}
        aria-label="Dimension key"
        width={28}
        options={keyOptions}
        value={dimensionKey ?? null}
        isLoading={keyList.loading}
        allowCustomValue
        placeholder={keyList.error ? `Could not list keys: ${keyList.error}` : 'Dimension'}
        onOpenMenu={() => setKeysOpened(true)}
        onChange={(o) => o?.value && props.onKeyChange(o.value)}
      />
      <MultiSelect
        inputId={`${id}-values`}
        aria-label={`Values of ${dimensionKey ?? 'the new dimension'}`}
        width={50}
        options={valueOptions}
        value={values}
        disabled={dimensionKey === undefined}
        isLoading={valueList.loading}
        allowCustomValue
        invalid={dimensionKey !== undefined && values.length === 0}
        placeholder={valueList.error ? `Could not list values: ${valueList.error}` : 'Values'}
        onOpenMenu={() => setValuesOpened(true)}
        onChange={(selected) => props.onValuesChange(valuesOf(selected))}
      />
      <IconButton name="trash-alt" tooltip="Remove this dimension" onClick={props.onRemove} />
    </Stack>
  );
}
