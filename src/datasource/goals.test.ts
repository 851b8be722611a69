import { FieldType, toDataFrame } from '@grafana/data';
import { applyGoals, goalThresholds, resolveGoals } from './goals';

/** Goals as field thresholds: variables read, levels checked, fields matched by metric (thresholds included). */

// Grafana's TemplateSrv.replace in miniature: $name and ${name} from a table, anything else left as written.
const VARS: Record<string, string> = { sl_warn: '80', sl_alert: '70', broken: 'eighty' };
const replace = (t: string) => t.replace(/\$\{?(\w+)\}?/g, (m, name: string) => VARS[name] ?? m);

const RED = '#FF5A6E';
const YELLOW = '#FADE2A';
const TEAL = '#4CC3C9';

describe('goalThresholds', () => {
  it('higher is better when warn is above alert (service level): red, then yellow from 70, teal from 80', () => {
    expect(goalThresholds({ warn: 80, alert: 70 }).steps).toEqual([
      { value: -Infinity, color: RED },
      { value: 70, color: YELLOW },
      { value: 80, color: TEAL },
    ]);
  });

  it('lower is better otherwise (abandonment): teal, yellow from 5, red from 10; one level when both are equal', () => {
    expect(goalThresholds({ warn: 5, alert: 10 }).steps).toEqual([
      { value: -Infinity, color: TEAL },
      { value: 5, color: YELLOW },
      { value: 10, color: RED },
    ]);
    expect(goalThresholds({ warn: 10, alert: 10 }).steps).toEqual([
      { value: -Infinity, color: TEAL },
      { value: 10, color: RED },
    ]);
  });
});

describe('resolveGoals', () => {
  it('reads variables and numbers', () => {
    expect(
      resolveGoals(
        { SERVICE_LEVEL: { warn: '$sl_warn', alert: '${sl_alert}' }, ABANDONMENT_RATE: { warn: '5', alert: ' 10 ' } },
        replace
      )
    ).toEqual({
      resolved: [
        { metric: 'SERVICE_LEVEL', warn: 80, alert: 70 },
        { metric: 'ABANDONMENT_RATE', warn: 5, alert: 10 },
      ],
      errors: [],
    });
  });

  it('names the goal and level that is not a number, and what the variable read', () => {
    expect(
      resolveGoals(
        { SERVICE_LEVEL: { warn: '$broken', alert: '70' }, AVG_HANDLE_TIME: { warn: '', alert: '$nope' } },
        replace
      )
    ).toEqual({
      resolved: [],
      errors: [
        'goals.SERVICE_LEVEL.warn: must be a number ($broken reads "eighty").',
        'goals.AVG_HANDLE_TIME.warn: must be a number ("").',
        'goals.AVG_HANDLE_TIME.alert: must be a number ("$nope").',
      ],
    });
    expect(resolveGoals(undefined, replace)).toEqual({ resolved: [], errors: [] });
  });
});

describe('applyGoals', () => {
  it('sets thresholds on every field of the metric, with or without a threshold in its name, and leaves others', () => {
    const frame = toDataFrame({
      fields: [
        { name: 'Queue', type: FieldType.string, values: ['Sales'] },
        { name: 'SERVICE_LEVEL < 20 s', type: FieldType.number, values: [75], config: { unit: 'percent' } },
        { name: 'SERVICE_LEVEL <= 60 s', type: FieldType.number, values: [90] },
        { name: 'SERVICE_LEVELS', type: FieldType.number, values: [1] },
        { name: 'ABANDONMENT_RATE', type: FieldType.number, values: [3] },
      ],
    });
    applyGoals([frame], [{ metric: 'SERVICE_LEVEL', warn: 80, alert: 70 }]);
    const steps = frame.fields.map((f) => f.config.thresholds?.steps.map((s) => s.value));
    expect(steps).toEqual([undefined, [-Infinity, 70, 80], [-Infinity, 70, 80], undefined, undefined]);
    // the field's own config is kept
    expect(frame.fields[1].config.unit).toBe('percent');
  });
});
