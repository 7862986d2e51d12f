import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readImportFile } from '@procura/sync-service/imports/import-file';
import { requestAccess } from '@procura/sync-service/access-requests/commands';
import { inviteMember } from '@procura/sync-service/invitations/commands';
import { fileMandateRequest } from '@procura/sync-service/mandates/requests';
import { setOrganizationStatus } from '@procura/sync-service/organizations/commands';
import { reconcile } from '@procura/sync-service/projection/reconciler';
import { importRegistry } from '@procura/sync-service/registry/import';
import { testActor } from '../helpers/actor.js';
import { bearerOf, callApi, type ApiCaller } from '../helpers/api.js';
import { upload } from '../helpers/documents.js';
import { activeMandate, addUnit, grant, membershipOf, subscribe } from '../helpers/model.js';
import { createTestOrganization, type TestOrganization } from '../helpers/organizations.js';
import { createTestMember, uniqueEmail } from '../helpers/people.js';
import { registeredUid } from '../helpers/registry.js';
import { serviceLogin } from '../helpers/service-login.js';
import { database, keycloakAdmin, stack } from '../helpers/stack.js';
import { decodePayload } from '../helpers/tokens.js';

/**
 * Issue 14, item 9 (R11): once the registry closes an organization, or while it is suspended, no
 * write on it goes through — neither by its own managers, nor by a fiduciary on it as client, nor
 * by an invitee's link — and what was pending on it is voided; its managers still read its audit.
 */

const registryActor = { personId: null, label: 'registry test' };
const org = (id: string) => `/organizations/${id}`;

function registryFile(...rows: string[]): string {
  const path = join(mkdtempSync(join(tmpdir(), 'procura-closed-')), 'registry.csv');
  writeFileSync(path, ['identifier;name;status;successor', ...rows].join('\n'));
  return path;
}

let closed: TestOrganization;
let fiduciary: TestOrganization;
let manager: ApiCaller;
let fiduciaryManager: ApiCaller;
let member: Awaited<ReturnType<typeof createTestMember>>;
let memberId: string;
let deputyId: string;
let invitation: { invitationId: string; token: string };
let mandateId: string;
let pendingMandateId: string;
let delegateMembership: string;
let accessRequestId: string;
let registryClient: string;
let registryClientRequestId: string;

beforeAll(async () => {
  closed = await createTestOrganization({ legalName: 'Radiée SA' });
  fiduciary = await createTestOrganization({ type: 'fiduciary' });
  await subscribe(closed.id, 'employer-inbox');
  const representative = await createTestMember(closed.id, 'legal_representative');
  member = await createTestMember(closed.id, 'member');
  await grant(member.personId, closed.id, 'employer-inbox', 'read');
  memberId = await membershipOf(member.personId, closed.id);
  deputyId = await membershipOf((await createTestMember(closed.id, 'deputy')).personId, closed.id);
  await addUnit(closed.id);
  invitation = await inviteMember(database(), testActor, {
    organizationId: closed.id,
    email: uniqueEmail('pending-invitee'),
    role: 'member',
    publicUrl: stack().publicUrl,
  });
  const fiduciaryRep = await createTestMember(fiduciary.id, 'legal_representative');
  const delegate = await createTestMember(fiduciary.id, 'member');
  delegateMembership = await membershipOf(delegate.personId, fiduciary.id);
  mandateId = await activeMandate(fiduciary.id, closed.id, [{ personId: delegate.personId, rights: [['employer-inbox', 'read']] }]);
  const otherFiduciary = await createTestOrganization({ type: 'fiduciary' });
  const requester = await createTestMember(otherFiduciary.id, 'legal_representative');
  pendingMandateId = (
    await fileMandateRequest(
      database(),
      { personId: requester.personId, label: requester.email },
      { fiduciaryId: otherFiduciary.id, requesterPersonId: requester.personId, client: closed.identifier, powerOfAttorney: upload() },
    )
  ).id;
  [manager, fiduciaryManager] = [await bearerOf(representative), await bearerOf(fiduciaryRep)];
  const asker = await createTestMember((await createTestOrganization()).id, 'member');
  accessRequestId = (
    await requestAccess(database(), testActor, { personId: asker.personId, organization: closed.identifier, role: 'member', consoleUrl: stack().publicUrl })
  ).requestId;
  registryClient = await registeredUid({ name: 'Registre Seul SA' });
  registryClientRequestId = (
    await fileMandateRequest(
      database(),
      { personId: requester.personId, label: requester.email },
      {
        fiduciaryId: otherFiduciary.id,
        requesterPersonId: requester.personId,
        client: registryClient,
        powerOfAttorney: upload(),
        clientRepresentative: { givenName: 'Rita', familyName: 'Registre', email: uniqueEmail('registry-rep') },
      },
    )
  ).id;
  await reconcile(database(), keycloakAdmin(), { scope: { organizationIds: [closed.id] } });
  expect(decodePayload(await serviceLogin(stack(), 'employer-inbox', member)).organizations).toEqual({ [closed.identifier]: { rights: ['read'] } });

  const report = await importRegistry(
    database(),
    registryActor,
    readImportFile(registryFile(`${closed.identifier};Radiée SA;closed;`, `${registryClient};Registre Seul SA;closed;`)),
  );
  expect(report.changes).toEqual([`${closed.identifier} closed`, `${registryClient} closed: 1 mandate request(s) on it rejected`]);
}, 240_000);

describe('a closed organization is closed (R11, issue 14 item 9)', () => {
  it('every write of its managers on it is refused with organization.closed (409), and nothing changes', async () => {
    const base = org(closed.id);
    const writes: Array<[string, string, unknown?]> = [
      ['patch', base, { legalName: 'Renommée SA' }],
      ['patch', base, { address: { city: 'Genève' } }],
      ['post', `${base}/units`, { kind: 'branch', name: 'Succursale fantôme' }],
      ['post', `${base}/invitations`, { email: uniqueEmail('late-invitee'), role: 'member' }],
      ['post', `${base}/invitations/${invitation.invitationId}/resend`, {}],
      ['delete', `${base}/invitations/${invitation.invitationId}`],
      ['patch', `${base}/members/${memberId}`, { role: 'manager' }],
      ['put', `${base}/members/${memberId}/rights`, { rights: [{ serviceId: 'employer-inbox', rightId: 'reply' }] }],
      ['put', `${base}/members/${memberId}/expiry`, { expiresOn: '2099-01-01' }],
      ['post', `${base}/members/${memberId}/deactivate`, {}],
      ['delete', `${base}/members/${memberId}`],
      ['post', `${base}/hand-over`, { successorId: deputyId }],
      ['post', `${base}/services/contributions/subscription`, {}],
      ['put', `${base}/mail-security-key`, { key: 'GE-FERMEE-2026' }],
      ['post', `${base}/mandates/${mandateId}/end`, {}],
    ];
    const seen = [];
    for (const [method, path, body] of writes) {
      const answer = await callApi(manager, method, path, body);
      seen.push(`${method} ${path.replace(base, '')} ${answer.status} ${answer.body?.code}`);
      if (answer.status === 409) expect(answer.body.messages?.fr ?? answer.body.detail, path).toBeTruthy();
    }
    expect(seen).toEqual(writes.map(([method, path]) => `${method} ${path.replace(base, '')} 409 organization.closed`));
    const { rows } = await database().query<{ legal_name: string; units: number }>(
      'SELECT legal_name, (SELECT count(*)::int FROM unit WHERE organization_id = $1) AS units FROM organization WHERE id = $1',
      [closed.id],
    );
    expect(rows[0]).toEqual({ legal_name: 'Radiée SA', units: 1 });
  });

  it('a fiduciary can neither ask a mandate on it nor change its delegates on it', async () => {
    const answer = await callApi(fiduciaryManager, 'post', `${org(fiduciary.id)}/mandates`, { client: closed.identifier, powerOfAttorney: upload() });
    expect([answer.status, answer.body.code]).toEqual([409, 'organization.closed']);
    const rights = await callApi(fiduciaryManager, 'put', `${org(fiduciary.id)}/mandates/${mandateId}/delegates/${delegateMembership}/rights`, {
      rights: [{ serviceId: 'employer-inbox', rightId: 'reply' }],
    });
    expect([rights.status, rights.body.code]).toEqual([409, 'organization.closed']);
    const removal = await callApi(fiduciaryManager, 'delete', `${org(fiduciary.id)}/mandates/${mandateId}/delegates/${delegateMembership}`);
    expect([removal.status, removal.body.code]).toEqual([409, 'organization.closed']);
  });

  it("its pending invitation and mandate request were voided, audited; the invitee's link says it is no longer valid", async () => {
    for (const [path, body] of [
      ['/invitations/preview', { token: invitation.token }],
      ['/invitations/accept', { token: invitation.token, password: 'Fermée-2026-longue' }],
    ] as const) {
      const answer = await callApi('anonymous', 'post', path, body);
      expect([path, answer.status, answer.body.code]).toEqual([path, 410, 'invitation.organization_closed']);
    }
    const { rows } = await database().query<{ status: string }>('SELECT status FROM invitation WHERE id = $1', [invitation.invitationId]);
    expect(rows[0]?.status).toBe('voided');
    const mandate = await database().query<{ status: string; decision_reason: string }>('SELECT status, decision_reason FROM mandate WHERE id = $1', [
      pendingMandateId,
    ]);
    expect(mandate.rows[0]).toMatchObject({ status: 'rejected' });
    expect(mandate.rows[0]?.decision_reason).toMatch(/registre|registry/i);
  });

  it('the access request to it was rejected, and so was the mandate request on a client the registry alone listed and closed', async () => {
    const request = await database().query<{ status: string }>('SELECT status FROM access_request WHERE id = $1', [accessRequestId]);
    expect(request.rows[0]?.status).toBe('rejected');
    const onRegistryClient = await database().query<{ status: string; decision_reason: string }>('SELECT status, decision_reason FROM mandate WHERE id = $1', [
      registryClientRequestId,
    ]);
    expect(onRegistryClient.rows[0]).toMatchObject({ status: 'rejected', decision_reason: expect.stringMatching(/registre|registry/i) });
    const audit = await database().query<{ action: string }>(`SELECT action FROM audit_entry WHERE subject_id = ANY($1) ORDER BY at`, [
      [accessRequestId, registryClientRequestId],
    ]);
    expect(audit.rows.map((row) => row.action)).toEqual(expect.arrayContaining(['access_request.voided', 'mandate.voided']));
  });

  it("its managers still read its audit trail and export it; its members' tokens no longer carry it", async () => {
    const audit = await callApi(manager, 'get', `${org(closed.id)}/audit`);
    expect(audit.status).toBe(200);
    const actions = (audit.body.items as Array<{ action: string }>).map((entry) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(['organization.status_set', 'invitation.voided', 'mandate.voided']));
    expect((await callApi(manager, 'get', `${org(closed.id)}/audit/export`)).status).toBe(200);
    await reconcile(database(), keycloakAdmin(), { scope: { organizationIds: [closed.id] } });
    expect(decodePayload(await serviceLogin(stack(), 'employer-inbox', member)).organizations ?? {}).toEqual({});
  });
});

describe('a suspended organization is closed to writes too (issue 14 item 9)', () => {
  it("its manager's writes are refused with organization.suspended; a pending invitation's link does not work meanwhile", async () => {
    const suspended = await createTestOrganization();
    const representative = await createTestMember(suspended.id, 'legal_representative');
    const pending = await inviteMember(database(), testActor, {
      organizationId: suspended.id,
      email: uniqueEmail('suspended-invitee'),
      role: 'member',
      publicUrl: stack().publicUrl,
    });
    const caller = await bearerOf(representative);
    await setOrganizationStatus(database(), testActor, { organizationId: suspended.id, status: 'suspended' });
    const rename = await callApi(caller, 'patch', org(suspended.id), { legalName: 'Suspendue SA' });
    expect([rename.status, rename.body.code]).toEqual([409, 'organization.suspended']);
    const accept = await callApi('anonymous', 'post', '/invitations/accept', { token: pending.token, password: 'Suspendue-2026-longue' });
    expect([accept.status, accept.body.code]).toEqual([410, 'invitation.organization_closed']);
    expect((await callApi(caller, 'get', `${org(suspended.id)}/audit`)).status).toBe(200);
  });
});
