import { AppError, type Message } from '../errors.js';
import { compile, type ErrorObject, type Schema } from './schemas.js';
import { entryOf } from '../error-codes/catalogue.js';

/** One reason why an input was refused: the JSON pointer of the value at fault and why. */
export interface InputProblem {
  readonly field: string;
  readonly code: string;
  readonly messages: Message;
}

/** At most this many problems reach the caller (issue 14 item 3). */
export const maxProblems = 20;
/** Inputs up to this size (bytes of the body) get every problem listed; larger ones the first. */
export const detailedInputBytes = 16 * 1024;

/**
 * 422 `input.invalid`: the input does not match its schema. `field` is the JSON pointer of the first
 * problem; `problems` lists up to `maxProblems` of them, and reach the caller as `errors`.
 */
export class InputRefused extends AppError {
  readonly problems: readonly InputProblem[];

  constructor(problems: readonly InputProblem[]) {
    const first = problems[0];
    super('input.invalid', 422, entryOf('input.invalid', { by: 'schema', first: first?.messages }).messages, first ? { field: first.field } : {});
    this.problems = problems;
  }
}

/**
 * The input checked against its schema (query inputs coerced); throws `InputRefused` otherwise.
 * Issue 14 item 3: the check stops at the first problem; only an input of at most
 * `detailedInputBytes` (`size`, the body's length; queries are small) is checked again to list its
 * problems, at most `maxProblems`, so no input costs more than one pass over it and a small answer.
 */
// The caller names the type its schema describes: the check above it is what makes the cast true.
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
export function validated<T>(schema: Schema, source: 'body' | 'query', input: unknown, size = 0): T {
  const value = source === 'query' ? { ...(input as object) } : input;
  const nul = nulAt(value, '');
  if (nul !== undefined) throw new InputRefused([{ field: nul || '/', code: 'input.nul', messages: nulMessages }]);
  const first = compile(schema, source, 'first');
  if (first(value)) {
    const infinite = infiniteAt(value, '');
    if (infinite !== undefined) throw new InputRefused([{ field: infinite || '/', code: 'input.number', messages: numberMessages }]);
    return value as T;
  }
  const all = size <= detailedInputBytes ? compile(schema, source, 'all') : undefined;
  const errors = all && !all(value) ? all.errors : first.errors;
  throw new InputRefused((errors ?? []).slice(0, maxProblems).map(problemOf));
}

const nulMessages: Message = { fr: 'caractère nul (U+0000) refusé : retapez la valeur.', en: 'null character (U+0000) refused: type the value again.' };

/**
 * Issue 15 item 4 (found by the fuzzer): PostgreSQL stores no NUL in text, so a value holding one
 * was a 500 wherever it reached a query. The JSON Pointer of the first string (or key) holding one.
 */
export function nulAt(value: unknown, pointer: string): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? pointer : undefined;
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [key, item] of Object.entries(value)) {
    const here = `${pointer}/${escapePointer(key)}`;
    if (key.includes('\u0000')) return here;
    const found = nulAt(item, here);
    if (found !== undefined) return found;
  }
  return undefined;
}

const numberMessages: Message = { fr: 'nombre hors limites.', en: 'number out of range.' };

/**
 * Issue 15 item 4 (found by the fuzzer, seed 833418): `1e309` reads as Infinity — JSON.parse and
 * the query's coercion both make it — and a schema's bounds let it through; PostgreSQL then
 * refused it, a 500. The JSON Pointer of the first number that is not finite.
 */
export function infiniteAt(value: unknown, pointer: string): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : pointer;
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [key, item] of Object.entries(value)) {
    const found = infiniteAt(item, `${pointer}/${escapePointer(key)}`);
    if (found !== undefined) return found;
  }
  return undefined;
}

function problemOf(error: ErrorObject): InputProblem {
  const params = error.params as Record<string, unknown>;
  const named = (params.missingProperty ?? params.additionalProperty) as string | undefined;
  const field = named === undefined ? error.instancePath || '/' : `${error.instancePath}/${escapePointer(named)}`;
  return { field, code: `schema.${error.keyword}`, messages: messagesOf(error.keyword, params) };
}

const escapePointer = (name: string): string => name.replace(/~/g, '~0').replace(/\//g, '~1');

function messagesOf(keyword: string, params: Record<string, unknown>): Message {
  const list = (values: unknown) => (Array.isArray(values) ? values.join(', ') : String(values));
  switch (keyword) {
    case 'required':
      return { fr: 'ce champ est obligatoire.', en: 'this field is required.' };
    case 'additionalProperties':
      return { fr: 'ce champ est inconnu ou ne peut pas être modifié ici.', en: 'this field is unknown or cannot be set here.' };
    case 'type':
      return { fr: `type attendu : ${list(params.type)}.`, en: `expected type: ${list(params.type)}.` };
    case 'enum':
      return { fr: `valeurs admises : ${list(params.allowedValues)}.`, en: `allowed values: ${list(params.allowedValues)}.` };
    case 'const':
      return { fr: `valeur attendue : ${String(params.allowedValue)}.`, en: `expected value: ${String(params.allowedValue)}.` };
    case 'format':
      return { fr: `format attendu : ${String(params.format)}.`, en: `expected format: ${String(params.format)}.` };
    case 'minLength':
      return params.limit === 1
        ? { fr: 'ce champ ne peut pas être vide.', en: 'this field cannot be empty.' }
        : { fr: `au moins ${String(params.limit)} caractères.`, en: `at least ${String(params.limit)} characters.` };
    case 'maxLength':
      return { fr: `au plus ${String(params.limit)} caractères.`, en: `at most ${String(params.limit)} characters.` };
    case 'minimum':
      return { fr: `au moins ${String(params.limit)}.`, en: `at least ${String(params.limit)}.` };
    case 'maximum':
      return { fr: `au plus ${String(params.limit)}.`, en: `at most ${String(params.limit)}.` };
    case 'maxItems':
      return { fr: `au plus ${String(params.limit)} éléments.`, en: `at most ${String(params.limit)} items.` };
    case 'minProperties':
      return { fr: 'au moins un champ à modifier.', en: 'at least one field to change.' };
    case 'pattern':
      return { fr: 'forme refusée.', en: 'malformed value.' };
    default:
      return { fr: `valeur refusée (${keyword}).`, en: `value refused (${keyword}).` };
  }
}
