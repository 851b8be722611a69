import { AUTH_TYPES, type AuthType } from '../connect/proxyApi';

/** The route of plugin.json that reaches the proxy through Grafana's datasource proxy. */
export const PROXY_ROUTE = 'switchboard';

/** How the config editor offers each auth type of the Proxy API. */
const AUTH_TYPE_TEXT: Record<AuthType, { label: string; description: string }> = {
  default: {
    label: 'Default credentials',
    description: "The proxy's own AWS credentials (environment, profile, instance or task role).",
  },
  keys: {
    label: 'Access and secret key',
    description: 'An access key pair, kept in Grafana and sent only to the proxy.',
  },
  'assume-role': {
    label: 'Assume role',
    description: "The proxy's credentials assume this role (with an external ID if the role asks for one).",
  },
};
export const AUTH_TYPE_OPTIONS = AUTH_TYPES.map((value) => ({ value, ...AUTH_TYPE_TEXT[value] }));

export const DOCS_URL = 'https://github.com/switchboard/switchboard/tree/main/docs';
