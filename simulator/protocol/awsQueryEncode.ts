import type { Shape, StructureShape } from './shapes';
import { XmlWriter } from './xml';

/**
 * awsQuery responses, from a handler's output in the AWS JSON shape and the model's output shape:
 *
 *   <GetMetricDataResponse xmlns="http://monitoring.amazonaws.com/doc/2010-08-01/">
 *     <GetMetricDataResult> ...members in model order; lists as <member>; timestamps ISO 8601... </GetMetricDataResult>
 *     <ResponseMetadata><RequestId>...</RequestId></ResponseMetadata>
 *   </GetMetricDataResponse>
 *
 * and errors as
 *
 *   <ErrorResponse xmlns="..."><Error><Type>Sender</Type><Code>..</Code><Message>..</Message></Error>
 *     <RequestId>..</RequestId></ErrorResponse>
 *
 * Members absent (or null) in the output are left out; an empty list is written as an empty element, which every
 * SDK reads as an empty list (the JSON side sends [] too).
 */

/** ISO 8601 in UTC, without milliseconds when there are none (how AWS writes them). */
export function isoTimestamp(epochSeconds: number): string {
  const iso = new Date(epochSeconds * 1000).toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}

/** Doubles as SDKs parse them: JavaScript's shortest round-trip form, NaN and Infinity spelled out. */
function formatNumber(n: number): string {
  if (Number.isNaN(n)) {
    return 'NaN';
  }
  if (!Number.isFinite(n)) {
    return n > 0 ? 'Infinity' : '-Infinity';
  }
  return String(n);
}

function scalarText(shape: Shape, value: unknown): string {
  switch (shape.type) {
    case 'timestamp':
      return typeof value === 'number' ? isoTimestamp(value) : String(value);
    case 'double':
    case 'integer':
      return typeof value === 'number' ? formatNumber(value) : String(value);
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      return String(value);
  }
}

function writeValue(xml: XmlWriter, name: string, shape: Shape, value: unknown): void {
  switch (shape.type) {
    case 'structure':
      xml.start(name);
      writeMembers(xml, shape, value);
      xml.end(name);
      return;
    case 'list': {
      const items = Array.isArray(value) ? value : [];
      if (items.length === 0) {
        xml.empty(name);
        return;
      }
      xml.start(name);
      for (const item of items) {
        writeValue(xml, 'member', shape.member, item);
      }
      xml.end(name);
      return;
    }
    case 'map': {
      const entries = value && typeof value === 'object' ? Object.entries(value) : [];
      if (entries.length === 0) {
        xml.empty(name);
        return;
      }
      xml.start(name);
      for (const [key, item] of entries) {
        xml.start('entry');
        xml.leaf('key', key);
        writeValue(xml, 'value', shape.value, item);
        xml.end('entry');
      }
      xml.end(name);
      return;
    }
    default:
      xml.leaf(name, scalarText(shape, value));
  }
}

function writeMembers(xml: XmlWriter, shape: StructureShape, value: unknown): void {
  const record = value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  for (const [member, memberShape] of Object.entries(shape.members)) {
    const v = record[member];
    if (v !== undefined && v !== null) {
      writeValue(xml, member, memberShape, v);
    }
  }
}

export interface QueryResponseSpec {
  action: string;
  xmlNamespace: string;
  output: StructureShape;
  /** The model's resultWrapper (e.g. GetMetricDataResult); operations without output have none. */
  resultWrapper?: string;
}

export function encodeQueryResponse(spec: QueryResponseSpec, output: unknown, requestId: string): string {
  const xml = new XmlWriter();
  const root = `${spec.action}Response`;
  xml.start(root, { xmlns: spec.xmlNamespace });
  if (spec.resultWrapper) {
    writeValue(xml, spec.resultWrapper, spec.output, output);
  }
  xml.start('ResponseMetadata').leaf('RequestId', requestId).end('ResponseMetadata');
  xml.end(root);
  return xml.toString();
}

export interface QueryErrorFields {
  type: 'Sender' | 'Receiver';
  code: string;
  message: string;
}

export function encodeQueryError(xmlNamespace: string, error: QueryErrorFields, requestId: string): string {
  const xml = new XmlWriter();
  xml.start('ErrorResponse', { xmlns: xmlNamespace });
  xml.start('Error').leaf('Type', error.type).leaf('Code', error.code).leaf('Message', error.message).end('Error');
  xml.leaf('RequestId', requestId);
  xml.end('ErrorResponse');
  return xml.toString();
}
