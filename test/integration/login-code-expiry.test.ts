import { randomBytes } from 'node:crypto';
import * as oidc from 'openid-client';
import { beforeAll, describe, expect, it } from 'vitest';
import { CookieJar, follow, formAction, pageOfSecondStep, submitPassword, type CodePage } from '../helpers/browserless.js';
import { adminCall, loginFailures, setMobile } from '../helpers/keycloak-user.js';
import { mailsTo, waitForLoginCode } from '../helpers/mail.js';
import { createTestPerson } from '../helpers/people.js';
import { smsTo, waitForSmsCode } from '../helpers/sms.js';
import { stack } from '../helpers/stack.js';

/**
 * R2: an expired code is refused, through the real Keycloak, without waiting 5 minutes; and, with
 * no cooldown in the way, one login attempt sends no more codes than its budget. The realm's
 * own flow keeps the production validity (at most 300 s, PROCURA_OTP_VALIDITY_SECONDS); this file
 * builds a flow of its own, e-mail and password then `procura-otp-code` configured with a 4-second
 * validity and no resend cooldown, and binds it to a client of its own as its browser flow, so no
 * other test sees it.
 */
const suffix = randomBytes(4).toString('hex');
const shortCode = {
  flowAlias: `test short code ${suffix}`,
  clientId: `test-short-code-${suffix}`,
  config: { 'code.validity.seconds': '4', 'resend.cooldown.seconds': '0' },
};
/** No cooldown either, but the production validity: a login that asks for many codes in a row. */
const noCooldown = { flowAlias: `test no cooldown ${suffix}`, clientId: `test-no-cooldown-${suffix}`, config: { 'resend.cooldown.seconds': '0' } };
type CodeClient = typeof shortCode | typeof noCooldown;

async function createCodeClient({ flowAlias, clientId, config }: CodeClient, redirectUri: string): Promise<void> {
  const flows = `/authentication/flows`;
  await adminCall(flows, {
    method: 'POST',
    body: { alias: flowAlias, providerId: 'basic-flow', topLevel: true, builtIn: false, description: `test: ${flowAlias}` },
  });
  const executions = `${flows}/${encodeURIComponent(flowAlias)}/executions`;
  for (const provider of ['auth-username-password-form', 'procura-otp-code']) {
    await adminCall(`${executions}/execution`, { method: 'POST', body: { provider } });
  }
  const added = (await (await adminCall(executions)).json()) as Array<{ id: string; providerId: string; requirement: string }>;
  for (const execution of added) await adminCall(executions, { method: 'PUT', body: { ...execution, requirement: 'REQUIRED' } });
  const code = added.find((execution) => execution.providerId === 'procura-otp-code')!;
  await adminCall(`/authentication/executions/${code.id}/config`, {
    method: 'POST',
    body: { alias: `${flowAlias} config`, config },
  });
  const flowId = ((await (await adminCall(flows)).json()) as Array<{ id: string; alias: string }>).find((flow) => flow.alias === flowAlias)!.id;
  await adminCall('/clients', {
    method: 'POST',
    body: {
      clientId,
      publicClient: true,
      standardFlowEnabled: true,
      directAccessGrantsEnabled: false,
      redirectUris: [redirectUri],
      attributes: { 'pkce.code.challenge.method': 'S256' },
      authenticationFlowBindingOverrides: { browser: flowId },
    },
  });
}

async function authorizationUrl(redirectUri: string, { clientId }: CodeClient = shortCode): Promise<string> {
  const { keycloak } = stack();
  const url = new URL(`${keycloak.url}/realms/${keycloak.realm}/protocol/openid-connect/auth`);
  const challenge = await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier());
  const params = {
    client_id: clientId,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: 'openid',
    state: oidc.randomState(),
    code_challenge: challenge,
    code_challenge_method: 'S256',
  };
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return url.toString();
}

function codePageOf(html: string, url: string): CodePage {
  const page = pageOfSecondStep(html, url);
  if (!page || page === 'choice') throw new Error('no code page');
  return page;
}

describe('R2: an expired one-time code', () => {
  const redirectUri = (): string => `${stack().publicUrl}/test-short-code/callback`;
  beforeAll(async () => {
    await createCodeClient(shortCode, redirectUri());
    await createCodeClient(noCooldown, redirectUri());
  });

  it('R2: a code typed after its validity is refused, says so, and a new code then lets the person in', async () => {
    const person = await createTestPerson('code-expired');
    const jar = new CookieJar();
    const afterPassword = await submitPassword(jar, await authorizationUrl(redirectUri()), redirectUri(), person);
    const first = codePageOf(await afterPassword.response!.text(), afterPassword.url);
    const code = await waitForLoginCode(person.email, first.reference);
    await new Promise((resolve) => setTimeout(resolve, 4_500));

    const late = await follow(jar, first.action, redirectUri(), { code, login: '' });
    expect(late.response, 'an expired code must not let the person in').toBeDefined();
    const lateHtml = await late.response!.text();
    expect(lateHtml).toContain('Ce code a expiré');
    const again = await follow(jar, codePageOf(lateHtml, late.url).action, redirectUri(), { code, login: '' });
    expect(again.response, 'the expired code stays refused').toBeDefined();

    const resent = await follow(jar, codePageOf(await again.response!.text(), again.url).action, redirectUri(), { resend: '' });
    const fresh = codePageOf(await resent.response!.text(), resent.url);
    expect(fresh.reference).not.toBe(first.reference);
    const back = await follow(jar, fresh.action, redirectUri(), { code: await waitForLoginCode(person.email, fresh.reference), login: '' });
    expect(back.response).toBeUndefined();
    expect(back.url).toMatch(/[?&]code=/);
  });

  const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 1_500));

  it('issue 14 item 11: one login attempt sends 5 codes at most, by e-mail and SMS together; the last one still works', async () => {
    const person = await createTestPerson('code-budget');
    const phone = `+4178${(randomBytes(3).readUIntBE(0, 3) % 9_000_000) + 1_000_000}`;
    await setMobile(person.keycloakId, phone, true);
    const jar = new CookieJar();
    let step = await submitPassword(jar, await authorizationUrl(redirectUri(), noCooldown), redirectUri(), person);
    let html = await step.response!.text();
    const choose = async (channel: 'email' | 'sms'): Promise<CodePage> => {
      if (pageOfSecondStep(html, step.url) !== 'choice') {
        step = await follow(jar, codePageOf(html, step.url).action, redirectUri(), { choose: '' });
        html = await step.response!.text();
      }
      step = await follow(jar, new URL(formAction(html, 'procura-code-channel-form'), step.url).toString(), redirectUri(), { channel });
      html = await step.response!.text();
      return codePageOf(html, step.url);
    };
    const resend = async (): Promise<CodePage> => {
      step = await follow(jar, codePageOf(html, step.url).action, redirectUri(), { resend: '' });
      html = await step.response!.text();
      return codePageOf(html, step.url);
    };
    const pages = [await choose('email'), await resend(), await choose('sms'), await resend(), await choose('email')];
    expect(pages.map((page) => page.channel)).toEqual(['email', 'email', 'sms', 'sms', 'email']);
    expect(new Set(pages.map((page) => page.reference)).size).toBe(5);

    const refused = await resend();
    expect(refused.html).toContain('Trop de codes ont été envoyés pour cette connexion');
    expect(refused.reference).toBe(pages[4]!.reference);
    expect((await choose('sms')).html).toContain('Trop de codes ont été envoyés pour cette connexion');
    await settle();
    expect((await mailsTo(person.email)).length + (await smsTo(phone)).length).toBe(5);

    const back = await follow(jar, codePageOf(html, step.url).action, redirectUri(), {
      code: await waitForLoginCode(person.email, pages[4]!.reference),
      login: '',
    });
    expect(back.response).toBeUndefined();
    expect(back.url).toMatch(/[?&]code=/);
    await waitForSmsCode(phone, pages[3]!.reference);
  });

  it('issue 14 item 11: once the codes of a login are spent, a wrong try on the last one is still a failure of the login', async () => {
    const person = await createTestPerson('code-budget-failures');
    const jar = new CookieJar();
    let step = await submitPassword(jar, await authorizationUrl(redirectUri(), noCooldown), redirectUri(), person);
    let page = codePageOf(await step.response!.text(), step.url);
    for (let sent = 2; sent <= 5; sent++) {
      step = await follow(jar, page.action, redirectUri(), { resend: '' });
      page = codePageOf(await step.response!.text(), step.url);
    }
    const code = await waitForLoginCode(person.email, page.reference);
    const wrong = code === '000000' ? '111111' : '000000';
    let html = '';
    for (let attempt = 1; attempt <= 5; attempt++) {
      // A person's pace: failures less than a second apart would lock the account at once.
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      step = await follow(jar, page.action, redirectUri(), { code: wrong, login: '' });
      html = await step.response!.text();
      page = codePageOf(html, step.url);
    }
    expect(html).toContain('Trop de codes ont été envoyés pour cette connexion');
    // Each wrong code is a failed login for the brute-force protector, the last one too.
    expect(await loginFailures(person.keycloakId, 5)).toBe(5);
    await settle();
    expect(await mailsTo(person.email)).toHaveLength(5);
  });
});
