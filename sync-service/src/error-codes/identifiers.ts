import type { Entries, Said } from './entry.js';

/** Identifier kinds (the same as `IdentifierKind` of organizations/identifier-errors.ts). */
type Kind = 'affiliate' | 'uid' | 'siret' | 'siren';

const FORMAT: Record<Kind, Said> = {
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
const CHECK_DIGIT: Record<Exclude<Kind, 'affiliate'>, Said> = {
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

const UNKNOWN_KIND: Said = {
  fr: "Type d'identifiant inconnu : choisissez un numéro d'affilié, un numéro IDE, un SIRET ou un SIREN.",
  en: 'Unknown identifier type: choose an affiliate number, a UID, a SIRET or a SIREN.',
};

const GIVE_KIND: Said = { fr: "Précisez le type d'identifiant.", en: 'Give the identifier kind.' };

/** R6: refusals of an organization identifier. */
export const identifierErrors = {
  /** `unknown`: a kind none of the four; `missing`: no kind given. */
  'identifier.kind': {
    status: 422,
    field: 'identifier',
    says: ({ kind }: { readonly kind: 'unknown' | 'missing' }) => (kind === 'unknown' ? UNKNOWN_KIND : GIVE_KIND),
  },
  'identifier.format': { status: 422, field: 'identifier', says: ({ kind }: { readonly kind: Kind }) => FORMAT[kind] },
  'identifier.check_digit': { status: 422, field: 'identifier', says: ({ kind }: { readonly kind: Exclude<Kind, 'affiliate'> }) => CHECK_DIGIT[kind] },
} as const satisfies Entries;
