import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * A JSON Schema of the API (draft 2020-12 subset shared by ajv and OpenAPI 3.1). Objects close
 * themselves (`additionalProperties: false`) so that a field nobody may set is refused, not ignored.
 */
export type Schema = Readonly<Record<string, unknown>>;

// One instance per way of reading input: bodies are taken as sent, query strings arrive as text
// (and repeated parameters as arrays), so they are coerced to the types the schema names.
const bodies = new Ajv({ allErrors: true, strict: true, strictTypes: false });
const queries = new Ajv({ allErrors: true, strict: true, strictTypes: false, coerceTypes: 'array', useDefaults: true });
addFormats.default(bodies);
addFormats.default(queries);

const compiled = new WeakMap<Schema, ValidateFunction>();

/** The schema compiled once (the route table is built at start, so every schema is compiled then). */
export function compile(schema: Schema, source: 'body' | 'query'): ValidateFunction {
  const known = compiled.get(schema);
  if (known) return known;
  const validate = (source === 'body' ? bodies : queries).compile(schema);
  compiled.set(schema, validate);
  return validate;
}

export type { ErrorObject };

/** Shorthands for the schemas' common parts. */
export const uuid = { type: 'string', format: 'uuid' } as const;
export const isoDate = { type: 'string', format: 'date' } as const;
export const text = (maxLength: number) => ({ type: 'string', minLength: 1, maxLength }) as const;
/** A list answer, `{ items: [...] }`: every list route answers this shape. */
export const itemsOf = <const Item>(item: Item) => ({ type: 'object', additionalProperties: false, required: ['items'], properties: { items: { type: 'array', items: item } } }) as const;
