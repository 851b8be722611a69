/**
 * The AWS Regions where Amazon Connect is available, with their names. From AWS's "Amazon Connect endpoints and
 * quotas" (https://docs.aws.amazon.com/general/latest/gr/connect_region.html) and the Connect Administrator Guide's
 * "Availability of Amazon Connect features by Region" (both list the same eleven Regions as of 2025). AWS adds
 * Regions rarely; update this list when it does. Other Regions can still be typed where a field allows it:
 * AWS/ChimeVoiceConnector, for one, lives in more Regions than Connect.
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
