/**
 * The slice of an AWS service model (botocore's service-2.json, Smithy's JSON AST) the awsQuery codec needs: the
 * type of every member, so a form parameter becomes a number, a boolean, a list or an epoch-seconds timestamp,
 * and a handler's output becomes XML with lists as <member> and timestamps as ISO 8601. Handlers speak the AWS
 * JSON shape (the one JSON clients send and read), so one handler serves both protocols.
 */

export type ScalarShape =
  | { type: 'string' }
  | { type: 'integer' }
  | { type: 'double' }
  | { type: 'boolean' }
  /** epoch seconds in the handlers' JSON shape, ISO 8601 on the query wire */
  | { type: 'timestamp' };

export interface ListShape {
  type: 'list';
  member: Shape;
}

export interface MapShape {
  type: 'map';
  key: ScalarShape;
  value: Shape;
}

export interface StructureShape {
  type: 'structure';
  /** In the model's member order (XML output follows it, as the model's xmlOrder does). */
  members: Record<string, Shape>;
}

export type Shape = ScalarShape | ListShape | MapShape | StructureShape;

export const string: ScalarShape = { type: 'string' };
export const integer: ScalarShape = { type: 'integer' };
export const double: ScalarShape = { type: 'double' };
export const boolean: ScalarShape = { type: 'boolean' };
export const timestamp: ScalarShape = { type: 'timestamp' };
export const list = (member: Shape): ListShape => ({ type: 'list', member });
export const map = (value: Shape, key: ScalarShape = string): MapShape => ({ type: 'map', key, value });
export const structure = (members: Record<string, Shape>): StructureShape => ({ type: 'structure', members });
