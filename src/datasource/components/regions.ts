import type { SelectableValue } from '@grafana/data';
import { CONNECT_REGIONS } from '../../connect/regions';

export { CONNECT_REGIONS };

export const REGION_OPTIONS: Array<SelectableValue<string>> = CONNECT_REGIONS.map((r) => ({
  value: r.code,
  label: r.code,
  description: r.name,
}));
