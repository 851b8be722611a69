import { defaultQuery } from '../connect/proxyApi';
import { dashboardTimeZone, withDashboardTimeZone } from './timeZone';

describe("the dashboard's time zone for historical queries", () => {
  it("reads Grafana's request zone: utc, an IANA name, or the browser's", () => {
    expect(dashboardTimeZone('utc')).toBe('UTC');
    expect(dashboardTimeZone('Europe/Berlin')).toBe('Europe/Berlin');
    // jest runs with TZ=UTC (jest.config.js), so the browser's zone is UTC here
    expect(dashboardTimeZone('browser')).toBe('UTC');
    expect(dashboardTimeZone(undefined)).toBe('UTC');
  });

  it('fills a historical query without one and leaves the rest alone', () => {
    const historical = defaultQuery('historical');
    expect(withDashboardTimeZone(historical, 'America/Chicago')).toMatchObject({ timeZone: 'America/Chicago' });
    expect(withDashboardTimeZone({ ...historical, timeZone: 'Asia/Tokyo' }, 'America/Chicago')).toMatchObject({
      timeZone: 'Asia/Tokyo',
    });
    const realtime = defaultQuery('realtime');
    expect(withDashboardTimeZone(realtime, 'America/Chicago')).toBe(realtime);
  });
});
