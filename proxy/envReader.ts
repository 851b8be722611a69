import { Type, type Static, type TObject, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { fieldPath, REGION_PATTERN } from '../src/connect/proxyApi';

/**
 * Reading the proxy's settings from the environment against their TypeBox schema (envSchema.ts). The schema says
 * what each variable holds; this says how a string of the environment becomes that value and how a problem reads:
 * "<VARIABLE> must be <rule> (got <value>)", one per variable, every variable checked before any is refused, so one
 * restart fixes them all. A secret's value is never shown.
 *
 * Besides JSON Schema, a variable's schema may carry these keywords of the reader's own:
 */
export interface EnvKeywords {
  /** What the value must be, after "must be". Integers and unions of literals derive theirs from the schema. */
  rule?: string;
  /** Never shown in a message (tokens, URLs that may carry a password). */
  secret?: boolean;
  /** Read as given, not trimmed: a token's surrounding spaces are its problem, not noise. */
  verbatim?: boolean;
  /** Compared in lower case (CACHE_MODE=Passthrough); its problems show the lower-cased value. */
  lowercase?: boolean;
  /** JSON text, parsed and then checked against the schema; a problem says "<VARIABLE> must <must>, <example>". */
  json?: { must: string; example: string };
  /** A URL with one of these protocols (e.g. ['http:', 'https:']) and a host name. */
  protocols?: string[];
}

/** The kinds of variable (envSchema.ts, the exporter's settings). */
export const envInteger = (minimum: number, maximum: number, fallback: number) =>
  Type.Integer({ minimum, maximum, default: fallback });

export const envOneOf = <T extends string>(values: readonly T[], fallback: T, keywords: EnvKeywords = {}) =>
  Type.Union(
    values.map((v) => Type.Literal(v)),
    { default: fallback, ...keywords }
  );

export const envString = (keywords: EnvKeywords & { pattern?: string; minLength?: number; default?: string } = {}) =>
  Type.String(keywords);

/** An AWS Region code (the Proxy API's pattern, src/connect/proxyApi/region.ts). */
export const envRegion = (keywords: { default?: string } = {}) =>
  envString({ pattern: REGION_PATTERN.source, rule: 'an AWS Region code such as us-east-1', ...keywords });

/** One problem, attributed to its variable ('' for the command line) so that the list reads in the schema's order. */
export interface EnvProblem {
  variable: string;
  text: string;
}

type Env = Record<string, string | undefined>;
type Keyworded = TSchema & EnvKeywords & { minLength?: number; minimum?: number; maximum?: number };

/** A short, quoted rendering of a bad value for messages (never used for secrets). */
export function shown(value: string): string {
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
}

/** The literals of a union of literals (CACHE_MODE, LOG_LEVEL), else undefined. */
function literalsOf(schema: TSchema): string[] | undefined {
  const anyOf = (schema as { anyOf?: Array<{ const?: unknown }> }).anyOf;
  return anyOf?.every((s) => typeof s.const === 'string') ? anyOf.map((s) => s.const as string) : undefined;
}

/** The rule a problem states: the schema's own words, else what its type says. */
function ruleOf(schema: Keyworded): string {
  if (schema.rule) {
    return schema.rule;
  }
  if (schema.type === 'integer') {
    return `an integer from ${schema.minimum} to ${schema.maximum}`;
  }
  const literals = literalsOf(schema);
  if (literals) {
    return literals.length === 2 ? literals.join(' or ') : `one of ${literals.join(', ')}`;
  }
  throw new Error(`envReader: the schema of a variable needs a rule (${JSON.stringify(schema)})`);
}

function hasProtocol(text: string, protocols: string[]): boolean {
  try {
    const url = new URL(text);
    return protocols.includes(url.protocol) && url.hostname !== '';
  } catch {
    return false;
  }
}

/**
 * The variables of `schema` read from `env`: unset and empty (as docker compose passes unset values) both mean the
 * default, or absent without one. A variable with a problem reads as its default (or absent), so the caller may go on
 * checking the others; `invalid` names them.
 */
export function readEnv<S extends TObject>(
  schema: S,
  env: Env
): { values: Static<S>; problems: EnvProblem[]; invalid: Set<string> } {
  const values: Record<string, unknown> = {};
  const problems: EnvProblem[] = [];
  const invalid = new Set<string>();
  const refuse = (variable: string, text: string) => {
    problems.push({ variable, text });
    invalid.add(variable);
    const fallback = (schema.properties[variable] as TSchema).default;
    if (fallback !== undefined) {
      values[variable] = fallback;
    }
  };

  for (const [name, property] of Object.entries(schema.properties) as Array<[string, Keyworded]>) {
    const given = env[name];
    let text = given === undefined ? undefined : property.verbatim ? given : given.trim();
    if (text === undefined || text === '') {
      if (property.default !== undefined) {
        values[name] = property.default;
      }
      continue;
    }
    if (property.lowercase) {
      text = text.toLowerCase();
    }
    const got = property.secret ? '' : ` (got ${shown(text)})`;
    let value: unknown = text;
    if (property.type === 'integer') {
      // Digits only: Number() would also take "1e3", "0x10" and " 12 ".
      value = /^\d+$/.test(text) ? Number(text) : text;
    } else if (property.json) {
      try {
        value = JSON.parse(text);
      } catch {
        refuse(name, `${name} must be JSON, ${property.json.example} (it does not parse)`);
        continue;
      }
    }
    const [error] = Value.Errors(property, value);
    if (error) {
      if (property.json) {
        const where = fieldPath(error.path) || 'the value';
        refuse(name, `${name} must ${property.json.must}, ${property.json.example} (${where}: ${error.message})`);
      } else if (typeof value === 'string' && property.minLength !== undefined && value.length < property.minLength) {
        // how long, never what: the length of a secret gives nothing away
        refuse(name, `${name} must be at least ${property.minLength} characters (it has ${value.length})`);
      } else {
        refuse(name, `${name} must be ${ruleOf(property)}${got}`);
      }
      continue;
    }
    if (property.protocols && !hasProtocol(text, property.protocols)) {
      refuse(name, `${name} must be ${ruleOf(property)}${got}`);
      continue;
    }
    values[name] = value;
  }
  return { values: values as Static<S>, problems, invalid };
}

/** Problems in the order of the variables in the schema (the command line's first), each variable's in its order. */
export function inSchemaOrder(schema: TObject, problems: EnvProblem[]): string[] {
  const order = Object.keys(schema.properties);
  const rank = (p: EnvProblem) => (p.variable === '' ? -1 : order.indexOf(p.variable));
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => rank(a.p) - rank(b.p) || a.i - b.i)
    .map(({ p }) => p.text);
}
