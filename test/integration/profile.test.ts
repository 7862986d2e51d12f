import { beforeAll, describe, expect, it } from 'vitest';
import { reconcile } from '@procura/sync-service/projection/reconciler';
import { masterAdminToken } from '../harness/realm-import.js';
import { bearerOf, callApi, type ApiCaller } from '../helpers/api.js';
import { CookieJar, follow, formAction, pageOfSecondStep, pageSummary, passSecondStep, request, submitPassword } from '../helpers/browserless.js';
import { linkIn, mailsTo, waitForLoginCode, waitForMail } from '../helpers/mail.js';
import { createTestOrganization, type TestOrganization } from '../helpers/organizations.js';
import { createTestMember, uniqueEmail } from '../helpers/people.js';
import { database, keycloakAdmin, stack } from '../helpers/stack.js';
import { loginWithPassword } from '../helpers/tokens.js';

/** R1, R4, R5, R28 through the real stack: my profile, my password link, my login e-mail changed by a link. */

let organization: TestOrganization;
beforeAll(async () => {
  organization = await createTestOrganization({ legalName: 'Profils Léman SA' });
}, 120_000);

const project = () => reconcile(database(), keycloakAdmin(), { scope: { organizationIds: [organization.id] } });

/** The person's Keycloak user as the admin API shows it. */
async function keycloakUser(keycloakId: string, change?: (user: Record<string, any>) => Record<string, any>): Promise<Record<string, any>> {
  const { keycloak } = stack();
  const url = `${keycloak.url}/admin/realms/${keycloak.realm}/users/${keycloakId}`;
  const headers = { authorization: `Bearer ${await masterAdminToken(keycloak)}`, 'content-type': 'application/json' };
  const user = (await (await fetch(url, { headers })).json()) as Record<string, any>;
  if (!change) return user;
  expect((await fetch(url, { method: 'PUT', headers, body: JSON.stringify(change(user)) })).status).toBe(204);
  return keycloakUser(keycloakId);
}

const mobile = { phone_number: ['+41791234567'], phone_number_verified: ['true'] };
const confirm = (token: string) => callApi('anonymous', 'post', '/email-change/confirm', { token });
const tokenOf = async (address: string) =>
  linkIn(await waitForMail(address, { subject: /^Confirmez votre nouvelle adresse/ }), `${stack().publicUrl}/email-change#token=`).split('#token=')[1]!;

describe('R4: my profile', () => {
  it('reads and edits civility, names, birth date and phone; the names reach Keycloak, the verified mobile stays', async () => {
    const person = await createTestMember(organization.id, 'member');
    await keycloakUser(person.keycloakId, (user) => ({ ...user, attributes: { ...user.attributes, ...mobile } }));
    const me = await bearerOf(person);
    const read = await callApi(me, 'get', '/me/profile');
    expect(read).toMatchObject({
      status: 200,
      body: { email: person.email, givenName: 'Camille', civility: null, birthDate: null, phone: null, pendingEmail: null },
    });
    expect(read.body.passwordChangeUrl).toBe(`${stack().publicUrl}/auth/login?action=update_password&returnTo=%2F`);

    const edited = await callApi(me, 'patch', '/me/profile', {
      civility: 'ms',
      familyName: 'Rochat-Favre',
      birthDate: '1984-06-02',
      phone: '+41 21 555 01 02',
    });
    expect(edited).toMatchObject({
      status: 200,
      body: { civility: 'ms', givenName: 'Camille', familyName: 'Rochat-Favre', birthDate: '1984-06-02', phone: '+41215550102', email: person.email },
    });
    await project();
    const user = await keycloakUser(person.keycloakId);
    expect(user).toMatchObject({ firstName: 'Camille', lastName: 'Rochat-Favre', attributes: mobile });
    const audit = await database().query(`SELECT after FROM audit_entry WHERE organization_id = $1 AND action = 'person.profile_updated' AND subject_id = $2`, [
      organization.id,
      person.personId,
    ]);
    expect(audit.rows).toMatchObject([{ after: { familyName: 'Rochat-Favre' } }]);
  });

  it('refuses a bad birth date or phone with the field at fault, and changes nothing', async () => {
    const person = await createTestMember(organization.id, 'member');
    const me = await bearerOf(person);
    expect(await callApi(me, 'patch', '/me/profile', { birthDate: '2999-01-01' })).toMatchObject({
      status: 422,
      body: { code: 'person.birth_date', field: '/birthDate' },
    });
    expect(await callApi(me, 'patch', '/me/profile', { phone: 'appelez-moi' })).toMatchObject({ status: 422, body: { code: 'person.phone', field: '/phone' } });
    expect(await callApi(me, 'patch', '/me/profile', { email: 'x@example.test' })).toMatchObject({ status: 422, body: { field: '/email' } });
    expect((await callApi(me, 'get', '/me/profile')).body).toMatchObject({ birthDate: null, phone: null, email: person.email });
  });

  it("R4: the password link runs Keycloak's UPDATE_PASSWORD action: after the login, the new password; then only it works", async () => {
    const person = await createTestMember(organization.id, 'member');
    const link = (await callApi(await bearerOf(person), 'get', '/me/profile')).body.passwordChangeUrl as string;
    const callback = `${stack().publicUrl}/auth/callback`;
    const jar = new CookieJar();
    const newPassword = `${person.password}-Nouveau-2026`;
    let step = await submitPassword(jar, link, callback, person);
    let asked = false;
    for (let pages = 0; pages < 4 && step.response; pages++) {
      const html = await step.response.text();
      const code = pageOfSecondStep(html, step.url);
      if (code && code !== 'choice') {
        step = await follow(jar, code.action, callback, { code: await waitForLoginCode(person.email, code.reference), login: '' });
        continue;
      }
      asked = html.includes('id="kc-passwd-update-form"');
      if (!asked) throw new Error(`unexpected page: ${pageSummary(html)}`);
      step = await follow(jar, new URL(formAction(html, 'kc-passwd-update-form'), step.url).toString(), callback, {
        'password-new': newPassword,
        'password-confirm': newPassword,
      });
    }
    expect(asked).toBe(true);
    expect(step.url.startsWith(callback)).toBe(true);
    expect((await request(jar, step.url)).status).toBe(303); // back in the console, signed in
    await expect(loginWithPassword(person)).rejects.toThrow();
    expect((await loginWithPassword({ email: person.email, password: newPassword })).claims.email).toBe(person.email);
  });

  it("R2: the mobile number link runs the provider's procura-mobile-number action: after the login, its page asks the number", async () => {
    const person = await createTestMember(organization.id, 'member');
    const profile = (await callApi(await bearerOf(person), 'get', '/me/profile')).body as { mobileNumberUrl: string };
    expect(profile.mobileNumberUrl).toBe(`${stack().publicUrl}/auth/login?action=mobile_number&returnTo=%2F`);
    const callback = `${stack().publicUrl}/auth/callback`;
    const jar = new CookieJar();
    const asked = await passSecondStep(jar, await submitPassword(jar, profile.mobileNumberUrl, callback, person), callback, person);
    expect(asked.html, 'the mobile number page of the provider').toContain('id="procura-mobile-form"');
    // A plain login of the same person goes straight back: only the link asks for the number.
    const plain = new CookieJar();
    expect(
      (await passSecondStep(plain, await submitPassword(plain, `${stack().publicUrl}/auth/login`, callback, person), callback, person)).response,
    ).toBeUndefined();
  });
});

describe('R1, R4, R28: my login e-mail changes only once the new address is verified', () => {
  it('link to the new address → confirmed → Keycloak follows → the old address is told → the next login uses the new e-mail', async () => {
    const person = await createTestMember(organization.id, 'manager');
    await keycloakUser(person.keycloakId, (user) => ({ ...user, attributes: { ...user.attributes, ...mobile } }));
    const me: ApiCaller = await bearerOf(person);
    const newEmail = uniqueEmail('moved');
    const requested = await callApi(me, 'post', '/me/email-change', { email: `  ${newEmail.toUpperCase()} ` });
    expect(requested).toMatchObject({ status: 201, body: { pendingEmail: newEmail, warnings: [] } });
    expect((await callApi(me, 'get', '/me/profile')).body).toMatchObject({ email: person.email, pendingEmail: { email: newEmail } });
    const mail = await waitForMail(newEmail, { subject: /^Confirmez votre nouvelle adresse e-mail \/ Confirm your new e-mail address$/ });
    expect(mail.text.indexOf('Bonjour')).toBeLessThan(mail.text.indexOf('Hello'));
    const token = await tokenOf(newEmail);
    const stored = await database().query(`SELECT token_sha256 FROM email_change WHERE person_id = $1`, [person.personId]);
    expect(stored.rows[0].token_sha256).not.toContain(token);

    expect(await confirm(token)).toMatchObject({ status: 200, body: { email: newEmail } });
    expect(await confirm(token)).toMatchObject({ status: 410, body: { code: 'email_change.used', field: '/token' } });
    const told = await waitForMail(person.email, { subject: /^Adresse de connexion modifiée \/ Login address changed$/ });
    expect(told.text).toContain(newEmail);
    expect((await mailsTo(newEmail)).filter((m) => /modifiée/.test(m.subject))).toEqual([]);

    await project();
    expect(await keycloakUser(person.keycloakId)).toMatchObject({ username: newEmail, email: newEmail, attributes: mobile });
    const login = await loginWithPassword({ email: newEmail, password: person.password });
    expect(login.claims.email).toBe(newEmail);
    await expect(loginWithPassword(person)).rejects.toThrow();
    const audit = await database().query(`SELECT before, after FROM audit_entry WHERE organization_id = $1 AND action = 'person.email_changed'`, [
      organization.id,
    ]);
    expect(audit.rows).toEqual([{ before: { email: person.email }, after: { email: newEmail } }]);
  });

  it('R1: an address another account has is refused, at the request and at the confirmation (trimmed, case-insensitive)', async () => {
    const [first, second] = [await createTestMember(organization.id, 'member'), await createTestMember(organization.id, 'member')];
    const asFirst = await bearerOf(first);
    expect(await callApi(asFirst, 'post', '/me/email-change', { email: ` ${second.email.toUpperCase()}` })).toMatchObject({
      status: 409,
      body: { code: 'email.taken', field: '/email' },
    });
    expect(await callApi(asFirst, 'post', '/me/email-change', { email: first.email })).toMatchObject({ status: 409, body: { code: 'email.unchanged' } });
    const wanted = uniqueEmail('wanted');
    expect((await callApi(asFirst, 'post', '/me/email-change', { email: wanted })).status).toBe(201);
    const token = await tokenOf(wanted);
    // Meanwhile, the second person takes the address.
    expect((await callApi(await bearerOf(second), 'post', '/me/email-change', { email: wanted })).status).toBe(201);
    const secondToken = (await mailsTo(wanted))
      .map((m) => linkIn(m, `${stack().publicUrl}/email-change#token=`).split('#token=')[1]!)
      .find((t) => t !== token)!;
    expect((await confirm(secondToken)).status).toBe(200);
    expect(await confirm(token)).toMatchObject({ status: 409, body: { code: 'email.taken', field: '/email' } });
    expect((await callApi(asFirst, 'get', '/me/profile')).body.email).toBe(first.email);
  });

  it('R4: a newer request voids the older link; R5: a role address is warned about, never refused', async () => {
    const person = await createTestMember(organization.id, 'member');
    const me = await bearerOf(person);
    const first = uniqueEmail('first');
    await callApi(me, 'post', '/me/email-change', { email: first });
    const oldToken = await tokenOf(first);
    const role = `info-${Date.now()}@example.test`;
    const requested = await callApi(me, 'post', '/me/email-change', { email: role });
    expect(requested).toMatchObject({ status: 201, body: { warnings: [{ code: 'email.not_nominative', field: '/email' }] } });
    expect(await confirm(oldToken)).toMatchObject({ status: 410, body: { code: 'email_change.replaced' } });
    expect(await confirm('A'.repeat(43))).toMatchObject({ status: 404, body: { code: 'email_change.not_found' } });
    expect((await confirm(await tokenOf(role))).body).toEqual({ email: role });
  });
});
