import { beforeAll, describe, expect, it } from 'vitest';
import { addBusinessDays, businessDay } from '@procura/sync-service/domain/business-day';
import { reconcile } from '@procura/sync-service/projection/reconciler';
import { fileSignUp } from '@procura/sync-service/sign-ups/commands';
import { testActor } from '../helpers/actor.js';
import { bearerOf, callApi, type ApiCaller } from '../helpers/api.js';
import { samplePdf, samplePng, upload } from '../helpers/documents.js';
import { linkIn, mailsTo, waitForMail, type ReceivedMail } from '../helpers/mail.js';
import { membershipOf as membershipIdOf } from '../helpers/model.js';
import { createTestOrganization, uniqueUid } from '../helpers/organizations.js';
import { createTestMember, createTestOperator, uniqueEmail } from '../helpers/people.js';
import { registeredUid } from '../helpers/registry.js';
import { database, keycloakAdmin, stack } from '../helpers/stack.js';
import { loginWithPassword } from '../helpers/tokens.js';

/**
 * Sign-up (R10, R11), recovery (R30) and the operator's queue (R31) through the API and the real
 * stack: public forms, the operator's decisions, the e-mails, PostgreSQL, Keycloak and a token.
 */

let operator: ApiCaller;
let operatorLabel: string;

beforeAll(async () => {
  const staff = await createTestOperator();
  operatorLabel = `operator ${staff.email}`;
  operator = await bearerOf(staff);
}, 120_000);

const form = (identifier: string, email = uniqueEmail('representative'), legalName = 'Horlogerie Inscrite SA') => ({
  identifier,
  legalName,
  representative: { givenName: 'Léa', familyName: 'Favre', function: 'Directrice', email },
});
const signUp = (body: unknown) => callApi('anonymous', 'post', '/sign-ups', body);
/** The organization's Keycloak groups the user is in (its projected groups only). */
async function organizationGroupsOf(keycloakId: string, organizationId: string): Promise<string[]> {
  const groups = (await keycloakAdmin().groupsOfUsers([keycloakId])).get(keycloakId) ?? [];
  const projected = await database().query<{ keycloak_id: string }>('SELECT keycloak_id FROM projected_group WHERE organization_id = $1', [organizationId]);
  return projected.rows.map((row) => row.keycloak_id).filter((id) => groups.includes(id));
}
const tokenIn = (mail: ReceivedMail) => linkIn(mail, `${stack().publicUrl}/invitation#token=`).split('#token=')[1]!;

describe('sign-up (R10, R11)', () => {
  it('a known identifier: filed, the operator validates, the organization exists, its representative accepts and is its legal representative in the token', async () => {
    const identifier = await registeredUid({ name: 'HORLOGERIE INSCRITE SA' });
    const email = uniqueEmail('representative');
    const typed = `CHE-${identifier.slice(3, 6)}.${identifier.slice(6, 9)}.${identifier.slice(9)}`;
    const filed = await signUp(form(typed, email));
    expect(filed).toMatchObject({ status: 201, body: { status: 'pending', deadline: addBusinessDays(businessDay(), 2) } });
    await waitForMail(email, { subject: /Inscription reçue : HORLOGERIE INSCRITE SA/ });
    expect(await signUp(form(identifier))).toMatchObject({ status: 409, body: { code: 'sign_up.exists', field: '/identifier' } });

    const queue = await callApi(operator, 'get', '/operator/sign-ups');
    expect(queue.body.items.find((i: { id: string }) => i.id === filed.body.id)).toMatchObject({
      identifier,
      registryName: 'HORLOGERIE INSCRITE SA',
      representative: { email, function: 'Directrice' },
      overdue: false,
    });
    const validated = await callApi(operator, 'post', `/operator/sign-ups/${filed.body.id}/validate`, {});
    expect(validated.status).toBe(200);
    const { organizationId } = validated.body;
    const stored = await database().query(
      `SELECT o.identifier, o.legal_name, s.status, s.decided_by_label FROM organization o JOIN sign_up s ON s.organization_id = o.id WHERE o.id = $1`,
      [organizationId],
    );
    expect(stored.rows[0]).toEqual({ identifier, legal_name: 'Horlogerie Inscrite SA', status: 'approved', decided_by_label: operatorLabel });
    expect(await signUp(form(identifier))).toMatchObject({ status: 409, body: { code: 'sign_up.already_registered' } });

    const password = 'Inscription-Leman-2026!';
    const invitation = await waitForMail(email, { subject: /Inscription validée : HORLOGERIE INSCRITE SA/ });
    expect((await callApi('anonymous', 'post', '/invitations/accept', { token: tokenIn(invitation), password })).status).toBe(200);
    await reconcile(database(), keycloakAdmin(), { scope: { organizationIds: [organizationId] } });
    const group = await database().query('SELECT keycloak_id FROM projected_group WHERE organization_id = $1 LIMIT 1', [organizationId]);
    expect(group.rowCount).toBe(1);
    const { claims } = await loginWithPassword({ email, password });
    expect(claims.organizations).toEqual({ [identifier]: { role: 'legal_representative' } });
  });

  it('R11: an unknown identifier gets a clear "not recognized" answer saying what to do; a malformed one its form error; a closed one names its successor; nothing is filed', async () => {
    const before = (await database().query('SELECT count(*)::int AS n FROM sign_up')).rows[0].n;
    const unknown = await signUp(form(uniqueUid()));
    expect(unknown).toMatchObject({ status: 422, body: { code: 'sign_up.not_recognized', field: '/identifier' } });
    expect(unknown.body.messages.fr).toMatch(/pas reconnu par le registre officiel.*réessayez dans quelques jours ou écrivez à la webassistance/);
    expect(unknown.body.messages.en).toMatch(/not recognized by the official registry/);
    const valid = uniqueUid();
    const wrongDigit = valid.slice(0, -1) + String((Number(valid.at(-1)) + 1) % 10);
    expect((await signUp(form(wrongDigit))).body).toMatchObject({ code: 'identifier.check_digit', field: '/identifier' });
    expect((await signUp(form('CHE-123'))).body).toMatchObject({ code: 'identifier.format', field: '/identifier' });
    const successor = await registeredUid();
    const closed = await signUp(form(await registeredUid({ status: 'closed', successor })));
    expect(closed).toMatchObject({ status: 422, body: { code: 'sign_up.closed' } });
    expect(closed.body.messages.fr).toContain(successor);
    expect((await database().query('SELECT count(*)::int AS n FROM sign_up')).rows[0].n).toBe(before);
  });

  it('R10, R31: the operator rejects with a reason, the representative is told why', async () => {
    const email = uniqueEmail('rejected');
    const filed = await signUp(form(await registeredUid({ name: 'BOULANGERIE REFUSÉE SARL' }), email, 'Boulangerie Refusée SARL'));
    const path = `/operator/sign-ups/${filed.body.id}`;
    expect(await callApi(operator, 'post', `${path}/reject`, {})).toMatchObject({ status: 422, body: { field: '/reason' } });
    expect((await callApi(operator, 'post', `${path}/reject`, { reason: 'Le représentant ne figure pas au registre du commerce' })).status).toBe(204);
    expect((await waitForMail(email, { subject: /Inscription refusée : BOULANGERIE REFUSÉE SARL/ })).text).toMatch(/Motif : Le représentant ne figure pas/);
    expect(await callApi(operator, 'post', `${path}/validate`, {})).toMatchObject({ status: 409, body: { code: 'sign_up.decided' } });
    const audit = await database().query(`SELECT action, actor_label FROM audit_entry WHERE subject_id = $1 ORDER BY id`, [filed.body.id]);
    expect(audit.rows).toEqual([
      { action: 'sign_up.filed', actor_label: `sign-up ${email}` },
      { action: 'sign_up.rejected', actor_label: operatorLabel },
    ]);
  });

  it('R10: where the type is configured so, the first creator is made manager at once (invited as legal representative, no operator)', async () => {
    const identifier = await registeredUid();
    const email = uniqueEmail('at-once');
    const outcome = await fileSignUp(database(), testActor, {
      ...form(identifier, email, 'Office Public Immédiat'),
      type: 'public_body',
      atOnce: ['public_body'],
      publicUrl: stack().publicUrl,
    });
    expect(outcome).toMatchObject({ status: 'approved', organizationId: expect.any(String) });
    const { rows } = await database().query(
      `SELECT m.role, m.status FROM membership m JOIN person p ON p.id = m.person_id WHERE m.organization_id = $1 AND p.email = $2`,
      [outcome.organizationId, email],
    );
    expect(rows).toEqual([{ role: 'legal_representative', status: 'invited' }]);
    const employer = await fileSignUp(database(), testActor, {
      ...form(await registeredUid()),
      type: 'employer',
      atOnce: ['public_body'],
      publicUrl: stack().publicUrl,
    });
    expect(employer.status).toBe('pending');
  });

  it("issue 14 item 11: the mails of a sign-up go to an address nobody has proven, so they carry nothing typed in the form: the registry's name, fixed words, the operator's reason", async () => {
    const typed = (email: string) => ({
      identifier: '',
      legalName: 'Gagnez 5000 CHF sur http://arnaque.example SA',
      representative: { givenName: 'Cliquez http://arnaque.example', familyName: 'Maintenant', function: 'Offre spéciale http://arnaque.example', email },
    });
    const typedBits = /arnaque|Gagnez|Cliquez|Maintenant|Offre spéciale/;

    const pendingEmail = uniqueEmail('unproven');
    const pendingId = await registeredUid({ name: 'MENUISERIE DU REGISTRE SA' });
    const filed = await signUp({ ...typed(pendingEmail), identifier: pendingId });
    expect(filed.status).toBe(201);
    const received = await waitForMail(pendingEmail, { subject: /Inscription reçue : MENUISERIE DU REGISTRE SA/ });
    expect(received.text).toContain(`MENUISERIE DU REGISTRE SA (${pendingId})`);
    expect(`${received.subject}\n${received.text}`).not.toMatch(typedBits);

    expect((await callApi(operator, 'post', `/operator/sign-ups/${filed.body.id}/validate`, {})).status).toBe(200);
    const validated = await waitForMail(pendingEmail, { subject: /Inscription validée : MENUISERIE DU REGISTRE SA/ });
    expect(`${validated.subject}\n${validated.text}`).not.toMatch(typedBits);

    const rejectedEmail = uniqueEmail('unproven-rejected');
    const rejected = await signUp({ ...typed(rejectedEmail), identifier: await registeredUid({ name: 'CARROSSERIE DU REGISTRE SA' }) });
    expect(
      (await callApi(operator, 'post', `/operator/sign-ups/${rejected.body.id}/reject`, { reason: 'Raison sociale sans rapport avec le registre' })).status,
    ).toBe(204);
    const refusal = await waitForMail(rejectedEmail, { subject: /Inscription refusée : CARROSSERIE DU REGISTRE SA/ });
    expect(refusal.text).toContain('Motif : Raison sociale sans rapport avec le registre');
    expect(`${refusal.subject}\n${refusal.text}`).not.toMatch(typedBits);

    const atOnceEmail = uniqueEmail('unproven-at-once');
    const atOnce = await fileSignUp(database(), testActor, {
      ...typed(atOnceEmail),
      identifier: await registeredUid({ name: 'OFFICE DU REGISTRE' }),
      type: 'public_body',
      atOnce: ['public_body'],
      publicUrl: stack().publicUrl,
    });
    expect(atOnce.status).toBe('approved');
    // Filed by the command itself, the notice waits in the outbox: what it would send is there.
    const { rows } = await database().query<{ payload: { subject: string; text: string; html?: string } }>(
      `SELECT payload FROM outbox WHERE topic = 'notice' AND payload->'to' ? $1`,
      [atOnceEmail],
    );
    expect(rows.map((row) => row.payload.subject)).toEqual([expect.stringMatching(/^Inscription validée : OFFICE DU REGISTRE/)]);
    expect(rows[0]!.payload.text).toContain("L'inscription de OFFICE DU REGISTRE sur Procura est validée");
    expect(JSON.stringify(rows[0]!.payload)).not.toMatch(typedBits);
  });
});

describe('recovery (R30) and the operator queue (R31)', () => {
  const recover = (identifier: string, email: string, documents = [upload(samplePdf, 'extrait-rc.pdf'), upload(samplePng, 'lettre.png')]) =>
    callApi('anonymous', 'post', '/recoveries', {
      organization: identifier,
      requester: { givenName: 'Marc', familyName: 'Rochat', function: 'Administrateur', email },
      documents,
      message: 'Notre gérante est partie.',
    });

  it('an organization with no manager left: the request with its documents, the queue, the operator appoints a member as legal representative', async () => {
    const orphan = await createTestOrganization({ legalName: 'Orpheline SA' });
    const member = await createTestMember(orphan.id, 'member');
    expect(await recover(orphan.identifier, member.email, [upload(Buffer.from('pas un document'), 'faux.pdf')])).toMatchObject({
      status: 422,
      body: { code: 'document.type', field: '/documents/0/content' },
    });
    expect(await recover(orphan.identifier, member.email, [])).toMatchObject({ status: 422, body: { code: 'input.invalid', field: '/documents' } });
    const filed = await recover(orphan.identifier, member.email);
    expect(filed).toMatchObject({ status: 201, body: { status: 'pending' } });
    expect(await recover(orphan.identifier, member.email)).toMatchObject({ status: 409, body: { code: 'recovery.exists' } });

    // An older sign-up, past its deadline, comes first in the queue.
    const late = await signUp(form(await registeredUid()));
    await database().query(`UPDATE sign_up SET created_at = now() - interval '10 days' WHERE id = $1`, [late.body.id]);
    const queue = (await callApi(operator, 'get', '/operator/queue')).body;
    const index = (id: string) => queue.items.findIndex((item: { id: string }) => item.id === id);
    expect(queue.items[index(late.body.id)]).toMatchObject({ kind: 'sign_up', overdue: true });
    expect(queue.items[index(filed.body.id)]).toMatchObject({
      kind: 'recovery',
      subject: 'Orpheline SA',
      organizationIdentifier: orphan.identifier,
      overdue: false,
      deadline: addBusinessDays(businessDay(), 2),
    });
    expect(index(late.body.id)).toBeLessThan(index(filed.body.id));
    expect(queue.overdue).toBeGreaterThanOrEqual(1);
    expect(await callApi(await bearerOf(member), 'get', '/operator/queue')).toMatchObject({ status: 403, body: { code: 'policy.operator_only' } });

    const pending = (await callApi(operator, 'get', '/operator/recoveries')).body.items.find((r: { id: string }) => r.id === filed.body.id);
    expect(pending.documents.map((d: { filename: string; mediaType: string }) => [d.filename, d.mediaType])).toEqual([
      ['extrait-rc.pdf', 'application/pdf'],
      ['lettre.png', 'image/png'],
    ]);
    const appointed = await callApi(operator, 'post', `/operator/recoveries/${filed.body.id}/appoint`, {});
    expect(appointed).toMatchObject({ status: 200, body: { invitationId: null } });
    await waitForMail(member.email, { subject: /Reprise acceptée : Orpheline SA/ });
    const { rows } = await database().query('SELECT role, status FROM membership WHERE id = $1', [appointed.body.membershipId]);
    expect(rows[0]).toEqual({ role: 'legal_representative', status: 'active' });
    const audit = await database().query(`SELECT actor_label FROM audit_entry WHERE subject_id = $1 AND action = 'recovery.appointed'`, [filed.body.id]);
    expect(audit.rows).toEqual([{ actor_label: operatorLabel }]);
  });

  it("R30, R14: accepted while a departed manager's account remains; the managers are told by whom; the operator retires them in the appointment's own step, in PostgreSQL and Keycloak", async () => {
    const organization = await createTestOrganization({ legalName: 'Départ Gérante SA' });
    const departed = await createTestMember(organization.id, 'manager', 'departed');
    const deputy = await createTestMember(organization.id, 'deputy', 'deputy');
    const member = await createTestMember(organization.id, 'member', 'member');
    await reconcile(database(), keycloakAdmin(), { scope: { organizationIds: [organization.id] } });
    expect(await organizationGroupsOf(departed.keycloakId, organization.id)).not.toEqual([]);
    const [departedId, deputyId, memberId] = await Promise.all([departed, deputy, member].map((p) => membershipIdOf(p.personId, organization.id)));

    const requester = uniqueEmail('successor');
    const filed = await recover(organization.identifier, requester);
    expect(filed).toMatchObject({ status: 201, body: { status: 'pending' } });
    for (const manager of [departed, deputy]) {
      const told = await waitForMail(manager.email, { subject: /^Demande de reprise : Départ Gérante SA \/ Recovery requested: Départ Gérante SA$/ });
      expect(told.text).toMatch(
        new RegExp(`Marc Rochat \\(${requester.replace(/[.]/g, '\\.')}\\), Administrateur[\\s\\S]*support[\\s\\S]*English below[\\s\\S]*support`),
      );
      expect(told.text).not.toContain('Notre gérante est partie.');
    }
    expect(await mailsTo(member.email)).toEqual([]);

    const pending = (await callApi(operator, 'get', '/operator/recoveries')).body.items.find((r: { id: string }) => r.id === filed.body.id);
    expect(pending.managers).toEqual([
      { membershipId: deputyId, givenName: deputy.givenName, familyName: deputy.familyName, email: deputy.email, role: 'deputy' },
      { membershipId: departedId, givenName: departed.givenName, familyName: departed.familyName, email: departed.email, role: 'manager' },
    ]);

    const appoint = (retire: unknown) => callApi(operator, 'post', `/operator/recoveries/${filed.body.id}/appoint`, { retire });
    const notManager = await appoint([departedId, memberId]);
    expect(notManager).toMatchObject({
      status: 422,
      body: {
        code: 'recovery.retire_not_manager',
        field: '/retire/1',
        messages: { fr: expect.stringMatching(/gestionnaire/), en: expect.stringMatching(/manager/) },
      },
    });
    expect(await appoint(['pas-un-id'])).toMatchObject({ status: 422, body: { code: 'input.invalid', field: '/retire/0' } });
    const unchanged = await database().query(
      `SELECT (SELECT status FROM recovery_request WHERE id = $1) AS status, (SELECT count(*)::int FROM membership WHERE organization_id = $2) AS memberships`,
      [filed.body.id, organization.id],
    );
    expect(unchanged.rows[0]).toEqual({ status: 'pending', memberships: 3 });

    const appointed = await appoint([departedId]);
    expect(appointed).toMatchObject({ status: 200, body: { retired: [departedId], invitationId: expect.stringMatching(/^[0-9a-f-]{36}$/) } });
    await waitForMail(requester, { subject: /Invitation à rejoindre Départ Gérante SA/ });
    const left = await database().query('SELECT id, role FROM membership WHERE organization_id = $1 ORDER BY role', [organization.id]);
    expect(left.rows).toEqual(
      expect.arrayContaining([
        { id: deputyId, role: 'deputy' },
        { id: memberId, role: 'member' },
        { id: appointed.body.membershipId, role: 'legal_representative' },
      ]),
    );
    expect(left.rows.map((row) => row.id)).not.toContain(departedId);
    const audit = await database().query(`SELECT action, actor_label, before, after FROM audit_entry WHERE subject_id = $1 ORDER BY at, id`, [departedId]);
    expect(audit.rows.at(-1)).toMatchObject({
      action: 'membership.removed',
      actor_label: operatorLabel,
      before: { email: departed.email, role: 'manager', status: 'active' },
      after: null,
    });
    const decided = await database().query(`SELECT after FROM audit_entry WHERE subject_id = $1 AND action = 'recovery.appointed'`, [filed.body.id]);
    expect(decided.rows[0].after).toMatchObject({ retired: [{ membershipId: departedId, email: departed.email, role: 'manager' }] });
    const managers = await callApi(await bearerOf(deputy), 'get', `/organizations/${organization.id}/managers`);
    expect(managers.body.items.map((m: { email: string }) => m.email)).toEqual([deputy.email]);

    await reconcile(database(), keycloakAdmin(), { scope: { organizationIds: [organization.id] } });
    expect(await organizationGroupsOf(departed.keycloakId, organization.id)).toEqual([]);
    expect(await organizationGroupsOf(deputy.keycloakId, organization.id)).not.toEqual([]);
  });

  it('a requester with no account there is invited; a rejection tells the requester why', async () => {
    const orphan = await createTestOrganization({ legalName: 'Sans Gérant SA' });
    const email = uniqueEmail('newcomer');
    const filed = await recover(orphan.identifier, email);
    const appointed = await callApi(operator, 'post', `/operator/recoveries/${filed.body.id}/appoint`, {});
    expect(appointed.body.invitationId).toMatch(/^[0-9a-f-]{36}$/);
    await waitForMail(email, { subject: /Invitation à rejoindre Sans Gérant SA/ });

    const other = await createTestOrganization({ legalName: 'Refus Reprise SA' });
    const asker = uniqueEmail('asker');
    const second = await recover(other.identifier, asker);
    expect((await callApi(operator, 'post', `/operator/recoveries/${second.body.id}/reject`, { reason: 'Extrait du registre illisible' })).status).toBe(204);
    expect((await waitForMail(asker, { subject: /Reprise refusée : Refus Reprise SA/ })).text).toMatch(/Motif : Extrait du registre illisible/);
  });
});
