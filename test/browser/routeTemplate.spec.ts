import { interpolateRouteTemplate } from './support/routeTemplate';

/** The route templating of the host server behaves as Grafana's (Go text/template on jsonData/secureJsonData). */
describe('route templates as Grafana fills them', () => {
  const data = {
    JsonData: { proxyUrl: 'http://switchboard-proxy:8080', port: 8080, tls: false, empty: '', nothing: null },
    SecureJsonData: { proxyToken: 's3cret' },
  };

  it('fills jsonData and secureJsonData fields, several in one text', () => {
    expect(interpolateRouteTemplate('{{ .JsonData.proxyUrl }}', data)).toBe('http://switchboard-proxy:8080');
    expect(interpolateRouteTemplate('Bearer {{.SecureJsonData.proxyToken}}', data)).toBe('Bearer s3cret');
    expect(interpolateRouteTemplate('{{ .JsonData.port }}/{{ .JsonData.tls }}/{{ .JsonData.empty }}', data)).toBe(
      '8080/false/'
    );
  });

  it('prints "<no value>" for a missing or null key, and nothing with orEmpty', () => {
    expect(interpolateRouteTemplate('{{ .JsonData.defaultRegion }}', data)).toBe('<no value>');
    expect(interpolateRouteTemplate('{{ .JsonData.nothing }}', data)).toBe('<no value>');
    expect(interpolateRouteTemplate('{{ .SecureJsonData.secretKey }}', data)).toBe('<no value>');
    expect(interpolateRouteTemplate('{{ .JsonData.defaultRegion | orEmpty }}', data)).toBe('');
    expect(interpolateRouteTemplate('{{ .SecureJsonData.proxyToken | orEmpty }}', data)).toBe('s3cret');
  });

  it('refuses template actions it does not emulate', () => {
    expect(() => interpolateRouteTemplate('{{ .URL }}', data)).toThrow(/not emulated/);
    expect(() => interpolateRouteTemplate('{{ if .JsonData.tls }}https{{ end }}', data)).toThrow(/not emulated/);
  });
});
