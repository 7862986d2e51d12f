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
  /** The clients I act for as a fiduciary's delegate (« pour le compte de »), with the mandate's rights. */
  readonly clients: readonly MyClient[];
  /** R31: one of the operator's staff; the console shows the back office (#/operator). */
  readonly operator?: boolean;
}

export interface MyOrganization {
  readonly id: string;
  readonly identifier: string;
  readonly legalName: string;
  readonly role: Role;
}

/** A client organization I act for through my fiduciary's mandate. */
export interface MyClient {
  readonly id: string;
  readonly identifier: string;
  readonly legalName: string;
  readonly via: { readonly id: string; readonly legalName: string; readonly mandateId: string };
  readonly rights: ReadonlyArray<{ readonly serviceId: string; readonly rightId: string }>;
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
  /** R16, R23: activation asks for a mail security key (never the key itself); only its managers get it, absent for anyone else. */
  readonly mailSecurityKeySet?: boolean;
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
  /** R16 (Geneva): the secret question a manager chose, never its answer. */
  readonly secretQuestion?: string | null;
  readonly passwordChangeUrl: string;
  /** R2: Keycloak's page to add or change the mobile number for SMS login codes (verified by a code). */
  readonly mobileNumberUrl: string;
}

export interface ProfileChanges {
  civility?: Civility | null;
  givenName?: string;
  familyName?: string;
  birthDate?: string | null;
  phone?: string | null;
}

/** R16, R17: a pending invitation; `linkExpired` says its link must be re-sent. */
export interface Invitation {
  readonly id: string;
  readonly membershipId: string;
  readonly email: string;
  readonly givenName: string;
  readonly familyName: string;
  readonly role: Role;
  readonly invitedBy: string;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly linkExpired: boolean;
  /** Issue 16 item 9: the other organizations of the same link; re-sending or revoking acts on them all. */
  readonly alsoFor?: readonly string[];
}

/** POST of an invitation: who, in which role, with which rights at once (R13, R15, R16, R19). */
export interface NewInvitation {
  email: string;
  role: Role;
  givenName?: string;
  familyName?: string;
  expiresOn?: string | null;
  rights?: Right[];
  secretAnswer?: string;
  /** Issue 16 item 9: further organizations the manager manages, in the same e-mail and link. */
  organizations?: Array<{ organizationId: string; role: Role; rights?: Right[] }>;
  /** Issue 16 item 7: the fiduciary's validated mandates the person will handle, with the delegate rights on each. */
  mandates?: Array<{ mandateId: string; rights: Array<{ serviceId: string; rightId: string }> }>;
  /** R16: the question of the secret answer, chosen with it. */
  secretQuestion?: string;
}

/** Issue 16 item 3: why a member's details are their own (null: the managers edit them). */
export type DetailsOwner = 'other_organization' | 'delegate' | 'operator' | 'self' | 'portal';
export type CodeChannel = 'email' | 'sms';

/** A member's details as their managers see them (never the secret answer). */
export interface MemberDetails {
  readonly email: string;
  readonly civility: Civility | null;
  readonly givenName: string;
  readonly familyName: string;
  readonly birthDate: string | null;
  readonly phone: string | null;
  readonly pendingEmail: { readonly email: string; readonly expiresAt: string } | null;
  readonly secretQuestion: string | null;
  readonly codePhone: string | null;
  readonly codeChannel: CodeChannel;
  readonly ownedBy: DetailsOwner | null;
}

export interface MemberDetailsChanges extends ProfileChanges {
  email?: string;
  secretQuestion?: string;
  secretAnswer?: string;
  codePhone?: string | null;
  codeChannel?: CodeChannel;
}

/** A warning of the API: accepted, but worth saying (R5: a role address; the e-mail not sent). */
export interface Warning {
  readonly code: string;
  readonly field: string;
  readonly messages: { readonly fr: string; readonly en: string };
}

export interface InvitationCreated {
  readonly invitation: Invitation;
  readonly warnings: readonly Warning[];
}

/** R32: the audit trail's filters (dates: days in Zurich, inclusive). */
export interface AuditFilters {
  readonly action?: readonly string[];
  readonly subjectType?: string;
  readonly actor?: string;
  readonly from?: string;
  readonly to?: string;
}

export interface AuditEntry {
  readonly id: number;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly subjectType: string;
  readonly subjectId: string | null;
  readonly before: unknown;
  readonly after: unknown;
}

export interface AuditPage {
  readonly items: readonly AuditEntry[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

export interface EmailChangeRequested {
  readonly pendingEmail: string;
  readonly expiresAt: string;
  readonly warnings: readonly Warning[];
}

/** R16, R20: what an invitation link opens, and what accepting it will ask. */
export interface InvitationPreview {
  readonly email: string;
  readonly organizationName: string;
  readonly role: Role;
  readonly invitedBy: string;
  readonly expiresAt: string;
  /** R16: the question whose answer activation asks (never the answer). */
  readonly secretQuestion?: string | null;
  /**
   * `signIn`: an account exists and this browser is not signed in with it; joining needs that sign-in first (R20).
   * `names`: the invitation had no names and no account exists: activation asks them.
   */
  readonly asks: { readonly password: boolean; readonly consent: boolean; readonly signIn: boolean; readonly mailSecurityKey: boolean; readonly secretAnswer: boolean; readonly names: boolean };
  /** Issue 16 item 9: every organization the link takes the person in, with the role there. */
  readonly organizations?: ReadonlyArray<{ readonly organizationId: string; readonly name: string; readonly role: Role; /** R16 (Geneva): activation asks this organization's mail security key. */ readonly mailSecurityKey: boolean }>;
  /** Issue 16 item 7: the clients the person will act for, with the rights chosen. */
  readonly mandates?: ReadonlyArray<{ readonly clientName: string; readonly rights: ReadonlyArray<{ readonly serviceId: string; readonly rightId: string }> }>;
}

/** POST /invitations/accept (R16, R20; R2 `addMobileNumber`). */
export interface InvitationAcceptance {
  token: string;
  password?: string;
  consent?: boolean;
  /** R16 (Geneva): the key of the first organization that asks one. */
  mailSecurityKey?: string;
  /** R16 (Geneva): the keys of the further organizations that ask one, by organization id. */
  mailSecurityKeys?: Record<string, string>;
  secretAnswer?: string;
  /** Only when `asks.names`. */
  givenName?: string;
  familyName?: string;
  addMobileNumber?: boolean;
}

export interface InvitationAccepted {
  readonly organizationId: string;
  readonly membershipId: string;
  readonly email: string;
  /** R20: joined the account the person had. */
  readonly merged: boolean;
  /** Issue 16 item 9: what the link named but no longer takes the person in (closed or suspended, ended meanwhile), by name. */
  readonly skipped?: { readonly organizations: readonly string[]; readonly mandates: readonly string[] };
}

/** R24–R27: a mandate as either side sees it (GET …/mandates). */
export interface Mandate {
  readonly id: string;
  /** The organization's side: `fiduciary` (it acts for the client) or `client`. */
  readonly side: 'fiduciary' | 'client';
  readonly status: 'requested' | 'active' | 'rejected' | 'ended';
  readonly fiduciary: { readonly id: string; readonly identifier: string; readonly legalName: string };
  /** `id` null: a client the registry lists, registered once the operator validates. */
  readonly client: { readonly id: string | null; readonly identifier: string; readonly legalName: string };
  readonly validFrom: string | null;
  readonly validUntil: string | null;
  readonly requestedAt: string;
  readonly decisionReason: string | null;
  readonly delegates: ReadonlyArray<{ readonly membershipId: string; readonly email: string; readonly rights: readonly Right[] }>;
  /** R25, R15: the services the client subscribes to today, the only ones whose rights its delegates may get. */
  readonly clientServices: readonly string[];
  /** The services the mandate covers; null: every service of the client (a mandate filed without the list). */
  readonly services: readonly string[] | null;
}

/** R24: a mandate request, the power of attorney as base64. */
export interface NewMandate {
  readonly client: string;
  readonly powerOfAttorney: { readonly filename: string; readonly content: string };
  readonly validUntil?: string;
  /** The services the mandate covers (its delegates get rights on these only). */
  readonly services: readonly string[];
  readonly clientRepresentative?: { readonly givenName: string; readonly familyName: string; readonly email: string };
}

/** R10: the organization types a sign-up may name (the server's `organizationTypes`). */
export const organizationTypes = ['employer', 'fiduciary', 'prescriber', 'training_body', 'public_body', 'other'] as const;
export type OrganizationType = (typeof organizationTypes)[number];

/** A person named on a public form (R10's representative, R30's requester). */
export interface NamedPerson {
  readonly givenName: string;
  readonly familyName: string;
  readonly function: string;
  readonly email: string;
}

/** R10, R11: the public sign-up form. */
export interface NewSignUp {
  readonly identifier: string;
  readonly legalName: string;
  readonly type: OrganizationType;
  readonly representative: NamedPerson;
}

/** R10, R31: filed (the operator answers by `deadline`) or, where the type signs up at once, approved; R5's warnings. */
export interface SignUpFiled {
  readonly id: string;
  readonly status: 'pending' | 'approved';
  readonly deadline: string | null;
  readonly warnings: readonly Warning[];
}

/** A file sent inside a JSON body (supporting documents, a power of attorney). */
export interface DocumentUpload {
  readonly filename: string;
  readonly content: string;
}

/** R30: the public recovery request. */
export interface NewRecovery {
  readonly organization: string;
  readonly requester: NamedPerson;
  readonly documents: readonly DocumentUpload[];
  readonly message?: string;
}

/** R22: a signed-in person's request for access. */
export interface NewAccessRequest {
  readonly organization: string;
  readonly role: 'member' | 'observer';
  readonly message?: string;
}

/** R22: a pending request, as the organization's managers see it. */
export interface AccessRequest {
  readonly id: string;
  readonly personId: string;
  readonly email: string;
  readonly givenName: string;
  readonly familyName: string;
  readonly role: 'member' | 'observer';
  readonly message: string;
  readonly createdAt: string;
}

/** R22: one of the caller's own requests, with its answer. */
export interface MyAccessRequest {
  readonly id: string;
  readonly organizationId: string;
  readonly organizationName: string;
  readonly role: 'member' | 'observer';
  readonly status: 'pending' | 'approved' | 'rejected';
  readonly createdAt: string;
  readonly decidedAt: string | null;
  readonly reason: string | null;
}

/** Who manages the organization, as each of its people sees it (names, role, e-mail only). */
export interface ManagerShown {
  readonly givenName: string;
  readonly familyName: string;
  readonly email: string;
  readonly role: Role;
}
