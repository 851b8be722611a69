import React from 'react';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import type { DataSourceSettings } from '@grafana/data';
import { of } from 'rxjs';
import { DOCS_URL } from '../constants';
import type { SwitchboardOptions, SwitchboardSecureOptions } from '../types';
import { ConfigEditor } from './ConfigEditor';
import { pick, renderControlled, typeCustom } from './testUtils';

const fetch = jest.fn();
jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getBackendSrv: () => ({ fetch }),
}));

type Settings = DataSourceSettings<SwitchboardOptions, SwitchboardSecureOptions>;

function settings(
  jsonData: SwitchboardOptions = {},
  secureJsonFields: Record<string, boolean> = {},
  secureJsonData?: SwitchboardSecureOptions
): Settings {
  // `database` (deprecated, unused here) is left out
  return {
    id: 1,
    uid: 'sb-uid',
    orgId: 1,
    name: 'Connect',
    type: 'switchboard-connect-datasource',
    typeName: 'Amazon Connect (Switchboard)',
    typeLogoUrl: '',
    access: 'proxy',
    url: '',
    user: '',
    basicAuth: false,
    basicAuthUser: '',
    isDefault: false,
    readOnly: false,
    withCredentials: false,
    jsonData,
    secureJsonFields,
    secureJsonData,
  } as Omit<Settings, 'database'> as Settings;
}

function setup(options: Settings) {
  return renderControlled(options, (o, onOptionsChange) => (
    <ConfigEditor options={o} onOptionsChange={onOptionsChange} />
  ));
}

beforeEach(() => {
  fetch.mockReset();
  fetch.mockReturnValue(of({ data: [{ value: 'inst-1', text: 'contact-center' }] }));
});

describe('ConfigEditor', () => {
  it('links the docs', () => {
    setup(settings());
    expect(screen.getByText('Read the configuration docs').closest('a')).toHaveAttribute('href', DOCS_URL);
  });

  it('writes the proxy URL and validates it inline', () => {
    const { last } = setup(settings());
    const url = screen.getByRole('textbox', { name: /^Proxy URL/ });
    fireEvent.blur(url);
    expect(screen.getByText(/^Required\b/)).toBeInTheDocument();
    expect(url).toHaveAttribute('aria-invalid', 'true');
    fireEvent.change(url, { target: { value: 'switchboard-proxy:8080' } });
    expect(screen.getByText('Use http:// or https:// (got switchboard-proxy://)')).toBeInTheDocument();
    fireEvent.change(url, { target: { value: 'not a url' } });
    expect(screen.getByText(/^Not a URL/)).toBeInTheDocument();
    fireEvent.change(url, { target: { value: 'ftp://proxy' } });
    expect(screen.getByText('Use http:// or https:// (got ftp://)')).toBeInTheDocument();
    fireEvent.change(url, { target: { value: 'http://switchboard-proxy:8080' } });
    expect(last().jsonData.proxyUrl).toBe('http://switchboard-proxy:8080');
    expect(screen.queryByText(/Use http:\/\//)).not.toBeInTheDocument();
    expect(screen.queryByText(/^Not a URL/)).not.toBeInTheDocument();
  });

  it('drops trailing slashes from the proxy URL when leaving the field (the routes append /api/...)', () => {
    const { last } = setup(settings());
    const url = screen.getByRole('textbox', { name: /^Proxy URL/ });
    fireEvent.change(url, { target: { value: 'http://gateway/switchboard//' } });
    expect(last().jsonData.proxyUrl).toBe('http://gateway/switchboard//');
    fireEvent.blur(url);
    expect(last().jsonData.proxyUrl).toBe('http://gateway/switchboard');
  });

  it('keeps the proxy token in secureJsonData', () => {
    const { last } = setup(settings());
    fireEvent.change(screen.getByLabelText(/^Proxy token/), { target: { value: 's3cret' } });
    expect(last().secureJsonData).toEqual({ proxyToken: 's3cret' });
    expect(last().jsonData).toEqual({});
  });

  it('never shows a stored secret: "configured" with a reset button', () => {
    const { last, container } = setup(settings({ proxyUrl: 'http://p:8080' }, { proxyToken: true }));
    const token = screen.getByLabelText(/^Proxy token/);
    expect(token).toHaveValue('configured');
    expect(token).toBeDisabled();
    expect(container.innerHTML).not.toContain('s3cret');
    fireEvent.click(screen.getByRole('button', { name: 'Reset' }));
    expect(last().secureJsonFields.proxyToken).toBe(false);
    expect(last().secureJsonData).toEqual({ proxyToken: '' });
    expect(screen.getByLabelText(/^Proxy token/)).not.toBeDisabled();
  });

  it('shows the key fields only for access keys, and keeps the keys secret', () => {
    const { last } = setup(settings());
    expect(screen.getByRole('radio', { name: 'Default credentials' })).toBeChecked();
    expect(
      screen.getByText("The proxy's own AWS credentials (environment, profile, instance or task role).")
    ).toBeInTheDocument();
    expect(screen.queryByLabelText('Access key ID')).not.toBeInTheDocument();
    expect(screen.queryByLabelText(/^Assume role ARN/)).not.toBeInTheDocument();

    fireEvent.click(screen.getByRole('radio', { name: 'Access and secret key' }));
    expect(last().jsonData.authType).toBe('keys');
    fireEvent.change(screen.getByLabelText('Access key ID'), { target: { value: 'AKIAEXAMPLE' } });
    fireEvent.change(screen.getByLabelText('Secret access key'), { target: { value: 'secret' } });
    expect(last().secureJsonData).toEqual({ accessKey: 'AKIAEXAMPLE', secretKey: 'secret' });
    expect(last().jsonData).toEqual({ authType: 'keys' });
    expect(screen.queryByLabelText(/^Assume role ARN/)).not.toBeInTheDocument();
  });

  it('shows saved keys as configured', () => {
    setup(settings({ authType: 'keys' }, { accessKey: true, secretKey: true }));
    expect(screen.getByLabelText('Access key ID')).toHaveValue('configured');
    expect(screen.getByLabelText('Secret access key')).toHaveValue('configured');
    expect(screen.getAllByRole('button', { name: 'Reset' })).toHaveLength(2);
  });

  it('asks a valid role ARN and an optional external ID for assume role', () => {
    const { last } = setup(settings());
    fireEvent.click(screen.getByRole('radio', { name: 'Assume role' }));
    expect(last().jsonData.authType).toBe('assume-role');
    expect(screen.queryByLabelText('Access key ID')).not.toBeInTheDocument();
    const arn = screen.getByRole('textbox', { name: /^Assume role ARN/ });
    fireEvent.blur(arn);
    expect(screen.getByText(/^Required for assume role/)).toBeInTheDocument();
    fireEvent.change(arn, { target: { value: 'arn:aws:iam::1234:role/x' } });
    expect(
      screen.getByText('Not a role ARN: expected arn:aws:iam::<12-digit account id>:role/<name>')
    ).toBeInTheDocument();
    fireEvent.change(arn, { target: { value: 'arn:aws:iam::123456789012:user/x' } });
    expect(screen.getByText(/^Not a role ARN/)).toBeInTheDocument();
    fireEvent.change(arn, { target: { value: 'arn:aws:iam::123456789012:role/team/SwitchboardReadOnly' } });
    expect(screen.queryByText(/^Not a role ARN/)).not.toBeInTheDocument();
    fireEvent.change(screen.getByRole('textbox', { name: /^External ID/ }), { target: { value: 'ext-42' } });
    expect(last().jsonData).toEqual({
      authType: 'assume-role',
      assumeRoleArn: 'arn:aws:iam::123456789012:role/team/SwitchboardReadOnly',
      externalId: 'ext-42',
    });
    expect(last().secureJsonData).toBeUndefined();
  });

  it('picks a default region from the Connect regions or takes a typed one', () => {
    const { last } = setup(settings());
    pick('Default region', 'eu-central-1');
    expect(last().jsonData.defaultRegion).toBe('eu-central-1');
    typeCustom('Default region', 'me-central-1');
    expect(last().jsonData.defaultRegion).toBe('me-central-1');
  });

  it('lists instances through the saved datasource route once URL and token are saved', async () => {
    const { last } = setup(settings({ proxyUrl: 'http://p:8080', defaultRegion: 'us-west-2' }, { proxyToken: true }));
    await waitFor(() => expect(fetch).toHaveBeenCalled());
    expect(fetch.mock.calls[0][0]).toMatchObject({
      url: '/api/datasources/proxy/uid/sb-uid/switchboard/api/resources/instances',
      method: 'GET',
      params: { region: 'us-west-2' },
    });
    pick('Default instance', 'contact-center');
    expect(last().jsonData.defaultInstanceId).toBe('inst-1');
  });

  it('takes a typed instance id before the proxy is reachable', () => {
    const { last } = setup(settings({ proxyUrl: 'http://p:8080' }));
    expect(screen.getByText(/Save the proxy URL and token to pick it from a list/)).toBeInTheDocument();
    typeCustom('Default instance', 'inst-typed');
    expect(last().jsonData.defaultInstanceId).toBe('inst-typed');
    expect(fetch).not.toHaveBeenCalled();
  });
});
