import { describeProxyError, GRAFANA_REWRITTEN_401, GRAFANA_ROUTE_DENIED } from './api';

/** FetchErrors as Grafana's backendSrv throws them: `data` is the parsed JSON body, or the text if it is not JSON. */
const fetchError = (status: number, data: unknown) => ({ status, data, config: { url: '/api/datasources/proxy/x' } });

describe('describeProxyError', () => {
  it("recognises Grafana's rewritten 401 (400, plain text) and says what to check", () => {
    const message = describeProxyError(fetchError(400, GRAFANA_REWRITTEN_401));
    expect(message).toMatch(/^Grafana's data proxy answered "Authentication to data source failed" \(400\)/);
    expect(message).toContain("the proxy token in the datasource settings (it must equal the proxy's PROXY_TOKEN)");
    expect(message).toContain('the access key and secret');
  });

  it("keeps any other 400's own message", () => {
    expect(describeProxyError(fetchError(400, { error: 'range: from is not a time' }))).toBe(
      'Switchboard proxy: range: from is not a time (400)'
    );
  });

  it("shows the proxy's own message for its 403s (token, AWS credentials, IAM)", () => {
    const error = 'AWS rejected the credentials calling connect:ListInstances (UnrecognizedClientException): check …';
    expect(describeProxyError(fetchError(403, { error, code: 'bad_credentials' }))).toBe(
      `The Switchboard proxy refused the request (403): ${error}`
    );
  });

  it("tells Grafana's own route refusal (reqRole, reqAction) from the proxy's", () => {
    expect(describeProxyError(fetchError(403, { message: GRAFANA_ROUTE_DENIED }))).toBe(
      'Grafana refused the request (403, plugin proxy route access denied): this part of the datasource (Save & test) is for organization administrators.'
    );
  });

  it('reads a 401 as Grafana itself refusing: the proxy never answers one through the route', () => {
    expect(describeProxyError(fetchError(401, { message: 'Unauthorized' }))).toMatch(
      /^Grafana refused the request \(401\)/
    );
  });

  it("names the connection for Grafana's 502 and the time-out for its 504 (no body)", () => {
    expect(describeProxyError(fetchError(502, ''))).toBe(
      'Grafana could not reach the Switchboard proxy (502): check the proxy URL and that the proxy is running.'
    );
    expect(describeProxyError(fetchError(504, ''))).toMatch(
      /^Grafana gave up waiting for the Switchboard proxy \(504\)/
    );
  });

  it('passes other errors through', () => {
    expect(describeProxyError(new Error('boom'))).toBe('boom');
  });
});
