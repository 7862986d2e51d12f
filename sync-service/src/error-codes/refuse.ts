import { AppError } from '../errors.js';
import { catalogue, entryOf, type ErrorCode, type ParamsOf } from './catalogue.js';

/** What a call site adds to the catalogue's entry: the field at fault when it varies, the cause. */
export interface RefuseOptions {
  readonly field?: string | undefined;
  readonly cause?: unknown;
}

/** A code's arguments: its parameters first when its messages take some, then the options. */
export type RefuseArguments<C extends ErrorCode> = [ParamsOf<C>] extends [never] ? [options?: RefuseOptions] : [params: ParamsOf<C>, options?: RefuseOptions];

/**
 * The `AppError` of a catalogue code: its status and messages from the catalogue, the field from the
 * options or else the catalogue's fixed one.
 */
export function refuse<C extends ErrorCode>(code: C, ...args: RefuseArguments<C>): AppError {
  const parametric = 'says' in catalogue[code];
  const [params, options] = (parametric ? [args[0], args[1]] : [undefined, args[0]]) as [ParamsOf<C> | undefined, RefuseOptions | undefined];
  const entry = entryOf(code, params);
  return new AppError(code, entry.status, entry.messages, { field: options?.field ?? entry.field, cause: options?.cause });
}
