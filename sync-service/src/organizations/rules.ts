/**
 * Rules of organizations (R6, R7), pure: state and command in, the values to write or a refusal out.
 */
import { firstRefusal, type Decision } from '../commands/refusals.js';
import { oneOf, requiredText } from '../commands/checks.js';
import { portal } from '../profile/profile.js';
import { AppError } from '../errors.js';
import { parseIdentifier, type IdentifierError, type IdentifierKind } from './identifiers.js';
import { organizationTypes, type OrganizationType } from '../domain/organization-types.js';
import { refuse } from '../error-codes/refuse.js';

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
  return refuse('membership.identifier_held', { field });
}

/**
 * R12: `joining` must not mix, in one account, with a type already held (`held`): by the person
 * invited (`field` = its e-mail's), or by the members of an organization whose type changes (`type`).
 */
export function checkTypeMix(
  joining: OrganizationType,
  held: readonly OrganizationType[],
  mustNotMix: ReadonlyArray<readonly [OrganizationType, OrganizationType]>,
  field: string,
): AppError | undefined {
  const clash = held.find((type) => mustNotMix.some(([a, b]) => (a === joining && b === type) || (b === joining && a === type)));
  if (!clash) return undefined;
  const [other, wanted] = [organizationTypeLabels[clash], organizationTypeLabels[joining]];
  const rule = {
    fr: `les types « ${other.fr} » et « ${wanted.fr} » ne se mélangent pas dans un même compte`,
    en: `"${other.en}" and "${wanted.en}" do not mix in one account`,
  };
  if (field === 'type') {
    return refuse('organization.type_mix', { other, rule }, { field });
  }
  return refuse('membership.type_mix', { other, rule }, { field });
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
  return new AppError(error.code, 422, error.messages, { field });
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
  if (!offered.identifierKinds.includes(kind)) {
    const kinds = offered.identifierKinds.map((k) => identifierKindLabels[k]);
    return refuse('organization.identifier_kind_not_offered', { kind: identifierKindLabels[kind], accepted: kinds }, { field: kindField });
  }
  if (!offered.types.includes(type)) {
    const types = offered.types.map((t) => organizationTypeLabels[t]);
    return refuse('organization.type_not_offered', { type: organizationTypeLabels[type], allowed: types });
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
    return refuse('organization.identifier_taken', { held: 'other_kind' });
  }
  return refuse('organization.identifier_taken', { held: 'same_kind' });
}

/**
 * R11: a registry update re-keys an organization (a merger, a new register number): the new
 * identifier is checked, and free across kinds (R6); `holder` is the organization bearing it, if any.
 */
export function checkRekey(
  current: { identifier: string },
  kind: IdentifierKind,
  identifier: string,
  holder: { id: string; identifierKind: string } | undefined,
): Decision<{ identifierKind: IdentifierKind; identifier: string }> {
  const parsed = parseIdentifier(kind, identifier);
  if (!parsed.ok) return identifierRefusal(parsed.error, 'successor');
  if (parsed.value.normalized === current.identifier) {
    return refuse('organization.same_identifier');
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
    changes.category !== undefined && current.category !== null && (changes.category?.trim() || null) !== current.category
      ? immutableField('category')
      : undefined,
    listed.has('legalName') && changes.legalName !== undefined && changes.legalName.trim() !== current.legalName
      ? immutableField('legalName', false)
      : undefined,
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
  return refuse('organization.type_operator_only');
}

/**
 * Issue 14 item 9 (R11): a closed or suspended organization takes no write; reads stay for its managers.
 * Undefined while it is active.
 */
export function checkOrganizationOpen(status: OrganizationStatus, field = 'orgId'): AppError | undefined {
  if (status === 'closed') {
    return refuse('organization.closed', { field });
  }
  if (status === 'suspended') {
    return refuse('organization.suspended', { field });
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
  return refuse(
    'organization.immutable_field',
    { name: { fr: capitalized(name.fr), en: capitalized(name.en) }, once, support: portal().support.email },
    { field },
  );
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
  return refuse('organization.address');
}
