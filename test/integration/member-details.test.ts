import { beforeAll, describe, expect, it } from 'vitest';
import { addMember } from '@procura/sync-service/members/commands';
import { reconcile } from '@procura/sync-service/projection/reconciler';
import { testActor } from '../helpers/actor.js';
import { bearerOf, callApi } from '../helpers/api.js';
import { keycloakUser } from '../helpers/keycloak-user.js';
import { linkIn, mailsTo, waitForMail } from '../helpers/mail.js';
import { activeMandate, membershipOf, subscribe } from '../helpers/model.js';
import { createTestOrganization, type TestOrganization } from '../helpers/organizations.js';
import { createTestMember, uniqueEmail } from '../helpers/people.js';
import { database, keycloakAdmin, stack } from '../helpers/stack.js';

/**
 * Issue 16 item 3 (ge-edemarches « Le Gestionnaire peut modifier »), R4, R16 through the real
 * stack: a manager edits a member's details only while the person is the organization's alone.
 */
let organization: TestOrganization;
let manager: Awaited<ReturnType<typeof createTestMember>>;
beforeAll(async () => {
  organization = await createTestOrganization({ legalName: 'Détails Carouge SA' });
  manager = await createTestMember(organization.id, 'manager', 'gestion');
}, 120_000);

const details = (membershipId: string) => `/organizations/${organization.id}/members/${membershipId}/details`;
const auditOf = async (personId: string) =>
  (
    await database().query<{ before: Record<string, unknown>; after: Record<string, unknown> }>(
      `SELECT before, after FROM audit_entry WHERE organization_id = $1 AND action = 'person.details_updated' AND subject_id = $2 ORDER BY at`,
      [organization.id, personId],
    )
  ).rows;

describe("R4: a manager edits the details of a person who is the organization's alone", () => {
  it('names, birth date, phone, secret question and answer, code phone and SMS channel: Keycloak follows, the audit never holds the answer', async () => {
    const member = await createTestMember(organization.id, 'member', 'lea');
    const membershipId = await membershipOf(member.personId, organization.id);
    const asManager = await bearerOf(manager);
    expect(await callApi(asManager, 'get', details(membershipId))).toMatchObject({
      status: 200,
      body: { email: member.email, ownedBy: null, secretQuestion: null, codePhone: null, codeChannel: 'email' },
    });

    const edited = await callApi(asManager, 'patch', details(membershipId), {
      givenName: 'Léa',
      familyName: 'Rochat',
      birthDate: '1990-03-14',
      phone: '+41 22 555 01 02',
      secretQuestion: 'Quel est votre plat préféré ?',
      secretAnswer: 'Fondue',
      codePhone: '+41 79 555 01 02',
      codeChannel: 'sms',
    });
    expect(edited).toMatchObject({
      status: 200,
      body: {
        details: {
          givenName: 'Léa',
          familyName: 'Rochat',
          birthDate: '1990-03-14',
          phone: '+41225550102',
          secretQuestion: 'Quel est votre plat préféré ?',
          codePhone: '+41795550102',
          codeChannel: 'sms',
          ownedBy: null,
        },
      },
    });
    expect(JSON.stringify(edited.body)).not.toContain('Fondue');
    const {
      rows: [stored],
    } = await database().query('SELECT secret_question, secret_answer_hash FROM person WHERE id = $1', [member.personId]);
    expect(stored.secret_question).toBe('Quel est votre plat préféré ?');
    expect(stored.secret_answer_hash).toMatch(/^scrypt\$/);

    await reconcile(database(), keycloakAdmin(), { scope: { organizationIds: [organization.id] } });
    const user = await keycloakUser(member.keycloakId);
    expect(user).toMatchObject({ firstName: 'Léa', lastName: 'Rochat', attributes: { phone_number: ['+41795550102'], phone_number_verified: ['true'] } });
    const audit = await auditOf(member.personId);
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after).toMatchObject({
      givenName: 'Léa',
      familyName: 'Rochat',
      secretQuestion: 'Quel est votre plat préféré ?',
      secretAnswer: 'changed',
      codePhone: '+41795550102',
      codeChannel: 'sms',
    });
    expect(audit[0]!.before).toMatchObject({ givenName: 'Camille', codePhone: null, codeChannel: 'email' });
    expect(JSON.stringify(audit)).not.toContain('Fondue');

    // Codes by e-mail only: the number stays, no longer offered for codes.
    expect((await callApi(asManager, 'patch', details(membershipId), { codeChannel: 'email' })).body.details).toMatchObject({
      codePhone: '+41795550102',
      codeChannel: 'email',
    });
    expect((await keycloakUser(member.keycloakId)).attributes).toMatchObject({ phone_number_verified: ['false'] });
    expect(await callApi(asManager, 'patch', details(membershipId), { codePhone: null, codeChannel: 'sms' })).toMatchObject({
      status: 422,
      body: { code: 'person.code_phone_required', field: '/codePhone' },
    });
    expect(await callApi(asManager, 'patch', details(membershipId), { secretAnswer: 'Raclette' })).toMatchObject({
      status: 422,
      body: { code: 'person.secret_question_required', field: '/secretQuestion' },
    });
  });

  it('R4, R1: a new e-mail goes through the link sent to it, the old address is told; the login e-mail changes only once it is opened', async () => {
    const member = await createTestMember(organization.id, 'member', 'noe');
    const membershipId = await membershipOf(member.personId, organization.id);
    const newEmail = uniqueEmail('noe-new');
    const asked = await callApi(await bearerOf(manager), 'patch', details(membershipId), { email: newEmail });
    expect(asked).toMatchObject({ status: 200, body: { details: { email: member.email, pendingEmail: { email: newEmail } } } });
    const link = await waitForMail(newEmail, { subject: /^Confirmez votre nouvelle adresse/ });
    expect(link.text).toContain('Détails Carouge SA');
    await waitForMail(member.email, { subject: /^Demande de changement de votre adresse de connexion/ });
    const token = linkIn(link, `${stack().publicUrl}/email-change#token=`).split('#token=')[1]!;
    expect(await callApi('anonymous', 'post', '/email-change/confirm', { token })).toMatchObject({ status: 200, body: { email: newEmail } });
    expect((await callApi(await bearerOf(manager), 'get', details(membershipId))).body).toMatchObject({ email: newEmail, pendingEmail: null });
    expect((await auditOf(member.personId))[0]).toMatchObject({ before: { email: member.email }, after: { pendingEmail: newEmail } });
  });

  it('R4: a change a manager asked is refused at its link once the person also acts for another organization (no takeover of an account of B through A)', async () => {
    const member = await createTestMember(organization.id, 'member', 'prise');
    const membershipId = await membershipOf(member.personId, organization.id);
    const managersAddress = uniqueEmail('prise-manager');
    expect((await callApi(await bearerOf(manager), 'patch', details(membershipId), { email: managersAddress })).status).toBe(200);
    const link = await waitForMail(managersAddress, { subject: /^Confirmez votre nouvelle adresse/ });
    const token = linkIn(link, `${stack().publicUrl}/email-change#token=`).split('#token=')[1]!;
    // Meanwhile the person joins B.
    await addMember(database(), testActor, { organizationId: (await createTestOrganization()).id, email: member.email, role: 'member', status: 'active' });
    expect(await callApi('anonymous', 'post', '/email-change/confirm', { token })).toMatchObject({
      status: 409,
      body: { code: 'email_change.no_longer_managed', field: '/token' },
    });
    expect((await database().query('SELECT email FROM person WHERE id = $1', [member.personId])).rows[0].email).toBe(member.email);
  });

  it("R4, R16: a pending invitation's wrong address is corrected by a new invitation, not by a link (409 person.email_invited)", async () => {
    const invited = await callApi(await bearerOf(manager), 'post', `/organizations/${organization.id}/invitations`, {
      email: uniqueEmail('typo'),
      role: 'member',
    });
    const path = details(invited.body.invitation.membershipId);
    expect(await callApi(await bearerOf(manager), 'patch', path, { email: uniqueEmail('right') })).toMatchObject({
      status: 409,
      body: { code: 'person.email_invited', field: '/email' },
    });
    expect(await callApi(await bearerOf(manager), 'patch', path, { givenName: 'Élise', familyName: 'Favre' })).toMatchObject({
      status: 200,
      body: { details: { givenName: 'Élise' } },
    });
  });

  it('R4: the details of a person who also acts for another organization are their own: not shown beyond the names and e-mail, 409 person.details_own, nothing changes', async () => {
    const other = await createTestOrganization({ legalName: 'Autre Lancy SA' });
    const member = await createTestMember(organization.id, 'member', 'two');
    await database().query(`INSERT INTO membership (person_id, organization_id, role, status) VALUES ($1, $2, 'member', 'active')`, [
      member.personId,
      other.id,
    ]);
    await database().query(`UPDATE person SET birth_date = '1984-05-06', phone = '+41 22 555 01 99' WHERE id = $1`, [member.personId]);
    const membershipId = await membershipOf(member.personId, organization.id);
    const asManager = await bearerOf(manager);
    // What is the person's own is not the managers' to read either: the names and the e-mail only.
    expect((await callApi(asManager, 'get', details(membershipId))).body).toMatchObject({
      ownedBy: 'other_organization',
      email: member.email,
      birthDate: null,
      phone: null,
      codePhone: null,
      secretQuestion: null,
    });
    const refused = await callApi(asManager, 'patch', details(membershipId), {
      familyName: 'Pris',
      email: uniqueEmail('takeover'),
      codePhone: '+41795550199',
      codeChannel: 'sms',
    });
    expect(refused).toMatchObject({ status: 409, body: { code: 'person.details_own' } });
    const {
      rows: [person],
    } = await database().query('SELECT family_name, email FROM person WHERE id = $1', [member.personId]);
    expect(person).toEqual({ family_name: member.familyName, email: member.email });
    expect((await keycloakUser(member.keycloakId)).attributes?.phone_number).toBeUndefined();
    expect(await auditOf(member.personId)).toEqual([]);
    expect((await database().query('SELECT 1 FROM email_change WHERE person_id = $1', [member.personId])).rows).toEqual([]);
  });

  it("R4: a fiduciary employee who handles a client's mandate acts for the client: their details are their own", async () => {
    const fiduciary = await createTestOrganization({ type: 'fiduciary', legalName: 'Fiduciaire Détails SA' });
    const client = await createTestOrganization({ legalName: 'Client Détails SA' });
    await subscribe(client.id, 'employer-inbox');
    const head = await createTestMember(fiduciary.id, 'manager', 'fidhead');
    const delegate = await createTestMember(fiduciary.id, 'member', 'delegate');
    await activeMandate(fiduciary.id, client.id, [{ personId: delegate.personId, rights: [] }]);
    const path = `/organizations/${fiduciary.id}/members/${await membershipOf(delegate.personId, fiduciary.id)}/details`;
    expect((await callApi(await bearerOf(head), 'get', path)).body).toMatchObject({ ownedBy: 'delegate' });
    expect(await callApi(await bearerOf(head), 'patch', path, { givenName: 'Autre' })).toMatchObject({ status: 409, body: { code: 'person.details_own' } });
  });

  it("R4 under a race: the person joins another organization while the manager edits; the edit, decided under the person's lock, is refused", async () => {
    const other = await createTestOrganization({ legalName: 'Course Meyrin SA' });
    const member = await createTestMember(organization.id, 'member', 'race');
    const membershipId = await membershipOf(member.personId, organization.id);
    const asManager = await bearerOf(manager);
    // The other organization's invitation holds the person's row, as addMember does (typesHeldBy), and adds the membership.
    const joining = await database().connect();
    try {
      await joining.query('BEGIN');
      await joining.query('SELECT 1 FROM person WHERE id = $1 FOR UPDATE', [member.personId]);
      await joining.query(`INSERT INTO membership (person_id, organization_id, role, status) VALUES ($1, $2, 'member', 'invited')`, [
        member.personId,
        other.id,
      ]);
      const edit = callApi(asManager, 'patch', details(membershipId), { familyName: 'Course' });
      await new Promise((resolve) => setTimeout(resolve, 600));
      await joining.query('COMMIT');
      expect(await edit).toMatchObject({ status: 409, body: { code: 'person.details_own' } });
    } finally {
      joining.release();
    }
    expect((await database().query('SELECT family_name FROM person WHERE id = $1', [member.personId])).rows[0].family_name).toBe(member.familyName);
  });
});

describe('R16: the secret question is chosen with its answer; the activated person gets their summary', () => {
  const strongPassword = 'Activation-Carouge-2026!';
  const tokenIn = async (email: string) =>
    linkIn(await waitForMail(email, { subject: /^Invitation à rejoindre/ }), `${stack().publicUrl}/invitation#token=`).split('#token=')[1]!;

  it('an answer without its question is refused; activation shows the question and asks the answer; the profile shows the question; the confirmation e-mail has the identifier and the summary, no secret', async () => {
    await subscribe(organization.id, 'employer-inbox');
    const asManager = await bearerOf(manager);
    const email = uniqueEmail('ines');
    const invitations = `/organizations/${organization.id}/invitations`;
    expect(await callApi(asManager, 'post', invitations, { email, role: 'member', secretAnswer: 'Salève' })).toMatchObject({
      status: 422,
      body: { code: 'invitation.secret_question_required', field: '/secretQuestion' },
    });
    const question = 'Quelle montagne voyez-vous de votre fenêtre ?';
    const invited = await callApi(asManager, 'post', invitations, {
      email,
      role: 'member',
      givenName: 'Inès',
      familyName: 'Rochat',
      secretQuestion: question,
      secretAnswer: 'Salève',
      rights: [{ serviceId: 'employer-inbox', rightId: 'read' }],
    });
    expect(invited.status).toBe(201);
    const token = await tokenIn(email);
    const preview = await callApi('anonymous', 'post', '/invitations/preview', { token });
    expect(preview.body).toMatchObject({ secretQuestion: question, asks: { secretAnswer: true } });
    expect(await callApi('anonymous', 'post', '/invitations/accept', { token, password: strongPassword, secretAnswer: 'Jura' })).toMatchObject({
      status: 422,
      body: { code: 'invitation.secret_answer_wrong' },
    });
    expect(await callApi('anonymous', 'post', '/invitations/accept', { token, password: strongPassword, secretAnswer: ' salève ' })).toMatchObject({
      status: 200,
    });

    const confirmation = await waitForMail(email, { subject: /^Votre compte est activé : Détails Carouge SA/ });
    expect(confirmation.text).toContain(`Votre identifiant de connexion : ${email}`);
    expect(confirmation.text).toContain('- Nom : Inès Rochat');
    expect(confirmation.text).toContain('- Rôle : membre');
    expect(confirmation.text).toContain('  - Vos courriers : Lire les courriers');
    expect(confirmation.text).toContain('  - Employer inbox: Read letters');
    expect(confirmation.text).toContain(`Your login identifier: ${email}`);
    expect(confirmation.text).not.toContain('Salève');
    expect(confirmation.text).not.toContain(strongPassword);
    expect((await mailsTo(email)).filter((mail) => /^Votre compte est activé/.test(mail.subject))).toHaveLength(1);

    const me = await callApi(await bearerOf({ email, password: strongPassword }), 'get', '/me/profile');
    expect(me.body).toMatchObject({ secretQuestion: question });
    expect(JSON.stringify(me.body)).not.toContain('Salève');
    const {
      rows: [person],
    } = await database().query<{ personId: string }>('SELECT id AS "personId" FROM person WHERE email = $1', [email]);
    const membershipId = await membershipOf(person!.personId, organization.id);
    expect((await callApi(asManager, 'get', details(membershipId))).body).toMatchObject({ secretQuestion: question, ownedBy: null });
  });
});
