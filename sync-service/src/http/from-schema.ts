/**
 * The TypeScript type a JSON Schema describes, for the subset the API's schemas use (objects with
 * `properties` and `required`, arrays, `enum`, `const`, `type` as a name or a list of names), so
 * that the types of the API's inputs derive from its schemas and never drift from what ajv checks.
 * Write schemas `as const`. A deliberately small stand-in for json-schema-to-ts (no dependency).
 */
export type FromSchema<S> = S extends { readonly const: infer C }
  ? C
  : S extends { readonly enum: ReadonlyArray<infer E> }
    ? E
    : S extends { readonly type: infer T }
      ? T extends ReadonlyArray<infer Each>
        ? Each extends string
          ? OfType<S, Each>
          : never
        : OfType<S, T>
      : unknown;

type OfType<S, T> = T extends 'string'
  ? string
  : T extends 'integer' | 'number'
    ? number
    : T extends 'boolean'
      ? boolean
      : T extends 'null'
        ? null
        : T extends 'array'
          ? S extends { readonly items: infer I }
            ? Array<FromSchema<I>>
            : unknown[]
          : T extends 'object'
            ? ObjectOf<S>
            : never;

type ObjectOf<S> = S extends { readonly properties: infer P }
  ? Flatten<
      { -readonly [K in keyof P as K extends Required<S> ? K : never]: FromSchema<P[K]> } & {
        -readonly [K in keyof P as K extends Required<S> ? never : K]?: FromSchema<P[K]>;
      }
    >
  : S extends { readonly additionalProperties: infer A }
    ? A extends object
      ? Record<string, FromSchema<A>>
      : Record<string, unknown>
    : Record<string, unknown>;

type Required<S> = S extends { readonly required: ReadonlyArray<infer R> } ? R : never;
type Flatten<T> = { [K in keyof T]: T[K] };
