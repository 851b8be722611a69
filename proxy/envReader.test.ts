import { Type } from '@sinclair/typebox';
import { envInteger, envOneOf, envString, inSchemaOrder, readEnv } from './envReader';
import { ProxyEnv } from './envSchema';

/** The reader on its own: how environment strings become values and how problems read (config.test.ts: the proxy's). */

const Schema = Type.Object({
  COUNT: envInteger(1, 100, 10),
  MODE: envOneOf(['fast', 'slow', 'off'] as const, 'fast', { lowercase: true }),
  SECRET: Type.Optional(envString({ minLength: 8, pattern: '^[a-z]+$', rule: 'lower-case letters', secret: true })),
  KEPT: Type.Optional(envString({ pattern: '^\\S+$', rule: 'one word', verbatim: true })),
  URL: Type.Optional(envString({ protocols: ['http:'], rule: 'an http:// URL' })),
});

describe('readEnv', () => {
  it('gives defaults for unset and empty variables, and numbers for integers', () => {
    expect(readEnv(Schema, {}).values).toEqual({ COUNT: 10, MODE: 'fast' });
    expect(readEnv(Schema, { COUNT: ' ', MODE: '' }).values).toEqual({ COUNT: 10, MODE: 'fast' });
    expect(readEnv(Schema, { COUNT: ' 42 ', MODE: 'SLOW' }).values).toEqual({ COUNT: 42, MODE: 'slow' });
  });

  it('takes integers written in digits only', () => {
    for (const text of ['1e1', '0x10', '12.0', '-3', '+5']) {
      expect(readEnv(Schema, { COUNT: text }).problems).toEqual([
        { variable: 'COUNT', text: `COUNT must be an integer from 1 to 100 (got "${text}")` },
      ]);
    }
    expect(readEnv(Schema, { COUNT: '101' }).problems[0].text).toBe(
      'COUNT must be an integer from 1 to 100 (got "101")'
    );
  });

  it('states a union of more than two literals as "one of"', () => {
    expect(readEnv(Schema, { MODE: 'Turbo' }).problems[0].text).toBe(
      'MODE must be one of fast, slow, off (got "turbo")'
    );
  });

  it('never shows a secret: its length when too short, else the rule alone', () => {
    expect(readEnv(Schema, { SECRET: 'abc' }).problems[0].text).toBe('SECRET must be at least 8 characters (it has 3)');
    const { problems } = readEnv(Schema, { SECRET: 'NotLowerCase' });
    expect(problems[0].text).toBe('SECRET must be lower-case letters');
  });

  it('keeps a verbatim value as given (its spaces are its problem)', () => {
    expect(readEnv(Schema, { KEPT: ' word' }).problems[0].text).toBe('KEPT must be one word (got " word")');
    expect(readEnv(Schema, { KEPT: 'word' }).values.KEPT).toBe('word');
  });

  it('checks URLs for their protocol and host', () => {
    expect(readEnv(Schema, { URL: 'http://simulator:4599' }).values.URL).toBe('http://simulator:4599');
    for (const text of ['ftp://x', 'http://', 'simulator:4599']) {
      expect(readEnv(Schema, { URL: text }).invalid).toEqual(new Set(['URL']));
    }
  });

  it('reads a variable with a problem as its default, so that the others are still checked', () => {
    const { values, problems, invalid } = readEnv(Schema, { COUNT: 'many', MODE: 'never', URL: 'x' });
    expect(values).toEqual({ COUNT: 10, MODE: 'fast' });
    expect(problems.map((p) => p.variable)).toEqual(['COUNT', 'MODE', 'URL']);
    expect(invalid).toEqual(new Set(['COUNT', 'MODE', 'URL']));
  });

  it('lists problems in the order of the schema, the command line first', () => {
    const problems = [
      { variable: 'URL', text: 'u' },
      { variable: 'COUNT', text: 'c1' },
      { variable: '', text: 'cli' },
      { variable: 'COUNT', text: 'c2' },
    ];
    expect(inSchemaOrder(Schema, problems)).toEqual(['cli', 'c1', 'c2', 'u']);
  });
});

describe('the proxy environment schema', () => {
  it('gives every variable a problem that names it, or takes any text (the lists, checked entry by entry)', () => {
    const freeText = ['EXPORTER_INSTANCES', 'EXPORTER_QUEUES', 'EXPORTER_CHANNELS', 'EXPORTER_VOICE_CONNECTORS'];
    for (const name of Object.keys(ProxyEnv.properties)) {
      const { problems } = readEnv(ProxyEnv, { [name]: 'not valid !' });
      if (freeText.includes(name)) {
        expect({ name, problems }).toEqual({ name, problems: [] });
      } else {
        expect({ name, text: problems[0]?.text.startsWith(`${name} must `) }).toEqual({ name, text: true });
      }
    }
  });
});
