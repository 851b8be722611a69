/**
 * A panel as a dashboard draws it: @grafana/ui's PanelChrome (title, description, loading bar, the error corner),
 * the visualization inside with the PanelProps Grafana gives, and an error boundary that shows and records what
 * the visualization throws.
 */
import React, { Component, useSyncExternalStore, type ErrorInfo, type ReactNode } from 'react';
import { LoadingState, type EventBus, type PanelProps } from '@grafana/data';
import { PanelChrome } from '@grafana/ui';
import type { PanelRuntime } from './panelRuntime';
import { VizReportContext } from './vizReport';

class PanelErrorBoundary extends Component<{ runtime: PanelRuntime; children: ReactNode }, { error?: Error }> {
  state: { error?: Error } = {};

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  componentDidCatch(error: Error, info: ErrorInfo) {
    this.props.runtime.renderFailed(`The panel failed: ${error.message}\n${info.componentStack ?? ''}`);
  }

  render() {
    if (this.state.error) {
      return <div data-testid="host-panel-error">Panel failed: {this.state.error.message}</div>;
    }
    return this.props.children;
  }
}

/** Grafana's text for a table or graph without data (PanelDataErrorView): the "No value" text, or "No data". */
function NoData({ text }: { text?: string }) {
  return (
    <div data-testid="host-panel-no-data" style={{ height: '100%', display: 'grid', placeItems: 'center' }}>
      {text ?? 'No data'}
    </div>
  );
}

/** Core panels that say "No data" themselves, with the "No value" text (getFieldDisplayValues). */
const DRAWS_NO_DATA = new Set(['stat', 'gauge', 'bargauge']);

export function PanelView({
  runtime,
  width,
  height,
  eventBus,
}: {
  runtime: PanelRuntime;
  width: number;
  height: number;
  eventBus: EventBus;
}) {
  const snap = useSyncExternalStore(runtime.subscribe, runtime.getSnapshot);
  const { panel } = runtime;
  const env = runtime.env;
  const errors = runtime.errors();
  const { plugin, data } = snap;
  const Viz = plugin?.panel;
  // Our panels say themselves what is missing; Grafana's table and graph show "No data" when no frame has a row
  // (and nothing while the first answer is on its way).
  const coreNoData = !panel.type.startsWith('switchboard-') && !DRAWS_NO_DATA.has(panel.type) && runtime.noRows();

  const content = (innerWidth: number, innerHeight: number) => {
    if (!Viz || snap.problems.length > 0) {
      return <div data-testid="host-panel-problem">{snap.problems.join('\n')}</div>;
    }
    if (coreNoData) {
      return data.state === LoadingState.Loading || data.state === LoadingState.NotStarted ? null : (
        <NoData text={runtime.noValue()} />
      );
    }
    const props: PanelProps = {
      id: panel.id ?? 0,
      data,
      timeRange: env.range,
      timeZone: env.timeZone,
      options: snap.options,
      fieldConfig: snap.fieldConfig,
      transparent: panel.transparent === true,
      width: innerWidth,
      height: innerHeight,
      renderCounter: snap.renderCounter,
      title: env.replaceVariables(panel.title ?? '', undefined, 'text'),
      eventBus,
      onOptionsChange: (options) => runtime.setOptions(options as Record<string, unknown>),
      onFieldConfigChange: () => {},
      replaceVariables: env.replaceVariables,
      onChangeTimeRange: () => {},
    };
    return <Viz {...props} />;
  };

  return (
    <div
      data-testid="host-panel"
      data-panel-key={runtime.key}
      data-panel-type={panel.type}
      data-panel-state={data.state}
      style={{ width, height }}
    >
      <PanelChrome
        width={width}
        height={height}
        title={env.replaceVariables(panel.title ?? '', undefined, 'text')}
        description={panel.description ? env.replaceVariables(panel.description) : undefined}
        loadingState={data.state}
        statusMessage={errors.length > 0 ? errors.join('\n') : undefined}
        displayMode={panel.transparent ? 'transparent' : 'default'}
      >
        {(innerWidth, innerHeight) => (
          <PanelErrorBoundary runtime={runtime}>
            <VizReportContext.Provider value={runtime.vizReported}>
              {content(innerWidth, innerHeight)}
            </VizReportContext.Provider>
          </PanelErrorBoundary>
        )}
      </PanelChrome>
    </div>
  );
}
