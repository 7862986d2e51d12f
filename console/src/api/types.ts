/**
 * What the API answers, as the console reads it: the answers' types are named here from
 * openapi.gen.ts, generated from the server's OpenAPI document (`npm run types:console`), so they
 * say what the server sends; what the console sends and its own words are written here.
 */
import type { operations } from './openapi.gen.js';

/** The JSON answer of an operation of the API, as its response schema says it. */
export type Answer<Operation extends keyof operations, Status extends number = 200> = operations[Operation]['responses'] extends {
  readonly [S in Status]: { content: { readonly 'application/json': infer Body } };
}
  ? Body
  : never;

export const roles = ['legal_representative', 'deputy', 'manager', 'member', 'observer'] as const;
export type Role = (typeof roles)[number];
/** The roles that manage the organization's access (requérant, requérant adjoint, gestionnaire). */
export const managerRoles: readonly Role[] = ['legal_representative', 'deputy', 'manager'];

export const memberStatuses = ['invited', 'active', 'deactivated', 'expired'] as const;
export type MemberStatus = (typeof memberStatuses)[number];

/** R21: the person and the organizations they act for, with their role in each. */
export type Me = Answer<'getMe'>;

export type MyOrganization = Me['organizations'][number];

/** A client organization I act for through my fiduciary's mandate. */
export type MyClient = Me['clients'][number];

export type IdentifierKind = 'affiliate' | 'uid' | 'siret' | 'siren';

export type Organization = Answer<'getOrganization'>;

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

export type Member = Answer<'getMember'>;

export const memberSorts = ['name', 'email', 'role', 'status', 'createdAt'] as const;
export type MemberSortKey = (typeof memberSorts)[number];
export type MemberSort = MemberSortKey | `-${MemberSortKey}`;

export interface MemberQuery {
  readonly q?: string | undefined;
  readonly role?: readonly Role[];
  readonly status?: readonly MemberStatus[];
  readonly sort?: MemberSort;
  readonly page?: number;
  readonly pageSize?: number;
}

export type MemberPage = Answer<'listMembers'>;

export const unitKinds = ['branch', 'antenna', 'establishment'] as const;
export type UnitKind = (typeof unitKinds)[number];

/** The response schema says the child units' shape in words only (no recursion in it): they are units too. */
export type Unit = Omit<Answer<'listUnits'>['units'][number], 'units'> & { readonly units: readonly Unit[] };

export interface NewUnit {
  kind: UnitKind;
  name: string;
  parentUnitId?: string | null;
  identifierKind?: IdentifierKind;
  identifier?: string;
}

/** R15: one service of the catalogue as the organization sees it (GET …/services). */
export type CatalogueEntry = Answer<'listServices'>['items'][number];

export type Civility = 'mr' | 'ms';

/** R4: my own profile (GET /me/profile). */
export type Profile = Answer<'getMyProfile'>;

export interface ProfileChanges {
  civility?: Civility | null;
  givenName?: string;
  familyName?: string;
  birthDate?: string | null;
  phone?: string | null;
}

/** R16, R17: a pending invitation; `linkExpired` says its link must be re-sent. */
export type Invitation = Answer<'listInvitations'>['items'][number];

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
export type MemberDetails = Answer<'getMemberDetails'>;

export interface MemberDetailsChanges extends ProfileChanges {
  email?: string;
  secretQuestion?: string;
  secretAnswer?: string;
  codePhone?: string | null;
  codeChannel?: CodeChannel;
}

/** A warning of the API: accepted, but worth saying (R5: a role address; the e-mail not sent). */
export type Warning = InvitationCreated['warnings'][number];

export type InvitationCreated = Answer<'inviteMember', 201>;

/** R32: the audit trail's filters (dates: days in Zurich, inclusive). */
export interface AuditFilters {
  readonly action?: readonly string[];
  readonly subjectType?: string;
  readonly actor?: string;
  readonly from?: string;
  readonly to?: string;
}

export type AuditEntry = AuditPage['items'][number];

export type AuditPage = Answer<'listAudit'>;

export type EmailChangeRequested = Answer<'requestEmailChange', 201>;

/** R16, R20: what an invitation link opens, and what accepting it will ask. */
export type InvitationPreview = Answer<'previewInvitation'>;

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

export type InvitationAccepted = Answer<'acceptInvitation'>;

/** R24–R27: a mandate as either side sees it (GET …/mandates). */
export type Mandate = Answer<'listMandates'>['items'][number];

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
export type SignUpFiled = Answer<'signUp', 201>;

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
export type AccessRequest = Answer<'listAccessRequests'>['items'][number];

/** R22: one of the caller's own requests, with its answer. */
export type MyAccessRequest = Answer<'listMyAccessRequests'>['items'][number];

/** Who manages the organization, as each of its people sees it (names, role, e-mail only). */
export type ManagerShown = Answer<'listManagers'>['items'][number];

/** Issue 21 item 4: a webhook that receives the organization's audit trail, and its delivery log. */
export type AuditWebhook = Answer<'listAuditWebhooks'>['webhooks'][number];
export type RegisteredAuditWebhook = Answer<'registerAuditWebhook', 201>;
export type AuditDelivery = Answer<'listAuditWebhookDeliveries'>['deliveries'][number];
