import type { AppError } from '../errors.js';
import { invalid, type Decision } from './refusals.js';

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
  return invalid('input.date', field, { fr: 'Date attendue au format AAAA-MM-JJ.', en: 'Expected a date as YYYY-MM-DD.' });
}

/** `until` is not before `from` (either may be open). */
export function checkPeriod(from: string | null, until: string | null, field: string): AppError | undefined {
  if (from === null || until === null || until >= from) return undefined;
  return invalid('input.period', field, { fr: 'La date de fin précède la date de début.', en: 'The end date is before the start date.' });
}

/** A required text, trimmed. */
export function requiredText(value: unknown, field: string, code: string): Decision<string> {
  const text = typeof value === 'string' ? value.trim() : '';
  if (text !== '') return text;
  return invalid(code, field, { fr: 'Ce champ est obligatoire.', en: 'This field is required.' });
}

/** `value` is one of `allowed`. */
export function oneOf<T extends string>(allowed: readonly T[], value: unknown, field: string, code: string): Decision<T> {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  return invalid(code, field, { fr: `Valeur refusée ; valeurs admises : ${allowed.join(', ')}.`, en: `Value refused; allowed: ${allowed.join(', ')}.` });
}
