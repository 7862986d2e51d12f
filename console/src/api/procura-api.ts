/**
 * The API's operations the console uses, one function each (docs/api.md). All go through `call`.
 */
import { call, download, segment } from './client.js';
import type {
  AccessRequest,
  AuditFilters,
  AuditPage,
  CatalogueEntry,
  EmailChangeRequested,
  Invitation,
  InvitationAccepted,
  InvitationAcceptance,
  InvitationCreated,
  InvitationPreview,
  Mandate,
  Me,
  Member,
  MemberDetails,
  MemberDetailsChanges,
  MemberPage,
  MemberQuery,
  NewInvitation,
  NewMandate,
  NewUnit,
  Organization,
  OrganizationChanges,
  Profile,
  ProfileChanges,
  Right,
  Role,
  Unit,
  ManagerShown,
  MyAccessRequest,
  Warning,
  NewAccessRequest,
  NewRecovery,
  NewSignUp,
  SignUpFiled,
  AuditWebhook,
  RegisteredAuditWebhook,
  AuditDelivery,
} from './types.js';

type Signal = AbortSignal | undefined;
const org = (orgId: string) => `/organizations/${segment(orgId)}`;
const member = (orgId: string, membershipId: string) => `${org(orgId)}/members/${segment(membershipId)}`;

/** R21: who I am and the organizations I act for. */
export const getMe = (signal?: Signal) => call<Me>({ path: '/me', signal });

export const getOrganization = (orgId: string, signal?: Signal) => call<Organization>({ path: org(orgId), signal });
/** R7: the immutable fields are refused with `organization.immutable_field`. */
export const updateOrganization = (orgId: string, changes: OrganizationChanges) => call<Organization>({ method: 'PATCH', path: org(orgId), body: changes });

export const getUnits = (orgId: string, signal?: Signal) => call<{ units: Unit[] }>({ path: `${org(orgId)}/units`, signal });
/** R8, R9: a branch, antenna or establishment. */
export const addUnit = (orgId: string, unit: NewUnit) => call<{ id: string }>({ method: 'POST', path: `${org(orgId)}/units`, body: unit });

/** The list does the work on the server: search, filters, sort and page. */
export const listMembers = (orgId: string, query: MemberQuery, signal?: Signal) =>
  call<MemberPage>({ path: `${org(orgId)}/members`, query: { ...query }, signal });
export const getMember = (orgId: string, membershipId: string, signal?: Signal) => call<Member>({ path: member(orgId, membershipId), signal });
/** R14: demoting the last manager is refused with `membership.last_manager`. */
export const changeRole = (orgId: string, membershipId: string, role: Role) =>
  call<Member>({ method: 'PATCH', path: member(orgId, membershipId), body: { role } });
/** Issue 16 item 3: a member's details; `ownedBy` says when they are the person's own. */
export const getMemberDetails = (orgId: string, membershipId: string, signal?: Signal) =>
  call<MemberDetails>({ path: `${member(orgId, membershipId)}/details`, signal });
/** R4: refused with `person.details_own` when the person also acts for another organization; a new e-mail waits for its link. */
export const editMemberDetails = (orgId: string, membershipId: string, changes: MemberDetailsChanges) =>
  call<{ details: MemberDetails; warnings: Warning[] }>({ method: 'PATCH', path: `${member(orgId, membershipId)}/details`, body: changes });
/** R13, R15: the whole set of rights after the change. */
export const setRights = (orgId: string, membershipId: string, rights: readonly Right[]) =>
  call<Member>({ method: 'PUT', path: `${member(orgId, membershipId)}/rights`, body: { rights } });
export const deactivateMember = (orgId: string, membershipId: string) =>
  call<Member>({ method: 'POST', path: `${member(orgId, membershipId)}/deactivate`, body: {} });
export const reactivateMember = (orgId: string, membershipId: string) =>
  call<Member>({ method: 'POST', path: `${member(orgId, membershipId)}/reactivate`, body: {} });
export const removeMember = (orgId: string, membershipId: string) => call<undefined>({ method: 'DELETE', path: member(orgId, membershipId) });
/** Several members at once, all or nothing: one refusal (naming the person) changes nobody. */
export type MemberBatchAction = 'deactivate' | 'remove' | 'make_manager';
export const changeMembers = (orgId: string, action: MemberBatchAction, membershipIds: readonly string[]) =>
  call<{ membershipIds: string[] }>({ method: 'POST', path: `${org(orgId)}/members/batch`, body: { action, membershipIds } });
/** R19: an expiry date, or null for none. */
export const setExpiry = (orgId: string, membershipId: string, expiresOn: string | null) =>
  call<Member>({ method: 'PUT', path: `${member(orgId, membershipId)}/expiry`, body: { expiresOn } });

/** R16: the pending member with their rights at once; R5's warnings come back, never a refusal. */
export const inviteMember = (orgId: string, invitation: NewInvitation) =>
  call<InvitationCreated>({ method: 'POST', path: `${org(orgId)}/invitations`, body: invitation });
/** R17: the pending invitations, oldest first. */
export const listInvitations = (orgId: string, signal?: Signal) => call<{ items: Invitation[] }>({ path: `${org(orgId)}/invitations`, signal });
/** R17: a new link by e-mail; the old one stops working. */
export const resendInvitation = (orgId: string, invitationId: string) =>
  call<Invitation>({ method: 'POST', path: `${org(orgId)}/invitations/${segment(invitationId)}/resend`, body: {} });
/** R17: the link stops working, the pending membership goes; the audit keeps it. */
export const revokeInvitation = (orgId: string, invitationId: string) =>
  call<undefined>({ method: 'DELETE', path: `${org(orgId)}/invitations/${segment(invitationId)}` });

/** R23: a new key, or null to stop asking for one; never read back. The other managers are told. */
export const setMailSecurityKey = (orgId: string, key: string | null) =>
  call<undefined>({ method: 'PUT', path: `${org(orgId)}/mail-security-key`, body: { key } });

const auditQuery = (filters: AuditFilters) => ({
  action: filters.action,
  subjectType: filters.subjectType,
  actor: filters.actor,
  from: filters.from,
  to: filters.to,
});
/** R32: the audit trail, newest first, a page at a time. */
export const listAudit = (orgId: string, filters: AuditFilters, page: number, signal?: Signal) =>
  call<AuditPage>({ path: `${org(orgId)}/audit`, query: { ...auditQuery(filters), page }, signal });
/** R32: the same entries as a CSV file; more than the server exports is refused (`audit.export_too_large`, field `from`). */
export const exportAudit = (orgId: string, filters: AuditFilters) => download({ path: `${org(orgId)}/audit/export`, query: auditQuery(filters) });

/** R15: the catalogue, each service subscribed or available, with its rights. */
export const listServices = (orgId: string, signal?: Signal) => call<{ items: CatalogueEntry[] }>({ path: `${org(orgId)}/services`, signal });
/** R15, R28: a manager activates a service (409 `subscription.exists`). */
export const activateService = (orgId: string, serviceId: string) =>
  call<CatalogueEntry>({ method: 'POST', path: `${org(orgId)}/services/${segment(serviceId)}/subscription`, body: {} });

/** R4: my own profile; the login e-mail changes only through its link. */
export const getProfile = (signal?: Signal) => call<Profile>({ path: '/me/profile', signal });
export const updateProfile = (changes: ProfileChanges) => call<Profile>({ method: 'PATCH', path: '/me/profile', body: changes });
/** R1, R4, R5: a link to the new address; 409 `email.taken`, `email.unchanged`; R5 as a warning. */
export const requestEmailChange = (email: string) => call<EmailChangeRequested>({ method: 'POST', path: '/me/email-change', body: { email } });

/** R14: my managing role to an active member (a membership id), who can then remove me. */
export const handOver = (orgId: string, successorId: string) => call<Member>({ method: 'POST', path: `${org(orgId)}/hand-over`, body: { successorId } });
/** R4: public, the e-mailed link's token is enough → the login e-mail from now on; the old address is told. */
export const confirmEmailChange = (token: string) => call<{ email: string }>({ method: 'POST', path: '/email-change/confirm', body: { token } });
/** Issue 14 item 7: the link sent to the old address cancels the change; answers the address that stays. */
export const cancelEmailChange = (token: string) => call<{ email: string }>({ method: 'POST', path: '/email-change/cancel', body: { token } });

/** R16, R17: public (the link's token is enough): what the link opens and what accepting asks; a dead link is refused with field `token`. */
export const previewInvitation = (token: string, signal?: Signal) =>
  call<InvitationPreview>({ method: 'POST', path: '/invitations/preview', body: { token }, signal });
/** R16, R20, R2: public: activate with a password, or join the existing account with consent; the Geneva secrets when asked. */
export const acceptInvitation = (acceptance: InvitationAcceptance) =>
  call<InvitationAccepted>({ method: 'POST', path: '/invitations/accept', body: acceptance });

const mandate = (orgId: string, mandateId: string) => `${org(orgId)}/mandates/${segment(mandateId)}`;
/** R25, R27: the organization's mandates, as fiduciary or client, with their delegates and rights. */
export const listMandates = (orgId: string, signal?: Signal) => call<{ items: Mandate[] }>({ path: `${org(orgId)}/mandates`, signal });
/** R24: the fiduciary's legal representative or deputy requests a mandate; the operator decides. */
export const requestMandate = (orgId: string, request: NewMandate) =>
  call<{ id: string; clientId: string | null; status: 'requested' }>({ method: 'POST', path: `${org(orgId)}/mandates`, body: request });
/** R27: either side ends it; the delegates lose it in their next token. */
export const endMandate = (orgId: string, mandateId: string) => call<undefined>({ method: 'POST', path: `${mandate(orgId, mandateId)}/end`, body: {} });
/** R25: a member of the fiduciary handles the mandate, with no right until granted. */
export const assignDelegate = (orgId: string, mandateId: string, membershipId: string) =>
  call<undefined>({ method: 'POST', path: `${mandate(orgId, mandateId)}/delegates`, body: { membershipId } });
/** R25, R15: the delegate's whole set of rights, on services the CLIENT subscribes to. */
export const setDelegateRights = (orgId: string, mandateId: string, membershipId: string, rights: readonly Right[]) =>
  call<undefined>({ method: 'PUT', path: `${mandate(orgId, mandateId)}/delegates/${segment(membershipId)}/rights`, body: { rights } });
/** R25: the delegate stops handling the mandate; their rights on it go with them. */
export const removeDelegate = (orgId: string, mandateId: string, membershipId: string) =>
  call<undefined>({ method: 'DELETE', path: `${mandate(orgId, mandateId)}/delegates/${segment(membershipId)}` });
/** R26: a member of the fiduciary becomes delegate of all its open mandates, or of chosen ones → the mandates newly attached. */
export const attachToMandates = (orgId: string, membershipId: string, mandates: 'all' | readonly string[]) =>
  call<{ attached: string[] }>({ method: 'POST', path: `${member(orgId, membershipId)}/mandates`, body: { mandates } });

/** R10, R11: public: the organization signs up; the identifier is checked in the registry (refusals on `identifier`). */
export const signUp = (form: NewSignUp) => call<SignUpFiled>({ method: 'POST', path: '/sign-ups', body: form });
/** R30: public: take over an organization no manager of which is reachable, supporting documents attached. */
export const requestRecovery = (request: NewRecovery) =>
  call<{ id: string; status: 'pending'; deadline: string }>({ method: 'POST', path: '/recoveries', body: request });

/** R22: a signed-in person asks an organization (by its identifier) for access; its managers are told. */
export const requestAccess = (request: NewAccessRequest) =>
  call<{ id: string; organizationId: string; role: string; status: 'pending' }>({ method: 'POST', path: '/access-requests', body: request });
/** R22: the requests awaiting the organization's managers. */
export const listAccessRequests = (orgId: string, signal?: Signal) => call<{ items: AccessRequest[] }>({ path: `${org(orgId)}/access-requests`, signal });
/** R22: grant the access asked (for an observer, with the journal's read right where configured). */
export const listMyAccessRequests = (signal?: Signal) => call<{ items: MyAccessRequest[] }>({ path: '/me/access-requests', signal });

export const approveAccessRequest = (orgId: string, requestId: string) =>
  call<{ membershipId: string; rights: Array<{ serviceId: string; rightId: string }> }>({
    method: 'POST',
    path: `${org(orgId)}/access-requests/${segment(requestId)}/approve`,
    body: {},
  });
/** R22: refuse, saying why; the requester is told. */
export const rejectAccessRequest = (orgId: string, requestId: string, reason: string) =>
  call<undefined>({ method: 'POST', path: `${org(orgId)}/access-requests/${segment(requestId)}/reject`, body: { reason } });

/** Who manages the organization: every person of it sees the managers' names, roles and e-mails. */
export const listManagers = (orgId: string, signal?: Signal) => call<{ items: ManagerShown[] }>({ path: `${org(orgId)}/managers`, signal });

/** Issue 21 item 4: the webhooks that receive the audit trail; the secret is in the registration's answer only. */
export const listAuditWebhooks = (orgId: string, signal?: Signal) => call<{ webhooks: AuditWebhook[] }>({ path: `${org(orgId)}/audit/webhooks`, signal });
export const registerAuditWebhook = (orgId: string, webhook: { url: string; description?: string }) =>
  call<RegisteredAuditWebhook>({ method: 'POST', path: `${org(orgId)}/audit/webhooks`, body: webhook });
export const revokeAuditWebhook = (orgId: string, webhookId: string) =>
  call<undefined>({ method: 'DELETE', path: `${org(orgId)}/audit/webhooks/${segment(webhookId)}` });
export const listAuditDeliveries = (orgId: string, webhookId: string, signal?: Signal) =>
  call<{ deliveries: AuditDelivery[] }>({ path: `${org(orgId)}/audit/webhooks/${segment(webhookId)}/deliveries`, signal });
