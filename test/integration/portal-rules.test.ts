import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withPortal } from '@procura/sync-service/profile/profile';
import { sendDueReminders } from '@procura/sync-service/reminders/scheduler';
import { bearerOf, callApi } from '../helpers/api.js';
import { upload } from '../helpers/documents.js';
import { mailsTo, waitForMail } from '../helpers/mail.js';
import { membershipOf, subscribe } from '../helpers/model.js';
import { createTestOrganization } from '../helpers/organizations.js';
import { createTestMember, createTestOperator, uniqueEmail } from '../helpers/people.js';
import { startProfileApp, type ProfileApp } from '../helpers/profile-app.js';
import { sinkMailer } from '../helpers/smtp.js';
import { database, stack } from '../helpers/stack.js';

/**
 * Issue 17: the switches of a portal's profile, each in an app of its own serving the default
 * profile with that one setting changed, against the run's app (the default profile) doing the same.
 */
const apps: ProfileApp[] = [];
afterAll(async () => {
  for (const app of apps) await app.close();
});
async function appWith(change: (profile: Record<string, any>) => void): Promise<ProfileApp> {
  const app = await startProfileApp(change);
  apps.push(app);
  return app;
}

let operator: { bearer: string };
beforeAll(async () => {
  operator = await bearerOf(await createTestOperator());
}, 120_000);

const pendingInvitations = async (email: string) =>
  Number((await database().query('SELECT count(*) AS n FROM invitation WHERE email = $1', [email])).rows[0].n);
const detailsOf = (organizationId: string, membershipId: string) => `/organizations/${organizationId}/members/${membershipId}/details`;

describe('issue 17: the domain reads its switches from the portal profile', () => {
  it("R13 (emplois-inclusion, invitations.by members): a member invites a colleague as a plain member; a role or a right stays the managers'", async () => {
    const app = await appWith((p) => {
      p.invitations.by = 'members';
    });
    const organization = await createTestOrganization();
    await subscribe(organization.id, 'employer-inbox');
    const asMember = await bearerOf(await createTestMember(organization.id, 'member'));
    const path = `/organizations/${organization.id}/invitations`;

    const colleague = uniqueEmail('colleague');
    expect(await callApi(asMember, 'post', path, { email: colleague, role: 'member' })).toMatchObject({ status: 403, body: { code: 'policy.forbidden' } });
    expect(await pendingInvitations(colleague)).toBe(0);
    expect(await app.call(asMember, 'post', path, { email: colleague, role: 'member' })).toMatchObject({
      status: 201,
      body: { invitation: { email: colleague, role: 'member' } },
    });

    const asManager = uniqueEmail('would-be-manager');
    const refused = await app.call(asMember, 'post', path, { email: asManager, role: 'manager' });
    expect(refused).toMatchObject({ status: 403, body: { code: 'invitation.members_invite_members', field: '/role' } });
    const withRights = uniqueEmail('with-rights');
    expect(
      await app.call(asMember, 'post', path, { email: withRights, role: 'member', rights: [{ serviceId: 'employer-inbox', rightId: 'read' }] }),
    ).toMatchObject({ status: 403, body: { code: 'invitation.members_invite_members', field: '/rights' } });
    expect([await pendingInvitations(asManager), await pendingInvitations(withRights)]).toEqual([0, 0]);

    const asObserver = await bearerOf(await createTestMember(organization.id, 'observer'));
    expect(await app.call(asObserver, 'post', path, { email: uniqueEmail('by-observer'), role: 'member' })).toMatchObject({
      status: 403,
      body: { code: 'policy.forbidden' },
    });
  });

  it("R7 (organizations.immutable with address): a manager's change of the address is refused and changes nothing; the default lets it change", async () => {
    const app = await appWith((p) => {
      p.organizations.immutable.push('address');
    });
    const organization = await createTestOrganization();
    const asManager = await bearerOf(await createTestMember(organization.id, 'manager'));
    const path = `/organizations/${organization.id}`;
    const before = (await callApi(asManager, 'get', path)).body;

    const refused = await app.call(asManager, 'patch', path, { address: { street: 'Rue du Rhône 1', town: 'Genève' } });
    expect(refused).toMatchObject({ status: 422, body: { code: 'organization.immutable_field', field: '/address' } });
    expect(JSON.stringify(refused.body)).toContain(app.profile.support.email);
    expect((await callApi(asManager, 'get', path)).body.address).toEqual(before.address);
    // What the list does not name still changes there.
    expect(await app.call(asManager, 'patch', path, { legalName: `${before.legalName} SA` })).toMatchObject({ status: 200 });

    expect(await callApi(asManager, 'patch', path, { address: { street: 'Rue du Rhône 1', town: 'Genève' } })).toMatchObject({ status: 200 });
    expect((await callApi(asManager, 'get', path)).body.address).toEqual({ street: 'Rue du Rhône 1', town: 'Genève' });
  });

  it("R9 (units.byOperatorFor prescriber): a prescriber's manager is sent to the support desk, which creates the antenna; other types and the default are unchanged", async () => {
    const app = await appWith((p) => {
      p.units.byOperatorFor = ['prescriber'];
    });
    const prescriber = await createTestOrganization({ type: 'prescriber' });
    const asManager = await bearerOf(await createTestMember(prescriber.id, 'manager'));
    const units = `/organizations/${prescriber.id}/units`;

    const refused = await app.call(asManager, 'post', units, { kind: 'antenna', name: 'Antenne de Thonon' });
    expect(refused).toMatchObject({ status: 403, body: { code: 'unit.operator_only' } });
    expect(JSON.stringify(refused.body)).toContain(app.profile.support.email);
    expect((await callApi(asManager, 'get', units)).body.units).toEqual([]);

    expect(
      await app.call(operator, 'post', '/operator/support/antennas', {
        organization: prescriber.identifier,
        name: 'Antenne de Thonon',
        reason: 'Demande du siège du 4 décembre',
      }),
    ).toMatchObject({ status: 201 });
    expect((await callApi(asManager, 'get', units)).body.units).toEqual([expect.objectContaining({ kind: 'antenna', name: 'Antenne de Thonon' })]);

    const employer = await createTestOrganization({ type: 'employer' });
    const asEmployerManager = await bearerOf(await createTestMember(employer.id, 'manager'));
    expect(await app.call(asEmployerManager, 'post', `/organizations/${employer.id}/units`, { kind: 'antenna', name: 'Antenne' })).toMatchObject({
      status: 201,
    });
    expect(await callApi(asManager, 'post', units, { kind: 'antenna', name: "Antenne d'Annemasse" })).toMatchObject({ status: 201 });
  });

  it('R4 (fafiec, account.loginEmail fixed): neither the person nor a manager changes the login e-mail; the support desk still does; the default lets the person', async () => {
    const app = await appWith((p) => {
      p.account.loginEmail = 'fixed';
    });
    const organization = await createTestOrganization();
    const member = await createTestMember(organization.id, 'member');
    const asMember = await bearerOf(member);
    const asManager = await bearerOf(await createTestMember(organization.id, 'manager'));
    const membershipId = await membershipOf(member.personId, organization.id);

    const own = await app.call(asMember, 'post', '/me/email-change', { email: uniqueEmail('new-login') });
    expect(own).toMatchObject({ status: 409, body: { code: 'account.login_email_fixed', field: '/email' } });
    expect(JSON.stringify(own.body)).toContain(app.profile.support.email);
    expect(await app.call(asManager, 'patch', detailsOf(organization.id, membershipId), { email: uniqueEmail('by-manager') })).toMatchObject({
      status: 409,
      body: { code: 'account.login_email_fixed', field: '/email' },
    });
    expect((await app.call(asManager, 'get', detailsOf(organization.id, membershipId))).body.pendingEmail).toBeNull();

    const bySupport = uniqueEmail('by-support');
    expect(
      await app.call(operator, 'post', `/operator/support/people/${member.personId}/email-change`, {
        email: bySupport,
        reason: 'Ancienne boîte fermée, identité vérifiée',
      }),
    ).toMatchObject({ status: 201, body: { pendingEmail: bySupport } });
    expect(await callApi(asMember, 'post', '/me/email-change', { email: uniqueEmail('default-login') })).toMatchObject({ status: 201 });
  });

  it('R4 (members.managersEditDetails false): the details read as read-only for managers, and their edit is refused; the default edits them', async () => {
    const app = await appWith((p) => {
      p.members.managersEditDetails = false;
    });
    const organization = await createTestOrganization();
    const member = await createTestMember(organization.id, 'member');
    const asManager = await bearerOf(await createTestMember(organization.id, 'manager'));
    const path = detailsOf(organization.id, await membershipOf(member.personId, organization.id));

    expect(await app.call(asManager, 'get', path)).toMatchObject({
      status: 200,
      body: { ownedBy: 'portal', email: member.email, givenName: member.givenName },
    });
    expect(await app.call(asManager, 'patch', path, { givenName: 'Dominique' })).toMatchObject({ status: 403, body: { code: 'person.details_not_editable' } });
    expect((await callApi(asManager, 'get', path)).body).toMatchObject({ ownedBy: null, givenName: member.givenName });
    expect(await callApi(asManager, 'patch', path, { givenName: 'Dominique' })).toMatchObject({ status: 200 });
  });

  it('roles.offered without manager (fer-ge): inviting as manager or changing a role to it is refused on /role; the default gives it', async () => {
    const app = await appWith((p) => {
      p.roles.offered = ['legal_representative', 'deputy', 'member', 'observer'];
    });
    const organization = await createTestOrganization();
    const asRepresentative = await bearerOf(await createTestMember(organization.id, 'legal_representative'));
    const member = await createTestMember(organization.id, 'member');
    const membership = `/organizations/${organization.id}/members/${await membershipOf(member.personId, organization.id)}`;
    const invited = uniqueEmail('manager-invited');

    expect(await app.call(asRepresentative, 'post', `/organizations/${organization.id}/invitations`, { email: invited, role: 'manager' })).toMatchObject({
      status: 422,
      body: { code: 'membership.role_not_offered', field: '/role' },
    });
    expect(await pendingInvitations(invited)).toBe(0);
    expect(await app.call(asRepresentative, 'patch', membership, { role: 'manager' })).toMatchObject({
      status: 422,
      body: { code: 'membership.role_not_offered', field: '/role' },
    });
    expect((await callApi(asRepresentative, 'get', membership)).body.role).toBe('member');
    expect(await app.call(asRepresentative, 'patch', membership, { role: 'observer' })).toMatchObject({ status: 200, body: { role: 'observer' } });

    expect(await callApi(asRepresentative, 'patch', membership, { role: 'manager' })).toMatchObject({ status: 200, body: { role: 'manager' } });
  });

  it("mandates.enabled false: a fiduciary's representative filing a mandate request is told the portal has none; the default files it", async () => {
    const app = await appWith((p) => {
      p.mandates.enabled = false;
    });
    const fiduciary = await createTestOrganization({ type: 'fiduciary' });
    const client = await createTestOrganization();
    await createTestMember(client.id, 'legal_representative');
    const asRepresentative = await bearerOf(await createTestMember(fiduciary.id, 'legal_representative'));
    const path = `/organizations/${fiduciary.id}/mandates`;

    expect(await app.call(asRepresentative, 'post', path, { client: client.identifier, powerOfAttorney: upload() })).toMatchObject({
      status: 403,
      body: { code: 'mandate.not_offered' },
    });
    expect((await database().query('SELECT count(*) AS n FROM mandate WHERE fiduciary_id = $1', [fiduciary.id])).rows[0].n).toBe('0');
    expect(await callApi(asRepresentative, 'post', path, { client: client.identifier, powerOfAttorney: upload() })).toMatchObject({ status: 201 });
  });

  it('R19 (expiryReminders.enabled false): an expiry date is refused on /expiresOn, at invitation and on a membership, and the job reminds nobody', async () => {
    const app = await appWith((p) => {
      p.expiryReminders.enabled = false;
    });
    const organization = await createTestOrganization();
    const manager = await createTestMember(organization.id, 'manager');
    const asManager = await bearerOf(manager);
    const member = await createTestMember(organization.id, 'member');
    const expiry = `/organizations/${organization.id}/members/${await membershipOf(member.personId, organization.id)}/expiry`;

    expect(await app.call(asManager, 'put', expiry, { expiresOn: '2047-08-10' })).toMatchObject({
      status: 422,
      body: { code: 'membership.expiry_not_offered', field: '/expiresOn' },
    });
    expect(
      await app.call(asManager, 'post', `/organizations/${organization.id}/invitations`, {
        email: uniqueEmail('expiring'),
        role: 'member',
        expiresOn: '2047-08-10',
      }),
    ).toMatchObject({ status: 422, body: { code: 'membership.expiry_not_offered', field: '/expiresOn' } });
    expect(await app.call(asManager, 'put', expiry, { expiresOn: null })).toMatchObject({ status: 200 });
    expect(await callApi(asManager, 'put', expiry, { expiresOn: '2047-08-10' })).toMatchObject({ status: 200, body: { expiresOn: '2047-08-10' } });

    // A date set before the portal turned them off: its job sends nothing; the default's reminds the manager.
    const mailer = sinkMailer();
    const reminders = async () => (await mailsTo(manager.email)).filter((mail) => mail.subject.includes("Échéance d'accès"));
    try {
      const at = { consoleUrl: stack().publicUrl, now: () => new Date('2047-07-20T08:00:00Z') };
      expect(await withPortal(app.profile, () => sendDueReminders(database(), mailer, at))).toBe(0);
      expect(await reminders()).toHaveLength(0);
      expect(await sendDueReminders(database(), mailer, at)).toBeGreaterThanOrEqual(1);
      expect((await database().query('SELECT recipients FROM expiry_reminder WHERE membership_id = $1', [expiry.split('/')[4]])).rows).toEqual([
        { recipients: [manager.email] },
      ]);
      await waitForMail(manager.email, { subject: /Échéance d'accès/ });
    } finally {
      mailer.close();
    }
  });

  it('R19 (expiryReminders.dayOfMonth 5): the managers are reminded on the 5th of the month before, where the default waits for the 20th', async () => {
    const fifth = await appWith((p) => {
      p.expiryReminders.dayOfMonth = 5;
    });
    const organization = await createTestOrganization();
    const manager = await createTestMember(organization.id, 'manager');
    const member = await createTestMember(organization.id, 'member');
    const membershipId = await membershipOf(member.personId, organization.id);
    await database().query("UPDATE membership SET expires_on = '2049-03-10' WHERE id = $1", [membershipId]);
    const mailer = sinkMailer();
    const remindedOf = async () => (await database().query('SELECT recipients FROM expiry_reminder WHERE membership_id = $1', [membershipId])).rows;
    try {
      const at = { consoleUrl: stack().publicUrl, now: () => new Date('2049-02-05T08:00:00Z') };
      await sendDueReminders(database(), mailer, at);
      expect(await remindedOf()).toEqual([]);
      await withPortal(fifth.profile, () => sendDueReminders(database(), mailer, at));
      expect(await remindedOf()).toEqual([{ recipients: [manager.email] }]);
    } finally {
      mailer.close();
    }
  });

  it("R16, R23 (activation without mail security key nor secret question): setting a key and an invitation's secret question are refused; the default takes both", async () => {
    const app = await appWith((p) => {
      p.activation = { mailSecurityKey: false, secretQuestion: false };
    });
    const organization = await createTestOrganization();
    const asManager = await bearerOf(await createTestMember(organization.id, 'manager'));
    const key = `/organizations/${organization.id}/mail-security-key`;
    const keySet = async () =>
      (await database().query('SELECT mail_security_key_hash IS NOT NULL AS set FROM organization WHERE id = $1', [organization.id])).rows[0].set;

    expect(await app.call(asManager, 'put', key, { key: 'Clé-de-Genève-2026' })).toMatchObject({
      status: 403,
      body: { code: 'organization.mail_security_key_not_offered', field: '/key' },
    });
    expect(await keySet()).toBe(false);
    const secret = { question: 'Votre premier employeur ?', answer: 'Rolex' };
    const invited = uniqueEmail('with-secret');
    expect(
      await app.call(asManager, 'post', `/organizations/${organization.id}/invitations`, {
        email: invited,
        role: 'member',
        secretQuestion: secret.question,
        secretAnswer: secret.answer,
      }),
    ).toMatchObject({ status: 422, body: { code: 'invitation.secret_question_not_offered', field: '/secretQuestion' } });
    expect(await pendingInvitations(invited)).toBe(0);

    expect(await callApi(asManager, 'put', key, { key: 'Clé-de-Genève-2026' })).toMatchObject({ status: 204 });
    expect(await keySet()).toBe(true);
    expect(
      await callApi(asManager, 'post', `/organizations/${organization.id}/invitations`, {
        email: invited,
        role: 'member',
        secretQuestion: secret.question,
        secretAnswer: secret.answer,
      }),
    ).toMatchObject({ status: 201 });
  });
});
