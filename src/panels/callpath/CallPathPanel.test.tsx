import React from 'react';
import { render, screen, waitFor, within } from '@testing-library/react';
import { LoadingState, type DataQueryRequest, type PanelOptionsEditorBuilder } from '@grafana/data';
import { of, throwError } from 'rxjs';
import { panelProps } from '../queuewall/testPanelProps';
import { CallPathPanel } from './CallPathPanel';
import { DATASOURCE_TYPE } from './connectorNames';
import { DEFAULT_OPTIONS, type CallPathOptions } from './options';
import { buildOptions } from './panelOptions';
import { cloudwatchFrame, connectorFrames, healthyMetrics } from './testFrames';

const fetch = jest.fn();
jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getBackendSrv: () => ({ fetch }),
}));

type Props = ReturnType<typeof panelProps<CallPathOptions>>;

function renderPanel(series: Props['data']['series'], extra: Parameters<typeof panelProps>[2] = {}, request?: object) {
  const props = panelProps<CallPathOptions>(DEFAULT_OPTIONS, series, extra);
  if (request) {
    props.data = { ...props.data, request: request as DataQueryRequest };
  }
  return render(<CallPathPanel {...props} />);
}

const connector = (key: string) =>
  screen.getAllByTestId('callpath-connector').find((c) => c.getAttribute('data-connector') === key)!;
const leg = (key: string, id: string) =>
  within(connector(key))
    .getAllByTestId('callpath-leg')
    .find((l) => l.getAttribute('data-leg') === id)!;
/** The values printed for a leg (jitter, loss) or a side (MOS, RTT), with their severities. */
const legValues = (key: string, id: string) =>
  within(
    within(connector(key))
      .getAllByTestId('callpath-leg-values')
      .find((l) => l.getAttribute('data-leg') === id)!
  )
    .getAllByTestId('callpath-value')
    .map((v) => [v.lastElementChild!.textContent, v.getAttribute('data-severity')]);
const sideValues = (key: string, side: string) =>
  within(
    within(connector(key))
      .getAllByTestId('callpath-side')
      .find((s) => s.getAttribute('data-side') === side)!
  )
    .getAllByTestId('callpath-value')
    .filter((v) => ['mos', 'rttMs'].includes(v.getAttribute('data-quality')!))
    .map((v) => [v.lastElementChild!.textContent, v.getAttribute('data-severity')]);

describe('CallPathPanel', () => {
  beforeEach(() => {
    fetch.mockReset();
    fetch.mockReturnValue(of({ data: [] }));
  });

  it('draws a diagram per connector with every leg and side judged', () => {
    const degraded = healthyMetrics();
    degraded.VcToRemoteJitter = [5000, 5000, 42_000]; // 42 ms: warn
    degraded.RemoteToVcRtpPackets = [8991, 8991, 8640]; // 8,640 of 9,000 expected: 4 %, alert
    degraded.MOSBetweenVcAndRemote = [4.3, 4.3, 3.6]; // warn
    renderPanel([...connectorFrames('vc-a', healthyMetrics()), ...connectorFrames('vc-b', degraded)]);

    // alerts first (the default order)
    expect(screen.getAllByTestId('callpath-connector').map((c) => c.getAttribute('data-severity'))).toEqual([
      'alert',
      'ok',
    ]);
    expect(within(connector('vc-a')).getByText('vc-a')).toBeInTheDocument();
    expect(within(connector('vc-a')).getByTestId('callpath-badge')).toHaveTextContent('OK');
    expect(within(connector('vc-b')).getByTestId('callpath-badge')).toHaveTextContent('Alert');
    for (const name of ['Customer', 'Voice Connector', 'Remote end']) {
      expect(within(connector('vc-a')).getByText(name)).toBeInTheDocument();
    }

    expect(legValues('vc-a', 'CustomerToVc')).toEqual([
      ['5.0 ms', 'ok'],
      ['0.10 %', 'ok'],
    ]);
    expect(sideValues('vc-a', 'customer')).toEqual([
      ['4.30', 'ok'],
      ['40 ms', 'ok'],
    ]);
    expect(legValues('vc-b', 'VcToRemote')).toEqual([
      ['42.0 ms', 'warn'],
      ['0.10 %', 'ok'],
    ]);
    expect(legValues('vc-b', 'RemoteToVc')).toEqual([
      ['5.0 ms', 'ok'],
      ['4.00 %', 'alert'],
    ]);
    expect(sideValues('vc-b', 'remote')).toEqual([
      ['3.60', 'warn'],
      ['40 ms', 'ok'],
    ]);
    expect(leg('vc-b', 'VcToRemote')).toHaveAttribute('data-severity', 'warn');
    expect(leg('vc-b', 'RemoteToVc')).toHaveAttribute('data-severity', 'alert');
    expect(leg('vc-b', 'CustomerToVc')).toHaveAttribute('data-severity', 'ok');
    expect(leg('vc-b', 'RemoteToVc')).toHaveAccessibleName('remote end → Voice Connector: Alert');
  });

  it('shows a dash for a metric the queries do not return, and says how many are missing', () => {
    const m = healthyMetrics();
    delete m.RTTBetweenVcAndCustomer;
    delete m.VcToCustomerJitter;
    renderPanel(connectorFrames('vc-a', m));
    expect(sideValues('vc-a', 'customer')).toEqual([
      ['4.30', 'ok'],
      ['–', 'nodata'],
    ]);
    expect(legValues('vc-a', 'VcToCustomer')).toEqual([
      ['–', 'nodata'],
      ['0.10 %', 'ok'],
    ]);
    expect(screen.getByTestId('callpath-missing')).toHaveTextContent('2 of 14 metrics missing');
    // The values that are there still decide the badge.
    expect(connector('vc-a')).toHaveAttribute('data-severity', 'ok');
  });

  it('says which queries it needs when there is no data', () => {
    renderPanel([]);
    expect(screen.getByText('No Voice Connector data')).toBeInTheDocument();
    const status = screen.getByRole('status');
    expect(status).toHaveTextContent('AWS/ChimeVoiceConnector');
    expect(status).toHaveTextContent('VoiceConnectorId = *');
    expect(status).toHaveTextContent('MOSBetweenVcAndCustomer');
    expect(status).toHaveTextContent('RemoteToVcRtpPackets');
    expect(status).toHaveTextContent('OutboundCallsActive with statistic Average');
  });

  it('names the series that are not call path metrics', () => {
    renderPanel([cloudwatchFrame('CustomerToVcPacketsLost', 'vc-a', [3], { label: 'CustomerToVcPacketsLost' })]);
    expect(screen.getByTestId('callpath-unrecognized')).toHaveTextContent('CustomerToVcPacketsLost');
  });

  // fact: chime-packets-lost-cumulative: loss needs the calls in progress.
  it('shows a dash for loss, and says the calls in progress are missing, rather than 0 %', () => {
    const m = healthyMetrics();
    delete m.InboundCallsActive;
    delete m.OutboundCallsActive;
    renderPanel(connectorFrames('vc-a', m));
    for (const id of ['CustomerToVc', 'VcToCustomer', 'RemoteToVc', 'VcToRemote']) {
      expect(legValues('vc-a', id)).toEqual([
        ['5.0 ms', 'ok'],
        ['–', 'nodata'],
      ]);
    }
    expect(screen.getByTestId('callpath-missing')).toHaveTextContent('2 of 14 metrics missing');
    expect(screen.queryByText('0.00 %')).toBeNull();
  });

  it('asks for the VoiceConnectorId dimension when the series have none', () => {
    renderPanel([cloudwatchFrame('CustomerToVcJitter', 'x', [1000], { noLabels: true })]);
    expect(screen.getByRole('alert')).toHaveTextContent('The series have no VoiceConnectorId');
  });

  it('shows the error of a failed query', () => {
    renderPanel([], {
      state: LoadingState.Error,
      errors: [{ refId: 'A', message: 'CloudWatch refused GetMetricData: AccessDenied' }],
    });
    expect(screen.getByRole('alert')).toHaveTextContent('The query failed');
    expect(screen.getByRole('alert')).toHaveTextContent('A: CloudWatch refused GetMetricData: AccessDenied');
  });

  it('keeps the diagrams and shows the error when only some queries failed', () => {
    const m = healthyMetrics();
    delete m.MOSBetweenVcAndRemote;
    renderPanel(connectorFrames('vc-a', m), { errors: [{ refId: 'M2', message: 'Throttled by CloudWatch' }] });
    expect(screen.getByTestId('callpath-errors')).toHaveTextContent('M2: Throttled by CloudWatch');
    expect(sideValues('vc-a', 'remote')[0]).toEqual(['–', 'nodata']);
  });

  it('shows a loading state before the first answer', () => {
    renderPanel([], { state: LoadingState.Loading });
    expect(screen.getByText('Loading Voice Connector metrics…')).toBeInTheDocument();
  });

  it('titles a connector with its name from the proxy’s list, through the queries’ datasource and Region', async () => {
    fetch.mockImplementation(({ url, params }: { url: string; params: Record<string, string> }) =>
      url === '/api/datasources/proxy/uid/sw/switchboard/api/resources/voice-connectors' &&
      params.region === 'eu-west-2'
        ? of({ data: [{ value: 'vc-a', text: 'London SBC' }] })
        : throwError(() => ({ status: 500 }))
    );
    renderPanel(
      connectorFrames('vc-a', healthyMetrics()),
      {},
      {
        targets: [
          {
            refId: 'A',
            datasource: { type: DATASOURCE_TYPE, uid: 'sw' },
            queryType: 'cloudwatch',
            namespace: 'AWS/ChimeVoiceConnector',
            region: 'eu-west-2',
          },
        ],
      }
    );
    expect(await within(connector('vc-a')).findByText('London SBC')).toBeInTheDocument();
    // The id stays visible under the name: it is what AWS's consoles and logs show.
    expect(within(connector('vc-a')).getByText('vc-a')).toBeInTheDocument();
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('keeps the id as title when the names cannot be had', async () => {
    fetch.mockReturnValue(throwError(() => ({ status: 502 })));
    renderPanel(
      connectorFrames('vc-a', healthyMetrics()),
      {},
      {
        targets: [
          {
            refId: 'A',
            datasource: { type: DATASOURCE_TYPE, uid: 'sw' },
            queryType: 'cloudwatch',
            namespace: 'AWS/ChimeVoiceConnector',
          },
        ],
      }
    );
    await waitFor(() => expect(fetch).toHaveBeenCalled());
    expect(within(connector('vc-a')).getByText('vc-a')).toBeInTheDocument();
  });

  it('migrates hand-written options on render', () => {
    const props = panelProps(
      { thresholds: { jitter: { warn: '4' } } } as unknown as CallPathOptions,
      connectorFrames('vc-a', healthyMetrics())
    );
    render(<CallPathPanel {...props} />);
    expect(legValues('vc-a', 'CustomerToVc')[0]).toEqual(['5.0 ms', 'warn']);
  });
});

describe('panel options', () => {
  it('offers every option with the defaults of DEFAULT_OPTIONS', () => {
    // Grafana's builder needs the app's editor registry; a recording stand-in checks what is asked of it.
    const defaults: Record<string, unknown> = {};
    const record = (item: { path: string; defaultValue?: unknown }) => {
      defaults[item.path] = item.defaultValue;
      return builder;
    };
    const builder = { addRadio: record, addNumberInput: record, addSliderInput: record };
    buildOptions(builder as unknown as PanelOptionsEditorBuilder<CallPathOptions>);
    expect(defaults).toEqual({
      reducer: 'last',
      'thresholds.mos.warn': 3.8,
      'thresholds.mos.alert': 3.5,
      'thresholds.jitterMs.warn': 30,
      'thresholds.jitterMs.alert': 50,
      'thresholds.lossPercent.warn': 1,
      'thresholds.lossPercent.alert': 3,
      'thresholds.rttMs.warn': 150,
      'thresholds.rttMs.alert': 300,
      sortBy: DEFAULT_OPTIONS.sortBy,
      diagramMinWidth: DEFAULT_OPTIONS.diagramMinWidth,
      fontScale: DEFAULT_OPTIONS.fontScale,
      'viewing.mode': 'panel',
      'viewing.distanceM': 3,
      'viewing.screenInches': 55,
    });
  });
});
