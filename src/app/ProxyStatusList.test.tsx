import React from 'react';
import { render, screen } from '@testing-library/react';
import { config } from '@grafana/runtime';
import { of, throwError } from 'rxjs';
import { ProxyStatusList } from './ProxyStatusList';

const fetch = jest.fn();
const getList = jest.fn();
jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getBackendSrv: () => ({ fetch }),
  getDataSourceSrv: () => ({ getList }),
  config: { appSubUrl: '' },
}));

describe('ProxyStatusList', () => {
  beforeEach(() => {
    fetch.mockReset();
    getList.mockReset();
  });

  it("asks each Switchboard datasource's proxy through its route and shows whether it answers", async () => {
    getList.mockReturnValue([
      { uid: 'a', name: 'Connect prod' },
      { uid: 'b', name: 'Connect lab' },
    ]);
    fetch.mockImplementation(({ url }: { url: string }) =>
      url.includes('/uid/a/') ? of({ data: { status: 'ok' } }) : throwError(() => ({ status: 502 }))
    );
    render(<ProxyStatusList />);
    expect(await screen.findByText('Connect prod')).toBeInTheDocument();
    expect(screen.getByText('proxy answers')).toBeInTheDocument();
    expect(screen.getByText('proxy unreachable')).toBeInTheDocument();
    expect(screen.getByText(/Grafana cannot reach the proxy/)).toBeInTheDocument();
    expect(getList).toHaveBeenCalledWith({ pluginId: 'switchboard-connect-datasource' });
    expect(fetch.mock.calls.map((c) => c[0].url)).toEqual([
      '/api/datasources/proxy/uid/a/switchboard/healthz',
      '/api/datasources/proxy/uid/b/switchboard/healthz',
    ]);
  });

  it("links each datasource's settings under Grafana's sub-path (root_url with a path)", async () => {
    config.appSubUrl = '/grafana';
    try {
      getList.mockReturnValue([{ uid: 'a', name: 'Connect prod' }]);
      fetch.mockReturnValue(of({ data: { status: 'ok' } }));
      render(<ProxyStatusList />);
      expect((await screen.findByText('Connect prod')).closest('a')).toHaveAttribute(
        'href',
        '/grafana/connections/datasources/edit/a'
      );
      getList.mockReturnValue([]);
      render(<ProxyStatusList />);
      expect((await screen.findByText('Add a datasource')).closest('a')).toHaveAttribute(
        'href',
        '/grafana/connections/datasources/new'
      );
    } finally {
      config.appSubUrl = '';
    }
  });

  it('tells how to add a datasource when there is none', async () => {
    getList.mockReturnValue([]);
    render(<ProxyStatusList />);
    expect(await screen.findByText('No Switchboard datasource yet')).toBeInTheDocument();
    expect(screen.getByText('Add a datasource').closest('a')).toHaveAttribute('href', '/connections/datasources/new');
  });
});
