/**
 * Refusals of an organization identifier (rule R6): a stable code, the field at fault and a message
 * in French and English that says what is wrong and what to do. Shaped to be carried by the
 * application's error type (code, field, messages) without translation.
 */
import { entryOf } from '../error-codes/catalogue.js';

/** Identifier kinds, as stored beside the normalized identifier. */
export type IdentifierKind = 'affiliate' | 'uid' | 'siret' | 'siren';

/**
 * Stable codes: `identifier.kind` (unknown kind), `identifier.format` (wrong shape),
 * `identifier.check_digit` (right shape, wrong check digit).
 */
export type IdentifierErrorCode = 'identifier.kind' | 'identifier.format' | 'identifier.check_digit';

/** Why an identifier was refused; `field` is the input field to highlight. */
export interface IdentifierError {
  readonly code: IdentifierErrorCode;
  readonly field: 'identifier';
  readonly messages: { readonly fr: string; readonly en: string };
}

function identifierError(code: IdentifierErrorCode, messages: IdentifierError['messages']): IdentifierError {
  return { code, field: 'identifier', messages };
}

/** The identifier does not have the shape of its kind. */
export function formatError(kind: IdentifierKind): IdentifierError {
  return identifierError('identifier.format', entryOf('identifier.format', { kind }).messages);
}

/** The identifier has the right shape but its check digit is wrong. */
export function checkDigitError(kind: Exclude<IdentifierKind, 'affiliate'>): IdentifierError {
  return identifierError('identifier.check_digit', entryOf('identifier.check_digit', { kind }).messages);
}

/** The kind is none of {@link IdentifierKind} (input from outside the type system). */
export function kindError(): IdentifierError {
  return identifierError('identifier.kind', entryOf('identifier.kind', { kind: 'unknown' }).messages);
}
