import React, { useState } from 'react';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { setTemplateSrv, type TemplateSrv } from '@grafana/runtime';
import { CustomVariable, EmbeddedScene, SceneFlexLayout, SceneVariableSet } from '@grafana/scenes';
import { sceneTemplateSrv, setActiveScene } from '../../../test/browser/page/sceneTemplateSrv';
import type { ResourceItem, SwitchboardOptions } from '../types';

/** Helpers of the editor tests: a fake datasource (only its resource lists) and the real Grafana Select driven. */

type Lists = Record<string, ResourceItem[] | ((params: Record<string, string | undefined>) => ResourceItem[])>;

export function fakeDatasource(lists: Lists = {}, jsonData: SwitchboardOptions = {}) {
  const resources = jest.fn(async (kind: string, params: Record<string, string | undefined> = {}) => {
    const list = lists[kind];
    return typeof list === 'function' ? list(params) : (list ?? []);
  });
  return { api: { resources }, instanceSettings: { jsonData } };
}

export const item = (value: string, text = value, extra: Record<string, unknown> = {}): ResourceItem => ({
  value,
  text,
  ...extra,
});

/**
 * Renders an editor with its query held in state (as Grafana's panel editor does), recording every onChange.
 */
export function renderControlled<Q>(initial: Q, ui: (query: Q, onChange: (q: Q) => void) => React.ReactElement) {
  const onChange = jest.fn<void, [Q]>();
  function Host() {
    const [query, setQuery] = useState(initial);
    return ui(query, (next) => {
      onChange(next);
      setQuery(next);
    });
  }
  const result = render(<Host />);
  return { ...result, onChange, last: (): Q => onChange.mock.calls[onChange.mock.calls.length - 1][0] };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The input of the Select (or other combobox) of the field labelled `label`. A Grafana Field's label holds its
 * description too, hence the prefix match; radio buttons with the same words are not comboboxes.
 */
export function combobox(label: string): HTMLElement {
  const matches = screen
    .getAllByLabelText(new RegExp(`^${escape(label)}`))
    .filter((el) => el.getAttribute('role') === 'combobox');
  if (matches.length !== 1) {
    throw new Error(`${matches.length} comboboxes labelled ${label}`);
  }
  return matches[0];
}

let lastOpened: HTMLElement | undefined;

/** Opens the menu of the Select of the field labelled `label` (or the given input). */
export function openMenu(target: string | HTMLElement): HTMLElement {
  const input = typeof target === 'string' ? combobox(target) : target;
  // one menu at a time, as in a browser where opening one blurs the other
  if (lastOpened && lastOpened !== input && lastOpened.isConnected) {
    fireEvent.keyDown(lastOpened, { key: 'Escape' });
  }
  lastOpened = input;
  fireEvent.keyDown(input, { key: 'ArrowDown' });
  return screen.getByLabelText('Select options menu');
}

/** The option of the open menu whose label is `label` (its description is inside it too). */
export function option(label: string): HTMLElement {
  const menu = screen.getByLabelText('Select options menu');
  const match = within(menu)
    .getAllByRole('option')
    .find((o) => o.querySelector('span')?.textContent === label);
  if (!match) {
    throw new Error(
      `No option ${label} in ${within(menu)
        .getAllByRole('option')
        .map((o) => o.querySelector('span')?.textContent)
        .join(', ')}`
    );
  }
  return match;
}

/** Opens the Select labelled `label` and clicks the option `optionLabel`. */
export function pick(label: string | HTMLElement, optionLabel: string) {
  openMenu(label);
  fireEvent.click(option(optionLabel));
}

/**
 * Clears a clearable single-value Select with Backspace (the test SVG mock drops the clear icon's handlers, as a
 * keyboard user would not need them).
 */
export function clearSelect(label: string) {
  fireEvent.keyDown(combobox(label), { key: 'Backspace' });
}

/** Removes one chosen value (shown as `text`) of a MultiSelect. */
export function removeValue(label: string, text: string) {
  const values = combobox(label).closest('[class*="grafana-select-value-container"]')!;
  const chip = within(values as HTMLElement).getByText(text).parentElement!;
  fireEvent.click(within(chip).getByRole('button', { name: 'Remove' }));
}

/** Types a custom value into a Select that allows them and confirms it. */
export function typeCustom(label: string | HTMLElement, value: string) {
  const input = typeof label === 'string' ? combobox(label) : label;
  fireEvent.change(input, { target: { value } });
  fireEvent.keyDown(input, { key: 'Enter' });
}

export interface DashboardVariable {
  name: string;
  /** Current value: one value, several (multi-value), or '$__all'. */
  current: string | string[];
  /** Every value the variable offers (what "All" stands for without a custom all value). */
  options?: string[];
  /** The variable's custom all value, e.g. "*". */
  allValue?: string;
}

/**
 * A dashboard with these variables as Grafana 12+ holds them (@grafana/scenes' CustomVariable: multi-value, All, a
 * custom all value) made the active scene, and the TemplateSrv a scenes dashboard gives plugins set as Grafana sets
 * it (setTemplateSrv): replace() is scenes' own interpolation (test/browser/page/sceneTemplateSrv.ts, shared with the
 * browser layer). Returns that TemplateSrv.
 */
export function dashboardVariables(variables: DashboardVariable[] = []): TemplateSrv {
  const scene = new EmbeddedScene({
    $variables: new SceneVariableSet({
      variables: variables.map((v) => {
        const values = Array.isArray(v.current) ? v.current : [v.current];
        const all = values.includes(ALL);
        return new CustomVariable({
          name: v.name,
          query: (v.options ?? values).map((o) => o.replace(/,/g, '\\,')).join(','),
          value: v.current,
          text: v.current,
          isMulti: Array.isArray(v.current) || all,
          includeAll: all,
          allValue: v.allValue,
        });
      }),
    }),
    body: new SceneFlexLayout({ children: [] }),
  });
  scene.activate();
  setActiveScene(scene);
  setTemplateSrv(sceneTemplateSrv);
  return sceneTemplateSrv;
}

const ALL = '$__all';
