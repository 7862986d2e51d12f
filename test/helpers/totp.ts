import { follow, formAction, isAppCodePage, pageSummary, passSecondStep, submitPassword, type CookieJar } from './browserless.js';
import { adminCall, updateKeycloakUser } from './keycloak-user.js';
import { loginThrough, type LoginResult } from './tokens.js';
import { totpCode } from './totp-code.js';

/** What these steps need of a person (people.ts's `TestPerson` has it; people.ts imports this file). */
interface PersonLogin {
  readonly keycloakId: string;
  readonly email: string;
  readonly password: string;
}

const field = (html: string, name: string): string | undefined => new RegExp(`name="${name}"[^>]*value="([^"]*)"`).exec(html)?.[1]?.replace(/&amp;/g, '&');

/** The page is Keycloak's enrolment of an authenticator app (required action CONFIGURE_TOTP). */
export const isAppEnrolment = (html: string): boolean => html.includes('id="kc-totp-settings-form"');

/**
 * Answers Keycloak's enrolment page with a code of the secret it shows; gives the secret and what
 * Keycloak answered next.
 */
export async function answerEnrolment(
  jar: CookieJar,
  page: { url: string; html: string },
  redirectUri: string,
): Promise<{ secret: string; next: { url: string; response?: Response } }> {
  const secret = field(page.html, 'totpSecret');
  if (!secret) throw new Error(`no totpSecret on the enrolment page: ${pageSummary(page.html)}`);
  const next = await follow(jar, new URL(formAction(page.html, 'kc-totp-settings-form'), page.url).toString(), redirectUri, {
    totp: await totpCode(secret),
    totpSecret: secret,
    userLabel: 'Test app',
  });
  return { secret, next };
}

/**
 * Enrols an authenticator app for `person` the way a person does: Keycloak asks for it at the next
 * login (required action set by an administrator), after the password and the e-mailed code.
 */
export async function enrolAuthenticatorApp(person: PersonLogin): Promise<{ secret: string; login: LoginResult }> {
  await updateKeycloakUser(person.keycloakId, (user) => ({ requiredActions: [...new Set([...(user.requiredActions ?? []), 'CONFIGURE_TOTP'])] }));
  let secret = '';
  const login = await loginThrough(async (jar, url, redirectUri) => {
    const step = await passSecondStep(jar, await submitPassword(jar, url, redirectUri, person), redirectUri, person);
    if (!step.html || !isAppEnrolment(step.html)) throw new Error(`expected the app's enrolment: ${pageSummary(step.html ?? '')}`);
    const answered = await answerEnrolment(jar, { url: step.url, html: step.html }, redirectUri);
    secret = answered.secret;
    if (answered.next.response) throw new Error(`the enrolment did not end the login: ${pageSummary(await answered.next.response.text())}`);
    return answered.next.url;
  });
  return { secret, login };
}

/** Logs in with the password, then the authenticator app's code (and nothing else may be asked). */
export async function loginWithApp(person: Pick<PersonLogin, 'email' | 'password'>, secret: string): Promise<LoginResult> {
  return loginThrough(async (jar, url, redirectUri) => {
    const step = await submitPassword(jar, url, redirectUri, person);
    const html = step.response ? await step.response.text() : '';
    if (!isAppCodePage(html)) throw new Error(`expected the app's code page: ${pageSummary(html)}`);
    const done = await follow(jar, new URL(formAction(html, 'kc-otp-login-form'), step.url).toString(), redirectUri, {
      otp: await totpCode(secret),
      login: '',
    });
    if (done.response) throw new Error(`the app's code did not end the login: ${pageSummary(await done.response.text())}`);
    return done.url;
  });
}

/** The types of the user's credentials in Keycloak ("password", "otp", …). */
export async function credentialTypes(keycloakId: string): Promise<string[]> {
  return ((await (await adminCall(`/users/${keycloakId}/credentials`)).json()) as Array<{ type: string }>).map((c) => c.type);
}
