/**
 * @jest-environment jsdom
 */
// Grafana reads the proxy's frames with dataFrameFromJSON: check that it takes them unchanged, field types, units
// and labels included. @grafana/data needs a browser (jsdom); the frames come from test/support/frameSamples.ts.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { dataFrameFromJSON, FieldType, getFieldDisplayName } from '@grafana/data';

const root = path.resolve(__dirname, '../..');

describe('proxy frames in @grafana/data', () => {
  it('reads realtime, cloudwatch and quota frames back unchanged', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'test/support/frameSamples.ts'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
    });
    const { queues, results } = JSON.parse(out);
    expect(results.A.status).toBe(200);

    const table = dataFrameFromJSON(results.A.frames[0]);
    expect(table.refId).toBe('A');
    expect(table.length).toBe(queues);
    expect(table.fields[0]).toMatchObject({ name: 'Queue', type: FieldType.string });
    const oldest = table.fields.find((f) => f.name === 'OLDEST_CONTACT_AGE')!;
    expect(oldest.type).toBe(FieldType.number);
    expect(oldest.config.unit).toBe('s');
    expect(getFieldDisplayName(oldest, table)).toBe('Oldest');
    expect(table.meta?.preferredVisualisationType).toBe('table');

    const series = dataFrameFromJSON(results.B.frames[0]);
    expect(series.fields.map((f) => f.type)).toEqual([FieldType.time, FieldType.number]);
    expect(series.fields[1].labels).toMatchObject({ QueueName: 'Billing' });
    expect(series.fields[1].config.unit).toBe('s');
    expect(series.length).toBeGreaterThan(50);
    expect(series.fields[0].values[1] - series.fields[0].values[0]).toBe(60_000);

    const quota = results.C.frames.map((f: never) => dataFrameFromJSON(f));
    expect(quota.map((f: { name?: string }) => f.name)).toEqual(['VOICE', 'CHAT', 'TASK', 'EMAIL']);
    expect(quota[0].fields.find((f: { name: string }) => f.name === 'Used')?.config.unit).toBe('percent');
  });
});
