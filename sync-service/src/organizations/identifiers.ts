/**
 * Organization identifiers (rule R6): an organization is identified by a Swiss affiliate number, a
 * Swiss UID (IDE) or a French SIRET/SIREN, each checked for form and check digit. Pure: whether the
 * identifier is known to the registry is rule R11's business, elsewhere.
 *
 * Input is forgiving (surrounding spaces, separators, case), output is canonical: the `normalized`
 * form is what the database stores and compares, so one identifier typed two ways is one
 * organization. Uniqueness holds per kind: store and compare the pair (kind, normalized).
 */
import { digitSum, passesLuhn, uidCheckDigit } from './check-digits.js';
import { checkDigitError, formatError, kindError } from './identifier-errors.js';
import type { IdentifierError, IdentifierKind } from './identifier-errors.js';

export type { IdentifierError, IdentifierErrorCode, IdentifierKind } from './identifier-errors.js';

/** A checked identifier: `normalized` to store and compare, `display` to show to people. */
export interface OrganizationIdentifier {
  readonly kind: IdentifierKind;
  readonly normalized: string;
  readonly display: string;
}

/** Outcome of {@link parseIdentifier}; a refusal says why in French and English. */
export type IdentifierResult = { readonly ok: true; readonly value: OrganizationIdentifier } | { readonly ok: false; readonly error: IdentifierError };

/** La Poste's SIREN: its establishments' SIRETs do not follow Luhn (see {@link parseSiret}). */
export const LA_POSTE_SIREN = '356000000';

const UID_SUFFIX = /\s*(?:MWST|TVA|IVA)$/;
const UID_SEPARATORS = /[\s.-]/g;
const WHITESPACE = /\s/g;
const AFFILIATE_SHAPE = /^\d+(?:[.\- ]\d+)*$/;
const AFFILIATE_DIGITS = { min: 3, max: 12 } as const;

const PARSERS: Record<IdentifierKind, (raw: string) => IdentifierResult> = {
  uid: parseUid,
  siret: parseSiret,
  siren: parseSiren,
  affiliate: parseAffiliate,
};

/**
 * Parses, normalizes and checks an identifier of the given kind (rule R6). `kind` is checked at
 * run time too, since it usually comes from a request.
 */
export function parseIdentifier(kind: IdentifierKind, raw: string): IdentifierResult {
  if (!Object.hasOwn(PARSERS, kind)) return { ok: false, error: kindError() };
  return PARSERS[kind](raw);
}

/**
 * Guesses the kind from the shape alone (no check digit): `CHE…` is a UID, 14 digits a SIRET,
 * 9 digits a SIREN (spaces ignored), otherwise 3 to 12 digits with dots or dashes an affiliate
 * number. A 9-digit affiliate number typed without separators reads as a SIREN: pass the kind
 * explicitly wherever the portal knows it.
 */
export function detectIdentifierKind(raw: string): IdentifierKind | undefined {
  const trimmed = raw.trim();
  if (/^CHE/i.test(trimmed)) return 'uid';
  const compact = trimmed.replace(WHITESPACE, '');
  if (/^\d{14}$/.test(compact)) return 'siret';
  if (/^\d{9}$/.test(compact)) return 'siren';
  return affiliateDigits(trimmed) === undefined ? undefined : 'affiliate';
}

/**
 * The SIREN (company) of a SIRET (establishment): its first 9 digits. Establishments of one company
 * share the SIREN; antennas share their parent's whole SIRET. Takes a SIRET as parsed by
 * {@link parseIdentifier} (spaces tolerated) and throws on anything else, a programming error.
 */
export function sirenOfSiret(siret: string): string {
  const digits = siret.replace(WHITESPACE, '');
  if (!/^\d{14}$/.test(digits)) throw new RangeError('sirenOfSiret expects a SIRET of 14 digits');
  return digits.slice(0, 9);
}

/**
 * Swiss UID (IDE, `CHE-123.456.789`): prefix CHE, 9 digits, the last one a mod-11 check digit.
 * Accepted with or without separators, in any case, with a VAT suffix (MWST, TVA, IVA) dropped.
 *
 * @see https://www.uid.admin.ch
 * @see https://www.ech.ch/de/ech/ech-0097 (eCH-0097, check digit)
 */
function parseUid(raw: string): IdentifierResult {
  const upper = raw.trim().toUpperCase().replace(UID_SUFFIX, '');
  const digits = upper.startsWith('CHE') ? upper.slice(3).replace(UID_SEPARATORS, '') : '';
  if (!/^\d{9}$/.test(digits)) return { ok: false, error: formatError('uid') };
  if (uidCheckDigit(digits.slice(0, 8)) !== Number(digits[8])) {
    return { ok: false, error: checkDigitError('uid') };
  }
  const display = `CHE-${digits.slice(0, 3)}.${digits.slice(3, 6)}.${digits.slice(6)}`;
  return accepted('uid', `CHE${digits}`, display);
}

/**
 * French SIRET (establishment), 14 digits: its SIREN and the whole number pass Luhn, as INSEE
 * checks them. La Poste's establishments (SIREN 356000000) are numbered past what Luhn allows:
 * theirs pass when the sum of the 14 digits is a multiple of 5.
 *
 * @see https://fr.wikipedia.org/wiki/Syst%C3%A8me_d%27identification_du_r%C3%A9pertoire_des_%C3%A9tablissements
 * @see https://github.com/InseeFrLab/validinsee (INSEE's own check, La Poste rule included)
 */
function parseSiret(raw: string): IdentifierResult {
  const digits = raw.replace(WHITESPACE, '');
  if (!/^\d{14}$/.test(digits)) return { ok: false, error: formatError('siret') };
  if (!siretCheckDigitsHold(digits)) return { ok: false, error: checkDigitError('siret') };
  const display = `${groupSiren(digits.slice(0, 9))} ${digits.slice(9)}`;
  return accepted('siret', digits, display);
}

function siretCheckDigitsHold(digits: string): boolean {
  const siren = digits.slice(0, 9);
  if (passesLuhn(siren) && passesLuhn(digits)) return true;
  return siren === LA_POSTE_SIREN && digitSum(digits) % 5 === 0;
}

/** French SIREN (company), 9 digits, Luhn. */
function parseSiren(raw: string): IdentifierResult {
  const digits = raw.replace(WHITESPACE, '');
  if (!/^\d{9}$/.test(digits)) return { ok: false, error: formatError('siren') };
  if (!passesLuhn(digits)) return { ok: false, error: checkDigitError('siren') };
  return accepted('siren', digits, groupSiren(digits));
}

/**
 * Swiss affiliate number (numéro d'affilié), issued by each AVS/AHV compensation fund to its
 * members and printed on its letters (seed fer-ge-gestion-des-acces.txt, "Où trouver mon numéro
 * d'affilié ?"). Assumption: funds publish neither a common format nor a check digit, so any 3 to
 * 12 digits, grouped by single dots, dashes or spaces, are accepted and stored as digits only;
 * leading zeros are kept. The registry (rule R11) is what tells a real number from a typo. With no
 * common grouping either, the display form is the digits.
 */
function parseAffiliate(raw: string): IdentifierResult {
  const digits = affiliateDigits(raw.trim());
  if (digits === undefined) return { ok: false, error: formatError('affiliate') };
  return accepted('affiliate', digits, digits);
}

function affiliateDigits(trimmed: string): string | undefined {
  if (!AFFILIATE_SHAPE.test(trimmed)) return undefined;
  const digits = trimmed.replace(/\D/g, '');
  const { min, max } = AFFILIATE_DIGITS;
  return digits.length >= min && digits.length <= max ? digits : undefined;
}

function groupSiren(siren: string): string {
  return `${siren.slice(0, 3)} ${siren.slice(3, 6)} ${siren.slice(6)}`;
}

function accepted(kind: IdentifierKind, normalized: string, display: string): IdentifierResult {
  return { ok: true, value: { kind, normalized, display } };
}
