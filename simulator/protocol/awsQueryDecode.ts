import { AwsError } from './awsError';
import type { ListShape, MapShape, ScalarShape, Shape, StructureShape } from './shapes';

/**
 * awsQuery request parameters to the operation's input in the AWS JSON shape, guided by the model:
 *   MetricDataQueries.member.1.MetricStat.Period=300  ->  { MetricDataQueries: [{ MetricStat: { Period: 300 } }] }
 * Lists are `Name.member.N` (N from 1, without gaps; `Name=` alone is an empty list, as SDKs send one), maps
 * `Name.entry.N.key` / `.value`, structures flattened with dots. Integers, doubles and booleans are converted and
 * timestamps (ISO 8601, or epoch seconds) become epoch seconds, as JSON clients send them. Parameters the model
 * does not know are ignored, as AWS ignores them. A parameter that cannot be read is InvalidParameterValue naming
 * it, the way AWS's query front end answers.
 */

interface ParamNode {
  value?: string;
  children: Map<string, ParamNode>;
}

const invalid = (message: string) =>
  new AwsError('InvalidParameterValueException', message, 400, { queryCode: 'InvalidParameterValue', fault: 'Sender' });

const newNode = (): ParamNode => ({ children: new Map() });

/** The parameters as a tree on their dotted names. A name given twice is refused: which one would count? */
export function paramTree(params: Iterable<readonly [string, string]>): ParamNode {
  const root = newNode();
  for (const [name, value] of params) {
    let node = root;
    for (const segment of name.split('.')) {
      let child = node.children.get(segment);
      if (!child) {
        child = newNode();
        node.children.set(segment, child);
      }
      node = child;
    }
    if (node.value !== undefined) {
      throw invalid(`The parameter ${name} appears more than once.`);
    }
    node.value = value;
  }
  return root;
}

// ISO 8601 as SDKs write it: 2026-11-18T17:00:00Z, with optional fraction and a Z or numeric offset.
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/i;
const EPOCH_SECONDS = /^-?\d+(?:\.\d+)?$/;
const INTEGER = /^-?\d+$/;
const DOUBLE = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

/** Epoch seconds of an awsQuery timestamp, or undefined when it is not one. */
export function parseQueryTimestamp(text: string): number | undefined {
  if (EPOCH_SECONDS.test(text)) {
    const seconds = Number(text);
    return Number.isFinite(seconds) ? seconds : undefined;
  }
  if (!ISO_8601.test(text)) {
    return undefined;
  }
  // Date.parse wants +hh:mm offsets and at most milliseconds.
  const normalised = text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2').replace(/(\.\d{3})\d+/, '$1');
  const ms = Date.parse(normalised);
  return Number.isNaN(ms) ? undefined : ms / 1000;
}

function decodeScalar(shape: ScalarShape, text: string, name: string): string | number | boolean {
  switch (shape.type) {
    case 'string':
      return text;
    case 'integer': {
      const n = Number(text);
      if (!INTEGER.test(text) || !Number.isSafeInteger(n)) {
        throw invalid(`The value ${text} for parameter ${name} is not a valid integer.`);
      }
      return n;
    }
    case 'double': {
      const n = Number(text);
      if (!DOUBLE.test(text) || !Number.isFinite(n)) {
        throw invalid(`The value ${text} for parameter ${name} is not a valid number.`);
      }
      return n;
    }
    case 'boolean':
      if (text === 'true' || text === 'false') {
        return text === 'true';
      }
      throw invalid(`The value ${text} for parameter ${name} is not a valid boolean: use true or false.`);
    case 'timestamp': {
      const seconds = parseQueryTimestamp(text);
      if (seconds === undefined) {
        throw invalid(
          `The value ${text} for parameter ${name} is not a valid timestamp: use ISO 8601 (2026-11-18T17:00:00Z).`
        );
      }
      return seconds;
    }
  }
}

/** The nodes of a list (`.member.N`) or map (`.entry.N`), in index order; their indices must be 1..n. */
function indexed(node: ParamNode, name: string, word: 'member' | 'entry'): Array<[string, ParamNode]> {
  const unexpected = [...node.children.keys()].find((k) => k !== word);
  if (unexpected !== undefined || (node.value !== undefined && node.value !== '')) {
    throw invalid(
      `The parameter ${name} must be a ${word === 'member' ? 'list' : 'map'}: give its ${word === 'member' ? 'items' : 'entries'} as ${name}.${word}.1, ${name}.${word}.2, ...`
    );
  }
  const items = node.children.get(word)?.children ?? new Map<string, ParamNode>();
  const count = items.size;
  for (const index of items.keys()) {
    const i = Number(index);
    if (!/^[1-9]\d*$/.test(index) || i > count) {
      throw invalid(
        /^[1-9]\d*$/.test(index)
          ? `The parameter ${name}.${word}.${index} has no ${name}.${word}.${firstGap(items, count)}: ${word} numbers run from 1 without gaps.`
          : `The parameter ${name}.${word}.${index} is not valid: ${word} numbers are 1, 2, 3, ...`
      );
    }
  }
  return Array.from({ length: count }, (_, i) => [`${name}.${word}.${i + 1}`, items.get(String(i + 1))!]);
}

function firstGap(items: Map<string, ParamNode>, count: number): number {
  for (let i = 1; i <= count; i++) {
    if (!items.has(String(i))) {
      return i;
    }
  }
  return count + 1;
}

function decodeList(shape: ListShape, node: ParamNode, name: string): unknown[] {
  return indexed(node, name, 'member').map(([itemName, item]) => decodeNode(shape.member, item, itemName));
}

function decodeMap(shape: MapShape, node: ParamNode, name: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [entryName, entry] of indexed(node, name, 'entry')) {
    const keyNode = entry.children.get('key');
    const valueNode = entry.children.get('value');
    if (keyNode?.value === undefined || !valueNode) {
      throw invalid(`The parameter ${entryName} needs both ${entryName}.key and ${entryName}.value.`);
    }
    // A key is data; keep it out of the object's prototype chain.
    Object.defineProperty(out, keyNode.value, {
      value: decodeNode(shape.value, valueNode, `${entryName}.value`),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

function decodeStructure(shape: StructureShape, node: ParamNode, name: string): Record<string, unknown> {
  if (node.value !== undefined && name !== '') {
    throw invalid(`The parameter ${name} is a structure: give its members as ${name}.<Member>.`);
  }
  const out: Record<string, unknown> = {};
  for (const [member, memberShape] of Object.entries(shape.members)) {
    const child = node.children.get(member);
    if (child) {
      out[member] = decodeNode(memberShape, child, name === '' ? member : `${name}.${member}`);
    }
  }
  return out;
}

function decodeNode(shape: Shape, node: ParamNode, name: string): unknown {
  switch (shape.type) {
    case 'list':
      return decodeList(shape, node, name);
    case 'map':
      return decodeMap(shape, node, name);
    case 'structure':
      return decodeStructure(shape, node, name);
    default:
      if (node.value === undefined) {
        throw invalid(`The parameter ${name} must be a single value, not a structure.`);
      }
      return decodeScalar(shape, node.value, name);
  }
}

/** The operation input, in the JSON shape, from the request's parameters (Action and Version are not members). */
export function decodeQueryInput(shape: StructureShape, params: ParamNode): Record<string, unknown> {
  return decodeStructure(shape, params, '');
}
