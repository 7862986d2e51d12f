import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSmtpMailer } from '@procura/sync-service/mail';
import { validateMandate } from '@procura/sync-service/mandates/requests';
import { drainNotices } from '@procura/sync-service/notices/worker';
import { addBusinessDays, businessDay } from '@procura/sync-service/domain/business-day';
import { reconcile } from '@procura/sync-service/projection/reconciler';
import { testActor } from '../helpers/actor.js';
import { bearerOf, callApi, type ApiCaller } from '../helpers/api.js';
import { samplePdf, upload } from '../helpers/documents.js';
import { mailsTo, waitForMail } from '../helpers/mail.js';
import { activeMandate, membershipOf, subscribe } from '../helpers/model.js';
import { createTestOrganization, uniqueUid, type TestOrganization } from '../helpers/organizations.js';
import { registeredUid } from '../helpers/registry.js';
import { createTestMember, createTestOperator, uniqueEmail, type TestPerson } from '../helpers/people.js';
import { serviceLogin } from '../helpers/service-login.js';
import { database, keycloakAdmin, stack } from '../helpers/stack.js';
import { decodePayload } from '../helpers/tokens.js';

/**
 * Mandates through the API and the real stack (R24–R28, R31): the fiduciary's representative files
 * the request with its power of attorney, the operator validates or rejects, the fiduciary's
 * managers assign delegates and grant rights one by one, and the delegate's real token says so.
 */

let operator: ApiCaller;
let operatorEmail: string;
let fiduciary: TestOrganization;
let representative: TestPerson & { personId: string };
let asRepresentative: ApiCaller;

beforeAll(async () => {
  const staff = await createTestOperator();
  operatorEmail = staff.email;
  operator = await bearerOf(staff);
  fiduciary = await createTestOrganization({ type: 'fiduciary', legalName: 'Fiduciaire Matrice SA' });
  await subscribe(fiduciary.id, 'contributions');
  representative = await createTestMember(fiduciary.id, 'legal_representative');
  asRepresentative = await bearerOf(representative);
}, 120_000);

const request = (client: TestOrganization, extra: Record<string, unknown> = {}) =>
  callApi(asRepresentative, 'post', `/organizations/${fiduciary.id}/mandates`, { client: client.identifier, powerOfAttorney: upload(), ...extra });

async function employerInboxClaims(person: { email: string; password: string }): Promise<Record<string, unknown>> {
  return (decodePayload(await serviceLogin(stack(), 'employer-inbox', person)).organizations as Record<string, unknown> | undefined) ?? {};
}

async function project(...organizationIds: string[]): Promise<void> {
  await reconcile(database(), keycloakAdmin(), { scope: { organizationIds } });
}

describe('mandates (R24–R28, R31)', () => {
  it('R24: no document, no request; the content is checked; only the representative or the deputy files it; nothing is written on refusal', async () => {
    const client = await createTestOrganization();
    await createTestMember(client.id, 'legal_representative');
    const manager = await bearerOf(await createTestMember(fiduciary.id, 'manager'));
    const path = `/organizations/${fiduciary.id}/mandates`;
    const written = async () =>
      (
        await database().query(
          'SELECT (SELECT count(*) FROM mandate WHERE client_id = $1)::int AS mandates, (SELECT count(*) FROM audit_entry WHERE organization_id = $1)::int AS audit, (SELECT count(*) FROM document)::int AS documents',
          [client.id],
        )
      ).rows[0];
    const before = await written();
    const missing = await callApi(asRepresentative, 'post', path, { client: client.identifier });
    expect(missing).toMatchObject({ status: 422, body: { code: 'mandate.power_of_attorney_required', field: '/powerOfAttorney' } });
    expect(missing.body.messages.fr).toMatch(/^Joignez la procuration signée/);
    const fake = await request(client, { powerOfAttorney: upload(Buffer.from('Je soussigné… (texte, pas un PDF)'), 'procuration.pdf') });
    expect(fake).toMatchObject({ status: 422, body: { code: 'document.type', field: '/powerOfAttorney/content' } });
    expect(fake.body.messages.fr).toMatch(/PDF, un PNG ou un JPEG/);
    expect(await callApi(manager, 'post', path, { client: client.identifier, powerOfAttorney: upload() })).toMatchObject({
      status: 403,
      body: { code: 'mandate.requester' },
    });
    expect(await request({ ...client, identifier: 'CHE-12' })).toMatchObject({ status: 422, body: { field: '/client' } });
    expect(await written()).toEqual(before);
    expect(before.mandates).toBe(0);
  });

  it("issue 14 item 11: a filed document is kept under a safe name with its detected type's extension, and leaves only as an attachment that nothing runs", async () => {
    const client = await createTestOrganization();
    await createTestMember(client.id, 'legal_representative');
    const polyglot = Buffer.concat([samplePdf, Buffer.from('<html><script>alert(document.cookie)</script></html>', 'latin1')]);
    const filed = await request(client, { powerOfAttorney: upload(polyglot, '../procuration <signée>.html') });
    expect(filed).toMatchObject({ status: 201, body: { status: 'requested' } });
    const pending = (await callApi(operator, 'get', '/operator/mandates')).body.items.find((item: { id: string }) => item.id === filed.body.id);
    expect(pending.powerOfAttorney).toMatchObject({ filename: 'procuration -signée.pdf', mediaType: 'application/pdf' });

    const { publicUrl } = stack();
    const bearer = (operator as { bearer: string }).bearer;
    const file = await fetch(`${publicUrl}/api/v1/operator/documents/${pending.powerOfAttorney.documentId}/file`, {
      headers: { authorization: `Bearer ${bearer}` },
    });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(file.headers.get('content-disposition')).toBe(`attachment; filename="procuration -signee.pdf"; filename*=UTF-8''procuration%20-sign%C3%A9e.pdf`);
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
    expect(file.headers.get('content-security-policy')).toMatch(/sandbox/);
    expect(Buffer.from(await file.arrayBuffer()).equals(polyglot)).toBe(true);
    expect((await callApi(operator, 'get', `/operator/documents/${pending.powerOfAttorney.documentId}`)).body).toMatchObject({
      filename: 'procuration -signée.pdf',
      mediaType: 'application/pdf',
    });
    expect(
      (
        await fetch(`${publicUrl}/api/v1/operator/documents/${pending.powerOfAttorney.documentId}/file`, {
          headers: { authorization: `Bearer ${(asRepresentative as { bearer: string }).bearer}` },
        })
      ).status,
    ).toBe(403);
    expect((await callApi(operator, 'get', '/operator/documents/00000000-0000-4000-8000-000000000000/file')).status).toBe(404);
  });

  it("R24 → R31 → R25 → R27: requested, validated by the operator, delegate assigned, a right granted; the delegate's real token shows it, then loses it when the client ends the mandate", async () => {
    const client = await createTestOrganization({ legalName: 'Client Matrice SA' });
    const otherClient = await createTestOrganization();
    await subscribe(client.id, 'employer-inbox');
    await subscribe(otherClient.id, 'employer-inbox');
    const clientRepresentative = await createTestMember(client.id, 'legal_representative');
    const clientDeputy = await createTestMember(client.id, 'deputy');
    const delegate = await createTestMember(fiduciary.id, 'member', 'delegate');
    const delegateMembership = await membershipOf(delegate.personId, fiduciary.id);

    const filed = await request(client, { validUntil: '2099-12-31' });
    expect(filed).toMatchObject({ status: 201, body: { status: 'requested', clientId: client.id } });
    const mandateId = filed.body.id as string;
    const stored = await database().query(
      `SELECT md.status, md.power_of_attorney_sha256 AS sha, d.media_type AS type FROM mandate md JOIN document d ON 'document:' || d.id = md.power_of_attorney_ref WHERE md.id = $1`,
      [mandateId],
    );
    expect(stored.rows[0]).toEqual({ status: 'requested', sha: createHash('sha256').update(samplePdf).digest('hex'), type: 'application/pdf' });

    // R31: only the operator's staff see the queue; the mandate is there with its deadline.
    expect(await callApi(asRepresentative, 'get', '/operator/mandates')).toMatchObject({ status: 403, body: { code: 'policy.operator_only' } });
    const queue = await callApi(operator, 'get', '/operator/mandates');
    const pending = queue.body.items.find((item: { id: string }) => item.id === mandateId);
    expect(pending).toMatchObject({
      client: { id: client.id },
      fiduciary: { id: fiduciary.id },
      deadline: addBusinessDays(businessDay(), 2),
      overdue: false,
      powerOfAttorney: { mediaType: 'application/pdf', filename: 'procuration.pdf' },
    });
    const document = await callApi(operator, 'get', `/operator/documents/${pending.powerOfAttorney.documentId}`);
    expect(Buffer.from(document.body.content, 'base64').equals(samplePdf)).toBe(true);

    expect(await callApi(operator, 'post', `/operator/mandates/${mandateId}/validate`, {})).toMatchObject({
      status: 200,
      body: { status: 'active', invitationId: null },
    });
    await waitForMail(representative.email, { subject: /Mandat validé : Client Matrice SA/ });
    const attached = await waitForMail(clientRepresentative.email, { subject: /Fiduciaire rattachée : Fiduciaire Matrice SA/ });
    expect(attached.text).toMatch(/agit désormais pour Client Matrice SA/);
    // R28, « requérant ou requérant adjoint »: the client's deputy is told too.
    await waitForMail(clientDeputy.email, { subject: /Fiduciaire rattachée : Fiduciaire Matrice SA/ });
    const audit = await database().query(
      `SELECT organization_id, actor_label FROM audit_entry WHERE subject_id = $1 AND action = 'mandate.decided' ORDER BY organization_id`,
      [mandateId],
    );
    expect(audit.rows.map((r) => r.actor_label)).toEqual([`operator ${operatorEmail}`, `operator ${operatorEmail}`]);

    // R25: every person of the fiduciary sees the mandate.
    const seen = await callApi(await bearerOf(delegate), 'get', `/organizations/${fiduciary.id}/mandates`);
    expect(seen.body.items.find((m: { id: string }) => m.id === mandateId)).toMatchObject({ side: 'fiduciary', status: 'active', validUntil: '2099-12-31' });

    const base = `/organizations/${fiduciary.id}/mandates/${mandateId}`;
    expect((await callApi(asRepresentative, 'post', `${base}/delegates`, { membershipId: delegateMembership })).status).toBe(204);
    expect(
      (await callApi(asRepresentative, 'put', `${base}/delegates/${delegateMembership}/rights`, { rights: [{ serviceId: 'employer-inbox', rightId: 'read' }] }))
        .status,
    ).toBe(204);
    // R15: the fiduciary's own subscription does not count; only the client's.
    expect(
      await callApi(asRepresentative, 'put', `${base}/delegates/${delegateMembership}/rights`, { rights: [{ serviceId: 'contributions', rightId: 'pay' }] }),
    ).toMatchObject({ status: 422, body: { code: 'right.service_not_subscribed' } });
    // The fiduciary's other client: the delegate does not handle it, and gets nothing there.
    const otherMandate = await activeMandate(fiduciary.id, otherClient.id, []);
    expect(
      await callApi(asRepresentative, 'put', `/organizations/${fiduciary.id}/mandates/${otherMandate}/delegates/${delegateMembership}/rights`, {
        rights: [{ serviceId: 'employer-inbox', rightId: 'read' }],
      }),
    ).toMatchObject({ status: 404, body: { code: 'delegate.not_found' } });
    // The client's managers do not run the fiduciary's delegates.
    const clientCaller = await bearerOf(clientRepresentative);
    expect(
      await callApi(clientCaller, 'post', `/organizations/${client.id}/mandates/${mandateId}/delegates`, { membershipId: delegateMembership }),
    ).toMatchObject({ status: 404, body: { code: 'mandate.not_found' } });

    await project(client.id, otherClient.id, fiduciary.id);
    expect(await employerInboxClaims(delegate)).toEqual({ [client.identifier]: { rights: ['read'], via: fiduciary.identifier } });

    // R27: the client ends it; the delegate's next token has lost it.
    expect((await callApi(clientCaller, 'post', `/organizations/${client.id}/mandates/${mandateId}/end`, {})).status).toBe(204);
    await waitForMail(representative.email, { subject: /Mandat terminé : Fiduciaire Matrice SA pour Client Matrice SA/ });
    await project(client.id, fiduciary.id);
    expect(await employerInboxClaims(delegate)).toEqual({});
    expect(
      (await callApi(asRepresentative, 'get', `/organizations/${fiduciary.id}/mandates`)).body.items.find((m: { id: string }) => m.id === mandateId).status,
    ).toBe('ended');
  });

  it('R28: "fiduciary attached" is an outbox notice written in the validation\'s transaction; committed without being sent (a crash after the commit), the worker sends it', async () => {
    const client = await createTestOrganization({ legalName: 'Client Sans Perte SA' });
    const clientRepresentative = await createTestMember(client.id, 'legal_representative');
    const { body } = await request(client);
    // The command alone, outside any request: nothing sends its notices at once, as after a crash.
    await validateMandate(database(), testActor, { mandateId: body.id, publicUrl: stack().publicUrl });
    const { rows } = await database().query<{ id: string; kind: string; to: string[]; sent: boolean; sameTransaction: boolean }>(
      `SELECT o.id, o.aggregate_id AS kind, o.payload->'to' AS to, o.processed_at IS NOT NULL AS sent,
              o.created_at = (SELECT a.at FROM audit_entry a WHERE a.subject_id = $2 AND a.action = 'mandate.decided' LIMIT 1) AS "sameTransaction"
         FROM outbox o WHERE o.topic = 'notice' AND o.payload->'to' ? $1`,
      [clientRepresentative.email, body.id],
    );
    expect(rows.map(({ id: _, ...row }) => row)).toEqual([
      { kind: 'mandate.fiduciary_attached', to: [clientRepresentative.email], sent: false, sameTransaction: true },
    ]);
    expect(await mailsTo(clientRepresentative.email)).toEqual([]);

    const sink = createSmtpMailer({ host: stack().mail.smtpHost, port: stack().mail.smtpPort, from: 'procura@example.test' });
    try {
      expect(await drainNotices(database(), sink, { ids: rows.map((row) => row.id) })).toEqual({ sent: 1, failed: 0 });
    } finally {
      sink.close();
    }
    const mail = await waitForMail(clientRepresentative.email, { subject: /^Fiduciaire rattachée : Fiduciaire Matrice SA/ });
    expect(mail.text).toMatch(/agit désormais pour Client Sans Perte SA[\s\S]*now acts for Client Sans Perte SA/);
  });

  it('R24, R31: the operator rejects with a reason, the fiduciary is told why; a decided mandate is not decided again', async () => {
    const client = await createTestOrganization({ legalName: 'Client Refusé SA' });
    await createTestMember(client.id, 'legal_representative');
    const { body } = await request(client);
    const path = `/operator/mandates/${body.id}`;
    expect(await callApi(operator, 'post', `${path}/reject`, {})).toMatchObject({ status: 422, body: { field: '/reason' } });
    expect((await callApi(operator, 'post', `${path}/reject`, { reason: 'Procuration non signée' })).status).toBe(204);
    const mail = await waitForMail(representative.email, { subject: /Mandat refusé : Client Refusé SA/ });
    expect(mail.text).toMatch(/Motif : Procuration non signée/);
    expect(await callApi(operator, 'post', `${path}/validate`, {})).toMatchObject({ status: 409, body: { code: 'mandate.not_requested' } });
    expect((await callApi(operator, 'get', '/operator/mandates')).body.items.some((m: { id: string }) => m.id === body.id)).toBe(false);
    const { rows } = await database().query('SELECT status, decision_reason, decided_by_label FROM mandate WHERE id = $1', [body.id]);
    expect(rows[0]).toEqual({ status: 'rejected', decision_reason: 'Procuration non signée', decided_by_label: `operator ${operatorEmail}` });
  });

  it('R24: a client with no access yet: the request names its representative, invited as legal representative once validated', async () => {
    const client = await createTestOrganization({ legalName: 'Client Sans Accès SARL' });
    expect(await request(client)).toMatchObject({ status: 422, body: { code: 'mandate.client_representative_required', field: '/clientRepresentative' } });
    const email = uniqueEmail('client-rep');
    const filed = await request(client, { clientRepresentative: { givenName: 'Irène', familyName: 'Vautier', email } });
    expect(filed.status).toBe(201);
    const validated = await callApi(operator, 'post', `/operator/mandates/${filed.body.id}/validate`, {});
    expect(validated.body.invitationId).toMatch(/^[0-9a-f-]{36}$/);
    await waitForMail(email, { subject: /Invitation à rejoindre Client Sans Accès SARL/ });
    const { rows } = await database().query(
      `SELECT m.role, m.status FROM membership m JOIN person p ON p.id = m.person_id WHERE m.organization_id = $1 AND p.email = $2`,
      [client.id, email],
    );
    expect(rows).toEqual([{ role: 'legal_representative', status: 'invited' }]);

    const managed = await createTestOrganization();
    await createTestMember(managed.id, 'legal_representative');
    expect(await request(managed, { clientRepresentative: { givenName: 'A', familyName: 'B', email: uniqueEmail('x') } })).toMatchObject({
      status: 422,
      body: { code: 'mandate.client_has_access' },
    });
  });

  it('R24, R11: a client the platform does not have yet but the registry lists: the request names its representative; validation registers it and invites them; an unknown one is refused', async () => {
    expect(await request({ id: '', identifier: uniqueUid(), legalName: '' })).toMatchObject({
      status: 422,
      body: { code: 'mandate.client_not_recognized', field: '/client' },
    });
    const identifier = await registeredUid({ name: 'CLIENT DU REGISTRE SA' });
    const newcomer = { id: '', identifier, legalName: '' };
    expect(await request(newcomer)).toMatchObject({ status: 422, body: { code: 'mandate.client_representative_required' } });
    const email = uniqueEmail('registry-client');
    const filed = await request(newcomer, { clientRepresentative: { givenName: 'Paul', familyName: 'Registre', email } });
    expect(filed).toMatchObject({ status: 201, body: { clientId: null, status: 'requested' } });
    expect(await request(newcomer, { clientRepresentative: { givenName: 'Paul', familyName: 'Registre', email } })).toMatchObject({
      status: 409,
      body: { code: 'mandate.exists' },
    });
    const queued = (await callApi(operator, 'get', '/operator/mandates')).body.items.find((m: { id: string }) => m.id === filed.body.id);
    expect(queued.client).toEqual({ id: null, identifier, legalName: 'CLIENT DU REGISTRE SA' });
    expect((await database().query('SELECT count(*)::int AS n FROM organization WHERE identifier = $1', [identifier])).rows[0].n).toBe(0);

    const validated = await callApi(operator, 'post', `/operator/mandates/${filed.body.id}/validate`, {});
    expect(validated).toMatchObject({ status: 200, body: { status: 'active' } });
    const { rows } = await database().query(
      `SELECT o.legal_name, md.status, m.role, m.status AS membership FROM mandate md JOIN organization o ON o.id = md.client_id
         JOIN membership m ON m.organization_id = o.id JOIN person p ON p.id = m.person_id WHERE md.id = $1 AND p.email = $2`,
      [filed.body.id, email],
    );
    expect(rows).toEqual([{ legal_name: 'CLIENT DU REGISTRE SA', status: 'active', role: 'legal_representative', membership: 'invited' }]);
    await waitForMail(email, { subject: /Invitation à rejoindre CLIENT DU REGISTRE SA/ });
  });

  it('R26: a new employee of the fiduciary is attached to all its open mandates, or to chosen ones', async () => {
    const own = await createTestOrganization({ type: 'fiduciary' });
    const boss = await bearerOf(await createTestMember(own.id, 'legal_representative'));
    const [a, b] = [await createTestOrganization(), await createTestOrganization()];
    const mandateA = await activeMandate(own.id, a.id, []);
    const mandateB = await activeMandate(own.id, b.id, []);
    const newcomer = await createTestMember(own.id, 'member', 'newcomer');
    const membership = await membershipOf(newcomer.personId, own.id);
    const path = `/organizations/${own.id}/members/${membership}/mandates`;
    expect(await callApi(boss, 'post', path, { mandates: [mandateB] })).toMatchObject({ status: 200, body: { attached: [mandateB] } });
    expect(await callApi(boss, 'post', path, { mandates: 'all' })).toMatchObject({ status: 200, body: { attached: [mandateA] } });
    expect(await callApi(boss, 'post', path, { mandates: [await activeMandate(fiduciary.id, a.id, [])] })).toMatchObject({
      status: 404,
      body: { code: 'mandate.not_found' },
    });
  });
});
