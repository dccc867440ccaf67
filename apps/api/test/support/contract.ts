// Answers checked against the committed OpenAPI document: what consumers generate their clients from.
// Objects are closed (a member the contract does not name fails), so a field of an internal type that
// slipped into an answer is caught, and so is a length, pattern or format the document promises.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type AnySchema } from 'ajv';
import addFormats from 'ajv-formats';

type Node = Record<string, unknown>;

/** OpenAPI 3.0 schema → JSON Schema: `nullable` becomes a null alternative; objects with properties are closed. */
function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (node === null || typeof node !== 'object') return node;
  const { nullable, ...rest } = node as Node;
  const out: Node = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, k === 'example' ? v : toJsonSchema(v)]));
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  if (nullable !== true) return out;
  const { description, ...schema } = out;
  return { ...(description ? { description } : {}), anyOf: [{ type: 'null' }, schema] };
}

/** An Ajv that knows a document's component schemas as `openapi#/components/schemas/<name>`. */
function ajvFor(doc: { components?: { schemas?: Node } }): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isSafeInteger(n) });
  ajv.addFormat('float', { type: 'number', validate: (n: number) => Number.isFinite(n) });
  ajv.addSchema({ $id: 'openapi', components: { schemas: toJsonSchema(doc.components?.schemas ?? {}) } } as AnySchema);
  return ajv;
}

const errorsOf = (validate: { errors?: { instancePath: string; message?: string; keyword: string }[] | null }) =>
  (validate.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? e.keyword}`);

export function contractOf(app: 'api'): (schema: string, value: unknown) => string[] {
  const doc = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', app, 'openapi.json'), 'utf8')) as { components: { schemas: Node } };
  const ajv = ajvFor(doc);
  return (schema, value) => {
    const validate = ajv.getSchema(`openapi#/components/schemas/${schema}`);
    if (!validate) throw new Error(`${schema} is not in the document`);
    return validate(value) ? [] : errorsOf(validate);
  };
}

/** References inside the document become references into the schema registered as `openapi`. */
function anchored(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(anchored);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(Object.entries(node as Node).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? `openapi${v}` : anchored(v)]));
}

/**
 * A validator of values against schemas as a document writes them in a media type (a `$ref` to one of its
 * components, or inline), with the same closed objects as contractOf: for the examples of a document.
 */
export function mediaValidatorOf(doc: { components?: { schemas?: Node } }): (schema: unknown, value: unknown) => string[] {
  const ajv = ajvFor(doc);
  return (schema, value) => {
    const validate = ajv.compile(anchored(toJsonSchema(schema)) as AnySchema);
    return validate(value) ? [] : errorsOf(validate);
  };
}
