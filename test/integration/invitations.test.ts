import { beforeAll, describe, expect, it } from 'vitest';
import { inviteMember } from '@procura/sync-service/invitations/commands';
import { setMailSecurityKey } from '@procura/sync-service/organizations/mail-security-key';
import { reconcile } from '@procura/sync-service/projection/reconciler';
import { testActor } from '../helpers/actor.js';
import { bearerOf, callApi, type ApiCaller } from '../helpers/api.js';
import { mailsTo, waitForMail, linkIn, type ReceivedMail } from '../helpers/mail.js';
import { subscribe } from '../helpers/model.js';
import { createTestOrganization, type TestOrganization } from '../helpers/organizations.js';
import { createTestMember, uniqueEmail } from '../helpers/people.js';
import { serviceLogin } from '../helpers/service-login.js';
import { database, keycloakAdmin, stack } from '../helpers/stack.js';
import { consoleAuthorization, decodePayload } from '../helpers/tokens.js';
import { CookieJar, passSecondStep, submitPassword } from '../helpers/browserless.js';

/** R16, R17, R20 through the real stack: the API, the SMTP sink, Keycloak's login and tokens. */

let organization: TestOrganization;
let manager: Awaited<ReturnType<typeof createTestMember>>;
let asManager: ApiCaller;

beforeAll(async () => {
  organization = await createTestOrganization({ legalName: 'Invitations Léman SA' });
  await subscribe(organization.id, 'employer-inbox');
  manager = await createTestMember(organization.id, 'manager');
  asManager = await bearerOf(manager);
}, 120_000);

const base = () => `/organizations/${organization.id}/invitations`;
const tokenIn = (mail: ReceivedMail) => linkIn(mail, `${stack().publicUrl}/invitation#token=`).split('#token=')[1]!;
const strongPassword = 'Invite-Leman-2026!';

/** The invitation e-mails to `email`, waiting until there are `count` of them; the last one's token. */
async function latestToken(email: string, count = 1): Promise<string> {
  for (let tries = 0; tries < 75; tries++) {
    const mails = (await mailsTo(email)).filter((mail) => /^Invitation à rejoindre/.test(mail.subject));
    if (mails.length >= count) return tokenIn(mails.at(-1)!);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`fewer than ${count} invitation e-mails to ${email}`);
}

const accept = (body: Record<string, unknown>) => callApi('anonymous', 'post', '/invitations/accept', body);
const preview = (token: string) => callApi('anonymous', 'post', '/invitations/preview', { token });

describe('R16, R18: invite → e-mail → accept → login → the right is in the token → the manager is told → deactivate, reactivate, delete, each read in the next token', () => {
  it('walks the whole life cycle', async () => {
    const email = uniqueEmail('invitee');
    const invited = await callApi(asManager, 'post', base(), {
      email,
      givenName: 'Nina',
      familyName: 'Keller',
      role: 'member',
      rights: [{ serviceId: 'employer-inbox', rightId: 'read' }],
    });
    expect(invited.status).toBe(201);
    expect(invited.body.warnings).toEqual([]);
    expect(invited.body.invitation).toMatchObject({ email, role: 'member', linkExpired: false });
    const member = await callApi(asManager, 'get', `/organizations/${organization.id}/members/${invited.body.invitation.membershipId}`);
    expect(member.body).toMatchObject({ status: 'invited', rights: [{ serviceId: 'employer-inbox', rightId: 'read' }] });

    const mail = await waitForMail(email, { subject: /^Invitation à rejoindre Invitations Léman SA \/ Invitation to join/ });
    expect(mail.text.indexOf('Bonjour')).toBeLessThan(mail.text.indexOf('Hello'));
    const token = tokenIn(mail);
    expect((await preview(token)).body).toMatchObject({
      email,
      organizationName: organization.legalName,
      asks: { password: true, consent: false, mailSecurityKey: false, secretAnswer: false, names: false },
    });

    expect(await accept({ token })).toMatchObject({ status: 422, body: { code: 'invitation.password_required', field: '/password' } });
    expect(await accept({ token, password: strongPassword, givenName: 'Nina' })).toMatchObject({
      status: 422,
      body: { code: 'invitation.names_not_expected', field: '/givenName' },
    });
    expect(await accept({ token, password: 'short' })).toMatchObject({ status: 422, body: { code: 'password.policy', field: '/password' } });
    const accepted = await accept({ token, password: strongPassword });
    expect(accepted).toMatchObject({ status: 200, body: { organizationId: organization.id, email, merged: false } });

    const notice = await waitForMail(manager.email, { subject: new RegExp(`^Compte activé : ${email.replace(/\./g, '\\.')}`) });
    expect(notice.text).toContain('Nina Keller');
    expect((await accept({ token, password: strongPassword })).body.code).toBe('invitation.used');

    // R18 goes on through the real stack: each change projected, then a freshly issued token read.
    const inboxRights = async (): Promise<string[] | undefined> => {
      await reconcile(database(), keycloakAdmin(), { scope: { organizationIds: [organization.id] } });
      const claims = decodePayload(await serviceLogin(stack(), 'employer-inbox', { email, password: strongPassword })) as {
        organizations?: Record<string, { rights: string[] }>;
      };
      return claims.organizations?.[organization.identifier]?.rights;
    };
    expect(await inboxRights()).toEqual(['read']);
    expect((await callApi(asManager, 'get', base())).body.items.map((i: { email: string }) => i.email)).not.toContain(email);

    const membership = `/organizations/${organization.id}/members/${accepted.body.membershipId}`;
    expect((await callApi(asManager, 'post', `${membership}/deactivate`)).body.status).toBe('deactivated');
    expect(await inboxRights(), 'The next token after a deactivation has none').toBeUndefined();
    expect((await callApi(asManager, 'post', `${membership}/reactivate`)).body.status).toBe('active');
    expect(await inboxRights(), 'Reactivated, the right is back').toEqual(['read']);
    expect((await callApi(asManager, 'delete', membership)).status).toBe(204);
    // Issue 16 item 5: it was their only organization, so the person is departed: the account is disabled, no token at all.
    await expect(inboxRights(), 'Deleted, the login itself is refused').rejects.toThrow(/did not come back/);
  });

  it('R2: a mobile number is optional at activation; asked for, the first login opens its page (with « Plus tard »)', async () => {
    const invite = async (name: string) => {
      const email = uniqueEmail(name);
      expect((await callApi(asManager, 'post', base(), { email, givenName: 'Paul', familyName: 'Rey', role: 'member' })).status).toBe(201);
      return email;
    };
    const withMobile = await invite('invitee-mobile');
    const withoutMobile = await invite('invitee-no-mobile');
    expect((await accept({ token: await latestToken(withMobile), password: strongPassword, addMobileNumber: true })).status).toBe(200);
    expect((await accept({ token: await latestToken(withoutMobile), password: strongPassword })).status).toBe(200);

    const firstLogin = async (email: string) => {
      const jar = new CookieJar();
      const { url, redirectUri } = await consoleAuthorization();
      const person = { email, password: strongPassword };
      return passSecondStep(jar, await submitPassword(jar, url, redirectUri, person), redirectUri, person);
    };
    const asked = await firstLogin(withMobile);
    expect(asked.html).toContain('id="procura-mobile-form"');
    expect(asked.html).toContain('Plus tard');
    expect((await firstLogin(withoutMobile)).response, 'straight back to the application').toBeUndefined();
  });

  it('R5: a role address is accepted with a warning, never refused', async () => {
    const email = `contact-${Date.now()}@boulangerie.example`;
    const invited = await callApi(asManager, 'post', base(), { email, role: 'observer' });
    expect(invited.status).toBe(201);
    expect(invited.body.warnings).toMatchObject([{ code: 'email.not_nominative', field: '/email' }]);
  });
});

describe('R17: pending invitations, re-sent, revoked, expired', () => {
  it('a re-sent invitation has a new link; the old one says it was replaced and changes nothing', async () => {
    const email = uniqueEmail('resent');
    const { body } = await callApi(asManager, 'post', base(), { email, role: 'member' });
    const first = await latestToken(email);
    const resent = await callApi(asManager, 'post', `${base()}/${body.invitation.id}/resend`, {});
    expect(resent.status).toBe(200);
    const second = await latestToken(email, 2);
    expect(second).not.toBe(first);
    expect(await accept({ token: first, password: strongPassword })).toMatchObject({ status: 410, body: { code: 'invitation.replaced', field: '/token' } });
    expect((await preview(second)).status).toBe(200);
    const listed = await callApi(asManager, 'get', base());
    expect(listed.body.items.filter((i: { email: string }) => i.email === email)).toHaveLength(1);
  });

  it("a revoked invitation's link says so; its pending membership is gone", async () => {
    const email = uniqueEmail('revoked');
    const { body } = await callApi(asManager, 'post', base(), { email, role: 'member' });
    const token = await latestToken(email);
    expect((await callApi(asManager, 'delete', `${base()}/${body.invitation.id}`)).status).toBe(204);
    expect(await accept({ token, password: strongPassword })).toMatchObject({ status: 410, body: { code: 'invitation.revoked' } });
    expect((await callApi(asManager, 'get', `/organizations/${organization.id}/members/${body.invitation.membershipId}`)).body.code).toBe(
      'membership.not_found',
    );
    expect((await callApi(asManager, 'delete', `${base()}/${body.invitation.id}`)).body.code).toBe('invitation.not_pending');
  });

  it('an expired link says so and changes nothing; the list marks it for re-sending', async () => {
    const email = uniqueEmail('expired');
    const link = await inviteMember(
      database(),
      { personId: manager.personId, label: manager.email },
      { organizationId: organization.id, email, role: 'member', publicUrl: stack().publicUrl, now: new Date(Date.now() - 15 * 86_400_000) },
    );
    const before = await database().query('SELECT status FROM membership WHERE id = $1', [link.membershipId]);
    expect(await accept({ token: link.token, password: strongPassword })).toMatchObject({ status: 410, body: { code: 'invitation.expired', field: '/token' } });
    expect((await database().query('SELECT status FROM membership WHERE id = $1', [link.membershipId])).rows).toEqual(before.rows);
    const listed = await callApi(asManager, 'get', base());
    expect(listed.body.items.find((i: { email: string }) => i.email === email)).toMatchObject({ linkExpired: true });
  });

  it('an invitation of another organization is not found', async () => {
    const other = await createTestOrganization();
    const link = await inviteMember(database(), testActor, {
      organizationId: other.id,
      email: uniqueEmail('elsewhere'),
      role: 'member',
      publicUrl: stack().publicUrl,
    });
    expect((await callApi(asManager, 'post', `${base()}/${link.invitationId}/resend`, {})).body.code).toBe('invitation.not_found');
    expect((await callApi(asManager, 'delete', `${base()}/${link.invitationId}`)).body.code).toBe('invitation.not_found');
  });
});

describe('R20: one account, whatever the number of invitations', () => {
  it('a person who has an account consents, keeps their password, and acts for both organizations', async () => {
    const elsewhere = await createTestOrganization();
    const person = await createTestMember(elsewhere.id, 'member', 'has-account');
    const { body } = await callApi(asManager, 'post', base(), { email: person.email.toUpperCase(), role: 'observer' });
    expect(body.invitation.email).toBe(person.email);
    const token = await latestToken(person.email);
    expect((await preview(token)).body.asks).toMatchObject({ password: false, consent: true, signIn: true, names: false });
    expect(await accept({ token, consent: true, password: strongPassword })).toMatchObject({ status: 422, body: { code: 'invitation.password_not_expected' } });
    // Issue 14 item 8: holding the link is not holding the account: consent counts only from its own sign-in.
    expect(await accept({ token, consent: true })).toMatchObject({ status: 403, body: { code: 'invitation.sign_in_required', field: '/consent' } });
    const someoneElse = await createTestMember(elsewhere.id, 'member', 'other-account');
    expect(await callApi(await bearerOf(someoneElse), 'post', '/invitations/accept', { token, consent: true })).toMatchObject({
      status: 403,
      body: { code: 'invitation.other_account' },
    });
    const signedIn = await bearerOf(person);
    expect((await callApi(signedIn, 'post', '/invitations/preview', { token })).body.asks).toMatchObject({ consent: true, signIn: false });
    expect(await callApi(signedIn, 'post', '/invitations/accept', { token })).toMatchObject({
      status: 409,
      body: { code: 'invitation.consent_required', field: '/consent' },
    });
    expect(await callApi(signedIn, 'post', '/invitations/accept', { token, consent: true })).toMatchObject({ status: 200, body: { merged: true } });

    await reconcile(database(), keycloakAdmin(), { scope: { organizationIds: [organization.id, elsewhere.id] } });
    const { rows } = await database().query('SELECT count(*)::int AS n FROM person WHERE email_normalized = $1', [person.email]);
    expect(rows[0].n).toBe(1);
    const me = await callApi(await bearerOf(person), 'get', '/me');
    expect(me.body.organizations.map((o: { id: string; role: string }) => `${o.id} ${o.role}`).sort()).toEqual(
      [`${organization.id} observer`, `${elsewhere.id} member`].sort(),
    );
  });
});

describe('R16, R23 (Geneva): the mail security key and the secret answer', () => {
  it('R23: a manager sets the key, the other managers are told; activation then asks for it and the answer', async () => {
    const geneva = await createTestOrganization({ legalName: 'Genève Clé SA' });
    const head = await createTestMember(geneva.id, 'legal_representative');
    const deputy = await createTestMember(geneva.id, 'deputy');
    const asHead = await bearerOf(head);
    expect((await callApi(asHead, 'put', `/organizations/${geneva.id}/mail-security-key`, { key: 'GE-2026-POSTE' })).status).toBe(204);
    const told = await waitForMail(deputy.email, { subject: /^Clé de sécurité courrier modifiée : Genève Clé SA/ });
    expect(told.text).not.toContain('GE-2026-POSTE');
    expect((await mailsTo(head.email)).filter((mail) => /^Clé de sécurité/.test(mail.subject))).toHaveLength(0);
    const email = uniqueEmail('geneva');
    const { body } = await callApi(asHead, 'post', `/organizations/${geneva.id}/invitations`, {
      email,
      role: 'member',
      secretQuestion: 'Dans quelle rue avez-vous grandi ?',
      secretAnswer: 'Rue du Rhône',
    });
    const token = await latestToken(email);
    expect((await waitForMail(email)).text).toContain('clé de sécurité courrier');
    expect((await preview(token)).body.asks).toMatchObject({ mailSecurityKey: true, secretAnswer: true, password: true, names: true });
    expect(await accept({ token, password: strongPassword })).toMatchObject({ status: 422, body: { code: 'invitation.mail_security_key_required' } });
    expect(await accept({ token, password: strongPassword, mailSecurityKey: 'wrong-key', secretAnswer: 'Rue du Rhône' })).toMatchObject({
      status: 422,
      body: { code: 'invitation.mail_security_key_wrong' },
    });
    // Issue 16 item 3: invited by e-mail only, the person gives their names at activation.
    expect(await accept({ token, password: strongPassword, mailSecurityKey: ' ge-2026-poste ', secretAnswer: 'rue du  rhône' })).toMatchObject({
      status: 422,
      body: { code: 'invitation.given_name_required', field: '/givenName' },
    });
    const ok = await accept({
      token,
      password: strongPassword,
      mailSecurityKey: ' ge-2026-poste ',
      secretAnswer: 'rue du  rhône',
      givenName: 'Inès',
      familyName: 'Rochat',
    });
    expect(ok).toMatchObject({ status: 200, body: { merged: false } });
    await waitForMail(head.email, { subject: /^Compte activé/ });
    expect(body.invitation.email).toBe(email);
  });

  it('issue 14 item 11: of 20 parallel wrong answers at most 5 are compared, the others are refused as locked; then the right one is locked too', async () => {
    const geneva = await createTestOrganization();
    const head = await createTestMember(geneva.id, 'legal_representative');
    const link = await inviteMember(
      database(),
      { personId: head.personId, label: head.email },
      {
        organizationId: geneva.id,
        email: uniqueEmail('parallel'),
        role: 'member',
        secretQuestion: 'Quel lac ?',
        secretAnswer: 'Lac',
        publicUrl: stack().publicUrl,
      },
    );
    const answers = await Promise.all(Array.from({ length: 20 }, () => accept({ token: link.token, password: strongPassword, secretAnswer: 'Mer' })));
    const codes = answers.map((a) => a.body.code as string);
    expect(codes.filter((c) => c === 'invitation.secret_answer_wrong').length).toBeLessThanOrEqual(5);
    expect(codes.filter((c) => c !== 'invitation.secret_answer_wrong').every((c) => c === 'invitation.locked')).toBe(true);
    expect(await accept({ token: link.token, password: strongPassword, secretAnswer: 'Lac' })).toMatchObject({
      status: 410,
      body: { code: 'invitation.locked' },
    });
  });

  it('five wrong answers block the link until it is re-sent', async () => {
    const geneva = await createTestOrganization();
    const head = await createTestMember(geneva.id, 'legal_representative');
    await setMailSecurityKey(database(), testActor, { organizationId: geneva.id, key: 'GE-2026-OTHER' });
    const link = await inviteMember(
      database(),
      { personId: head.personId, label: head.email },
      {
        organizationId: geneva.id,
        email: uniqueEmail('blocked'),
        role: 'member',
        secretQuestion: 'Quel lac ?',
        secretAnswer: 'Lac',
        publicUrl: stack().publicUrl,
      },
    );
    const attempt = (secretAnswer: string) => accept({ token: link.token, password: strongPassword, mailSecurityKey: 'GE-2026-OTHER', secretAnswer });
    for (let i = 0; i < 5; i++) expect((await attempt('Mer')).body.code).toBe('invitation.secret_answer_wrong');
    expect(await attempt('Lac')).toMatchObject({ status: 410, body: { code: 'invitation.locked' } });
    const resent = await callApi(await bearerOf(head), 'post', `/organizations/${geneva.id}/invitations/${link.invitationId}/resend`, {});
    expect(resent.status).toBe(200);
    expect((await attempt('Lac')).body.code).toBe('invitation.replaced');
  });
});
