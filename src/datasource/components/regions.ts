import type { SelectableValue } from '@grafana/data';

/**
 * The Regions where Amazon Connect is available (the proxy's `regions` resource answers the same list; it is static,
 * so the editors offer it without a round trip and work before the datasource is saved). Other Regions can still be
 * typed: CloudWatch namespaces such as AWS/ChimeVoiceConnector live in more Regions than Connect does.
 */
export const CONNECT_REGIONS: ReadonlyArray<{ code: string; name: string }> = [
  { code: 'us-east-1', name: 'US East (N. Virginia)' },
  { code: 'us-west-2', name: 'US West (Oregon)' },
  { code: 'af-south-1', name: 'Africa (Cape Town)' },
  { code: 'ap-northeast-2', name: 'Asia Pacific (Seoul)' },
  { code: 'ap-southeast-1', name: 'Asia Pacific (Singapore)' },
  { code: 'ap-southeast-2', name: 'Asia Pacific (Sydney)' },
  { code: 'ap-northeast-1', name: 'Asia Pacific (Tokyo)' },
  { code: 'ca-central-1', name: 'Canada (Central)' },
  { code: 'eu-central-1', name: 'Europe (Frankfurt)' },
  { code: 'eu-west-2', name: 'Europe (London)' },
  { code: 'us-gov-west-1', name: 'AWS GovCloud (US-West)' },
];

export const REGION_OPTIONS: Array<SelectableValue<string>> = CONNECT_REGIONS.map((r) => ({
  value: r.code,
  label: r.code,
  description: r.name,
}));
