/**
 * Refusals of an organization identifier (rule R6): a stable code, the field at fault and a message
 * in French and English that says what is wrong and what to do. Shaped to be carried by the
 * application's error type (code, field, messages) without translation.
 */

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

type Messages = IdentifierError['messages'];

const FORMAT: Record<IdentifierKind, Messages> = {
  uid: {
    fr: 'Le numéro IDE doit avoir la forme CHE-123.456.789.',
    en: 'The UID must look like CHE-123.456.789.',
  },
  siret: {
    fr: 'Le numéro SIRET doit compter 14 chiffres, par exemple 123 456 789 00012.',
    en: 'The SIRET must have 14 digits, for example 123 456 789 00012.',
  },
  siren: {
    fr: 'Le numéro SIREN doit compter 9 chiffres, par exemple 123 456 789.',
    en: 'The SIREN must have 9 digits, for example 123 456 789.',
  },
  affiliate: {
    fr: "Le numéro d'affilié doit compter de 3 à 12 chiffres (points et tirets admis). Il figure sur les courriers de votre caisse de compensation, par exemple la facture AVS.",
    en: 'The affiliate number must have 3 to 12 digits (dots and dashes allowed). It is printed on the letters from your compensation fund, for example the AHV/AVS invoice.',
  },
};

// Affiliate numbers carry no public check digit, hence no entry.
const CHECK_DIGIT: Record<Exclude<IdentifierKind, 'affiliate'>, Messages> = {
  uid: {
    fr: "Ce numéro IDE n'existe pas : son chiffre de contrôle ne correspond pas. Recopiez-le depuis le registre IDE (www.uid.admin.ch) ou un extrait du registre du commerce.",
    en: 'This UID does not exist: its check digit does not match. Copy it from the UID register (www.uid.admin.ch) or a commercial register extract.',
  },
  siret: {
    fr: "Ce numéro SIRET n'existe pas : sa clé de contrôle ne correspond pas. Recopiez-le depuis votre avis de situation au répertoire SIRENE (INSEE).",
    en: 'This SIRET does not exist: its check digit does not match. Copy it from your SIRENE registration notice (INSEE).',
  },
  siren: {
    fr: "Ce numéro SIREN n'existe pas : sa clé de contrôle ne correspond pas. Recopiez-le depuis votre avis de situation au répertoire SIRENE (INSEE).",
    en: 'This SIREN does not exist: its check digit does not match. Copy it from your SIRENE registration notice (INSEE).',
  },
};

const UNKNOWN_KIND: Messages = {
  fr: "Type d'identifiant inconnu : choisissez un numéro d'affilié, un numéro IDE, un SIRET ou un SIREN.",
  en: 'Unknown identifier type: choose an affiliate number, a UID, a SIRET or a SIREN.',
};

function identifierError(code: IdentifierErrorCode, messages: Messages): IdentifierError {
  return { code, field: 'identifier', messages };
}

/** The identifier does not have the shape of its kind. */
export function formatError(kind: IdentifierKind): IdentifierError {
  return identifierError('identifier.format', FORMAT[kind]);
}

/** The identifier has the right shape but its check digit is wrong. */
export function checkDigitError(kind: Exclude<IdentifierKind, 'affiliate'>): IdentifierError {
  return identifierError('identifier.check_digit', CHECK_DIGIT[kind]);
}

/** The kind is none of {@link IdentifierKind} (input from outside the type system). */
export function kindError(): IdentifierError {
  return identifierError('identifier.kind', UNKNOWN_KIND);
}
