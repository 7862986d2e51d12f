/**
 * What the API answers, as the console reads it (docs/api.md; the schemas of
 * `sync-service/src/<capability>/schemas.ts`, mirrored here because the console is a browser bundle).
 */
export const roles = ['legal_representative', 'deputy', 'manager', 'member', 'observer'] as const;
export type Role = (typeof roles)[number];
/** The roles that manage the organization's access (requérant, requérant adjoint, gestionnaire). */
export const managerRoles: readonly Role[] = ['legal_representative', 'deputy', 'manager'];

export const memberStatuses = ['invited', 'active', 'deactivated', 'expired'] as const;
export type MemberStatus = (typeof memberStatuses)[number];

/** R21: the person and the organizations they act for, with their role in each. */
export interface Me {
  readonly person: { readonly id: string; readonly email: string; readonly givenName: string; readonly familyName: string };
  readonly organizations: readonly MyOrganization[];
}

export interface MyOrganization {
  readonly id: string;
  readonly identifier: string;
  readonly legalName: string;
  readonly role: Role;
}

export type IdentifierKind = 'affiliate' | 'uid' | 'siret' | 'siren';

export interface Organization {
  readonly id: string;
  readonly identifierKind: IdentifierKind;
  readonly identifier: string;
  readonly legalName: string;
  readonly type: string;
  readonly category: string | null;
  readonly address: Readonly<Record<string, string>>;
  readonly status: 'active' | 'suspended' | 'closed';
}

/** PATCH of an organization (R7): the editable fields. */
export interface OrganizationChanges {
  legalName?: string;
  type?: string;
  address?: Record<string, string>;
  category?: string | null;
}

/** A right on a service, on the whole organization (unitId null) or on one unit (R8, R15). */
export interface Right {
  readonly serviceId: string;
  readonly rightId: string;
  readonly unitId?: string | null;
}

export interface Member {
  readonly id: string;
  readonly personId: string;
  readonly email: string;
  readonly givenName: string;
  readonly familyName: string;
  readonly role: Role;
  readonly status: MemberStatus;
  readonly expiresOn: string | null;
  readonly createdAt: string;
  readonly rights: readonly Right[];
}

export const memberSorts = ['name', 'email', 'role', 'status', 'createdAt'] as const;
export type MemberSortKey = (typeof memberSorts)[number];
export type MemberSort = MemberSortKey | `-${MemberSortKey}`;

export interface MemberQuery {
  readonly q?: string;
  readonly role?: readonly Role[];
  readonly status?: readonly MemberStatus[];
  readonly sort?: MemberSort;
  readonly page?: number;
  readonly pageSize?: number;
}

export interface MemberPage {
  readonly items: readonly Member[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

export const unitKinds = ['branch', 'antenna', 'establishment'] as const;
export type UnitKind = (typeof unitKinds)[number];

export interface Unit {
  readonly id: string;
  readonly kind: UnitKind;
  readonly name: string;
  readonly parentUnitId: string | null;
  readonly identifierKind: IdentifierKind | null;
  readonly identifier: string | null;
  readonly units: readonly Unit[];
}

export interface NewUnit {
  kind: UnitKind;
  name: string;
  parentUnitId?: string | null;
  identifierKind?: IdentifierKind;
  identifier?: string;
}

/** R15: one service of the catalogue as the organization sees it (GET …/services). */
export interface CatalogueEntry {
  readonly id: string;
  readonly label: { readonly fr: string; readonly en: string };
  readonly status: 'subscribed' | 'available';
  readonly subscription: { readonly startsOn: string; readonly endsOn: string | null } | null;
  readonly rights: ReadonlyArray<{ readonly id: string; readonly label: { readonly fr: string; readonly en: string }; readonly grantable: boolean }>;
}

export type Civility = 'mr' | 'ms';

/** R4: my own profile (GET /me/profile). */
export interface Profile {
  readonly id: string;
  readonly email: string;
  readonly civility: Civility | null;
  readonly givenName: string;
  readonly familyName: string;
  readonly birthDate: string | null;
  readonly phone: string | null;
  /** A new login e-mail waiting for its link to be opened (R4). */
  readonly pendingEmail: { readonly email: string; readonly expiresAt: string } | null;
  readonly passwordChangeUrl: string;
}

export interface ProfileChanges {
  civility?: Civility | null;
  givenName?: string;
  familyName?: string;
  birthDate?: string | null;
  phone?: string | null;
}

/** A warning the API gives without refusing (R5: a role address such as contact@). */
export interface ApiWarning {
  readonly code: string;
  readonly field: string;
  readonly messages: { readonly fr: string; readonly en: string };
}

export interface EmailChangeRequested {
  readonly pendingEmail: string;
  readonly expiresAt: string;
  readonly warnings: readonly ApiWarning[];
}
