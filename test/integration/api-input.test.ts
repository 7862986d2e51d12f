import { beforeAll, describe, expect, it } from 'vitest';
import { requestAccess } from '@procura/sync-service/access-requests/commands';
import { inviteMember } from '@procura/sync-service/invitations/commands';
import type { IssuedLink } from '@procura/sync-service/invitations/rules';
import { requestEmailChange } from '@procura/sync-service/me/commands';
import { assignDelegate } from '@procura/sync-service/mandates/delegates';
import { addMember, deactivateMember } from '@procura/sync-service/members/commands';
import { testActor } from '../helpers/actor.js';
import { bearerOf, callApi, type ApiCaller } from '../helpers/api.js';
import { upload } from '../helpers/documents.js';
import { registeredUid } from '../helpers/registry.js';
import { activeMandate, subscribe } from '../helpers/model.js';
import { createTestOrganization, type TestOrganization } from '../helpers/organizations.js';
import { createTestMember, createTestOperator, uniqueEmail } from '../helpers/people.js';
import { serviceAccessToken } from '../helpers/service-credentials.js';
import { database, stack } from '../helpers/stack.js';

/**
 * Mass assignment: every writable schema refuses unknown fields and the fields the caller may not
 * set, with 422 problem+json naming them (JSON pointer), and nothing changes. The writable
 * operations come from the OpenAPI document: one without a case here fails the run.
 */

interface Case {
  /** A body the route accepts. */
  /** A body the route accepts; a function when it names the target membership. */
  readonly valid: Record<string, unknown> | ((membershipId: string) => Record<string, unknown>);
  /** Fields that exist in the model but that this route must not let anyone set. */
  readonly forbidden: Record<string, unknown>;
  readonly path: (organizationId: string, membershipId: string) => string;
  readonly method: string;
  /** Who calls (default: a manager of the organization). */
  readonly caller?: () => ApiCaller;
}

const members = (o: string, m: string) => `/organizations/${o}/members/${m}`;
/** Invitations made in `beforeAll` (R16): one to re-send, one to preview, one to accept. */
const links = {} as Record<'resend' | 'preview' | 'accept', IssuedLink>;
const someId = '00000000-0000-4000-8000-000000000000';
/** R22: another organization to ask access to, and pending requests to the organization to approve and reject. */
let elsewhere: TestOrganization;
const requests = {} as Record<'approve' | 'reject', string>;
const cases: Record<string, Case> = {
  updateOrganization: {
    method: 'patch',
    path: (o) => `/organizations/${o}`,
    valid: { legalName: 'Nouveau nom SA' },
    forbidden: { status: 'closed', id: '00000000-0000-4000-8000-000000000000', createdAt: '2020-01-01' },
  },
  addUnit: {
    method: 'post',
    path: (o) => `/organizations/${o}/units`,
    valid: { kind: 'branch', name: 'Succursale' },
    forbidden: { organizationId: '00000000-0000-4000-8000-000000000000', id: '00000000-0000-4000-8000-000000000000' },
  },
  editMemberDetails: {
    method: 'patch',
    path: (o, m) => `${members(o, m)}/details`,
    valid: { familyName: 'Saisie', secretQuestion: 'Quel est votre plat préféré ?', secretAnswer: 'Fondue' },
    forbidden: {
      role: 'manager',
      status: 'active',
      secretAnswerHash: 'scrypt$x$y',
      keycloakUserId: someId,
      personId: someId,
      emailNormalized: 'x@example.test',
    },
  },
  changeMemberRole: {
    method: 'patch',
    path: members,
    valid: { role: 'observer' },
    forbidden: {
      status: 'active',
      email: 'x@example.test',
      organizationId: '00000000-0000-4000-8000-000000000000',
      personId: '00000000-0000-4000-8000-000000000000',
    },
  },
  setMemberRights: {
    method: 'put',
    path: (o, m) => `${members(o, m)}/rights`,
    valid: { rights: [{ serviceId: 'employer-inbox', rightId: 'read' }] },
    forbidden: { role: 'manager', membershipId: '00000000-0000-4000-8000-000000000000' },
  },
  // Issue 16 item 5: several members at once; the status or role of each is the action's to set, never the body's.
  changeMembers: {
    method: 'post',
    path: (o) => `/organizations/${o}/members/batch`,
    valid: (m) => ({ action: 'deactivate', membershipIds: [m] }),
    forbidden: { status: 'active', role: 'manager', organizationId: someId },
  },
  deactivateMember: { method: 'post', path: (o, m) => `${members(o, m)}/deactivate`, valid: {}, forbidden: { status: 'deactivated', role: 'manager' } },
  reactivateMember: { method: 'post', path: (o, m) => `${members(o, m)}/reactivate`, valid: {}, forbidden: { status: 'active', expiresOn: null } },
  setMemberExpiry: { method: 'put', path: (o, m) => `${members(o, m)}/expiry`, valid: { expiresOn: null }, forbidden: { status: 'active', role: 'manager' } },
  inviteMember: {
    method: 'post',
    path: (o) => `/organizations/${o}/invitations`,
    valid: { email: uniqueEmail('input-invitee'), role: 'member' },
    forbidden: { status: 'active', organizationId: someId, personId: someId, membershipId: someId },
  },
  setMailSecurityKey: {
    method: 'put',
    path: (o) => `/organizations/${o}/mail-security-key`,
    valid: { key: null },
    forbidden: { mailSecurityKeyHash: 'scrypt$x$y', organizationId: someId },
  },
  requestAccess: {
    method: 'post',
    path: () => '/access-requests',
    get valid() {
      return { organization: elsewhere.identifier, role: 'observer' };
    },
    forbidden: { status: 'approved', personId: someId, organizationId: someId },
  },
  approveAccessRequest: {
    method: 'post',
    path: (o) => `/organizations/${o}/access-requests/${requests.approve}/approve`,
    valid: {},
    forbidden: { role: 'manager', status: 'approved' },
  },
  rejectAccessRequest: {
    method: 'post',
    path: (o) => `/organizations/${o}/access-requests/${requests.reject}/reject`,
    valid: { reason: 'Inconnu' },
    forbidden: { status: 'rejected', decidedBy: 'x' },
  },
  resendInvitation: {
    method: 'post',
    path: (o) => `/organizations/${o}/invitations/${links.resend.invitationId}/resend`,
    valid: {},
    forbidden: { expiresAt: '2099-01-01T00:00:00Z', status: 'pending' },
  },
  previewInvitation: {
    method: 'post',
    path: () => '/invitations/preview',
    get valid() {
      return { token: links.preview.token };
    },
    forbidden: { email: 'x@example.test', organizationId: someId },
  },
  // R4: the caller's own profile; the e-mail changes only through its link, never by these bodies.
  updateMyProfile: {
    method: 'patch',
    path: () => '/me/profile',
    valid: { phone: '+41 21 555 00 00' },
    forbidden: { email: 'x@example.test', id: someId, keycloakUserId: someId, pendingEmail: null },
  },
  requestEmailChange: {
    method: 'post',
    path: () => '/me/email-change',
    get valid() {
      return { email: uniqueEmail('input-moved') };
    },
    forbidden: { personId: someId, token: 'A'.repeat(43), expiresAt: '2099-01-01T00:00:00Z' },
  },
  confirmEmailChange: {
    method: 'post',
    path: () => '/email-change/confirm',
    get valid() {
      return { token: emailToken };
    },
    forbidden: { email: 'x@example.test', personId: someId },
  },
  cancelEmailChange: {
    method: 'post',
    path: () => '/email-change/cancel',
    get valid() {
      return { token: cancelToken };
    },
    forbidden: { email: 'x@example.test', personId: someId },
  },
  // R14: the successor is named; their role is the caller's, never one the body sets.
  handOver: {
    method: 'post',
    path: (o) => `/organizations/${o}/hand-over`,
    get valid() {
      return { successorId };
    },
    forbidden: { role: 'legal_representative', formerId: someId, organizationId: someId },
  },
  // R15: only the start date; the subscription's end and the organization are not the body's.
  activateService: {
    method: 'post',
    path: (o) => `/organizations/${o}/services/salary-declaration/subscription`,
    valid: {},
    forbidden: { endsOn: null, organizationId: someId, status: 'subscribed' },
  },
  // R29: services only, with their own client credentials.
  decide: {
    method: 'post',
    path: () => '/decisions',
    caller: () => inboxService,
    get valid() {
      return { email: uniqueEmail('nobody'), organization: organization.identifier, right: 'read' };
    },
    forbidden: { allowed: true, reason: 'membership', serviceId: 'contributions', personId: someId },
  },
  decisionHolders: {
    method: 'post',
    path: () => '/decisions/holders',
    caller: () => inboxService,
    get valid() {
      return { organization: organization.identifier, right: 'read' };
    },
    forbidden: { holders: [], personId: someId },
  },
  authzenEvaluation: {
    method: 'post',
    path: () => '/access/v1/evaluation',
    caller: () => inboxService,
    get valid() {
      return {
        subject: { type: 'user', id: uniqueEmail('nobody') },
        action: { name: 'read' },
        resource: { type: 'organization', id: organization.identifier },
      };
    },
    forbidden: { decision: true, evaluations: [], personId: someId },
  },
  authzenEvaluations: {
    method: 'post',
    path: () => '/access/v1/evaluations',
    caller: () => inboxService,
    get valid() {
      return {
        subject: { type: 'user', id: uniqueEmail('nobody') },
        action: { name: 'read' },
        evaluations: [{ resource: { type: 'organization', id: organization.identifier } }],
      };
    },
    forbidden: { decision: true, personId: someId },
  },
  // Issue 21 item 4: the URL and a description; the secret is the service's, never the caller's.
  registerAuditWebhook: {
    method: 'post',
    path: (o) => `/organizations/${o}/audit/webhooks`,
    valid: { url: 'http://127.0.0.1:9/audit' },
    forbidden: { secret: 'whsec_dGVzdA==', organizationId: someId, createdBy: 'x' },
  },
  registerPlatformAuditWebhook: {
    method: 'post',
    path: () => '/operator/audit/webhooks',
    caller: () => mandates.operator,
    valid: { url: 'http://127.0.0.1:9/audit' },
    forbidden: { secret: 'whsec_dGVzdA==', organizationId: someId },
  },
  // R24–R27: on a fiduciary of the test's own, by its legal representative; R31: by an operator.
  requestMandate: {
    method: 'post',
    path: () => `/organizations/${mandates.fiduciary}/mandates`,
    caller: () => mandates.representative,
    get valid() {
      return { client: mandates.client, powerOfAttorney: upload() };
    },
    forbidden: { status: 'active', fiduciaryId: someId, powerOfAttorneySha256: 'a'.repeat(64), validFrom: '2020-01-01' },
  },
  endMandate: {
    method: 'post',
    path: () => `/organizations/${mandates.fiduciary}/mandates/${mandates.toEnd}/end`,
    caller: () => mandates.representative,
    valid: {},
    forbidden: { status: 'ended', by: someId },
  },
  assignDelegate: {
    method: 'post',
    path: () => `/organizations/${mandates.fiduciary}/mandates/${mandates.toAssign}/delegates`,
    caller: () => mandates.representative,
    get valid() {
      return { membershipId: mandates.staff };
    },
    forbidden: { rights: [], mandateId: someId },
  },
  setDelegateRights: {
    method: 'put',
    path: () => `/organizations/${mandates.fiduciary}/mandates/${mandates.assigned}/delegates/${mandates.staff}/rights`,
    caller: () => mandates.representative,
    valid: { rights: [] },
    forbidden: { membershipId: someId, clientId: someId },
  },
  attachToMandates: {
    method: 'post',
    path: () => `/organizations/${mandates.fiduciary}/members/${mandates.staff}/mandates`,
    caller: () => mandates.representative,
    valid: { mandates: 'all' },
    forbidden: { rights: [], role: 'manager' },
  },
  validateMandate: {
    method: 'post',
    path: () => `/operator/mandates/${mandates.toValidate}/validate`,
    caller: () => mandates.operator,
    valid: {},
    forbidden: { status: 'active', validFrom: '2020-01-01' },
  },
  rejectMandate: {
    method: 'post',
    path: () => `/operator/mandates/${mandates.toReject}/reject`,
    caller: () => mandates.operator,
    valid: { reason: 'Procuration illisible' },
    forbidden: { status: 'rejected', fiduciaryId: someId },
  },
  // Issue 14 item 5, R31: the type is the operator's.
  setOrganizationType: {
    method: 'put',
    path: (o) => `/operator/organizations/${o}/type`,
    caller: () => mandates.operator,
    valid: { type: 'employer', reason: 'Vérification' },
    forbidden: { status: 'closed', legalName: 'Autre SA' },
  },
  // R10, R30: public forms; R31: the operator's decisions on them.
  signUp: {
    method: 'post',
    path: () => '/sign-ups',
    caller: () => 'anonymous',
    get valid() {
      return { identifier: publicForms.signUpIdentifier, legalName: 'Inscription SA', representative: person };
    },
    forbidden: { status: 'approved', organizationId: someId, registryName: 'X' },
  },
  requestRecovery: {
    method: 'post',
    path: () => '/recoveries',
    caller: () => 'anonymous',
    get valid() {
      return { organization: publicForms.orphan, requester: person, documents: [upload()] };
    },
    forbidden: { status: 'appointed', membershipId: someId, organizationId: someId },
  },
  validateSignUp: {
    method: 'post',
    path: () => `/operator/sign-ups/${publicForms.toValidate}/validate`,
    caller: () => mandates.operator,
    valid: {},
    forbidden: { status: 'approved', organizationId: someId },
  },
  rejectSignUp: {
    method: 'post',
    path: () => `/operator/sign-ups/${publicForms.toReject}/reject`,
    caller: () => mandates.operator,
    valid: { reason: 'Incomplet' },
    forbidden: { status: 'rejected' },
  },
  appointFromRecovery: {
    method: 'post',
    path: () => `/operator/recoveries/${publicForms.toAppoint}/appoint`,
    caller: () => mandates.operator,
    valid: {},
    forbidden: { role: 'manager', email: 'x@example.test' },
  },
  rejectRecovery: {
    method: 'post',
    path: () => `/operator/recoveries/${publicForms.toRejectRecovery}/reject`,
    caller: () => mandates.operator,
    valid: { reason: 'Illisible' },
    forbidden: { status: 'rejected' },
  },
  // Issue 16 item 6: the operator's support desk; who, what and the organization are the path's or the command's, never the body's.
  lookUpPerson: {
    method: 'post',
    path: () => '/operator/support/people/lookup',
    caller: () => mandates.operator,
    get valid() {
      return { email: support.personEmail, reason: 'Appel' };
    },
    forbidden: { personId: someId, activated: true },
  },
  changeLoginEmailBySupport: {
    method: 'post',
    path: () => `/operator/support/people/${support.personId}/email-change`,
    caller: () => mandates.operator,
    get valid() {
      return { email: uniqueEmail('input-support-moved'), reason: 'Boîte perdue' };
    },
    forbidden: { personId: someId, token: 'A'.repeat(43), expiresAt: '2099-01-01T00:00:00Z' },
  },
  removeAccessBySupport: {
    method: 'post',
    path: () => `/operator/support/people/${support.departedId}/remove-access`,
    caller: () => mandates.operator,
    valid: { reason: 'Départ' },
    forbidden: { organizationId: someId, role: 'member', status: 'removed' },
  },
  registerOrganizationBySupport: {
    method: 'post',
    path: () => '/operator/support/organizations',
    caller: () => mandates.operator,
    get valid() {
      return { identifier: support.identifier, legalName: 'Courriel SA', representative: person, reason: 'Reçu par e-mail' };
    },
    forbidden: { status: 'approved', organizationId: someId, registryName: 'X' },
  },
  addAntennaBySupport: {
    method: 'post',
    path: () => '/operator/support/antennas',
    caller: () => mandates.operator,
    get valid() {
      return { organization: support.prescriber, name: 'Antenne', reason: 'Demande du siège' };
    },
    forbidden: { kind: 'branch', identifier: 'CHE-109.322.551', organizationId: someId },
  },
  fileMandateForUnaffiliated: {
    method: 'post',
    path: () => '/operator/support/fiduciary-mandates',
    caller: () => mandates.operator,
    get valid() {
      return {
        identifier: support.fiduciaryIdentifier,
        legalName: 'Fiduciaire Courriel SA',
        representative: { ...person, email: uniqueEmail('input-fiduciary') },
        client: support.client,
        powerOfAttorney: upload(),
        reason: 'Procuration reçue',
      };
    },
    forbidden: { status: 'active', fiduciaryId: someId, type: 'employer', validFrom: '2020-01-01' },
  },
  acceptInvitation: {
    method: 'post',
    path: () => '/invitations/accept',
    get valid() {
      return { token: links.accept.token, password: 'Input-test-passw0rd!', givenName: 'Inès', familyName: 'Saisie' };
    },
    forbidden: { status: 'active', role: 'manager', personId: someId },
  },
};

/** A fiduciary of its own with its representative, a member and mandates in each state the cases need; an operator. */
const mandates = {} as Record<'fiduciary' | 'client' | 'staff' | 'toEnd' | 'toAssign' | 'assigned' | 'toValidate' | 'toReject', string> &
  Record<'representative' | 'operator', ApiCaller>;
/** Identifiers the registry knows, an organization with no manager, pending sign-ups and recoveries to decide. */
const publicForms = {} as Record<'signUpIdentifier' | 'orphan' | 'toValidate' | 'toReject' | 'toAppoint' | 'toRejectRecovery', string>;
const person = { givenName: 'Léa', familyName: 'Favre', function: 'Gérante', email: 'lea.favre@example.test' };
let organization: TestOrganization;
let manager: ApiCaller;
/** Issue 16 item 6: a person to find and move, one departing (not a last manager), a registry identifier, a prescriber. */
const support = {} as Record<'personEmail' | 'personId' | 'departedId' | 'identifier' | 'prescriber' | 'fiduciaryIdentifier' | 'client', string>;
/** R4: the token of an e-mail change asked by a person of the organization (not the manager, who calls). */
let emailToken: string;
/** Issue 14 item 7: the token of the link sent to the old address of another change. */
let cancelToken: string;
/** R14: an active member to hand over to. */
let successorId: string;
let inboxService: ApiCaller;

beforeAll(async () => {
  organization = await createTestOrganization();
  await subscribe(organization.id, 'employer-inbox');
  manager = await bearerOf(await createTestMember(organization.id, 'manager'));
  inboxService = { bearer: await serviceAccessToken('employer-inbox') };
  elsewhere = await createTestOrganization();
  for (const key of ['approve', 'reject'] as const) {
    const { personId } = await addMember(database(), testActor, {
      organizationId: elsewhere.id,
      email: uniqueEmail(`asker-${key}`),
      role: 'member',
      status: 'active',
    });
    requests[key] = (
      await requestAccess(database(), testActor, { personId, organization: organization.identifier, role: 'member', consoleUrl: stack().publicUrl })
    ).requestId;
  }
  successorId = (
    await addMember(database(), testActor, { organizationId: organization.id, email: uniqueEmail('input-successor'), role: 'member', status: 'active' })
  ).membershipId;
  const mover = await addMember(database(), testActor, {
    organizationId: organization.id,
    email: uniqueEmail('input-mover'),
    role: 'member',
    status: 'active',
  });
  emailToken = (await requestEmailChange(database(), testActor, { personId: mover.personId, email: uniqueEmail('input-moved'), publicUrl: stack().publicUrl }))
    .token;
  const canceller = await addMember(database(), testActor, {
    organizationId: organization.id,
    email: uniqueEmail('input-canceller'),
    role: 'member',
    status: 'active',
  });
  cancelToken = (
    await requestEmailChange(database(), testActor, { personId: canceller.personId, email: uniqueEmail('input-stays'), publicUrl: stack().publicUrl })
  ).cancelToken;
  await setUpMandates();
  await setUpPublicForms();
  await setUpSupport();
  for (const key of ['resend', 'preview', 'accept'] as const) {
    links[key] = await inviteMember(database(), testActor, {
      organizationId: organization.id,
      email: uniqueEmail(`input-${key}`),
      role: 'member',
      publicUrl: stack().publicUrl,
    });
  }
}, 120_000);

async function setUpMandates(): Promise<void> {
  const fiduciary = await createTestOrganization({ type: 'fiduciary' });
  mandates.fiduciary = fiduciary.id;
  const representative = await createTestMember(fiduciary.id, 'legal_representative');
  mandates.representative = await bearerOf(representative);
  mandates.operator = await bearerOf(await createTestOperator());
  const client = await createTestOrganization();
  await createTestMember(client.id, 'legal_representative');
  mandates.client = client.identifier;
  const { membershipId } = await addMember(database(), testActor, {
    organizationId: fiduciary.id,
    email: uniqueEmail('staff'),
    role: 'member',
    status: 'active',
  });
  mandates.staff = membershipId;
  const clients = await Promise.all([1, 2, 3].map(() => createTestOrganization()));
  mandates.toEnd = await activeMandate(fiduciary.id, clients[0]!.id, []);
  mandates.toAssign = await activeMandate(fiduciary.id, clients[1]!.id, []);
  mandates.assigned = await activeMandate(fiduciary.id, clients[2]!.id, []);
  await assignDelegate(database(), testActor, { mandateId: mandates.assigned, membershipId });
  for (const key of ['toValidate', 'toReject'] as const) {
    const asked = await createTestOrganization();
    await createTestMember(asked.id, 'legal_representative');
    mandates[key] = (
      await callApi(mandates.representative, 'post', `/organizations/${fiduciary.id}/mandates`, { client: asked.identifier, powerOfAttorney: upload() })
    ).body.id;
  }
}

async function setUpSupport(): Promise<void> {
  const employer = await createTestOrganization();
  const found = await createTestMember(employer.id, 'member', 'input-support');
  [support.personEmail, support.personId] = [found.email, found.personId];
  support.departedId = (await createTestMember(employer.id, 'member', 'input-departed')).personId;
  support.identifier = await registeredUid();
  support.prescriber = (await createTestOrganization({ type: 'prescriber' })).identifier;
  support.fiduciaryIdentifier = await registeredUid();
  const client = await createTestOrganization();
  await createTestMember(client.id, 'legal_representative');
  support.client = client.identifier;
}

async function setUpPublicForms(): Promise<void> {
  publicForms.signUpIdentifier = await registeredUid();
  for (const key of ['toValidate', 'toReject'] as const) {
    publicForms[key] = (
      await callApi('anonymous', 'post', '/sign-ups', {
        identifier: await registeredUid(),
        legalName: 'Décision SA',
        representative: { ...person, email: uniqueEmail('rep') },
      })
    ).body.id;
  }
  publicForms.orphan = (await createTestOrganization()).identifier;
  for (const key of ['toAppoint', 'toRejectRecovery'] as const) {
    const orphan = await createTestOrganization();
    publicForms[key] = (
      await callApi('anonymous', 'post', '/recoveries', {
        organization: orphan.identifier,
        requester: { ...person, email: uniqueEmail('requester') },
        documents: [upload()],
      })
    ).body.id;
  }
}

/** Everything a refused request could have changed: the organization, its units, its members and rights, the audit trail. */
async function snapshot(organizationId: string): Promise<unknown> {
  const { rows } = await database().query(
    `SELECT (SELECT to_jsonb(o) FROM organization o WHERE id = $1) AS organization,
            (SELECT count(*) FROM unit WHERE organization_id = $1) AS units,
            (SELECT jsonb_agg(to_jsonb(m) ORDER BY id) FROM membership m WHERE organization_id = $1) AS memberships,
            (SELECT count(*) FROM membership_right r JOIN membership m ON m.id = r.membership_id WHERE m.organization_id = $1) AS rights,
            (SELECT count(*) FROM audit_entry WHERE organization_id = $1) AS audit`,
    [organizationId],
  );
  return rows[0];
}

describe('mass assignment: writable schemas refuse what the caller may not set (422, nothing changed)', () => {
  it('every writable operation of the OpenAPI document has a case here', async () => {
    const { body } = await callApi('anonymous', 'get', '/openapi.json');
    const writable = Object.values(body.paths as Record<string, Record<string, { operationId: string; requestBody?: unknown }>>)
      .flatMap((path) => Object.values(path))
      .filter((operation) => operation.requestBody)
      .map((operation) => operation.operationId);
    expect(Object.keys(cases).sort()).toEqual(writable.sort());
  });

  for (const [operationId, spec] of Object.entries(cases)) {
    it(operationId, async () => {
      const { membershipId } = await addMember(database(), testActor, {
        organizationId: organization.id,
        email: uniqueEmail('target'),
        role: 'member',
        status: 'active',
      });
      if (operationId === 'reactivateMember') await deactivateMember(database(), testActor, { membershipId });
      const path = spec.path(organization.id, membershipId);
      const valid = typeof spec.valid === 'function' ? spec.valid(membershipId) : spec.valid;
      for (const [field, value] of Object.entries({ ...spec.forbidden, injected: true })) {
        const before = await snapshot(organization.id);
        const answer = await callApi(spec.caller?.() ?? manager, spec.method, path, { ...valid, [field]: value });
        expect(answer.status, `${operationId} ${field}`).toBe(422);
        expect(answer.body).toMatchObject({ code: 'input.invalid', field: `/${field}`, errors: [{ field: `/${field}`, code: 'schema.additionalProperties' }] });
        expect(answer.body.messages.fr).toMatch(/inconnu/);
        expect(await snapshot(organization.id), `${operationId} ${field}: nothing changed`).toEqual(before);
      }
      expect((await callApi(spec.caller?.() ?? manager, spec.method, path, valid)).status, `${operationId} accepts its valid body`).toBeLessThan(300);
    });
  }

  it("issue 16 items 9 and 7: an invitation's further organization or mandate refuses what the caller may not set, pointed into the list, nothing changed", async () => {
    const path = `/organizations/${organization.id}/invitations`;
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ organizations: [{ organizationId: organization.id, role: 'member', status: 'active' }] }, '/organizations/0/status'],
      [
        { organizations: [{ organizationId: organization.id, role: 'member', rights: [{ serviceId: 'employer-inbox', rightId: 'read', personId: someId }] }] },
        '/organizations/0/rights/0/personId',
      ],
      [{ mandates: [{ mandateId: someId, membershipId: someId }] }, '/mandates/0/membershipId'],
    ];
    for (const [extra, field] of cases) {
      const before = await snapshot(organization.id);
      const answer = await callApi(manager, 'post', path, { email: uniqueEmail('input-bundle'), role: 'member', ...extra });
      expect(answer, field).toMatchObject({ status: 422, body: { code: 'input.invalid', field, errors: [{ field, code: 'schema.additionalProperties' }] } });
      expect(await snapshot(organization.id), `${field}: nothing changed`).toEqual(before);
    }
  });

  it('issue 15 item 4 (found by the fuzzer, seeds 676675 and 833418): a NUL character or an infinite number is refused, never a 500 — in a path id (404), a body (422 input.nul, its pointer), a query', async () => {
    const before = await snapshot(organization.id);
    expect(await callApi(manager, 'post', `/organizations/${organization.id}/services/%00/subscription`, {})).toMatchObject({
      status: 404,
      body: { code: 'not_found' },
    });
    expect(await callApi(manager, 'post', `/organizations/${organization.id}/access-requests/%00/approve`, {})).toMatchObject({ status: 404 });
    expect(await callApi(manager, 'patch', `/organizations/${organization.id}`, { legalName: 'Atelier\u0000 SA' })).toMatchObject({
      status: 422,
      body: { code: 'input.invalid', field: '/legalName', errors: [{ code: 'input.nul' }] },
    });
    expect((await callApi(manager, 'get', `/organizations/${organization.id}/members?q=a%00b`)).status).toBe(422);
    // Seed 833418: 1e309 reads as Infinity, which the schema's bounds let through.
    expect(await callApi(manager, 'get', `/organizations/${organization.id}/members?page=1e309`)).toMatchObject({
      status: 422,
      body: { field: '/page', errors: [{ code: 'input.number' }] },
    });
    expect(await snapshot(organization.id)).toEqual(before);
  });

  it('R7: an immutable field is refused with its name; a problem lists every error, the first as `field`', async () => {
    const path = `/organizations/${organization.id}`;
    const before = await snapshot(organization.id);
    const immutable = await callApi(manager, 'patch', path, { identifier: 'CHE-109.322.551', legalName: 'Autre SA' });
    expect(immutable).toMatchObject({ status: 422, body: { code: 'organization.immutable_field', field: '/identifier' } });
    const many = await callApi(manager, 'patch', path, { legalName: '', type: 'bank', address: 'rue' });
    expect(many.status).toBe(422);
    expect(many.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['/address', '/legalName', '/type']);
    expect(many.body.field).toBe(many.body.errors[0].field);
    expect(await snapshot(organization.id)).toEqual(before);
  });

  it('R15 through the API: a right on a service the organization does not subscribe to is refused, nothing granted', async () => {
    const { membershipId } = await addMember(database(), testActor, {
      organizationId: organization.id,
      email: uniqueEmail('r15'),
      role: 'member',
      status: 'active',
    });
    const answer = await callApi(manager, 'put', `/organizations/${organization.id}/members/${membershipId}/rights`, {
      rights: [{ serviceId: 'contributions', rightId: 'pay' }],
    });
    expect(answer).toMatchObject({ status: 422, body: { code: 'right.service_not_subscribed', field: '/rights' } });
    expect((await callApi(manager, 'get', `/organizations/${organization.id}/members/${membershipId}`)).body.rights).toEqual([]);
  });
});
