/**
 * Where Grafana shows a datasource's editors, as the host page renders them: the datasource settings page (the
 * options kept in state, saved later) and a panel's query row (the query in state; Run query runs it through a
 * SceneQueryRunner and hands the editor the panel data), in the dark theme with Grafana's global styles and an
 * error boundary in place of Grafana's.
 */
import React, { Component, useRef, useState, type ErrorInfo, type ReactNode } from 'react';
import {
  CoreApp,
  getThemeById,
  rangeUtil,
  type DataQuery,
  type DataSourceApi,
  type DataSourcePlugin,
  type DataSourceSettings,
  type PanelData,
} from '@grafana/data';
import { GlobalStyles, ThemeContext } from '@grafana/ui';
import type { HostStateJson, QueryJson } from '../support/hostApi';
import { runQueries } from './dashboardScene';

export type AnyDataSource = DataSourceApi<DataQuery>;
export type AnyDataSourcePlugin = DataSourcePlugin<AnyDataSource>;

export const theme = getThemeById('dark');
/** The query editor's time range: the last hour, as a new panel's. */
const RANGE = { from: 'now-1h', to: 'now' };

/** What the editors did, for the tests (part of HostStateJson). */
export const editorState: Pick<HostStateJson, 'editorErrors' | 'lastOptions' | 'lastQuery' | 'runQueryCount'> = {
  editorErrors: [],
  lastOptions: null,
  lastQuery: null,
  runQueryCount: 0,
};

/** Catches what an editor throws while rendering: Grafana shows such errors in place of the editor. */
class EditorErrorBoundary extends Component<{ children: ReactNode }, { error?: Error }> {
  state: { error?: Error } = {};

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  componentDidCatch(error: Error, info: ErrorInfo) {
    editorState.editorErrors.push(`${error.message}\n${info.componentStack ?? ''}`);
  }

  render() {
    return this.state.error ? (
      <div data-testid="host-editor-error">Editor failed: {this.state.error.message}</div>
    ) : (
      this.props.children
    );
  }
}

export function Frame({ children, testId = 'host-editor' }: { children: ReactNode; testId?: string }) {
  const style = { padding: theme.spacing(2), background: theme.colors.background.primary, minHeight: '100vh' };
  return (
    <ThemeContext.Provider value={theme}>
      <GlobalStyles />
      <div data-testid={testId} style={style}>
        <EditorErrorBoundary>{children}</EditorErrorBoundary>
      </div>
    </ThemeContext.Provider>
  );
}

export function ConfigEditorHost({ plugin, initial }: { plugin: AnyDataSourcePlugin; initial: DataSourceSettings }) {
  const Editor = plugin.components.ConfigEditor!;
  const [options, setOptions] = useState(initial);
  const onOptionsChange = (next: DataSourceSettings) => {
    editorState.lastOptions = next as unknown as HostStateJson['lastOptions'];
    setOptions(next);
  };
  return <Editor options={options} onOptionsChange={onOptionsChange} />;
}

export function QueryEditorHost({
  ds,
  plugin,
  initial,
}: {
  ds: AnyDataSource;
  plugin: AnyDataSourcePlugin;
  initial: DataQuery;
}) {
  const Editor = plugin.components.QueryEditor!;
  const [query, setQuery] = useState(initial);
  const latest = useRef(initial);
  const [data, setData] = useState<PanelData | undefined>();
  const onRunQuery = () => {
    editorState.runQueryCount++;
    runQueries([latest.current], ds, RANGE).then(setData);
  };
  const onChange = (q: DataQuery) => {
    editorState.lastQuery = q as QueryJson;
    latest.current = q;
    setQuery(q);
  };
  return (
    <Editor
      {...{ datasource: ds, query, queries: [query], onChange, onRunQuery, data, app: CoreApp.PanelEditor }}
      range={rangeUtil.convertRawToRange(RANGE)}
    />
  );
}
