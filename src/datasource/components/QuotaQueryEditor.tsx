/* eslint-disable @typescript-eslint/no-deprecated -- Select (not Combobox) in every editor: Combobox cannot disable an
   option, which the query editors need to show why a choice would break a rule; one kind of select keeps them alike. */
import React, { useId } from 'react';
import type { SelectableValue } from '@grafana/data';
import { Field, MultiSelect, RadioButtonGroup, Stack } from '@grafana/ui';
import { CHANNELS, CHANNEL_LABELS, isChannel, type Channel } from '../../connect/channels';
import type { QuotaDataQuery, TypeEditorProps } from './editorTypes';
import { fieldErrors } from './fieldErrors';
import { InstanceField } from './InstanceField';
import { RegionField } from './RegionField';
import { uniqueOptions, valuesOf, variableOptions, withValues } from './selectOptions';

/**
 * Concurrency against the service quotas, per channel: in use, quota, headroom and breaches, read from CloudWatch
 * by the proxy (which handles the different scales of the Percentage metrics).
 */

const CHANNEL_OPTIONS: Array<SelectableValue<string>> = CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c] }));

const FORMAT_OPTIONS: Array<SelectableValue<'table' | 'timeseries'>> = [
  { value: 'table', label: 'Table' },
  { value: 'timeseries', label: 'Time series' },
];

/** Channels that are neither a Connect channel nor a template variable (which is checked once replaced). */
function unknownChannels(channels: string[] | undefined): string[] {
  return (channels ?? []).filter((c) => !isChannel(c) && !c.startsWith('$'));
}

export function isRunnableQuota(q: QuotaDataQuery): boolean {
  return Boolean(q.instanceId) && unknownChannels(q.channels).length === 0;
}

export function QuotaQueryEditor({ query, datasource, onChange, onRunQuery }: TypeEditorProps<QuotaDataQuery>) {
  const id = useId();
  const channels = query.channels ?? [];
  const unknown = unknownChannels(channels);
  const change = (next: QuotaDataQuery) => {
    onChange(next);
    if (isRunnableQuota(next)) {
      onRunQuery();
    }
  };
  return (
    <Stack direction="column" gap={1}>
      <Stack wrap="wrap" gap={2}>
        <RegionField
          value={query.region}
          defaultRegion={datasource.instanceSettings.jsonData.defaultRegion}
          onChange={(region) => change({ ...query, region })}
        />
        <InstanceField
          datasource={datasource}
          region={query.region}
          value={query.instanceId}
          required
          error={query.instanceId ? undefined : 'choose an instance'}
          onChange={(instanceId) => change({ ...query, instanceId })}
        />
      </Stack>
      <Stack wrap="wrap" gap={2}>
        <Field
          label="Channels"
          description="Empty: every channel the instance has data for."
          {...fieldErrors(unknown.map((c) => `${JSON.stringify(c)} is not a channel (VOICE, CHAT, TASK or EMAIL)`))}
        >
          <MultiSelect
            inputId={`${id}-channels`}
            width={40}
            options={withValues(uniqueOptions([...CHANNEL_OPTIONS, ...variableOptions()]), channels)}
            value={channels}
            allowCustomValue
            placeholder="All channels"
            onChange={(selected) => {
              const values = valuesOf(selected) as Channel[];
              change({ ...query, channels: values.length > 0 ? values : undefined });
            }}
          />
        </Field>
        <Field label="Format" description="Table: a row per channel. Time series: in use, quota and used over time.">
          <RadioButtonGroup
            aria-label="Format"
            options={FORMAT_OPTIONS}
            value={query.format ?? 'table'}
            onChange={(format) => change({ ...query, format })}
          />
        </Field>
      </Stack>
    </Stack>
  );
}
