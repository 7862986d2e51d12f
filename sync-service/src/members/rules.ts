/**
 * Rules of memberships (R1, R8, R14, R18, R19), pure: state and command in, the values to write or
 * a refusal out.
 */
import { checkDate, oneOf } from '../commands/checks.js';
import { notFound, type Decision } from '../commands/refusals.js';
import { AppError } from '../errors.js';
import { portal } from '../profile/profile.js';
import { managerRoles, representativeRoles, roles, type Role } from '../domain/roles.js';
import type { MemberRight } from '../domain/rights.js';
import { refuse } from '../error-codes/refuse.js';

export type MembershipStatus = 'invited' | 'active' | 'deactivated' | 'expired';

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

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** R1: the login e-mail, trimmed and lower-cased, so that one address is one person. */
export function normalizeEmail(raw: unknown): Decision<string> {
  const email = typeof raw === 'string' ? raw.trim().toLowerCase() : '';
  if (EMAIL.test(email)) return email;
  return refuse('person.email');
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
    return refuse('membership.exists');
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
  return refuse('membership.role_not_offered', { role: label });
}

/** R19: an expiry date in the future, where the portal's profile offers expiry dates (`expiryReminders.enabled`, issue 17). */
function checkExpiryDate(expiresOn: string, today: string): AppError | undefined {
  if (!portal().expiryReminders.enabled) {
    return refuse('membership.expiry_not_offered');
  }
  return checkFutureDate(expiresOn, today);
}

/** R18: a temporary deactivation (long absence), of a membership not deactivated already. */
export function checkDeactivation(membership: MembershipState): AppError | undefined {
  if (membership.status !== 'deactivated') return undefined;
  return refuse('membership.deactivated');
}

/** R18: only a deactivated membership is reactivated. */
export function checkReactivation(membership: MembershipState): AppError | undefined {
  if (membership.status === 'deactivated') return undefined;
  return refuse('membership.not_deactivated');
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
export function checkManagersKept(
  memberships: readonly MembershipState[],
  changedId: string,
  after: MembershipState | null,
  today: string,
  field: string,
): AppError | undefined {
  const next = memberships.filter((m) => m.id !== changedId).concat(after ? [after] : []);
  const isCurrent = (m: MembershipState) => managerRoles.includes(m.role) && m.status === 'active' && (m.expiresOn === null || m.expiresOn >= today);
  const isLasting = (m: MembershipState) => isCurrent(m) && m.expiresOn === null;
  const loses = (keeps: (m: MembershipState) => boolean) => memberships.some(keeps) && !next.some(keeps);
  if (!loses(isCurrent) && !loses(isLasting)) return undefined;
  return refuse('membership.last_manager', { told: 'managers' }, { field });
}

/**
 * R13 (issue 14 item 5): only a legal representative, or the platform, grants, takes away or acts
 * on the representative roles: an invitation with one (`before` null), a role change to or from one,
 * the deactivation, expiry or removal of a member holding one (`after` null: removed). A person
 * leaving (their own membership, role unchanged) is no grant: R14 alone guards it.
 */
export function checkRepresentativeAuthority(
  acting: Acting,
  before: MembershipState | null,
  after: MembershipState | null,
  field: string,
): AppError | undefined {
  if (acting.platform || acting.role === 'legal_representative') return undefined;
  const touched = [before, after].some((m) => m !== null && representativeRoles.includes(m.role));
  if (!touched) return undefined;
  const leaving = before !== null && before.id === acting.membershipId && (after === null || after.role === before.role);
  if (leaving) return undefined;
  return refuse('membership.representative_only', { field });
}

/** R14 (issue 14 item 5): nobody changes their own role; a leaving manager hands it over instead. */
export function checkNotOwnRole(acting: Acting, current: MembershipState, next: MembershipState): AppError | undefined {
  if (acting.platform || current.id !== acting.membershipId || current.role === next.role) return undefined;
  return refuse('membership.own_role');
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
  return refuse('membership.expiry_past');
}
