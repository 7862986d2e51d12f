/**
 * Rules of memberships (R1, R8, R14, R18, R19), pure: state and command in, the values to write or
 * a refusal out.
 */
import { checkDate, oneOf } from '../commands/checks.js';
import { conflict, forbiddenBy, invalid, notFound, type Decision } from '../commands/refusals.js';
import { AppError } from '../errors.js';
import { portal } from '../profile/profile.js';
import type { ServiceRight } from '../services/rules.js';

export const roles = ['legal_representative', 'deputy', 'manager', 'member', 'observer'] as const;
export type Role = (typeof roles)[number];
/** The roles that manage the organization's access (requérant, requérant adjoint, gestionnaire). */
export const managerRoles: readonly Role[] = ['legal_representative', 'deputy', 'manager'];
export type MembershipStatus = 'invited' | 'active' | 'deactivated' | 'expired';
/** The roles that only a legal representative (or the platform) grants or takes away (R13: « requérant ou requérant adjoint »). */
export const representativeRoles: readonly Role[] = ['legal_representative', 'deputy'];

/**
 * Who changes a membership: the platform (the operator's staff, R31, or the system: imports, the
 * registry, the seed), or a person with their own membership in the organization (null: none).
 */
export interface Acting {
  readonly platform: boolean;
  readonly membershipId: string | null;
  readonly role: Role | null;
}

export interface MembershipState {
  readonly id: string;
  readonly role: Role;
  readonly status: MembershipStatus;
  readonly expiresOn: string | null;
}

export interface AddMember {
  readonly organizationId: string;
  readonly email: string;
  readonly givenName?: string;
  readonly familyName?: string;
  readonly role: Role;
  /** `invited` (R16's pending account) unless an import, the seed or a test says `active`. */
  readonly status?: 'invited' | 'active';
  readonly expiresOn?: string | null;
}

/** A right for the whole organization (`unitId` null) or for one of its units (R8). */
export interface MemberRight extends ServiceRight {
  readonly unitId: string | null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** R1: the login e-mail, trimmed and lower-cased, so that one address is one person. */
export function normalizeEmail(raw: unknown): Decision<string> {
  const email = typeof raw === 'string' ? raw.trim().toLowerCase() : '';
  if (EMAIL.test(email)) return email;
  return invalid('person.email', 'email', { fr: 'Adresse e-mail invalide, par exemple prenom.nom@entreprise.ch.', en: 'Invalid e-mail address, for example first.last@company.ch.' });
}

/** R1, R16, R19: the new membership; a person is a member of an organization once. */
export function checkNewMembership(input: AddMember, alreadyMember: boolean, today: string): Decision<Omit<MembershipState, 'id'>> {
  const role = checkRole(input.role);
  if (role instanceof AppError) return role;
  const status = oneOf(['invited', 'active'] as const, input.status ?? 'invited', 'status', 'membership.status');
  if (status instanceof AppError) return status;
  const expiresOn = input.expiresOn ?? null;
  const badExpiry = expiresOn === null ? undefined : checkExpiryDate(expiresOn, today);
  if (badExpiry) return badExpiry;
  if (alreadyMember) {
    return conflict('membership.exists', 'email', {
      fr: "Cette personne est déjà membre de l'organisation : modifiez son rôle ou ses droits.",
      en: 'This person is already a member of the organization: change their role or rights instead.',
    });
  }
  return { role, status, expiresOn };
}

export function checkRole(role: unknown): Decision<Role> {
  return oneOf(roles, role, 'role', 'membership.role');
}

/**
 * Issue 17: a role a manager gives is one the portal's profile offers (`roles.offered`); the
 * platform (the operator's staff, imports, the seed) gives any. Undefined when it may be given.
 */
export function checkRoleOffered(role: Role, platform: boolean): AppError | undefined {
  if (platform || portal().roles.offered.includes(role)) return undefined;
  const label = portal().roles.labels[role];
  return invalid('membership.role_not_offered', 'role', {
    fr: `Ce portail n'attribue pas le rôle « ${label.fr} » : choisissez un des rôles proposés.`,
    en: `This portal does not give the role "${label.en}": choose one of the roles offered.`,
  });
}

/** R19: an expiry date in the future, where the portal's profile offers expiry dates (`expiryReminders.enabled`, issue 17). */
function checkExpiryDate(expiresOn: string, today: string): AppError | undefined {
  if (!portal().expiryReminders.enabled) {
    return invalid('membership.expiry_not_offered', 'expiresOn', {
      fr: "Ce portail ne donne pas de date d'expiration aux comptes : laissez le champ vide.",
      en: 'This portal gives accounts no expiry date: leave the field empty.',
    });
  }
  return checkFutureDate(expiresOn, today);
}

/** R18: a temporary deactivation (long absence), of a membership not deactivated already. */
export function checkDeactivation(membership: MembershipState): AppError | undefined {
  if (membership.status !== 'deactivated') return undefined;
  return conflict('membership.deactivated', 'status', { fr: 'Ce membre est déjà désactivé.', en: 'This member is deactivated already.' });
}

/** R18: only a deactivated membership is reactivated. */
export function checkReactivation(membership: MembershipState): AppError | undefined {
  if (membership.status === 'deactivated') return undefined;
  return conflict('membership.not_deactivated', 'status', { fr: "Ce membre n'est pas désactivé.", en: 'This member is not deactivated.' });
}

/** R19: a new expiry date (or none); renewing an expired membership makes it active again. */
export function checkExpiry(membership: MembershipState, expiresOn: string | null, today: string): Decision<MembershipState> {
  const refusal = expiresOn === null ? undefined : checkExpiryDate(expiresOn, today);
  if (refusal) return refusal;
  const status = membership.status === 'expired' ? 'active' : membership.status;
  return { ...membership, expiresOn, status };
}

/**
 * R14: an organization that has a manager keeps one. `memberships` are the organization's as they
 * are (at least its managers and the one changed), `after` the changed one as it would be, or null
 * when it goes. Refused when no manager would be left, or when only managers with an expiry date
 * would be left where one had none (the last one would go on that date, R19).
 */
export function checkManagersKept(memberships: readonly MembershipState[], changedId: string, after: MembershipState | null, today: string, field: string): AppError | undefined {
  const next = memberships.filter((m) => m.id !== changedId).concat(after ? [after] : []);
  const isCurrent = (m: MembershipState) => managerRoles.includes(m.role) && m.status === 'active' && (m.expiresOn === null || m.expiresOn >= today);
  const isLasting = (m: MembershipState) => isCurrent(m) && m.expiresOn === null;
  const loses = (keeps: (m: MembershipState) => boolean) => memberships.some(keeps) && !next.some(keeps);
  if (!loses(isCurrent) && !loses(isLasting)) return undefined;
  return conflict('membership.last_manager', field, {
    fr: "L'organisation doit toujours garder un gestionnaire (requérant, requérant adjoint ou gestionnaire) actif et sans date d'échéance. Nommez d'abord un successeur ; c'est lui qui retirera ensuite l'ancien gestionnaire.",
    en: 'The organization must always keep an active manager (legal representative, deputy or manager) with no expiry date. Appoint a successor first; the successor then removes the former manager.',
  });
}

/**
 * R13 (issue 14 item 5): only a legal representative, or the platform, grants, takes away or acts
 * on the representative roles: an invitation with one (`before` null), a role change to or from one,
 * the deactivation, expiry or removal of a member holding one (`after` null: removed). A person
 * leaving (their own membership, role unchanged) is no grant: R14 alone guards it.
 */
export function checkRepresentativeAuthority(acting: Acting, before: MembershipState | null, after: MembershipState | null, field: string): AppError | undefined {
  if (acting.platform || acting.role === 'legal_representative') return undefined;
  const touched = [before, after].some((m) => m !== null && representativeRoles.includes(m.role));
  if (!touched) return undefined;
  const leaving = before !== null && before.id === acting.membershipId && (after === null || after.role === before.role);
  if (leaving) return undefined;
  return forbiddenBy('membership.representative_only', field, {
    fr: "Seul un requérant (représentant légal) de l'organisation, ou l'opérateur de la plateforme, donne, retire ou modifie les rôles de requérant et de requérant adjoint.",
    en: "Only a legal representative of the organization, or the platform's operator, grants, takes away or changes the legal-representative and deputy roles.",
  });
}

/** R14 (issue 14 item 5): nobody changes their own role; a leaving manager hands it over instead. */
export function checkNotOwnRole(acting: Acting, current: MembershipState, next: MembershipState): AppError | undefined {
  if (acting.platform || current.id !== acting.membershipId || current.role === next.role) return undefined;
  return forbiddenBy('membership.own_role', 'role', {
    fr: "Vous ne pouvez pas changer votre propre rôle. Pour passer la main, transmettez votre rôle à un successeur (passation).",
    en: 'You cannot change your own role. To step down, hand your role over to a successor.',
  });
}

/** R8, R15: the rights without repeats, each unit scope a unit of the organization (`units`). */
export function checkRightScopes(rights: readonly MemberRight[], units: ReadonlySet<string>): Decision<MemberRight[]> {
  if (rights.some((right) => right.unitId !== null && !units.has(right.unitId))) return notFound('unit', 'rights');
  const distinct = new Map(rights.map((right) => [`${right.serviceId}:${right.rightId}@${right.unitId ?? ''}`, right]));
  return [...distinct.values()];
}

function checkFutureDate(date: string, today: string): AppError | undefined {
  const malformed = checkDate(date, 'expiresOn');
  if (malformed || date >= today) return malformed;
  return invalid('membership.expiry_past', 'expiresOn', { fr: "La date d'échéance est passée.", en: 'The expiry date is in the past.' });
}
