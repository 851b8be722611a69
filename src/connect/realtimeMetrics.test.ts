import {
  REALTIME_METRICS,
  STANDARD_REALTIME_METRICS,
  realtimeValueInSeconds,
  realtimeWireValue,
} from './realtimeMetrics';

describe('real-time metric catalogue', () => {
  it('has the 13 standard metrics with their units', () => {
    expect(STANDARD_REALTIME_METRICS).toHaveLength(13);
    expect(REALTIME_METRICS.OLDEST_CONTACT_AGE.unit).toBe('SECONDS');
    expect(STANDARD_REALTIME_METRICS.filter((m) => REALTIME_METRICS[m].unit === 'SECONDS')).toEqual([
      'OLDEST_CONTACT_AGE',
    ]);
    expect(REALTIME_METRICS.ESTIMATED_WAIT_TIME.routingOnly).toBe(true);
  });

  it('marks the slot metrics as not sortable', () => {
    expect(
      Object.values(REALTIME_METRICS)
        .filter((m) => !m.sortable)
        .map((m) => m.name)
    ).toEqual(['SLOTS_ACTIVE', 'SLOTS_AVAILABLE']);
  });

  it('reads OLDEST_CONTACT_AGE in milliseconds without groupings and seconds with them', () => {
    expect(realtimeValueInSeconds('OLDEST_CONTACT_AGE', 24113, 0)).toBeCloseTo(24.113);
    expect(realtimeValueInSeconds('OLDEST_CONTACT_AGE', 24, 1)).toBe(24);
    expect(realtimeValueInSeconds('CONTACTS_IN_QUEUE', 7, 0)).toBe(7);
    expect(realtimeWireValue('OLDEST_CONTACT_AGE', 24.113, 0)).toBe(24113);
    expect(realtimeWireValue('OLDEST_CONTACT_AGE', 24, 2)).toBe(24);
  });
});
