import { AppError } from '../errors.js';
import { refuse } from '../error-codes/refuse.js';

/**
 * What the rules answer: the value to write, or an `AppError` that says why not. Rules are pure and
 * return their refusal; commands `enforce` it, which throws inside the transaction, so a refused
 * command changes nothing.
 */
export type Decision<T> = T | AppError;

/** The decided value, or the refusal thrown. */
export function enforce<T>(decision: Decision<T>): T {
  if (decision instanceof AppError) throw decision;
  return decision;
}

/** The first refusal among checks, in order. */
export function firstRefusal(...checks: ReadonlyArray<AppError | undefined>): AppError | undefined {
  return checks.find((check) => check !== undefined);
}

/** What `notFound` names: every `<subject>.not_found` of the catalogue whose messages are fixed. */
export type NotFoundSubject =
  | 'organization'
  | 'unit'
  | 'membership'
  | 'person'
  | 'service'
  | 'subscription'
  | 'mandate'
  | 'delegate'
  | 'sign_up'
  | 'recovery'
  | 'document'
  | 'access_request';

/**
 * 404 `<subject>.not_found`. Also the answer for what exists but belongs to another organization,
 * so that nobody learns of other organizations' units or people by guessing ids.
 */
export function notFound(subject: NotFoundSubject, field: string): AppError {
  return refuse(`${subject}.not_found`, { field });
}
