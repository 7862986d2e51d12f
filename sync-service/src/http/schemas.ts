import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * A JSON Schema of the API (draft 2020-12 subset shared by ajv and OpenAPI 3.1). Objects close
 * themselves (`additionalProperties: false`) so that a field nobody may set is refused, not ignored.
 */
export type Schema = Readonly<Record<string, unknown>>;

// One instance per way of reading input: bodies are taken as sent, query strings arrive as text
// (and repeated parameters as arrays), so they are coerced to the types the schema names. And per
// depth: `first` stops at the first problem (issue 14 item 3: what any input costs), `all` lists
// every problem, for inputs small enough that listing them is cheap (validate.ts).
const options = { strict: true, strictTypes: false } as const;
const instances = {
  body: { first: new Ajv({ ...options, allErrors: false }), all: new Ajv({ ...options, allErrors: true }) },
  query: {
    first: new Ajv({ ...options, allErrors: false, coerceTypes: 'array', useDefaults: true }),
    all: new Ajv({ ...options, allErrors: true, coerceTypes: 'array', useDefaults: true }),
  },
};
for (const source of Object.values(instances)) for (const ajv of Object.values(source)) addFormats.default(ajv);

const compiled = { first: new WeakMap<Schema, ValidateFunction>(), all: new WeakMap<Schema, ValidateFunction>() };

/**
 * The schema compiled once: `first` stops at the first problem (compiled when the route table is
 * mounted, at start), `all` reports them all (compiled at its first use).
 */
export function compile(schema: Schema, source: 'body' | 'query', depth: 'first' | 'all' = 'all'): ValidateFunction {
  const known = compiled[depth].get(schema);
  if (known) return known;
  const validate = instances[source][depth].compile(schema);
  compiled[depth].set(schema, validate);
  return validate;
}

export type { ErrorObject };

/** Shorthands for the schemas' common parts. */
export const uuid = { type: 'string', format: 'uuid' } as const;
export const isoDate = { type: 'string', format: 'date' } as const;
export const text = (maxLength: number) => ({ type: 'string', minLength: 1, maxLength }) as const;
/** A list answer, `{ items: [...] }`: every list route answers this shape. */
export const itemsOf = <const Item>(item: Item) =>
  ({ type: 'object', additionalProperties: false, required: ['items'], properties: { items: { type: 'array', items: item } } }) as const;
