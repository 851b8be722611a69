import { readFileSync } from 'node:fs';
import path from 'node:path';
import { metricsDoc } from '../scripts/metricsDoc';

describe('docs/metrics.md', () => {
  it('is what scripts/metricsDoc.ts writes from the domain module (regenerate it after changing src/connect)', () => {
    expect(readFileSync(path.join(__dirname, '../docs/metrics.md'), 'utf8')).toBe(metricsDoc());
  });
});
