import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { masterAdminToken } from '../harness/realm-import.js';
import { bearerOf, callApi } from '../helpers/api.js';
import { loginToConsole } from '../helpers/console-session.js';
import { linkIn, mailsTo, waitForMail } from '../helpers/mail.js';
import { createTestOrganization, type TestOrganization } from '../helpers/organizations.js';
import { startOwnApp, type OwnApp } from '../helpers/own-app.js';
import { createTestMember, uniqueEmail } from '../helpers/people.js';
import { database, stack } from '../helpers/stack.js';

/**
 * Issue 14 item 7, against the real Keycloak: a stolen session cannot move an account away. The
 * change of login e-mail needs a recent sign-in; the current address hears of it at once, with a
 * link that cancels it; once confirmed, every session of the account ends.
 */

let organization: TestOrganization;
beforeAll(async () => {
  organization = await createTestOrganization({ legalName: 'Adresses Sûres SA' });
}, 120_000);

const changeRows = async (personId: string) => (await database().query('SELECT new_email FROM email_change WHERE person_id = $1', [personId])).rows;
const cancelTokenOf = async (address: string) =>
  linkIn(await waitForMail(address, { subject: /^Demande de changement de votre adresse de connexion/ }), `${stack().publicUrl}/email-change#cancel=`).split(
    '#cancel=',
  )[1]!;
const confirmTokenOf = async (address: string) =>
  linkIn(await waitForMail(address, { subject: /^Confirmez votre nouvelle adresse/ }), `${stack().publicUrl}/email-change#token=`).split('#token=')[1]!;

async function keycloakSessions(userId: string): Promise<number> {
  const { keycloak } = stack();
  const answer = await fetch(`${keycloak.url}/admin/realms/${keycloak.realm}/users/${userId}/sessions`, {
    headers: { authorization: `Bearer ${await masterAdminToken(keycloak)}` },
  });
  return ((await answer.json()) as unknown[]).length;
}

describe('a sign-in older than the limit cannot change the login e-mail', () => {
  let app: OwnApp;
  const limitSeconds = 3;
  beforeAll(async () => {
    app = await startOwnApp({ PROCURA_RECENT_SIGN_IN_SECONDS: String(limitSeconds) });
  });
  afterAll(() => app?.close());

  const ask = (bearer: string, email: string) =>
    fetch(`${app.base}/me/email-change`, {
      method: 'POST',
      headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
      body: JSON.stringify({ email }),
    });

  it('403 auth.recent_sign_in_required and nothing asked; a fresh sign-in then may', async () => {
    const person = await createTestMember(organization.id, 'member');
    const { bearer: stale } = await bearerOf(person);
    await new Promise((resolve) => setTimeout(resolve, (limitSeconds + 1.5) * 1000));
    const refused = await ask(stale, uniqueEmail('stolen-moved'));
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({
      code: 'auth.recent_sign_in_required',
      messages: { fr: expect.stringMatching(/reconnectez-vous/), en: expect.stringMatching(/sign in again/) },
    });
    expect(await changeRows(person.personId)).toEqual([]);
    expect((await mailsTo(person.email)).filter((mail) => /changement de votre adresse/.test(mail.subject))).toEqual([]);

    const { bearer: fresh } = await bearerOf(person);
    const wanted = uniqueEmail('fresh-moved');
    expect((await ask(fresh, wanted)).status).toBe(201);
    expect(await changeRows(person.personId)).toEqual([{ new_email: wanted }]);
  });
});

describe('the current address is told, and can cancel', () => {
  it('the old address gets a link that cancels; the new address link then answers 410 email_change.cancelled', async () => {
    const person = await createTestMember(organization.id, 'member');
    const me = await bearerOf(person);
    const wanted = uniqueEmail('moved-away');
    expect((await callApi(me, 'post', '/me/email-change', { email: wanted })).status).toBe(201);
    const told = await waitForMail(person.email, { subject: /^Demande de changement de votre adresse de connexion/ });
    expect(told.text).toContain(wanted);
    const cancel = await cancelTokenOf(person.email);
    const confirm = await confirmTokenOf(wanted);

    expect(await callApi('anonymous', 'post', '/email-change/cancel', { token: cancel })).toMatchObject({ status: 200, body: { email: person.email } });
    expect(await callApi('anonymous', 'post', '/email-change/confirm', { token: confirm })).toMatchObject({
      status: 410,
      body: { code: 'email_change.cancelled', field: '/token' },
    });
    expect(await callApi('anonymous', 'post', '/email-change/cancel', { token: cancel })).toMatchObject({
      status: 410,
      body: { code: 'email_change.cancelled' },
    });
    expect((await callApi(me, 'get', '/me/profile')).body).toMatchObject({ email: person.email, pendingEmail: null });
    const audit = await database().query(`SELECT action FROM audit_entry WHERE organization_id = $1 AND subject_id = $2 ORDER BY at`, [
      organization.id,
      person.personId,
    ]);
    expect(audit.rows.map((row) => row.action)).toContain('person.email_change_cancelled');
  });

  it('a change already confirmed is not undone by the cancel link: 410 email_change.already_confirmed', async () => {
    const person = await createTestMember(organization.id, 'member');
    const wanted = uniqueEmail('moved-for-good');
    expect((await callApi(await bearerOf(person), 'post', '/me/email-change', { email: wanted })).status).toBe(201);
    const cancel = await cancelTokenOf(person.email);
    expect((await callApi('anonymous', 'post', '/email-change/confirm', { token: await confirmTokenOf(wanted) })).status).toBe(200);
    expect(await callApi('anonymous', 'post', '/email-change/cancel', { token: cancel })).toMatchObject({
      status: 410,
      body: { code: 'email_change.already_confirmed', field: '/token' },
    });
  });
});

describe('once the change is confirmed, the sessions of the account end', () => {
  it('the console session answers 401 and Keycloak keeps no session of the person', async () => {
    const person = await createTestMember(organization.id, 'member');
    const browser = await loginToConsole(person);
    expect((await callApi({ session: browser }, 'get', '/me')).status).toBe(200);
    expect(await keycloakSessions(person.keycloakId)).toBeGreaterThan(0);

    const wanted = uniqueEmail('moved-sessions');
    expect((await callApi({ session: browser }, 'post', '/me/email-change', { email: wanted })).status).toBe(201);
    expect((await callApi('anonymous', 'post', '/email-change/confirm', { token: await confirmTokenOf(wanted) })).status).toBe(200);

    expect((await callApi({ session: browser }, 'get', '/me')).status).toBe(401);
    expect(await keycloakSessions(person.keycloakId)).toBe(0);
  });
});
