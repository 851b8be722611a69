import {
  dateTime,
  EventBusSrv,
  LoadingState,
  type DataFrame,
  type DataQueryError,
  type PanelProps,
  type TimeRange,
} from '@grafana/data';

/** The props Grafana gives a panel, for tests: data from frames, a size, the time range and no-op callbacks. */
export function panelProps<T>(
  options: T,
  series: DataFrame[],
  extra: { state?: LoadingState; errors?: DataQueryError[]; width?: number; height?: number } = {}
): PanelProps<T> {
  const now = Date.now();
  const timeRange: TimeRange = {
    from: dateTime(now - 3_600_000),
    to: dateTime(now),
    raw: { from: 'now-1h', to: 'now' },
  };
  return {
    id: 1,
    data: { state: extra.state ?? LoadingState.Done, series, errors: extra.errors, timeRange },
    timeRange,
    timeZone: 'utc',
    options,
    fieldConfig: { defaults: {}, overrides: [] },
    transparent: false,
    width: extra.width ?? 1200,
    height: extra.height ?? 600,
    renderCounter: 0,
    title: 'Test panel',
    eventBus: new EventBusSrv(),
    onOptionsChange: jest.fn(),
    onFieldConfigChange: jest.fn(),
    replaceVariables: (s: string) => s,
    onChangeTimeRange: jest.fn(),
  };
}
