import type { AppError } from '../errors.js';
import type { CodeTaking, FixedCode } from '../error-codes/catalogue.js';
import type { Decision } from './refusals.js';
import { refuse } from '../error-codes/refuse.js';

/** Checks of plain values shared by the rules of every capability. Pure. */

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar date written YYYY-MM-DD that exists (no 31 April). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** A date of the input, or the refusal naming its field. */
export function checkDate(value: unknown, field: string): AppError | undefined {
  if (isIsoDate(value)) return undefined;
  return refuse('input.date', { problem: 'format' }, { field });
}

/** `until` is not before `from` (either may be open). */
export function checkPeriod(from: string | null, until: string | null, field: string): AppError | undefined {
  if (from === null || until === null || until >= from) return undefined;
  return refuse('input.period', { field });
}

/** A required text, trimmed. */
export function requiredText(value: unknown, field: string, code: FixedCode): Decision<string> {
  const text = typeof value === 'string' ? value.trim() : '';
  if (text !== '') return text;
  return refuse(code, { field });
}

/** `value` is one of `allowed`. */
export function oneOf<T extends string>(
  allowed: readonly T[],
  value: unknown,
  field: string,
  code: CodeTaking<{ readonly allowed: readonly string[] }>,
): Decision<T> {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  return refuse(code, { allowed }, { field });
}
