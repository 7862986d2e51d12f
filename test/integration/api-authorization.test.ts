import { randomBytes, randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { requestAccess } from '@procura/sync-service/access-requests/commands';
import { inviteMember } from '@procura/sync-service/invitations/commands';
import { endMandate } from '@procura/sync-service/mandates/commands';
import { assignDelegate } from '@procura/sync-service/mandates/delegates';
import { addMember, deactivateMember } from '@procura/sync-service/members/commands';
import { testActor } from '../helpers/actor.js';
import { bearerOf, callApi, type ApiCaller } from '../helpers/api.js';
import { upload } from '../helpers/documents.js';
import { activeMandate, membershipOf, subscribe } from '../helpers/model.js';
import { createTestOrganization, uniqueUid, type TestOrganization } from '../helpers/organizations.js';
import { createTestMember, createTestOperator, uniqueEmail } from '../helpers/people.js';
import { database, stack } from '../helpers/stack.js';

/**
 * The authorization matrix (R13, R25, R27): every route of the API × every kind of caller × every
 * kind of target organization, with the status expected, from ONE table. A route the API serves
 * that the table lacks fails the run.
 */

const callers = ['legal_representative', 'deputy', 'manager', 'member', 'observer', 'delegate', 'anonymous'] as const;
type Caller = (typeof callers)[number];
const targets = ['own', 'other', 'client', 'ended'] as const;
type Target = (typeof targets)[number];

interface Cell {
  readonly method: string;
  readonly path: string;
  readonly body?: unknown;
}
interface Row {
  /** Status for the callers (legal representative, deputy, manager, member, observer, delegate) on their OWN organization. */
  readonly own: readonly [number, number, number, number, number, number];
  /** Status for the delegate on the client of an active mandate (every other caller: 404). */
  readonly client: number;
  readonly request: (organizationId: string, subject: () => Promise<string>) => Promise<Cell>;
  /** The problem's code of a 403 that the command, not the policy, answers (R24: a manager who is not the representative nor the deputy). */
  readonly ownCodes?: Partial<Record<Caller, string>>;
}
/** Routes outside any organization: one status per caller, whatever the target. */
interface FlatRow {
  readonly all: readonly [number, number, number, number, number, number, number];
  readonly request: Cell;
  /** The problem's code when `all` refuses for another reason than the caller (a public route's own 404). */
  readonly code?: string;
}

const org = (id: string) => `/organizations/${id}`;
const member = async (id: string, subject: () => Promise<string>) => `${org(id)}/members/${await subject()}`;
/** A pending invitation of the organization, made by the fixtures (R16). */
const invitation = async (id: string) =>
  `${org(id)}/invitations/${(await inviteMember(database(), testActor, { organizationId: id, email: uniqueEmail('invited'), role: 'member', publicUrl: stack().publicUrl })).invitationId}`;
/** An audit webhook of the organization, written as the fixtures write (no ceiling: each cell has its own). */
async function webhook(id: string): Promise<string> {
  const { rows } = await database().query<{ id: string }>(
    `INSERT INTO audit_webhook (organization_id, url, secret, created_by) VALUES ($1, 'http://127.0.0.1:9/audit', 'whsec_dGVzdA==', 'test') RETURNING id`,
    [id],
  );
  return rows[0]!.id;
}
/** A pending access request to the organization, by a person of an organization of their own (R22). */
async function accessRequest(id: string): Promise<string> {
  const lobby = await createTestOrganization();
  const { personId } = await addMember(database(), testActor, { organizationId: lobby.id, email: uniqueEmail('asker'), role: 'member', status: 'active' });
  const { rows } = await database().query<{ identifier: string }>('SELECT identifier FROM organization WHERE id = $1', [id]);
  const { requestId } = await requestAccess(database(), testActor, {
    personId,
    organization: rows[0]!.identifier,
    role: 'observer',
    consoleUrl: stack().publicUrl,
  });
  return `${org(id)}/access-requests/${requestId}`;
}
/** A fresh organization with no manager: a mandate request on it names its representative (R24). */
async function clientWithoutAccess(): Promise<Record<string, unknown>> {
  const client = await createTestOrganization();
  await subscribe(client.id, 'employer-inbox');
  return {
    client: client.identifier,
    powerOfAttorney: upload(),
    clientRepresentative: { givenName: 'Irène', familyName: 'Matrice', email: uniqueEmail('client-rep') },
  };
}
/** An active mandate on the organization, of a fiduciary of its own (R27: either side ends it). */
const mandateOn = async (id: string) => `${org(id)}/mandates/${await activeMandate((await createTestOrganization({ type: 'fiduciary' })).id, id, [])}`;
/** An active mandate of the organization as fiduciary (R25), on a client subscribing to the inbox; another organization's path is refused before. */
async function mandateOf(id: string): Promise<string> {
  if (id !== organizations.own.id) return `${org(id)}/mandates/00000000-0000-4000-8000-000000000000`;
  const client = await createTestOrganization();
  await subscribe(client.id, 'employer-inbox');
  return `${org(id)}/mandates/${await activeMandate(id, client.id, [])}`;
}
/** The subject made a delegate of a fresh mandate of the organization (R25): the delegate's path. */
async function delegateOf(id: string, subject: () => Promise<string>): Promise<string> {
  const path = await mandateOf(id);
  const membershipId = await subject();
  if (id === organizations.own.id) await assignDelegate(database(), testActor, { mandateId: path.split('/').pop()!, membershipId });
  return `${path}/delegates/${membershipId}`;
}
const noSuchId = '00000000-0000-4000-8000-000000000000';
const someMandate = `/operator/mandates/${noSuchId}`;
const operatorOnly = [403, 403, 403, 403, 403, 403, 401] as const;

/** A token of the right form that no link has: the public invitation routes answer 404 to anyone. */
const noSuchToken = 'A'.repeat(43);

//                         legal rep  deputy  manager  member  observer  delegate (a member of the fiduciary)
const table: Record<string, Row | FlatRow> = {
  getOpenApiDocument: { all: [200, 200, 200, 200, 200, 200, 200], request: { method: 'get', path: '/openapi.json' } },
  getMe: { all: [200, 200, 200, 200, 200, 200, 401], request: { method: 'get', path: '/me' } },
  listMyAccessRequests: { all: [200, 200, 200, 200, 200, 200, 401], request: { method: 'get', path: '/me/access-requests' } },
  // R4: each caller's own profile and login e-mail; the confirmation is public (the link's token), an unknown token is 404 to anyone.
  getMyProfile: { all: [200, 200, 200, 200, 200, 200, 401], request: { method: 'get', path: '/me/profile' } },
  updateMyProfile: { all: [200, 200, 200, 200, 200, 200, 401], request: { method: 'patch', path: '/me/profile', body: { phone: '+41 21 555 00 00' } } },
  requestEmailChange: {
    all: [201, 201, 201, 201, 201, 201, 401],
    get request() {
      return { method: 'post', path: '/me/email-change', body: { email: uniqueEmail('matrix-moved') } };
    },
  },
  confirmEmailChange: {
    all: [404, 404, 404, 404, 404, 404, 404],
    code: 'email_change.not_found',
    request: { method: 'post', path: '/email-change/confirm', body: { token: noSuchToken } },
  },
  cancelEmailChange: {
    all: [404, 404, 404, 404, 404, 404, 404],
    code: 'email_change.not_found',
    request: { method: 'post', path: '/email-change/cancel', body: { token: noSuchToken } },
  },
  getOrganization: { own: [200, 200, 200, 200, 200, 200], client: 200, request: async (id) => ({ method: 'get', path: org(id) }) },
  updateOrganization: {
    own: [200, 200, 200, 403, 403, 403],
    client: 403,
    request: async (id) => ({ method: 'patch', path: org(id), body: { legalName: 'Matrice SA' } }),
  },
  listUnits: { own: [200, 200, 200, 200, 200, 200], client: 200, request: async (id) => ({ method: 'get', path: `${org(id)}/units` }) },
  addUnit: {
    own: [201, 201, 201, 403, 403, 403],
    client: 403,
    request: async (id) => ({
      method: 'post',
      path: `${org(id)}/units`,
      body: { kind: 'branch', name: `Succursale matrice ${randomBytes(3).toString('hex')}` },
    }),
  },
  // R33, peps « Mes intervenants »: every person of the organization sees who manages it.
  listManagers: { own: [200, 200, 200, 200, 200, 200], client: 403, request: async (id) => ({ method: 'get', path: `${org(id)}/managers` }) },
  listMembers: { own: [200, 200, 200, 403, 403, 403], client: 403, request: async (id) => ({ method: 'get', path: `${org(id)}/members?q=a&sort=-email` }) },
  getMember: { own: [200, 200, 200, 403, 403, 403], client: 403, request: async (id, s) => ({ method: 'get', path: await member(id, s) }) },
  changeMemberRole: {
    own: [200, 200, 200, 403, 403, 403],
    client: 403,
    request: async (id, s) => ({ method: 'patch', path: await member(id, s), body: { role: 'observer' } }),
  },
  // Issue 16 item 3: a member's details, for managers only (a fresh member, of the organization alone: editable).
  getMemberDetails: { own: [200, 200, 200, 403, 403, 403], client: 403, request: async (id, s) => ({ method: 'get', path: `${await member(id, s)}/details` }) },
  editMemberDetails: {
    own: [200, 200, 200, 403, 403, 403],
    client: 403,
    request: async (id, s) => ({ method: 'patch', path: `${await member(id, s)}/details`, body: { familyName: 'Matrice' } }),
  },
  setMemberRights: {
    own: [200, 200, 200, 403, 403, 403],
    client: 403,
    request: async (id, s) => ({ method: 'put', path: `${await member(id, s)}/rights`, body: { rights: [{ serviceId: 'employer-inbox', rightId: 'read' }] } }),
  },
  deactivateMember: {
    own: [200, 200, 200, 403, 403, 403],
    client: 403,
    request: async (id, s) => ({ method: 'post', path: `${await member(id, s)}/deactivate`, body: {} }),
  },
  reactivateMember: {
    own: [200, 200, 200, 403, 403, 403],
    client: 403,
    request: async (id, s) => ({ method: 'post', path: `${await member(id, deactivated(s))}/reactivate` }),
  },
  removeMember: { own: [204, 204, 204, 403, 403, 403], client: 403, request: async (id, s) => ({ method: 'delete', path: await member(id, s) }) },
  // Issue 16 item 5: several members at once (here one fresh member, deactivated).
  changeMembers: {
    own: [200, 200, 200, 403, 403, 403],
    client: 403,
    request: async (id, s) => ({ method: 'post', path: `${org(id)}/members/batch`, body: { action: 'deactivate', membershipIds: [await s()] } }),
  },
  setMemberExpiry: {
    own: [200, 200, 200, 403, 403, 403],
    client: 403,
    request: async (id, s) => ({ method: 'put', path: `${await member(id, s)}/expiry`, body: { expiresOn: null } }),
  },
  // R14: each manager hands their role to a fresh active member (who then holds it too).
  handOver: {
    own: [200, 200, 200, 403, 403, 403],
    client: 403,
    request: async (id, s) => ({ method: 'post', path: `${org(id)}/hand-over`, body: { successorId: await s() } }),
  },
  // R15: the catalogue for anyone of the organization; managers activate a service (made unsubscribed again before each cell).
  listServices: { own: [200, 200, 200, 200, 200, 200], client: 200, request: async (id) => ({ method: 'get', path: `${org(id)}/services` }) },
  activateService: {
    own: [201, 201, 201, 403, 403, 403],
    client: 403,
    request: async (id) => ({ method: 'post', path: `${org(id)}/services/${await unsubscribed(id, 'contributions')}/subscription`, body: {} }),
  },
  listAudit: {
    own: [200, 200, 200, 403, 403, 403],
    client: 403,
    request: async (id) => ({ method: 'get', path: `${org(id)}/audit?action=membership.created&from=2026-01-01` }),
  },
  exportAudit: {
    own: [200, 200, 200, 403, 403, 403],
    client: 403,
    request: async (id) => ({ method: 'get', path: `${org(id)}/audit/export?subjectType=membership` }),
  },
  // Issue 21 item 4: the audit webhooks and their logs, managers only; the platform's, the operator's.
  listAuditWebhooks: { own: [200, 200, 200, 403, 403, 403], client: 403, request: async (id) => ({ method: 'get', path: `${org(id)}/audit/webhooks` }) },
  registerAuditWebhook: {
    own: [201, 201, 201, 403, 403, 403],
    client: 403,
    request: async (id) => ({ method: 'post', path: `${org(id)}/audit/webhooks`, body: { url: 'http://127.0.0.1:9/audit' } }),
  },
  revokeAuditWebhook: {
    own: [204, 204, 204, 403, 403, 403],
    client: 403,
    request: async (id) => ({ method: 'delete', path: `${org(id)}/audit/webhooks/${await webhook(id)}` }),
  },
  listAuditWebhookDeliveries: {
    own: [200, 200, 200, 403, 403, 403],
    client: 403,
    request: async (id) => ({ method: 'get', path: `${org(id)}/audit/webhooks/${await webhook(id)}/deliveries` }),
  },
  inviteMember: {
    own: [201, 201, 201, 403, 403, 403],
    client: 403,
    request: async (id) => ({ method: 'post', path: `${org(id)}/invitations`, body: { email: uniqueEmail('invitee'), role: 'member' } }),
  },
  listInvitations: { own: [200, 200, 200, 403, 403, 403], client: 403, request: async (id) => ({ method: 'get', path: `${org(id)}/invitations` }) },
  resendInvitation: {
    own: [200, 200, 200, 403, 403, 403],
    client: 403,
    request: async (id) => ({ method: 'post', path: `${await invitation(id)}/resend`, body: {} }),
  },
  revokeInvitation: { own: [204, 204, 204, 403, 403, 403], client: 403, request: async (id) => ({ method: 'delete', path: await invitation(id) }) },
  setMailSecurityKey: {
    own: [204, 204, 204, 403, 403, 403],
    client: 403,
    request: async (id) => ({ method: 'put', path: `${org(id)}/mail-security-key`, body: { key: 'GE-MATRICE-2026' } }),
  },
  // R22: anyone signed in asks; here each caller asks their own organization, of which they are members already.
  requestAccess: {
    all: [409, 409, 409, 409, 409, 409, 401],
    code: 'access_request.already_member',
    get request() {
      return { method: 'post', path: '/access-requests', body: { organization: organizations.own.identifier, role: 'observer' } };
    },
  },
  listAccessRequests: { own: [200, 200, 200, 403, 403, 403], client: 403, request: async (id) => ({ method: 'get', path: `${org(id)}/access-requests` }) },
  approveAccessRequest: {
    own: [200, 200, 200, 403, 403, 403],
    client: 403,
    request: async (id) => ({ method: 'post', path: `${await accessRequest(id)}/approve`, body: {} }),
  },
  rejectAccessRequest: {
    own: [204, 204, 204, 403, 403, 403],
    client: 403,
    request: async (id) => ({ method: 'post', path: `${await accessRequest(id)}/reject`, body: { reason: 'Inconnu' } }),
  },
  // R16, R20: public, the link's token is the credential (test/integration/invitations.test.ts); an unknown one is 404 to anyone.
  previewInvitation: {
    all: [404, 404, 404, 404, 404, 404, 404],
    code: 'invitation.not_found',
    request: { method: 'post', path: '/invitations/preview', body: { token: noSuchToken } },
  },
  acceptInvitation: {
    all: [404, 404, 404, 404, 404, 404, 404],
    code: 'invitation.not_found',
    request: { method: 'post', path: '/invitations/accept', body: { token: noSuchToken, password: 'x' } },
  },
  // R29: for services only (their own client credentials, test/integration/decisions.test.ts); people are refused.
  decide: {
    all: [403, 403, 403, 403, 403, 403, 401],
    request: { method: 'post', path: '/decisions', body: { email: 'x@example.test', organization: 'CHE123456788', right: 'read' } },
  },
  decisionHolders: {
    all: [403, 403, 403, 403, 403, 403, 401],
    request: { method: 'post', path: '/decisions/holders', body: { organization: 'CHE123456788', right: 'read' } },
  },
  authzenEvaluation: {
    all: [403, 403, 403, 403, 403, 403, 401],
    request: {
      method: 'post',
      path: '/access/v1/evaluation',
      body: { subject: { type: 'user', id: 'x@example.test' }, action: { name: 'read' }, resource: { type: 'organization', id: 'CHE123456788' } },
    },
  },
  authzenEvaluations: {
    all: [403, 403, 403, 403, 403, 403, 401],
    request: {
      method: 'post',
      path: '/access/v1/evaluations',
      body: {
        subject: { type: 'user', id: 'x@example.test' },
        action: { name: 'read' },
        evaluations: [{ resource: { type: 'organization', id: 'CHE123456788' } }],
      },
    },
  },
  // R24–R27: the own organization is a fiduciary; a plain manager may not file a mandate request (the command's 403).
  requestMandate: {
    own: [201, 201, 403, 403, 403, 403],
    ownCodes: { manager: 'mandate.requester' },
    client: 403,
    request: async (id) => ({ method: 'post', path: `${org(id)}/mandates`, body: await clientWithoutAccess() }),
  },
  listMandates: { own: [200, 200, 200, 200, 200, 200], client: 403, request: async (id) => ({ method: 'get', path: `${org(id)}/mandates` }) },
  endMandate: { own: [204, 204, 204, 403, 403, 403], client: 403, request: async (id) => ({ method: 'post', path: `${await mandateOn(id)}/end`, body: {} }) },
  assignDelegate: {
    own: [204, 204, 204, 403, 403, 403],
    client: 403,
    request: async (id, s) => ({ method: 'post', path: `${await mandateOf(id)}/delegates`, body: { membershipId: await s() } }),
  },
  setDelegateRights: {
    own: [204, 204, 204, 403, 403, 403],
    client: 403,
    request: async (id, s) => ({
      method: 'put',
      path: `${await delegateOf(id, s)}/rights`,
      body: { rights: [{ serviceId: 'employer-inbox', rightId: 'read' }] },
    }),
  },
  removeDelegate: { own: [204, 204, 204, 403, 403, 403], client: 403, request: async (id, s) => ({ method: 'delete', path: await delegateOf(id, s) }) },
  attachToMandates: {
    own: [200, 200, 200, 403, 403, 403],
    client: 403,
    request: async (id, s) => ({ method: 'post', path: `${await member(id, s)}/mandates`, body: { mandates: 'all' } }),
  },
  // R31: the operator's staff only (test/integration/mandates.test.ts); none of these callers is.
  listPendingMandates: { all: operatorOnly, code: 'policy.operator_only', request: { method: 'get', path: '/operator/mandates' } },
  listPlatformAuditWebhooks: { all: operatorOnly, code: 'policy.operator_only', request: { method: 'get', path: '/operator/audit/webhooks' } },
  registerPlatformAuditWebhook: {
    all: operatorOnly,
    code: 'policy.operator_only',
    request: { method: 'post', path: '/operator/audit/webhooks', body: { url: 'http://127.0.0.1:9/audit' } },
  },
  revokePlatformAuditWebhook: {
    all: operatorOnly,
    code: 'policy.operator_only',
    request: { method: 'delete', path: `/operator/audit/webhooks/${randomUUID()}` },
  },
  listPlatformAuditWebhookDeliveries: {
    all: operatorOnly,
    code: 'policy.operator_only',
    request: { method: 'get', path: `/operator/audit/webhooks/${randomUUID()}/deliveries` },
  },
  validateMandate: { all: operatorOnly, code: 'policy.operator_only', request: { method: 'post', path: `${someMandate}/validate`, body: {} } },
  rejectMandate: { all: operatorOnly, code: 'policy.operator_only', request: { method: 'post', path: `${someMandate}/reject`, body: { reason: 'Matrice' } } },
  // R10, R30: public forms; here with an identifier the registry does not know, or no organization bears.
  signUp: {
    all: [422, 422, 422, 422, 422, 422, 422],
    code: 'sign_up.not_recognized',
    request: {
      method: 'post',
      path: '/sign-ups',
      body: {
        identifier: uniqueUid(),
        legalName: 'Matrice SA',
        representative: { givenName: 'A', familyName: 'B', function: 'Gérant', email: 'matrice@example.test' },
      },
    },
  },
  requestRecovery: {
    all: [404, 404, 404, 404, 404, 404, 404],
    code: 'organization.not_found',
    request: {
      method: 'post',
      path: '/recoveries',
      body: {
        organization: uniqueUid(),
        requester: { givenName: 'A', familyName: 'B', function: 'Gérant', email: 'matrice@example.test' },
        documents: [upload()],
      },
    },
  },
  getOperatorQueue: { all: operatorOnly, code: 'policy.operator_only', request: { method: 'get', path: '/operator/queue' } },
  listPendingSignUps: { all: operatorOnly, code: 'policy.operator_only', request: { method: 'get', path: '/operator/sign-ups' } },
  validateSignUp: { all: operatorOnly, code: 'policy.operator_only', request: { method: 'post', path: `/operator/sign-ups/${noSuchId}/validate`, body: {} } },
  rejectSignUp: {
    all: operatorOnly,
    code: 'policy.operator_only',
    request: { method: 'post', path: `/operator/sign-ups/${noSuchId}/reject`, body: { reason: 'Matrice' } },
  },
  listPendingRecoveries: { all: operatorOnly, code: 'policy.operator_only', request: { method: 'get', path: '/operator/recoveries' } },
  appointFromRecovery: {
    all: operatorOnly,
    code: 'policy.operator_only',
    request: { method: 'post', path: `/operator/recoveries/${noSuchId}/appoint`, body: {} },
  },
  rejectRecovery: {
    all: operatorOnly,
    code: 'policy.operator_only',
    request: { method: 'post', path: `/operator/recoveries/${noSuchId}/reject`, body: { reason: 'Matrice' } },
  },
  // Issue 14 item 5: the organization's type is the operator's (R24: `fiduciary` opens mandate requests); test below.
  setOrganizationType: {
    all: operatorOnly,
    code: 'policy.operator_only',
    request: { method: 'put', path: `/operator/organizations/${noSuchId}/type`, body: { type: 'fiduciary', reason: 'Matrice' } },
  },
  // Issue 16 item 6: the support desk, the operator's staff only (test/integration/support-desk.test.ts).
  lookUpPerson: {
    all: operatorOnly,
    code: 'policy.operator_only',
    request: { method: 'post', path: '/operator/support/people/lookup', body: { email: 'matrice@example.test', reason: 'Matrice' } },
  },
  changeLoginEmailBySupport: {
    all: operatorOnly,
    code: 'policy.operator_only',
    request: { method: 'post', path: `/operator/support/people/${noSuchId}/email-change`, body: { email: 'matrice@example.test', reason: 'Matrice' } },
  },
  removeAccessBySupport: {
    all: operatorOnly,
    code: 'policy.operator_only',
    request: { method: 'post', path: `/operator/support/people/${noSuchId}/remove-access`, body: { reason: 'Matrice' } },
  },
  registerOrganizationBySupport: {
    all: operatorOnly,
    code: 'policy.operator_only',
    request: {
      method: 'post',
      path: '/operator/support/organizations',
      body: {
        identifier: uniqueUid(),
        legalName: 'Matrice SA',
        representative: { givenName: 'A', familyName: 'B', function: 'Gérant', email: 'matrice@example.test' },
        reason: 'Matrice',
      },
    },
  },
  addAntennaBySupport: {
    all: operatorOnly,
    code: 'policy.operator_only',
    request: { method: 'post', path: '/operator/support/antennas', body: { organization: uniqueUid(), name: 'Antenne', reason: 'Matrice' } },
  },
  fileMandateForUnaffiliated: {
    all: operatorOnly,
    code: 'policy.operator_only',
    request: {
      method: 'post',
      path: '/operator/support/fiduciary-mandates',
      body: {
        identifier: uniqueUid(),
        legalName: 'Matrice SA',
        representative: { givenName: 'A', familyName: 'B', function: 'Gérant', email: 'matrice@example.test' },
        client: uniqueUid(),
        powerOfAttorney: upload(),
        reason: 'Matrice',
      },
    },
  },
  getDocument: {
    all: operatorOnly,
    code: 'policy.operator_only',
    request: { method: 'get', path: '/operator/documents/00000000-0000-4000-8000-000000000000' },
  },
  downloadDocument: {
    all: operatorOnly,
    code: 'policy.operator_only',
    request: { method: 'get', path: '/operator/documents/00000000-0000-4000-8000-000000000000/file' },
  },
};

/** `serviceId`, of which the organization holds no subscription: the fixture removes the row (ending one keeps it open today). */
async function unsubscribed(organizationId: string, serviceId: string): Promise<string> {
  await database().query('DELETE FROM subscription WHERE organization_id = $1 AND service_id = $2', [organizationId, serviceId]);
  return serviceId;
}

/** The subject made deactivated first (R18: only a deactivated member is reactivated). */
function deactivated(subject: () => Promise<string>): () => Promise<string> {
  return async () => {
    const membershipId = await subject();
    await deactivateMember(database(), testActor, { membershipId });
    return membershipId;
  };
}

function expected(row: Row | FlatRow, caller: Caller, target: Target): number {
  const index = callers.indexOf(caller);
  if ('all' in row) return row.all[index]!;
  if (caller === 'anonymous') return 401;
  if (target === 'own') return row.own[index]!;
  if (target === 'client' && caller === 'delegate') return row.client;
  return 404;
}

let organizations: Record<Target, TestOrganization>;
let as: Record<Caller, ApiCaller>;
let ownMemberships: Partial<Record<Caller, string>>;

beforeAll(async () => {
  const [own, other, client, ended] = await Promise.all([
    createTestOrganization({ type: 'fiduciary' }),
    createTestOrganization(),
    createTestOrganization(),
    createTestOrganization(),
  ]);
  organizations = { own, other, client, ended };
  for (const organization of Object.values(organizations)) await subscribe(organization.id, 'employer-inbox');
  await createTestMember(other.id, 'manager');
  const people = {} as Record<Exclude<Caller, 'anonymous'>, Awaited<ReturnType<typeof createTestMember>>>;
  for (const caller of callers.slice(0, 6) as Array<Exclude<Caller, 'anonymous'>>) {
    people[caller] = await createTestMember(own.id, caller === 'delegate' ? 'member' : caller, caller);
  }
  await activeMandate(own.id, client.id, [{ personId: people.delegate.personId, rights: [['employer-inbox', 'read']] }]);
  const finished = await activeMandate(own.id, ended.id, [{ personId: people.delegate.personId, rights: [['employer-inbox', 'read']] }]);
  await endMandate(database(), testActor, { mandateId: finished, organizationId: ended.id });
  as = { anonymous: 'anonymous' } as Record<Caller, ApiCaller>;
  ownMemberships = {};
  for (const [caller, person] of Object.entries(people)) {
    as[caller as Caller] = await bearerOf(person);
    ownMemberships[caller as Caller] = await membershipOf(person.personId, own.id);
  }
}, 180_000);

/** A fresh member of the organization to act on, so that cells never depend on each other. */
function subjectIn(organizationId: string): () => Promise<string> {
  return async () => (await addMember(database(), testActor, { organizationId, email: uniqueEmail('subject'), role: 'member', status: 'active' })).membershipId;
}

describe('R13, R25, R27: authorization matrix: every route × caller × target, from one table', () => {
  it('the table covers every operation of the OpenAPI document, and only those', async () => {
    const { body } = await callApi('anonymous', 'get', '/openapi.json');
    const operations = Object.values(body.paths as Record<string, Record<string, { operationId: string }>>).flatMap((path) =>
      Object.values(path).map((op) => op.operationId),
    );
    expect(Object.keys(table).sort()).toEqual(operations.sort());
  });

  for (const [operationId, row] of Object.entries(table)) {
    it(operationId, async () => {
      const seen: string[] = [];
      const wanted: string[] = [];
      for (const target of targets) {
        for (const caller of callers) {
          const organizationId = organizations[target].id;
          const cell = 'all' in row ? row.request : await row.request(organizationId, subjectIn(organizationId));
          const answer = await callApi(as[caller], cell.method, cell.path, cell.body);
          seen.push(`${target} ${caller} ${answer.status}${answer.status >= 400 ? ` ${answer.body?.code}` : ''}`);
          const status = expected(row, caller, target);
          const own403 = !('all' in row) && target === 'own' ? row.ownCodes?.[caller] : undefined;
          const code =
            'all' in row && row.code && status !== 401
              ? ` ${row.code}`
              : status === 404 && !('all' in row)
                ? ' organization.not_found'
                : status === 401
                  ? ' auth.required'
                  : status === 403
                    ? ` ${own403 ?? 'policy.forbidden'}`
                    : '';
          wanted.push(`${target} ${caller} ${status}${code}`);
        }
      }
      expect(seen).toEqual(wanted);
    });
  }

  it("members and observers read their own membership, and no one else's", async () => {
    const { own } = organizations;
    for (const caller of ['member', 'observer', 'delegate'] as const) {
      const mine = await callApi(as[caller], 'get', `${org(own.id)}/members/${ownMemberships[caller]}`);
      expect(mine.status, caller).toBe(200);
      expect((await callApi(as[caller], 'get', `${org(own.id)}/members/${ownMemberships.manager}`)).status, caller).toBe(403);
    }
  });

  it('a membership of another organization, or an id that is not one, answers 404 like a missing one', async () => {
    const { own, other } = organizations;
    const foreign = await subjectIn(other.id)();
    const manager = as.manager;
    expect((await callApi(manager, 'get', `${org(own.id)}/members/${foreign}`)).body.code).toBe('membership.not_found');
    expect((await callApi(manager, 'delete', `${org(own.id)}/members/${foreign}`)).body.code).toBe('membership.not_found');
    expect((await callApi(manager, 'get', `${org(own.id)}/members/not-a-uuid`)).body.code).toBe('membership.not_found');
    expect((await callApi(manager, 'get', org('not-a-uuid'))).body.code).toBe('organization.not_found');
    expect((await callApi(manager, 'get', org('00000000-0000-4000-8000-000000000000'))).body.code).toBe('organization.not_found');
  });
});

/**
 * Issue 14 item 5 (R13, R14, R24): the escalations tried. Only a legal representative (or the
 * operator) grants, takes away or removes the legal-representative and deputy roles; nobody changes
 * their own role but by the hand-over; only the operator changes the organization's type.
 */
describe('R13, R14, R24: role escalation: who may make whom a representative', () => {
  type Escalator = 'legal_representative' | 'deputy' | 'manager';
  let escalation: TestOrganization;
  let callerOf: Record<Escalator | 'operator', ApiCaller>;
  let membershipOfCaller: Record<Escalator, string>;
  /** Issue 16 item 9: an organization the manager also manages, one where they are only a member, one of nobody they know. */
  let alsoManaged: TestOrganization;
  let onlyMember: TestOrganization;
  let unrelated: TestOrganization;
  const alsoInto =
    (organizationId: () => string, role = 'member') =>
    async () => ({
      method: 'post',
      path: `${org(escalation.id)}/invitations`,
      body: { email: uniqueEmail('invited-bundle'), role: 'member', organizations: [{ organizationId: organizationId(), role }] },
    });
  const fresh = async (role: Escalator | 'member') =>
    (await addMember(database(), testActor, { organizationId: escalation.id, email: uniqueEmail(`escalation-${role}`), role, status: 'active' })).membershipId;
  const path = (membershipId: string) => `${org(escalation.id)}/members/${membershipId}`;

  beforeAll(async () => {
    escalation = await createTestOrganization();
    const people = {
      legal_representative: await createTestMember(escalation.id, 'legal_representative'),
      deputy: await createTestMember(escalation.id, 'deputy'),
      manager: await createTestMember(escalation.id, 'manager'),
    };
    callerOf = {
      legal_representative: await bearerOf(people.legal_representative),
      deputy: await bearerOf(people.deputy),
      manager: await bearerOf(people.manager),
      operator: await bearerOf(await createTestOperator()),
    };
    membershipOfCaller = {
      legal_representative: await membershipOf(people.legal_representative.personId, escalation.id),
      deputy: await membershipOf(people.deputy.personId, escalation.id),
      manager: await membershipOf(people.manager.personId, escalation.id),
    };
    alsoManaged = await createTestOrganization();
    onlyMember = await createTestOrganization();
    unrelated = await createTestOrganization();
    await addMember(database(), testActor, { organizationId: alsoManaged.id, email: people.manager.email, role: 'manager', status: 'active' });
    await addMember(database(), testActor, { organizationId: onlyMember.id, email: people.manager.email, role: 'member', status: 'active' });
  }, 180_000);

  const cases: Array<[string, Escalator | 'operator', () => Promise<Cell>, string]> = [
    [
      'a manager makes themself legal representative',
      'manager',
      async () => ({ method: 'patch', path: path(membershipOfCaller.manager), body: { role: 'legal_representative' } }),
      '403 membership.own_role',
    ],
    [
      'a manager makes another legal representative',
      'manager',
      async () => ({ method: 'patch', path: path(await fresh('member')), body: { role: 'legal_representative' } }),
      '403 membership.representative_only',
    ],
    [
      'a manager makes another deputy',
      'manager',
      async () => ({ method: 'patch', path: path(await fresh('manager')), body: { role: 'deputy' } }),
      '403 membership.representative_only',
    ],
    [
      'a manager demotes a deputy',
      'manager',
      async () => ({ method: 'patch', path: path(await fresh('deputy')), body: { role: 'member' } }),
      '403 membership.representative_only',
    ],
    [
      'a manager invites a legal representative',
      'manager',
      async () => ({ method: 'post', path: `${org(escalation.id)}/invitations`, body: { email: uniqueEmail('invited-rep'), role: 'legal_representative' } }),
      '403 membership.representative_only',
    ],
    [
      'a manager invites a deputy',
      'manager',
      async () => ({ method: 'post', path: `${org(escalation.id)}/invitations`, body: { email: uniqueEmail('invited-deputy'), role: 'deputy' } }),
      '403 membership.representative_only',
    ],
    ['a manager removes a deputy', 'manager', async () => ({ method: 'delete', path: path(await fresh('deputy')) }), '403 membership.representative_only'],
    [
      'a manager deactivates the legal representative',
      'manager',
      async () => ({ method: 'post', path: `${path(membershipOfCaller.legal_representative)}/deactivate`, body: {} }),
      '403 membership.representative_only',
    ],
    [
      'a manager gives the legal representative an expiry date',
      'manager',
      async () => ({ method: 'put', path: `${path(membershipOfCaller.legal_representative)}/expiry`, body: { expiresOn: '2099-01-01' } }),
      '403 membership.representative_only',
    ],
    [
      'a manager hands their role over to a deputy (demoting them)',
      'manager',
      async () => ({ method: 'post', path: `${org(escalation.id)}/hand-over`, body: { successorId: await fresh('deputy') } }),
      '403 membership.representative_only',
    ],
    [
      'a deputy demotes the legal representative',
      'deputy',
      async () => ({ method: 'patch', path: path(await fresh('legal_representative')), body: { role: 'member' } }),
      '403 membership.representative_only',
    ],
    [
      'a deputy makes another deputy',
      'deputy',
      async () => ({ method: 'patch', path: path(await fresh('member')), body: { role: 'deputy' } }),
      '403 membership.representative_only',
    ],
    [
      'a deputy makes themself legal representative',
      'deputy',
      async () => ({ method: 'patch', path: path(membershipOfCaller.deputy), body: { role: 'legal_representative' } }),
      '403 membership.own_role',
    ],
    [
      'a deputy hands over to the legal representative (demoting them)',
      'deputy',
      async () => ({ method: 'post', path: `${org(escalation.id)}/hand-over`, body: { successorId: await fresh('legal_representative') } }),
      '403 membership.representative_only',
    ],
    [
      'a manager changes the type to fiduciary',
      'manager',
      async () => ({ method: 'patch', path: org(escalation.id), body: { type: 'fiduciary' } }),
      '403 organization.type_operator_only',
    ],
    [
      'a legal representative changes the type to fiduciary',
      'legal_representative',
      async () => ({ method: 'patch', path: org(escalation.id), body: { type: 'fiduciary' } }),
      '403 organization.type_operator_only',
    ],
    [
      'a legal representative changes their own role',
      'legal_representative',
      async () => ({ method: 'patch', path: path(membershipOfCaller.legal_representative), body: { role: 'manager' } }),
      '403 membership.own_role',
    ],
    // Issue 16 item 9, R13: one invitation for several organizations, the caller's standing checked in each.
    ['a manager invites also into an organization where they are only a member', 'manager', alsoInto(() => onlyMember.id), '403 policy.forbidden'],
    ['a manager invites also into an organization they have nothing to do with', 'manager', alsoInto(() => unrelated.id), '404 organization.not_found'],
    [
      'a manager invites also a legal representative of another organization they manage',
      'manager',
      alsoInto(() => alsoManaged.id, 'legal_representative'),
      '403 membership.representative_only',
    ],
    // What stays allowed.
    ['a manager invites into a second organization they manage as well', 'manager', alsoInto(() => alsoManaged.id), '201'],
    [
      "a manager sends the type unchanged with a new name (the console's form)",
      'manager',
      async () => ({ method: 'patch', path: org(escalation.id), body: { legalName: 'Escalade SA', type: 'employer' } }),
      '200',
    ],
    ['a manager makes a member a manager', 'manager', async () => ({ method: 'patch', path: path(await fresh('member')), body: { role: 'manager' } }), '200'],
    [
      'a deputy invites a manager',
      'deputy',
      async () => ({ method: 'post', path: `${org(escalation.id)}/invitations`, body: { email: uniqueEmail('invited-manager'), role: 'manager' } }),
      '201',
    ],
    [
      'a legal representative makes a member deputy',
      'legal_representative',
      async () => ({ method: 'patch', path: path(await fresh('member')), body: { role: 'deputy' } }),
      '200',
    ],
    [
      'a legal representative demotes a deputy',
      'legal_representative',
      async () => ({ method: 'patch', path: path(await fresh('deputy')), body: { role: 'member' } }),
      '200',
    ],
    [
      'a legal representative invites another legal representative',
      'legal_representative',
      async () => ({ method: 'post', path: `${org(escalation.id)}/invitations`, body: { email: uniqueEmail('invited-rep'), role: 'legal_representative' } }),
      '201',
    ],
    ['a legal representative removes a deputy', 'legal_representative', async () => ({ method: 'delete', path: path(await fresh('deputy')) }), '204'],
    [
      'a deputy hands their role over to a member',
      'deputy',
      async () => ({ method: 'post', path: `${org(escalation.id)}/hand-over`, body: { successorId: await fresh('member') } }),
      '200',
    ],
  ];
  for (const [name, caller, request, wanted] of cases) {
    it(`${name}: ${wanted}`, async () => {
      const cell = await request();
      const answer = await callApi(callerOf[caller], cell.method, cell.path, cell.body);
      expect(`${answer.status}${answer.status >= 400 ? ` ${answer.body?.code}` : ''}`).toBe(wanted);
      if (answer.status === 403) expect(answer.body.messages.fr && answer.body.messages.en).toBeTruthy();
    });
  }

  it('the operator changes the type, with a reason, audited; the organization may then ask mandates', async () => {
    const target = await createTestOrganization();
    const answer = await callApi(callerOf.operator, 'put', `/operator/organizations/${target.id}/type`, {
      type: 'fiduciary',
      reason: 'Fiduciaire inscrite au registre',
    });
    expect([answer.status, answer.body?.type]).toEqual([200, 'fiduciary']);
    const { rows } = await database().query<{ type: string; after: { type: string; reason: string } }>(
      `SELECT o.type, a.after FROM organization o JOIN audit_entry a ON a.organization_id = o.id AND a.action = 'organization.type_changed' WHERE o.id = $1`,
      [target.id],
    );
    expect(rows).toEqual([{ type: 'fiduciary', after: { type: 'fiduciary', reason: 'Fiduciaire inscrite au registre' } }]);
    const missing = await callApi(callerOf.operator, 'put', `/operator/organizations/${noSuchId}/type`, { type: 'fiduciary', reason: 'x' });
    expect([missing.status, missing.body.code]).toEqual([404, 'organization.not_found']);
  });
});
