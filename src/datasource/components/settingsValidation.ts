import { ROLE_ARN_PATTERN } from '../../connect/proxyApi';

/** Checks of the datasource settings, shown inline in the configuration editor. */

export function proxyUrlProblem(url: string | undefined): string | undefined {
  const value = (url ?? '').trim();
  if (value === '') {
    return 'Required: where the Grafana server reaches the Switchboard proxy, e.g. http://switchboard-proxy:8080';
  }
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    return `Not a URL: enter an http:// or https:// address, e.g. http://switchboard-proxy:8080`;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return `Use http:// or https:// (got ${parsed.protocol}//)`;
  }
  if (parsed.search || parsed.hash) {
    return 'The proxy URL takes no query string or fragment';
  }
  return undefined;
}

export function roleArnProblem(arn: string | undefined): string | undefined {
  const value = (arn ?? '').trim();
  if (value === '') {
    return 'Required for assume role: the ARN of the role the proxy assumes';
  }
  return ROLE_ARN_PATTERN.test(value)
    ? undefined
    : 'Not a role ARN: expected arn:aws:iam::<12-digit account id>:role/<name>';
}
