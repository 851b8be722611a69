import { Registry } from 'prom-client';
import { ExporterGauges, healthKey } from './gauges';
import { EXPORTED_METRICS, HEALTH_METRICS } from './catalogue';

/** The gauges as /metrics shows them: registered up front, replaced whole by each poll. */

const labels = (queue: string) => ({
  instance_id: 'i-1',
  instance_alias: 'acme',
  queue,
  queue_id: `${queue}-id`,
  channel: 'VOICE',
});

describe('ExporterGauges', () => {
  let registry: Registry;
  let gauges: ExporterGauges;
  beforeEach(() => {
    registry = new Registry();
    gauges = new ExporterGauges(registry);
  });

  it('lists every catalogue metric on /metrics before the first poll', async () => {
    const text = await registry.metrics();
    for (const m of [...EXPORTED_METRICS, ...Object.values(HEALTH_METRICS)]) {
      expect([m.name, text.includes(`# TYPE ${m.name} `)]).toEqual([m.name, true]);
    }
  });

  it('replaces the series of the previous poll: one that is not published again disappears', async () => {
    gauges.publish([
      { name: 'connect_queue_contacts_in_queue', labels: labels('Billing'), value: 3 },
      { name: 'connect_queue_contacts_in_queue', labels: labels('Sales'), value: 1 },
    ]);
    gauges.publish([{ name: 'connect_queue_contacts_in_queue', labels: labels('Billing'), value: 5 }]);
    const text = await registry.metrics();
    expect(text).toContain(
      'connect_queue_contacts_in_queue{instance_id="i-1",instance_alias="acme",queue="Billing",queue_id="Billing-id",channel="VOICE"} 5'
    );
    expect(text).not.toContain('queue="Sales"');
  });

  it('refuses a sample of a metric the catalogue does not have, before changing anything', async () => {
    gauges.publish([{ name: 'connect_queue_contacts_in_queue', labels: labels('Billing'), value: 3 }]);
    expect(() => gauges.publish([{ name: 'connect_queue_length', labels: labels('Billing'), value: 1 }])).toThrow(
      'the exporter has no gauge connect_queue_length (proxy/exporter/catalogue.ts)'
    );
    expect(await registry.metrics()).toContain('queue="Billing",queue_id="Billing-id",channel="VOICE"} 3');
  });

  it('keeps health per query and target, with the error counter at 0 from the first success', async () => {
    gauges.succeeded('realtime', 'i-1', 1_700_000_000_000);
    gauges.failed('quota', 'i-1');
    gauges.failed('quota', 'i-1');
    const text = await registry.metrics();
    expect(text).toContain(
      'switchboard_exporter_last_success_timestamp_seconds{query="realtime",target="i-1"} 1700000000'
    );
    expect(text).toContain('switchboard_exporter_poll_errors_total{query="realtime",target="i-1"} 0');
    expect(text).toContain('switchboard_exporter_poll_errors_total{query="quota",target="i-1"} 2');
    expect(text).not.toContain('last_success_timestamp_seconds{query="quota"');

    gauges.retain(new Set([healthKey('quota', 'i-1')]));
    const after = await registry.metrics();
    expect(after).not.toContain('query="realtime"');
    expect(after).toContain('switchboard_exporter_poll_errors_total{query="quota",target="i-1"} 2');
  });
});
