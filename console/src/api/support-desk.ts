/**
 * The operator's support desk (issue 16 item 6) as the console reads it: find a person by e-mail,
 * change their login e-mail, remove their access, register an organization sent in by e-mail, a
 * prescriber's antenna. Every call carries the operator's reason (docs/api.md, « The support desk »).
 */
import { call, segment } from './client.js';
import type { Answer, DocumentUpload, OrganizationType } from './types.js';
import type { Named } from './operator.js';

/** What the support desk finds of a person (R31): memberships, delegations, invitations, a pending e-mail. */
export type PersonFile = Answer<'lookUpPerson'>;
export type OrganizationRef = PersonFile['memberships'][number]['organization'];

/** A field left empty is not sent: the API then names it « obligatoire » rather than « au moins 1 caractère ». */
const typed = (fields: Record<string, string>) => Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== ''));

export const lookUpPerson = (email: string, reason: string) =>
  call<PersonFile>({ method: 'POST', path: '/operator/support/people/lookup', body: typed({ email, reason }) });

export const changeLoginEmailBySupport = (personId: string, email: string, reason: string) =>
  call<{ pendingEmail: string; expiresAt: string }>({
    method: 'POST',
    path: `/operator/support/people/${segment(personId)}/email-change`,
    body: typed({ email, reason }),
  });

export const removeAccessBySupport = (personId: string, membershipIds: readonly string[], reason: string) =>
  call<{ removed: string[] }>({
    method: 'POST',
    path: `/operator/support/people/${segment(personId)}/remove-access`,
    body: { membershipIds, ...typed({ reason }) },
  });

export interface MailedInOrganization {
  identifier?: string;
  legalName?: string;
  type: OrganizationType;
  representative: Partial<Named>;
  reason?: string;
}

export const registerOrganizationBySupport = (organization: MailedInOrganization) =>
  call<{ organizationId: string; signUpId: string; invitationId: string }>({ method: 'POST', path: '/operator/support/organizations', body: organization });

export const addAntennaBySupport = (antenna: { organization?: string; name?: string; reason?: string }) =>
  call<{ id: string; organizationId: string }>({ method: 'POST', path: '/operator/support/antennas', body: antenna });

export interface UnaffiliatedMandate {
  identifier?: string;
  legalName?: string;
  representative: Partial<Named>;
  client?: string;
  powerOfAttorney?: DocumentUpload;
  services?: string[];
  reason?: string;
}

/** fer-ge « non affiliée »: the fiduciary registered with its representative invited, its mandate on the client filed and validated. */
export const fileMandateForUnaffiliated = (request: UnaffiliatedMandate) =>
  call<{ fiduciaryId: string; mandateId: string; invitationId: string; clientInvitationId: string | null }>({
    method: 'POST',
    path: '/operator/support/fiduciary-mandates',
    body: request,
  });
