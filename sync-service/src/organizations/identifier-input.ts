import type { Decision } from '../commands/refusals.js';
import { detectIdentifierKind, parseIdentifier, type IdentifierKind } from './identifiers.js';
import { kindError } from './identifier-errors.js';
import { identifierRefusal } from './rules.js';

/**
 * R6: an identifier as people type it (UID, SIRET, SIREN or affiliate number, spaces and dots
 * tolerated), its kind guessed from its shape, checked for form and check digit; the refusal names
 * `field`. Pure.
 */
export function parseTypedIdentifier(raw: string, field: string): Decision<{ kind: IdentifierKind; identifier: string }> {
  const kind = detectIdentifierKind(raw);
  if (!kind) return identifierRefusal(kindError(), field);
  const parsed = parseIdentifier(kind, raw);
  if (!parsed.ok) return identifierRefusal(parsed.error, field);
  return { kind, identifier: parsed.value.normalized };
}
