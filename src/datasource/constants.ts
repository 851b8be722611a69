/** The route of plugin.json that reaches the proxy through Grafana's datasource proxy. */
export const PROXY_ROUTE = 'switchboard';

export const AUTH_TYPES = [
  {
    value: 'default',
    label: 'Default credentials',
    description: "The proxy's own AWS credentials (environment, profile, instance or task role).",
  },
  {
    value: 'keys',
    label: 'Access and secret key',
    description: 'An access key pair, kept in Grafana and sent only to the proxy.',
  },
  {
    value: 'assume-role',
    label: 'Assume role',
    description: "The proxy's credentials assume this role (with an external ID if the role asks for one).",
  },
] as const;
export type AuthTypeOption = (typeof AUTH_TYPES)[number]['value'];

export const DOCS_URL = 'https://github.com/switchboard/switchboard/tree/main/docs';
