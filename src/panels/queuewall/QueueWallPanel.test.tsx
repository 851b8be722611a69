import React from 'react';
import { act, render, screen, within } from '@testing-library/react';
import { LoadingState } from '@grafana/data';
import { DEFAULT_OPTIONS, type QueueWallOptions } from './options';
import { QueueWallPanel } from './QueueWallPanel';
import { realtimeFrame, type QueueValues } from './testFrames';
import { panelProps } from './testPanelProps';

const T0 = Date.parse('2026-11-18T19:05:00Z');

const q = (queue: string, inQueue: number, oldest: number, available: number, online = 5): QueueValues => ({
  queue,
  id: `q-${queue.toLowerCase()}`,
  CONTACTS_IN_QUEUE: inQueue,
  OLDEST_CONTACT_AGE: oldest,
  AGENTS_AVAILABLE: available,
  AGENTS_ONLINE: online,
});

function renderPanel(rows: QueueValues[], options: Partial<QueueWallOptions> = {}, snapshotTime = T0) {
  const props = panelProps({ ...DEFAULT_OPTIONS, ...options }, [realtimeFrame(rows, { snapshotTime })]);
  const result = render(<QueueWallPanel {...props} />);
  const rerenderWith = (next: QueueValues[], nextSnapshot: number) =>
    result.rerender(
      <QueueWallPanel
        {...props}
        data={{ ...props.data, series: [realtimeFrame(next, { snapshotTime: nextSnapshot })] }}
      />
    );
  return { ...result, rerenderWith };
}

const tiles = () => screen.getAllByTestId('queuewall-tile');
const tile = (name: string) => tiles().find((t) => t.getAttribute('data-queue') === name)!;
const metric = (name: string, field: string) =>
  within(tile(name))
    .getAllByTestId('queuewall-metric')
    .find((m) => m.getAttribute('data-field') === field)!;
const shown = (name: string, field: string) => metric(name, field).lastElementChild!.textContent;
const advance = (ms: number) => act(() => jest.advanceTimersByTime(ms));

describe('QueueWallPanel', () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: T0 });
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('shows a tile per queue, worst first, with the rule of each metric judged', () => {
    renderPanel([q('Sales', 0, 0, 3), q('Billing', 6, 42, 2), q('Tech', 12, 200, 0)]);
    expect(tiles().map((t) => [t.getAttribute('data-queue'), t.getAttribute('data-status')])).toEqual([
      ['Tech', 'alert'],
      ['Billing', 'warn'],
      ['Sales', 'ok'],
    ]);
    expect(within(tile('Billing')).getByText('Billing')).toBeInTheDocument();
    expect(within(tile('Billing')).getByText('In queue')).toBeInTheDocument();
    expect(shown('Billing', 'CONTACTS_IN_QUEUE')).toBe('6');
    expect(metric('Billing', 'CONTACTS_IN_QUEUE')).toHaveAttribute('data-severity', 'warn');
    expect(shown('Tech', 'OLDEST_CONTACT_AGE')).toBe('3:20');
    expect(metric('Tech', 'AGENTS_AVAILABLE')).toHaveAttribute('data-severity', 'warn');
    // the big number is the worst metric (the first of Tech's two alerts; Billing's warning, not its ok oldest)
    expect(metric('Tech', 'CONTACTS_IN_QUEUE')).toHaveAttribute('data-hero', 'true');
    expect(metric('Billing', 'CONTACTS_IN_QUEUE')).toHaveAttribute('data-hero', 'true');
    // marked by an icon, not colour alone
    expect(metric('Tech', 'OLDEST_CONTACT_AGE').lastElementChild).toHaveAttribute('data-alarm', 'alert');
    // one focus stop per tile, named with its status and alarms
    expect(tile('Tech')).toHaveAttribute('tabindex', '0');
    expect(tile('Tech')).toHaveAccessibleName('Tech: Alert; in alarm: In queue alert, Oldest alert, Available warning');
    expect(tile('Sales')).toHaveAccessibleName('Sales: OK');
  });

  it('the oldest age counts every second while contacts wait, and not for an empty queue', () => {
    renderPanel([q('Billing', 2, 90, 2), q('Sales', 0, 0, 3)]);
    expect(shown('Billing', 'OLDEST_CONTACT_AGE')).toBe('1:30');
    expect(metric('Billing', 'OLDEST_CONTACT_AGE')).toHaveAttribute('data-ticking', 'true');
    advance(1000);
    expect(shown('Billing', 'OLDEST_CONTACT_AGE')).toBe('1:31');
    advance(4000);
    expect(shown('Billing', 'OLDEST_CONTACT_AGE')).toBe('1:35');
    expect(shown('Sales', 'OLDEST_CONTACT_AGE')).toBe('0:00');
    expect(metric('Sales', 'OLDEST_CONTACT_AGE')).not.toHaveAttribute('data-ticking');
  });

  it('a new snapshot restarts from the new value', () => {
    const { rerenderWith } = renderPanel([q('Billing', 2, 90, 2)]);
    advance(8000);
    expect(shown('Billing', 'OLDEST_CONTACT_AGE')).toBe('1:38');
    // the oldest contact was answered: the next one has waited 20 s at the new snapshot
    rerenderWith([q('Billing', 1, 20, 2)], T0 + 8000);
    expect(shown('Billing', 'OLDEST_CONTACT_AGE')).toBe('0:20');
    advance(3000);
    expect(shown('Billing', 'OLDEST_CONTACT_AGE')).toBe('0:23');
    // the queue emptied: no counting
    rerenderWith([q('Billing', 0, 0, 2)], T0 + 11_000);
    advance(5000);
    expect(shown('Billing', 'OLDEST_CONTACT_AGE')).toBe('0:00');
  });

  it('a counting age crosses its threshold between refreshes: the tile turns to alert and moves up', () => {
    // Sales: ten contacts (alert); Billing one contact waiting 2:55 (warn)
    renderPanel([q('Sales', 10, 20, 3), q('Billing', 1, 175, 2)]);
    expect(tiles().map((t) => [t.getAttribute('data-queue'), t.getAttribute('data-status')])).toEqual([
      ['Sales', 'alert'],
      ['Billing', 'warn'],
    ]);
    advance(5000);
    expect(shown('Billing', 'OLDEST_CONTACT_AGE')).toBe('3:00');
    // the panel wakes at the crossing (its timer is set by an effect, which act runs after the advance)
    advance(1);
    // two alerts: the older contact first
    expect(tiles().map((t) => [t.getAttribute('data-queue'), t.getAttribute('data-status')])).toEqual([
      ['Billing', 'alert'],
      ['Sales', 'alert'],
    ]);
  });

  it('showTicking off: the age stays as Connect answered', () => {
    renderPanel([q('Billing', 2, 90, 2)], { showTicking: false });
    advance(5000);
    expect(shown('Billing', 'OLDEST_CONTACT_AGE')).toBe('1:30');
  });

  it('a metric the answer lacks reads "no data", not 0', () => {
    renderPanel([{ queue: 'Billing', CONTACTS_IN_QUEUE: 1, OLDEST_CONTACT_AGE: 4, AGENTS_ONLINE: 3 }]);
    expect(shown('Billing', 'AGENTS_AVAILABLE')).toBe('no data');
    expect(metric('Billing', 'AGENTS_AVAILABLE')).toHaveAttribute('data-severity', 'nodata');
  });

  it('quiet queues are dimmed at the end, or hidden; all hidden says so', () => {
    const { unmount } = renderPanel([q('Closed', 0, 0, 0, 0), q('Billing', 1, 4, 2)]);
    expect(tiles().map((t) => [t.getAttribute('data-queue'), t.getAttribute('data-status')])).toEqual([
      ['Billing', 'ok'],
      ['Closed', 'quiet'],
    ]);
    unmount();
    renderPanel([q('Closed', 0, 0, 0, 0)], { hideQuiet: true });
    expect(screen.queryByTestId('queuewall-tile')).not.toBeInTheDocument();
    expect(screen.getByText('Every queue is quiet: no contacts and no agents')).toBeInTheDocument();
  });

  it('says when the data is stale and stops counting', () => {
    renderPanel([q('Billing', 2, 90, 2)], {}, T0 - 15 * 60_000);
    expect(screen.getByTestId('queuewall-stale')).toHaveTextContent('STALE 15 min — last snapshot 18:50');
    expect(shown('Billing', 'OLDEST_CONTACT_AGE')).toBe('1:30');
    // the tile is greyed, its age marked as frozen
    expect(tile('Billing')).toHaveAttribute('data-stale', 'true');
    expect(metric('Billing', 'OLDEST_CONTACT_AGE')).toHaveAttribute('data-frozen', 'true');
    expect(metric('Billing', 'OLDEST_CONTACT_AGE').firstElementChild).toHaveTextContent('Oldest (frozen)');
  });

  it('a failed refresh keeps the last tiles, greyed, under a banner that says since when and why', () => {
    const props = panelProps(DEFAULT_OPTIONS, [realtimeFrame([q('Billing', 2, 90, 2)], { snapshotTime: T0 })]);
    const { rerender } = render(<QueueWallPanel {...props} />);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    const message =
      'Grafana could not reach the Switchboard proxy (502): check the proxy URL and that the proxy is running.';
    rerender(
      <QueueWallPanel
        {...props}
        data={{ ...props.data, state: LoadingState.Error, series: [], errors: [{ message, status: 502 }] }}
      />
    );
    expect(screen.getByTestId('queuewall-failed')).toHaveTextContent('NO DATA since 19:05 — proxy unreachable');
    expect(screen.getByTestId('queuewall-failed')).toHaveTextContent(message);
    expect(tile('Billing')).toHaveAttribute('data-stale', 'true');
  });

  it('no rows: the no-data message names the grouping to check', () => {
    render(<QueueWallPanel {...panelProps(DEFAULT_OPTIONS, [realtimeFrame([])])} />);
    expect(screen.getByText('No queues in the answer: check the query groups by QUEUE')).toBeInTheDocument();
  });

  it('rows without a Queue column: says to group by QUEUE in table format', () => {
    const frame = realtimeFrame([{ queue: 'Billing', CONTACTS_IN_QUEUE: 1 }]);
    frame.fields = frame.fields.filter((f) => f.name !== 'Queue');
    render(<QueueWallPanel {...panelProps(DEFAULT_OPTIONS, [frame])} />);
    expect(screen.getByRole('alert')).toHaveTextContent('The answer has no Queue column');
    expect(screen.getByRole('alert')).toHaveTextContent('Group the real-time query by QUEUE and use the Table format.');
  });

  it('a failed query: its message, large', () => {
    const props = panelProps(DEFAULT_OPTIONS, [], {
      state: LoadingState.Error,
      errors: [{ refId: 'A', message: 'The Switchboard proxy refused the request (401)' }],
    });
    render(<QueueWallPanel {...props} />);
    expect(screen.getByRole('alert')).toHaveTextContent('The query failed');
    expect(screen.getByRole('alert')).toHaveTextContent('The Switchboard proxy refused the request (401)');
  });

  it('one query failed while another answered: the tiles stay, a line names the failed query', () => {
    const props = panelProps(DEFAULT_OPTIONS, [realtimeFrame([q('Billing', 2, 90, 2)], { snapshotTime: T0 })], {
      state: LoadingState.Error,
      errors: [{ refId: 'B', message: 'filters: filter by at least one queue or one routing profile' }],
    });
    render(<QueueWallPanel {...props} />);
    expect(tiles().map((t) => t.getAttribute('data-queue'))).toEqual(['Billing']);
    expect(screen.getByTestId('queuewall-query-error')).toHaveTextContent(
      'Query B: filters: filter by at least one queue or one routing profile'
    );
    // the grid gives the banner its room: together they fit the panel
    const banner = parseFloat(screen.getByTestId('queuewall-query-error').style.height);
    expect(parseFloat(screen.getByTestId('queuewall-grid').style.height) + banner).toBeLessThanOrEqual(600);
  });

  it('several failed queries and no rows: each message, by query', () => {
    const props = panelProps(DEFAULT_OPTIONS, [], {
      state: LoadingState.Error,
      errors: [
        { refId: 'A', message: 'instanceId: unknown instance' },
        { refId: 'B', message: 'Throttled by Connect' },
      ],
    });
    render(<QueueWallPanel {...props} />);
    expect(screen.getByRole('alert')).toHaveTextContent('Query A: instanceId: unknown instance');
    expect(screen.getByRole('alert')).toHaveTextContent('Query B: Throttled by Connect');
  });

  it('loading without data yet', () => {
    render(<QueueWallPanel {...panelProps(DEFAULT_OPTIONS, [], { state: LoadingState.Loading })} />);
    expect(screen.getByText(/Loading queues/)).toBeInTheDocument();
  });

  it('sizes tiles from the panel: larger panels, larger numbers', () => {
    const heroSize = (width: number, height: number) => {
      const props = panelProps(DEFAULT_OPTIONS, [realtimeFrame([q('Billing', 2, 90, 2), q('Sales', 1, 5, 2)])], {
        width,
        height,
      });
      const { unmount } = render(<QueueWallPanel {...props} />);
      const size = parseFloat(
        metric('Billing', 'CONTACTS_IN_QUEUE')
          .lastElementChild!.getAttribute('style')!
          .match(/font-size: ([\d.]+)px/)![1]
      );
      unmount();
      return size;
    };
    expect(heroSize(1600, 900)).toBeGreaterThan(heroSize(600, 300) * 2);
  });

  describe('at TV size (55″ from 3 m: 31 px names and values) with 160 queues on a 1888 × 1000 wallboard', () => {
    const TV: Partial<QueueWallOptions> = { viewing: { mode: 'tv', distanceM: 3, screenInches: 55 } };
    const wall = (alerts: number, warnings: number) => [
      ...Array.from({ length: alerts }, (_, i) => q(`Alert ${i + 1}`, 12, 200, 0)),
      ...Array.from({ length: warnings }, (_, i) => q(`Warning ${i + 1}`, 6, 30, 2)),
      ...Array.from({ length: 160 - alerts - warnings }, (_, i) => q(`Fine ${i + 1}`, 1, 5, 3)),
    ];
    const render160 = (alerts: number, warnings: number) =>
      render(
        <QueueWallPanel
          {...panelProps<QueueWallOptions>(
            { ...DEFAULT_OPTIONS, ...TV },
            [realtimeFrame(wall(alerts, warnings), { snapshotTime: T0 })],
            {
              width: 1888,
              height: 1000,
            }
          )}
        />
      );
    const statuses = () => tiles().map((t) => t.getAttribute('data-status'));
    const fontSizes = () =>
      Array.from(screen.getByTestId('queuewall-root').querySelectorAll<HTMLElement>('[style*="font-size"]')).map((e) =>
        parseFloat(e.style.fontSize)
      );

    it('14 exceptions fit at 31 px beside the summary: the distance’s sizes, no note', () => {
      render160(5, 9);
      expect(statuses().filter((s) => s === 'alert' || s === 'warn')).toHaveLength(14);
      expect(screen.getByTestId('queuewall-grid')).toHaveAttribute('data-text-floor', '31');
      expect(screen.getByTestId('queuewall-grid')).not.toHaveAttribute('data-scaled-from');
      expect(screen.queryByTestId('queuewall-summary-note')).not.toBeInTheDocument();
    });

    it('15 exceptions (the NOC wall’s 160-queue scenario): the text steps down until all 15 show, and says so', () => {
      render160(5, 10);
      expect(statuses().filter((s) => s === 'alert' || s === 'warn')).toHaveLength(15);
      expect(
        statuses()
          .slice(0, 15)
          .every((s) => s === 'alert' || s === 'warn')
      ).toBe(true);
      const grid = screen.getByTestId('queuewall-grid');
      expect(grid).toHaveAttribute('data-scaled-from', '31');
      const floor = Number(grid.getAttribute('data-text-floor'));
      expect(floor).toBeLessThan(31);
      expect(floor).toBeGreaterThanOrEqual(16);
      expect(Math.min(...fontSizes())).toBeGreaterThanOrEqual(16);
      const summary = screen.getByTestId('queuewall-summary');
      expect(summary).toHaveAttribute('data-hidden', String(160 - tiles().length));
      expect(summary.getAttribute('aria-label')).not.toMatch(/alert|warning/);
      expect(screen.getByTestId('queuewall-summary-note')).toHaveTextContent('Text scaled to fit 15 exceptions');
    });

    it('more exceptions than even 16 px can hold: every alert, then the warnings that fit; the summary names the rest', () => {
      render160(8, 40);
      const shownStatuses = statuses();
      expect(screen.getByTestId('queuewall-grid')).toHaveAttribute('data-text-floor', '16');
      expect(shownStatuses.filter((s) => s === 'alert')).toHaveLength(8);
      expect(shownStatuses.every((s) => s === 'alert' || s === 'warn')).toBe(true);
      const hiddenWarnings = 40 - shownStatuses.filter((s) => s === 'warn').length;
      expect(hiddenWarnings).toBeGreaterThan(0);
      expect(screen.getByTestId('queuewall-summary-lead')).toHaveTextContent(`${hiddenWarnings} warnings`);
      const names = screen.getByTestId('queuewall-summary-names').textContent!.split(', ');
      expect(names).toHaveLength(hiddenWarnings);
      expect(names.every((n) => n.startsWith('Warning '))).toBe(true);
      expect(screen.getByTestId('queuewall-summary').getAttribute('aria-label')).toContain(`not shown: ${names[0]}`);
      expect(screen.getByTestId('queuewall-summary-note')).toHaveTextContent('not every exception fits');
      expect(Math.min(...fontSizes())).toBeGreaterThanOrEqual(16);
    });
  });
});
