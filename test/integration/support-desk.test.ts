import { beforeAll, describe, expect, it } from 'vitest';
import { bearerOf, callApi, type ApiCaller } from '../helpers/api.js';
import { upload } from '../helpers/documents.js';
import { linkIn, mailsTo, waitForMail } from '../helpers/mail.js';
import { createTestOrganization, uniqueUid } from '../helpers/organizations.js';
import { createTestMember, createTestOperator, uniqueEmail } from '../helpers/people.js';
import { registeredUid } from '../helpers/registry.js';
import { database, stack } from '../helpers/stack.js';

/**
 * Issue 16 item 6: the operator's support desk through the API and the real stack — find a person
 * by e-mail, change a lost login e-mail (both addresses told, the new one verified), remove a
 * departed person's access (R14 kept), register an organization sent in by e-mail (R10, R11) and a
 * prescriber's antenna (R8). Each says why and is audited with the operator as actor (R32).
 */
let operator: ApiCaller;
let operatorLabel: string;
const reason = 'Appel du 6 décembre, identité vérifiée par téléphone';
const auditOf = async (subjectId: string, action: string) =>
  (
    await database().query(`SELECT actor_label, organization_id, before, after FROM audit_entry WHERE subject_id = $1 AND action = $2 ORDER BY id`, [
      subjectId,
      action,
    ])
  ).rows;

beforeAll(async () => {
  const staff = await createTestOperator();
  operatorLabel = `operator ${staff.email}`;
  operator = await bearerOf(staff);
}, 120_000);

describe('R35, issue 16 item 6: the support desk', () => {
  it('R35: finds a person by e-mail: account, organizations and roles, mandates as delegate, pending invitations; the lookup is audited with its reason', async () => {
    const employer = await createTestOrganization({ legalName: 'Garage du Support SA' });
    const person = await createTestMember(employer.id, 'manager');
    const other = await createTestOrganization({ legalName: 'Atelier Invitant SA' });
    const inviter = await bearerOf(await createTestMember(other.id, 'legal_representative'));
    expect((await callApi(inviter, 'post', `/organizations/${other.id}/invitations`, { email: person.email, role: 'member' })).status).toBe(201);

    const found = await callApi(operator, 'post', '/operator/support/people/lookup', { email: person.email.toUpperCase(), reason });
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({ id: person.personId, email: person.email, activated: true, pendingEmail: null, delegations: [] });
    expect(found.body.memberships).toContainEqual(
      expect.objectContaining({
        role: 'manager',
        status: 'active',
        inForce: true,
        organization: expect.objectContaining({ id: employer.id, legalName: 'Garage du Support SA' }),
      }),
    );
    expect(found.body.invitations.map((i: { organization: { id: string } }) => i.organization.id)).toContain(other.id);
    expect(await auditOf(person.personId, 'support.person_looked_up')).toEqual([
      { actor_label: operatorLabel, organization_id: null, before: null, after: { email: person.email, reason } },
    ]);

    expect(await callApi(operator, 'post', '/operator/support/people/lookup', { email: uniqueEmail('nobody'), reason })).toMatchObject({
      status: 404,
      body: { code: 'person.not_found', field: '/email' },
    });
    expect(await callApi(operator, 'post', '/operator/support/people/lookup', { email: person.email, reason: '   ' })).toMatchObject({
      status: 422,
      body: { code: 'support.reason', field: '/reason' },
    });
    expect(await callApi(operator, 'post', '/operator/support/people/lookup', { email: person.email })).toMatchObject({
      status: 422,
      body: { field: '/reason' },
    });
  });

  it('R35, R1, R4: changes a lost login e-mail: the old address is told by the support with the reason, the new one gets the link; the e-mail changes once it is opened', async () => {
    const employer = await createTestOrganization();
    const person = await createTestMember(employer.id, 'member');
    const newEmail = uniqueEmail('new-mailbox');
    const path = `/operator/support/people/${person.personId}/email-change`;
    const answer = await callApi(operator, 'post', path, { email: newEmail, reason });
    expect(answer).toMatchObject({ status: 201, body: { pendingEmail: newEmail } });

    const old = await waitForMail(person.email, { subject: /^Le support change votre adresse de connexion/ });
    expect(old.text).toContain(`Motif : ${reason}`);
    expect(old.text).toContain(newEmail);
    expect(old.text).toMatch(/contactez le support sans attendre : support@procura\.example, \+41 21 555 01 23/);
    const link = await waitForMail(newEmail, { subject: /^Confirmez votre nouvelle adresse/ });
    expect(link.text).toMatch(/le support de Procura fait de/);
    const token = linkIn(link, `${stack().publicUrl}/email-change#token=`).split('#token=')[1]!;
    expect((await database().query('SELECT email FROM person WHERE id = $1', [person.personId])).rows[0].email).toBe(person.email);
    expect(await callApi('anonymous', 'post', '/email-change/confirm', { token })).toMatchObject({ status: 200, body: { email: newEmail } });
    expect((await database().query('SELECT email FROM person WHERE id = $1', [person.personId])).rows[0].email).toBe(newEmail);
    expect(await auditOf(person.personId, 'person.email_change_requested')).toEqual([
      expect.objectContaining({
        actor_label: operatorLabel,
        organization_id: employer.id,
        before: { email: person.email },
        after: expect.objectContaining({ pendingEmail: newEmail, reason }),
      }),
    ]);
  });

  it('R1: the new address of another account is refused (email.taken), the same address too; nothing is sent', async () => {
    const employer = await createTestOrganization();
    const person = await createTestMember(employer.id, 'member');
    const holder = await createTestMember(employer.id, 'member', 'holder');
    const path = `/operator/support/people/${person.personId}/email-change`;
    expect(await callApi(operator, 'post', path, { email: holder.email, reason })).toMatchObject({
      status: 409,
      body: { code: 'email.taken', field: '/email' },
    });
    expect(await callApi(operator, 'post', path, { email: person.email, reason })).toMatchObject({
      status: 409,
      body: { code: 'email.unchanged', field: '/email' },
    });
    expect(
      await callApi(operator, 'post', `/operator/support/people/00000000-0000-4000-8000-000000000000/email-change`, { email: uniqueEmail(), reason }),
    ).toMatchObject({ status: 404, body: { code: 'person.not_found', field: '/personId' } });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await mailsTo(person.email)).toEqual([]);
  });

  it("R35, R14, R18: removes a departed person's access, each removal audited with the reason; never an organization's last manager, said to use a recovery, and nothing removed", async () => {
    const kept = await createTestOrganization();
    const alone = await createTestOrganization();
    const person = await createTestMember(kept.id, 'member', 'departed');
    await createTestMember(kept.id, 'legal_representative');
    const {
      rows: [{ id: lastManager }],
    } = await database().query(
      `INSERT INTO membership (person_id, organization_id, role, status) VALUES ($1, $2, 'legal_representative', 'active') RETURNING id`,
      [person.personId, alone.id],
    );
    const path = `/operator/support/people/${person.personId}/remove-access`;
    const membershipOf = async (organizationId: string) =>
      (await database().query('SELECT id FROM membership WHERE person_id = $1 AND organization_id = $2', [person.personId, organizationId])).rows[0]?.id as
        string | undefined;
    const inKept = (await membershipOf(kept.id))!;

    const refused = await callApi(operator, 'post', path, { reason });
    expect(refused).toMatchObject({ status: 409, body: { code: 'membership.last_manager', field: '/membershipIds' } });
    expect(refused.body.messages.fr).toMatch(/demande de reprise/);
    expect(await callApi(operator, 'post', path, { membershipIds: [inKept, lastManager], reason })).toMatchObject({
      status: 409,
      body: { code: 'membership.last_manager', field: '/membershipIds/1' },
    });
    expect(await membershipOf(kept.id)).toBe(inKept);
    expect(await callApi(operator, 'post', path, { membershipIds: ['00000000-0000-4000-8000-000000000000'], reason })).toMatchObject({
      status: 404,
      body: { code: 'membership.not_found', field: '/membershipIds/0' },
    });
    expect(await callApi(operator, 'post', path, { membershipIds: [inKept] })).toMatchObject({ status: 422, body: { field: '/reason' } });

    expect(await callApi(operator, 'post', path, { membershipIds: [inKept], reason })).toMatchObject({ status: 200, body: { removed: [inKept] } });
    expect(await membershipOf(kept.id)).toBeUndefined();
    expect(await membershipOf(alone.id)).toBe(lastManager);
    expect(await auditOf(inKept, 'membership.removed')).toEqual([
      expect.objectContaining({ actor_label: operatorLabel, organization_id: kept.id, after: { reason } }),
    ]);
  });

  it('R35, R10, R11: registers an organization sent in by e-mail: created validated, its representative invited as legal representative; an identifier the registry does not know is refused', async () => {
    const identifier = await registeredUid({ name: 'MENUISERIE PAR COURRIEL SA' });
    const email = uniqueEmail('mailed-in');
    const form = {
      identifier,
      legalName: 'Menuiserie par Courriel SA',
      representative: { givenName: 'Noé', familyName: 'Berset', function: 'Gérant', email },
      reason: 'Formulaire reçu par e-mail le 5 décembre',
    };
    const answer = await callApi(operator, 'post', '/operator/support/organizations', form);
    expect(answer.status).toBe(201);
    const { organizationId } = answer.body;
    const { rows } = await database().query(
      `SELECT o.legal_name, m.role, m.status FROM organization o JOIN membership m ON m.organization_id = o.id JOIN person p ON p.id = m.person_id WHERE o.id = $1 AND p.email = $2`,
      [organizationId, email],
    );
    expect(rows).toEqual([{ legal_name: 'Menuiserie par Courriel SA', role: 'legal_representative', status: 'invited' }]);
    await waitForMail(email, { subject: /Inscription validée : MENUISERIE PAR COURRIEL SA/ });
    expect(await auditOf(answer.body.signUpId, 'support.organization_registered')).toEqual([
      { actor_label: operatorLabel, organization_id: organizationId, before: null, after: { representative: email, reason: form.reason } },
    ]);
    expect(await callApi(operator, 'post', '/operator/support/organizations', { ...form, identifier: uniqueUid() })).toMatchObject({
      status: 422,
      body: { code: 'sign_up.not_recognized', field: '/identifier' },
    });
    expect(await callApi(operator, 'post', '/operator/support/organizations', form)).toMatchObject({
      status: 409,
      body: { code: 'sign_up.already_registered' },
    });
  });

  it('R35, R8: creates an antenna of a prescriber, audited with the reason; not of another type', async () => {
    const prescriber = await createTestOrganization({ type: 'prescriber', legalName: 'Mission Locale du Léman' });
    const answer = await callApi(operator, 'post', '/operator/support/antennas', {
      organization: prescriber.identifier,
      name: 'Antenne de Thonon',
      reason: 'Demande du siège du 4 décembre',
    });
    expect(answer.status).toBe(201);
    const { rows } = await database().query('SELECT kind, name FROM unit WHERE id = $1 AND organization_id = $2', [answer.body.id, prescriber.id]);
    expect(rows).toEqual([{ kind: 'antenna', name: 'Antenne de Thonon' }]);
    expect(await auditOf(answer.body.id, 'support.antenna_added')).toEqual([
      expect.objectContaining({ actor_label: operatorLabel, after: { name: 'Antenne de Thonon', reason: 'Demande du siège du 4 décembre' } }),
    ]);
    const employer = await createTestOrganization();
    expect(await callApi(operator, 'post', '/operator/support/antennas', { organization: employer.identifier, name: 'Antenne', reason })).toMatchObject({
      status: 409,
      body: { code: 'support.not_prescriber', field: '/organization' },
    });
    expect(await callApi(operator, 'post', '/operator/support/antennas', { organization: uniqueUid(), name: 'Antenne', reason })).toMatchObject({
      status: 404,
      body: { code: 'organization.not_found', field: '/organization' },
    });
    expect(await callApi(operator, 'post', '/operator/support/antennas', { organization: prescriber.identifier, name: 'Antenne', reason: ' ' })).toMatchObject({
      status: 422,
      body: { field: '/reason' },
    });
  });

  it('R35, R10, R24: files a mandate for a fiduciary not yet on the platform: the fiduciary registered, its representative invited, the mandate on the client active; a missing power of attorney keeps nothing', async () => {
    const client = await createTestOrganization({ legalName: 'Client du Support SA' });
    const clientRepresentative = await createTestMember(client.id, 'legal_representative');
    const identifier = await registeredUid({ name: 'FIDUCIAIRE NON AFFILIÉE SA' });
    const email = uniqueEmail('fiduciary-rep');
    const body = {
      identifier,
      legalName: 'Fiduciaire Non Affiliée SA',
      representative: { givenName: 'Éva', familyName: 'Rossier', function: 'Associée', email },
      client: client.identifier,
      services: ['contributions'],
      reason: 'Procuration reçue par e-mail le 5 décembre',
    };
    const missing = await callApi(operator, 'post', '/operator/support/fiduciary-mandates', body);
    expect(missing).toMatchObject({ status: 422, body: { code: 'mandate.power_of_attorney_required', field: '/powerOfAttorney' } });
    expect((await database().query('SELECT count(*)::int AS n FROM organization WHERE identifier = $1', [identifier])).rows[0].n).toBe(0);

    const answer = await callApi(operator, 'post', '/operator/support/fiduciary-mandates', { ...body, powerOfAttorney: upload() });
    expect(answer.status).toBe(201);
    const { fiduciaryId, mandateId } = answer.body;
    const { rows } = await database().query(
      `SELECT o.type, md.status, md.client_id, md.services, md.valid_from IS NOT NULL AS started FROM organization o JOIN mandate md ON md.fiduciary_id = o.id WHERE md.id = $1`,
      [mandateId],
    );
    expect(rows).toEqual([{ type: 'fiduciary', status: 'active', client_id: client.id, services: ['contributions'], started: true }]);
    const representative = await database().query(
      `SELECT m.role, m.status FROM membership m JOIN person p ON p.id = m.person_id WHERE m.organization_id = $1 AND p.email = $2`,
      [fiduciaryId, email],
    );
    expect(representative.rows).toEqual([{ role: 'legal_representative', status: 'invited' }]);
    await waitForMail(email, { subject: /Inscription validée : FIDUCIAIRE NON AFFILIÉE SA/ });
    await waitForMail(clientRepresentative.email, { subject: /Fiduciaire rattachée/ });
    expect(await auditOf(mandateId, 'support.mandate_filed')).toEqual([
      { actor_label: operatorLabel, organization_id: fiduciaryId, before: null, after: { client: client.identifier, reason: body.reason } },
    ]);
  });
});
