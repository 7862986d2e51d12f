/**
 * Rules of organizations (R6, R7), pure: state and command in, the values to write or a refusal out.
 */
import { conflict, firstRefusal, forbiddenBy, invalid, type Decision } from '../commands/refusals.js';
import { oneOf, requiredText } from '../commands/checks.js';
import { portal } from '../profile/profile.js';
import { AppError } from '../errors.js';
import { parseIdentifier, type IdentifierError, type IdentifierKind } from './identifiers.js';

export const organizationTypes = ['employer', 'fiduciary', 'prescriber', 'training_body', 'public_body', 'other'] as const;
export type OrganizationType = (typeof organizationTypes)[number];
export const organizationStatuses = ['active', 'suspended', 'closed'] as const;
export type OrganizationStatus = (typeof organizationStatuses)[number];

/** How people read each type, for messages. */
export const organizationTypeLabels: Readonly<Record<OrganizationType, { fr: string; en: string }>> = {
  employer: { fr: 'employeur', en: 'employer' },
  fiduciary: { fr: 'fiduciaire', en: 'fiduciary' },
  prescriber: { fr: 'prescripteur', en: 'prescriber' },
  training_body: { fr: 'organisme de formation', en: 'training body' },
  public_body: { fr: 'organisme public', en: 'public body' },
  other: { fr: 'autre', en: 'other' },
};

/**
 * R6, for every profile: tokens key a person's rights by the organization's identifier
 * (`organizations` claim) and the decision endpoint names an organization by it, so a person never
 * acts for two organizations sharing one (an employer and a prescriber, where the profile lets them).
 * `held`: the identifiers of the person's other organizations.
 */
export function checkIdentifierNotHeld(joining: string, held: readonly string[], field: string): AppError | undefined {
  if (!held.includes(joining)) return undefined;
  return conflict('membership.identifier_held', field, {
    fr: "Cette personne est déjà membre d'une autre organisation portant le même identifiant ; un compte n'agit que pour une organisation par identifiant. Elle doit utiliser un autre compte, avec une autre adresse e-mail.",
    en: 'This person is already a member of another organization with the same identifier; one account acts for one organization per identifier. They need another account, with another e-mail address.',
  });
}

/**
 * R12: `joining` must not mix, in one account, with a type already held (`held`): by the person
 * invited (`field` = its e-mail's), or by the members of an organization whose type changes (`type`).
 */
export function checkTypeMix(joining: OrganizationType, held: readonly OrganizationType[], mustNotMix: ReadonlyArray<readonly [OrganizationType, OrganizationType]>, field: string): AppError | undefined {
  const clash = held.find((type) => mustNotMix.some(([a, b]) => (a === joining && b === type) || (b === joining && a === type)));
  if (!clash) return undefined;
  const [other, wanted] = [organizationTypeLabels[clash], organizationTypeLabels[joining]];
  const rule = { fr: `les types « ${other.fr} » et « ${wanted.fr} » ne se mélangent pas dans un même compte`, en: `"${other.en}" and "${wanted.en}" do not mix in one account` };
  if (field === 'type') {
    return conflict('organization.type_mix', field, {
      fr: `Des membres de cette organisation sont aussi membres d'une organisation de type « ${other.fr} » ; ${rule.fr}. Retirez-les d'abord de l'une des deux.`,
      en: `Members of this organization are also members of a "${other.en}" organization; ${rule.en}. Remove them from one of the two first.`,
    });
  }
  return conflict('membership.type_mix', field, {
    fr: `Cette personne est déjà membre d'une organisation de type « ${other.fr} » ; ${rule.fr}. Elle doit utiliser un autre compte, avec une autre adresse e-mail.`,
    en: `This person is already a member of a "${other.en}" organization; ${rule.en}. They need another account, with another e-mail address.`,
  });
}

/** A postal address, free lines (street, postcode, town, country…). */
export type Address = Readonly<Record<string, string>>;

/** The organization's details as stored; `identifier` is normalized (R6). */
export interface OrganizationDetails {
  readonly identifierKind: IdentifierKind;
  readonly identifier: string;
  readonly legalName: string;
  readonly type: OrganizationType;
  readonly category: string | null;
  readonly address: Address;
}

export interface RegisterOrganization {
  readonly identifierKind: IdentifierKind;
  /** As typed: spaces, dots, case are normalized (R6). */
  readonly identifier: string;
  readonly legalName: string;
  readonly type: OrganizationType;
  readonly category?: string | null;
  readonly address?: Address;
}

/** Only the fields to change; the immutable ones (R7) may be repeated unchanged. */
export interface OrganizationChanges {
  readonly legalName?: string;
  readonly type?: OrganizationType;
  readonly address?: Address;
  readonly category?: string | null;
  readonly identifierKind?: IdentifierKind;
  readonly identifier?: string;
}

/** R6: an identifier refusal (form, check digit, kind) as the application's error. */
export function identifierRefusal(error: IdentifierError, field = 'identifier'): AppError {
  return invalid(error.code, field, error.messages);
}

/** R6: the organization to write, its identifier checked and normalized. */
export function checkRegistration(input: RegisterOrganization, offered?: OfferedOrganizations): Decision<OrganizationDetails> {
  const parsed = parseIdentifier(input.identifierKind, input.identifier);
  if (!parsed.ok) return identifierRefusal(parsed.error);
  const legalName = requiredText(input.legalName, 'legalName', 'organization.legal_name');
  if (legalName instanceof AppError) return legalName;
  const type = oneOf(organizationTypes, input.type, 'type', 'organization.type');
  if (type instanceof AppError) return type;
  const notOffered = offered && checkOffered(parsed.value.kind, type, offered);
  if (notOffered) return notOffered;
  const address = input.address ?? {};
  const badAddress = checkAddress(address);
  if (badAddress) return badAddress;
  return { identifierKind: parsed.value.kind, identifier: parsed.value.normalized, legalName, type, category: input.category?.trim() || null, address };
}

/** How people read each kind of identifier, for messages. */
const identifierKindLabels: Readonly<Record<IdentifierKind, { fr: string; en: string }>> = {
  affiliate: { fr: "numéro d'affilié", en: 'affiliate number' },
  uid: { fr: 'IDE', en: 'UID' },
  siret: { fr: 'SIRET', en: 'SIRET' },
  siren: { fr: 'SIREN', en: 'SIREN' },
};

/** What a portal's profile lets organizations register with (issue 17). */
export interface OfferedOrganizations {
  readonly identifierKinds: readonly IdentifierKind[];
  readonly types: readonly OrganizationType[];
}

/**
 * Issue 17: a portal registers only organizations of the identifier kinds and types its profile
 * offers (a Geneva social-insurance fund knows no SIRET); `kindField` is where the identifier was typed.
 */
export function checkOffered(kind: IdentifierKind, type: OrganizationType, offered: OfferedOrganizations, kindField = 'identifierKind'): AppError | undefined {
  const list = (labels: readonly { fr: string; en: string }[], language: 'fr' | 'en'): string => labels.map((label) => label[language]).join(', ');
  if (!offered.identifierKinds.includes(kind)) {
    const kinds = offered.identifierKinds.map((k) => identifierKindLabels[k]);
    return invalid('organization.identifier_kind_not_offered', kindField, {
      fr: `Ce portail n'enregistre pas d'organisation par ${identifierKindLabels[kind].fr} ; il accepte : ${list(kinds, 'fr')}.`,
      en: `This portal does not register organizations by ${identifierKindLabels[kind].en}; it accepts: ${list(kinds, 'en')}.`,
    });
  }
  if (!offered.types.includes(type)) {
    const types = offered.types.map((t) => organizationTypeLabels[t]);
    return invalid('organization.type_not_offered', 'type', {
      fr: `Ce portail n'accueille pas d'organisation de type « ${organizationTypeLabels[type].fr} » ; types admis : ${list(types, 'fr')}.`,
      en: `This portal does not take organizations of the type "${organizationTypeLabels[type].en}"; types allowed: ${list(types, 'en')}.`,
    });
  }
  return undefined;
}

/**
 * R6: identifiers are unique, across kinds too (tokens and Keycloak's groups name an organization
 * by its normalized identifier alone); `holder` is the organization that has it already, if any.
 */
export function checkIdentifierFree(kind: string, holder: { id: string; identifierKind: string } | undefined): AppError | undefined {
  if (!holder) return undefined;
  if (holder.identifierKind !== kind) {
    return conflict('organization.identifier_taken', 'identifier', {
      fr: "Ce numéro est déjà l'identifiant d'une autre organisation, d'un autre type ; un même numéro ne peut désigner qu'une organisation. Vérifiez le type d'identifiant choisi.",
      en: 'This number already identifies another organization, under another kind of identifier; one number can identify only one organization. Check the kind of identifier chosen.',
    });
  }
  return conflict('organization.identifier_taken', 'identifier', {
    fr: "Une organisation porte déjà cet identifiant ; demandez l'accès à ses gestionnaires plutôt que de la créer une seconde fois.",
    en: 'An organization already has this identifier; ask its managers for access rather than creating it twice.',
  });
}

/**
 * R11: a registry update re-keys an organization (a merger, a new register number): the new
 * identifier is checked, and free across kinds (R6); `holder` is the organization bearing it, if any.
 */
export function checkRekey(current: { identifier: string }, kind: IdentifierKind, identifier: string, holder: { id: string; identifierKind: string } | undefined): Decision<{ identifierKind: IdentifierKind; identifier: string }> {
  const parsed = parseIdentifier(kind, identifier);
  if (!parsed.ok) return identifierRefusal(parsed.error, 'successor');
  if (parsed.value.normalized === current.identifier) {
    return invalid('organization.same_identifier', 'successor', { fr: "Le nouvel identifiant est l'identifiant actuel.", en: 'The new identifier is the current one.' });
  }
  const taken = checkIdentifierFree(parsed.value.kind, holder);
  if (taken) return new AppError(taken.code, taken.status, taken.messages, { field: 'successor' });
  return { identifierKind: parsed.value.kind, identifier: parsed.value.normalized };
}

/**
 * R7: the details after the change. Identifier, its kind and the category, once set, are
 * immutable: a registry update re-keys an organization (R11), a manager never does. The type is the
 * platform's (`platform`: the operator's staff or the system): managers may send it, unchanged.
 * Issue 17: a manager also leaves unchanged what the portal's profile lists in
 * `organizations.immutable` (the address of fafiec's and Geneva's companies…); the platform still
 * changes those.
 */
export function checkChanges(current: OrganizationDetails, changes: OrganizationChanges, platform = false): Decision<OrganizationDetails> {
  const listed = new Set<string>(platform ? [] : portal().organizations.immutable);
  const immutable = firstRefusal(
    changes.identifierKind !== undefined && changes.identifierKind !== current.identifierKind ? immutableField('identifierKind') : undefined,
    changes.identifier !== undefined && !sameIdentifier(current, changes.identifier) ? immutableField('identifier') : undefined,
    changes.category !== undefined && current.category !== null && (changes.category?.trim() || null) !== current.category ? immutableField('category') : undefined,
    listed.has('legalName') && changes.legalName !== undefined && changes.legalName.trim() !== current.legalName ? immutableField('legalName', false) : undefined,
    listed.has('address') && changes.address !== undefined && !sameAddress(changes.address, current.address) ? immutableField('address', false) : undefined,
  );
  if (immutable) return immutable;
  if (!platform && changes.type !== undefined && changes.type !== current.type) return typeOperatorOnly();
  const legalName = changes.legalName === undefined ? current.legalName : requiredText(changes.legalName, 'legalName', 'organization.legal_name');
  if (legalName instanceof AppError) return legalName;
  const type = changes.type === undefined ? current.type : oneOf(organizationTypes, changes.type, 'type', 'organization.type');
  if (type instanceof AppError) return type;
  const address = changes.address ?? current.address;
  const badAddress = checkAddress(address);
  if (badAddress) return badAddress;
  return { ...current, legalName, type, address, category: current.category ?? (changes.category?.trim() || null) };
}

/**
 * Issue 14 item 5 (R24): the type decides what an organization may do (a fiduciary asks mandates on
 * others' behalf), so only the operator's staff change it, as they validate sign-ups (R31).
 */
export function typeOperatorOnly(): AppError {
  return forbiddenBy('organization.type_operator_only', 'type', {
    fr: "Le type de l'organisation (employeur, fiduciaire…) n'est modifié que par l'opérateur de la plateforme ; s'il est faux, contactez nos équipes.",
    en: "The organization's type (employer, fiduciary…) is changed by the platform's operator only; if it is wrong, contact our team.",
  });
}

/**
 * Issue 14 item 9 (R11): a closed or suspended organization takes no write; reads stay for its managers.
 * Undefined while it is active.
 */
export function checkOrganizationOpen(status: OrganizationStatus, field = 'orgId'): AppError | undefined {
  if (status === 'closed') {
    return conflict('organization.closed', field, {
      fr: "Cette organisation est fermée (radiée du registre officiel) : plus aucune modification n'est possible. Son journal reste consultable ; pour la rouvrir, contactez nos équipes.",
      en: 'This organization is closed (struck off the official registry): nothing can be changed any more. Its audit trail can still be read; to reopen it, contact our team.',
    });
  }
  if (status === 'suspended') {
    return conflict('organization.suspended', field, {
      fr: "Cette organisation est suspendue : aucune modification n'est possible tant qu'elle l'est. Son journal reste consultable ; pour en savoir plus, contactez nos équipes.",
      en: 'This organization is suspended: nothing can be changed while it is. Its audit trail can still be read; to learn more, contact our team.',
    });
  }
  return undefined;
}

/** The organization's status: active, suspended or closed (R11: closing deactivates its accesses). */
export function checkStatus(status: unknown): Decision<OrganizationStatus> {
  return oneOf(organizationStatuses, status, 'status', 'organization.status');
}

function sameIdentifier(current: OrganizationDetails, raw: string): boolean {
  const parsed = parseIdentifier(current.identifierKind, raw);
  return parsed.ok && parsed.value.normalized === current.identifier;
}

const fieldNames: Record<string, { fr: string; en: string }> = {
  identifier: { fr: "l'identifiant", en: 'the identifier' },
  identifierKind: { fr: "le type d'identifiant", en: 'the identifier kind' },
  category: { fr: 'la catégorie', en: 'the category' },
  legalName: { fr: 'la raison sociale', en: 'the legal name' },
  address: { fr: "l'adresse", en: 'the address' },
};

/** `once`: the field is fixed once set (identifier, category); else the portal keeps it for its operator (issue 17). */
function immutableField(field: string, once = true): AppError {
  const name = fieldNames[field]!;
  const what = once ? { fr: 'ne se modifie plus une fois fixé', en: 'cannot be changed once set' } : { fr: "n'est modifié que par l'opérateur de la plateforme sur ce portail", en: "is changed by the platform's operator only on this portal" };
  return invalid('organization.immutable_field', field, {
    fr: `${capitalized(name.fr)} ${what.fr} ; s'il est faux, contactez le support (${portal().support.email}).`,
    en: `${capitalized(name.en)} ${what.en}; if it is wrong, contact support (${portal().support.email}).`,
  });
}

const capitalized = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** Two addresses alike, line by line, whatever the order of their keys. */
function sameAddress(a: unknown, b: unknown): boolean {
  const lines = (address: unknown): string => JSON.stringify(Object.entries((address ?? {}) as Record<string, unknown>).sort(([x], [y]) => x.localeCompare(y)));
  return lines(a) === lines(b);
}

function checkAddress(address: unknown): AppError | undefined {
  const ok = typeof address === 'object' && address !== null && !Array.isArray(address) && Object.values(address).every((line) => typeof line === 'string');
  if (ok) return undefined;
  return invalid('organization.address', 'address', { fr: "L'adresse est une liste de lignes de texte.", en: 'The address is a set of text lines.' });
}
