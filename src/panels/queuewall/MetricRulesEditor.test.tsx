import React, { useState } from 'react';
import { fireEvent, render, screen, within } from '@testing-library/react';
import type { StandardEditorContext } from '@grafana/data';
import { MetricRulesEditor } from './MetricRulesEditor';
import { DEFAULT_METRICS, type MetricRule, type QueueWallOptions } from './options';
import { realtimeFrame } from './testFrames';

function renderEditor(initial: MetricRule[]) {
  const changes: MetricRule[][] = [];
  const context = {
    data: [realtimeFrame([{ queue: 'Billing', CONTACTS_IN_QUEUE: 1, AGENTS_STAFFED: 3 }])],
  } as unknown as StandardEditorContext<QueueWallOptions>;
  function Host() {
    const [value, setValue] = useState(initial);
    return (
      <MetricRulesEditor
        value={value}
        context={context}
        item={{ id: 'tiles.metrics', name: 'Metrics' }}
        onChange={(next) => {
          changes.push(next ?? []);
          setValue(next ?? []);
        }}
      />
    );
  }
  render(<Host />);
  return { last: () => changes[changes.length - 1], changes };
}

const rules = () => screen.getAllByTestId('queuewall-rule');
/** The metric picker (a Combobox: an input showing the option's label). */
const metricInput = (rule: HTMLElement) => within(rule).getByRole('combobox');

// Combobox sizes its menu with a canvas's measureText; the scaffold's jest setup stubs getContext() to return
// nothing, so give it a context that measures 7 px per character.
const realGetContext = HTMLCanvasElement.prototype.getContext;
beforeAll(() => {
  HTMLCanvasElement.prototype.getContext = (() => ({
    font: '',
    measureText: (text: string) => ({ width: text.length * 7 }),
  })) as unknown as typeof realGetContext;
});
afterAll(() => {
  HTMLCanvasElement.prototype.getContext = realGetContext;
});

describe('MetricRulesEditor', () => {
  it('shows each rule: metric, label, direction and thresholds', () => {
    renderEditor(DEFAULT_METRICS);
    expect(rules()).toHaveLength(3);
    const [first, , third] = rules();
    expect(metricInput(first)).toHaveValue('In queue');
    expect(metricInput(first)).toHaveAccessibleName('Metric of rule 1');
    expect(within(first).getByLabelText('Warn')).toHaveValue(5);
    expect(within(first).getByLabelText('Alert')).toHaveValue(10);
    expect(metricInput(third)).toHaveValue('Available');
    expect(within(third).getByLabelText('Below')).toBeChecked();
  });

  it('changes thresholds on blur; an empty threshold is removed', () => {
    const { last } = renderEditor(DEFAULT_METRICS);
    const warn = within(rules()[0]).getByLabelText('Warn');
    fireEvent.change(warn, { target: { value: '2.5' } });
    fireEvent.blur(warn);
    expect(last()[0]).toEqual({ field: 'CONTACTS_IN_QUEUE', warn: 2.5, alert: 10, direction: 'above' });
    const alert = within(rules()[0]).getByLabelText('Alert');
    fireEvent.change(alert, { target: { value: '' } });
    fireEvent.blur(alert);
    expect(last()[0]).toEqual({ field: 'CONTACTS_IN_QUEUE', warn: 2.5, direction: 'above' });
    expect(last().slice(1)).toEqual(DEFAULT_METRICS.slice(1));
  });

  it('switches the direction and sets a label', () => {
    const { last } = renderEditor(DEFAULT_METRICS);
    fireEvent.click(within(rules()[1]).getByLabelText('Below'));
    expect(last()[1].direction).toBe('below');
    const label = within(rules()[1]).getByLabelText('Label of rule 2');
    fireEvent.change(label, { target: { value: 'Longest wait' } });
    fireEvent.blur(label);
    expect(last()[1]).toMatchObject({ field: 'OLDEST_CONTACT_AGE', label: 'Longest wait', direction: 'below' });
  });

  it('picks another metric from the list: the direction follows the metric', () => {
    const { last } = renderEditor(DEFAULT_METRICS);
    const input = metricInput(rules()[0]);
    fireEvent.click(input);
    fireEvent.change(input, { target: { value: 'Staffed' } });
    // the menu is virtualised (nothing to click in jsdom, which lays nothing out): choose with the keyboard
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    fireEvent.keyDown(input, { key: 'Enter' });
    // fewer staffed agents is worse: the rule turns to "below", its thresholds stay
    expect(last()[0]).toEqual({ field: 'AGENTS_STAFFED', warn: 5, alert: 10, direction: 'below' });
    expect(metricInput(rules()[0])).toHaveValue('Staffed');
  });

  it('adds a metric the rules do not use yet (from the data first), moves and removes rules', () => {
    const { last } = renderEditor(DEFAULT_METRICS);
    fireEvent.click(screen.getByRole('button', { name: /Add metric/ }));
    // the data's AGENTS_STAFFED comes before the catalogue; fewer staffed agents is worse
    expect(last()[3]).toEqual({ field: 'AGENTS_STAFFED', direction: 'below' });
    fireEvent.click(within(rules()[3]).getByRole('button', { name: 'Move up' }));
    expect(last().map((r) => r.field)).toEqual([
      'CONTACTS_IN_QUEUE',
      'OLDEST_CONTACT_AGE',
      'AGENTS_STAFFED',
      'AGENTS_AVAILABLE',
    ]);
    fireEvent.click(within(rules()[0]).getByRole('button', { name: 'Remove this metric' }));
    expect(last().map((r) => r.field)).toEqual(['OLDEST_CONTACT_AGE', 'AGENTS_STAFFED', 'AGENTS_AVAILABLE']);
    expect(within(rules()[0]).getByRole('button', { name: 'Move up' })).toBeDisabled();
  });
});
