import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appointOperator } from '@procura/sync-service/operator/appoint';
import { freePort } from '../harness/ports.js';
import { CookieJar, follow, formAction, pageSummary, passSecondStep, request, signInThroughKeycloak, submitPassword } from '../helpers/browserless.js';
import { loginToConsole } from '../helpers/console-session.js';
import { adminCall } from '../helpers/keycloak-user.js';
import { mailsTo } from '../helpers/mail.js';
import { createTestOrganization } from '../helpers/organizations.js';
import { createTestMember, createTestPerson } from '../helpers/people.js';
import { startOwnApp, type OwnApp } from '../helpers/own-app.js';
import { database, keycloakAdmin } from '../helpers/stack.js';
import { consoleAuthorization, loginWithPassword } from '../helpers/tokens.js';
import { credentialTypes, enrolAuthenticatorApp, isAppEnrolment, loginWithApp } from '../helpers/totp.js';

/**
 * Issue 14 item 1, R2, R31, against the real Keycloak: the tokens say which factors the login
 * passed (`amr`); whoever enrolled an authenticator app is asked for it, and the e-mailed code is no
 * longer a way around it; the operator's staff cannot sign in on a code by e-mail alone; and the
 * console opens no session for a login whose token shows no second factor, whatever the realm's
 * flows become.
 */
describe('the second factor: what the tokens show, and who may use the e-mailed code', () => {
  it('R2: a login with the e-mailed code says so in its tokens: password, then code', async () => {
    const person = await createTestPerson('amr');
    const login = await loginWithPassword(person);
    expect(login.idClaims?.amr).toEqual(['pwd', 'code']);
    expect(login.claims.amr).toEqual(['pwd', 'code']);
  });

  it('once a person enrolled an authenticator app, the password leads to the app; "try another way" offers no e-mailed code, and asking for it sends none', async () => {
    const person = await createTestPerson('app');
    const { secret } = await enrolAuthenticatorApp(person);
    expect(await credentialTypes(person.keycloakId)).toContain('otp');
    const mailsBefore = (await mailsTo(person.email)).length;

    const { url, redirectUri } = await consoleAuthorization();
    const jar = new CookieJar();
    const afterPassword = await submitPassword(jar, url, redirectUri, person);
    const html = afterPassword.response ? await afterPassword.response.text() : '';
    expect(html, pageSummary(html)).toContain('id="kc-otp-login-form"');
    expect(html).not.toContain('procura-code-form');

    const choices = await follow(jar, new URL(formAction(html, 'kc-select-try-another-way-form'), afterPassword.url).toString(), redirectUri, {
      tryAnotherWay: 'on',
    });
    const choicesHtml = (await choices.response?.text()) ?? '';
    expect(choicesHtml).toContain('id="procura-select-authenticator"');
    expect(choicesHtml).toContain('Application d&#39;authentification');
    expect(choicesHtml).not.toContain('Code par e-mail ou SMS');
    // The code's step, asked for by hand (its execution is in the realm's flow), sends none.
    const codeStep = await codeExecutionId();
    const forced = await follow(jar, new URL(/action="([^"]+)"/.exec(choicesHtml)![1]!.replace(/&amp;/g, '&'), choices.url).toString(), redirectUri, {
      authenticationExecution: codeStep,
    });
    const forcedHtml = (await forced.response?.text()) ?? '';
    expect(forcedHtml).not.toContain('procura-code-form');
    // Keycloak refuses the step itself (it is not set up for this person: credential setup required).
    expect(forcedHtml).toMatch(/Connexion impossible/);

    const login = await loginWithApp(person, secret);
    expect(login.idClaims?.amr).toEqual(['pwd', 'otp']);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await mailsTo(person.email)).length, 'no code was e-mailed').toBe(mailsBefore);
  });

  it("R31: the operator's staff cannot end a login on the e-mailed code: Keycloak makes them enrol an app, and from then on asks only for it", async () => {
    const person = await createTestPerson('operator-first');
    await appointOperator(database(), keycloakAdmin(), person.email, 'test');
    const { url, redirectUri } = await consoleAuthorization();
    const jar = new CookieJar();
    const afterCode = await passSecondStep(jar, await submitPassword(jar, url, redirectUri, person), redirectUri, person);
    expect(afterCode.response, 'the code alone gave no login').toBeDefined();
    expect(isAppEnrolment(afterCode.html ?? ''), pageSummary(afterCode.html ?? '')).toBe(true);

    const { secret } = await enrolAuthenticatorApp(person);
    const withApp = { ...person, appSecret: secret };
    const console = await loginToConsole(withApp);
    expect(await (await console.get('/api/v1/me')).json()).toMatchObject({ operator: true });
    const afterPassword = await submitPassword(new CookieJar(), (await consoleAuthorization()).url, redirectUri, person);
    expect(await afterPassword.response?.text()).toContain('id="kc-otp-login-form"');
  });
});

/**
 * The console's own check (issue 14 item 1): an app of the test's own, with a console client of its
 * own whose browser flow asks the password only (as a realm changed by hand would): Keycloak gives
 * it tokens, the callback refuses them and opens no session.
 */
describe('the console refuses a login whose tokens show no second factor', () => {
  const suffix = randomBytes(4).toString('hex');
  const clientId = `weak-console-${suffix}`;
  const flowAlias = `password only ${suffix}`;
  const secret = randomBytes(16).toString('hex');
  let app: OwnApp;
  let publicUrl: string;
  let clientUuid: string | undefined;

  beforeAll(async () => {
    const port = await freePort();
    publicUrl = `http://localhost:${port}`;
    await adminCall('/authentication/flows', {
      method: 'POST',
      body: { alias: flowAlias, providerId: 'basic-flow', topLevel: true, builtIn: false, description: 'test: the password alone' },
    });
    await adminCall(`/authentication/flows/${encodeURIComponent(flowAlias)}/executions/execution`, {
      method: 'POST',
      body: { provider: 'auth-username-password-form' },
    });
    const [execution] = (await (await adminCall(`/authentication/flows/${encodeURIComponent(flowAlias)}/executions`)).json()) as Array<Record<string, unknown>>;
    await adminCall(`/authentication/flows/${encodeURIComponent(flowAlias)}/executions`, { method: 'PUT', body: { ...execution, requirement: 'REQUIRED' } });
    const flows = (await (await adminCall('/authentication/flows')).json()) as Array<{ id: string; alias: string }>;
    const flowId = flows.find((f) => f.alias === flowAlias)!.id;
    const created = await adminCall('/clients', {
      method: 'POST',
      body: {
        clientId,
        secret,
        publicClient: false,
        standardFlowEnabled: true,
        directAccessGrantsEnabled: false,
        implicitFlowEnabled: false,
        redirectUris: [`${publicUrl}/auth/callback`],
        attributes: { 'pkce.code.challenge.method': 'S256', 'post.logout.redirect.uris': publicUrl },
        authenticationFlowBindingOverrides: { browser: flowId },
        protocolMappers: [
          { name: 'amr', protocol: 'openid-connect', protocolMapper: 'oidc-amr-mapper', config: { 'id.token.claim': 'true', 'access.token.claim': 'true' } },
        ],
      },
    });
    clientUuid = created.headers.get('location')?.split('/').pop();
    app = await startOwnApp({ PROCURA_PUBLIC_URL: publicUrl, PROCURA_CONSOLE_CLIENT_ID: clientId, PROCURA_CONSOLE_CLIENT_SECRET: secret }, port);
  });

  afterAll(async () => {
    await app?.close();
    if (clientUuid) await adminCall(`/clients/${clientUuid}`, { method: 'DELETE' });
    const flows = (await (await adminCall('/authentication/flows')).json()) as Array<{ id: string; alias: string }>;
    const flow = flows.find((f) => f.alias === flowAlias);
    if (flow) await adminCall(`/authentication/flows/${flow.id}`, { method: 'DELETE' });
  });

  it('Keycloak answers after the password alone, and the callback says no: 403, no session cookie', async () => {
    const organization = await createTestOrganization();
    const person = await createTestMember(organization.id, 'manager', 'weak-flow');
    const jar = new CookieJar();
    const callback = `${publicUrl}/auth/callback`;
    const returned = await signInThroughKeycloak(jar, `${publicUrl}/auth/login`, callback, person);
    const answer = await request(jar, returned);
    expect(answer.status).toBe(403);
    expect(await answer.json()).toMatchObject({
      code: 'auth.second_factor_missing',
      messages: { fr: expect.stringMatching(/second facteur/), en: expect.stringMatching(/second factor/) },
    });
    expect(answer.headers.getSetCookie().some((line) => line.startsWith('procura_session='))).toBe(false);
    expect((await request(jar, `${publicUrl}/api/v1/me`)).status).toBe(401);
  });
});

/** The id of the code's step in the realm's login flow (what a hand-made form would post). */
async function codeExecutionId(): Promise<string> {
  const executions = (await (await adminCall(`/authentication/flows/${encodeURIComponent('procura browser')}/executions`)).json()) as Array<{
    id: string;
    providerId?: string;
  }>;
  return executions.find((e) => e.providerId === 'procura-otp-code')!.id;
}
