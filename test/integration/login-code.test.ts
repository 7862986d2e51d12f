import { randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { masterAdminToken } from '../harness/realm-import.js';
import { CookieJar, follow, formAction, pageOfSecondStep, submitPassword, type CodePage } from '../helpers/browserless.js';
import { mailsTo, waitForLoginCode } from '../helpers/mail.js';
import { loginFailures, setMobile } from '../helpers/keycloak-user.js';
import { createTestPerson, type TestPerson } from '../helpers/people.js';
import { smsTo, waitForSmsCode } from '../helpers/sms.js';
import { stack } from '../helpers/stack.js';
import { consoleAuthorization, loginWithPassword } from '../helpers/tokens.js';

/** E-mail and password accepted; the code page that follows. */
async function codePage(jar: CookieJar, person: TestPerson): Promise<CodePage & { redirectUri: string }> {
  const { url, redirectUri } = await consoleAuthorization();
  const step = await submitPassword(jar, url, redirectUri, person);
  const page = step.response && pageOfSecondStep(await step.response.text(), step.url);
  if (!page || page === 'choice') throw new Error(`no code page after the password of ${person.email}`);
  return { ...page, redirectUri };
}

/** Posts `code` on the code page; `back` is the URL of the redirect to the client when the code was taken. */
async function submitCode(jar: CookieJar, page: CodePage & { redirectUri: string }, code: string): Promise<{ back?: string; html: string }> {
  const step = await follow(jar, page.action, page.redirectUri, { code, login: '' });
  if (!step.response) return { back: step.url, html: '' };
  return { html: await step.response.text() };
}

/** LOGIN events of `person` whose code step judged a code and accepted it. */
async function acceptedCodeLogins(person: TestPerson): Promise<number> {
  const { keycloak } = stack();
  const headers = { authorization: `Bearer ${await masterAdminToken(keycloak)}` };
  const url = `${keycloak.url}/admin/realms/${keycloak.realm}/events?type=LOGIN&user=${person.keycloakId}&max=100`;
  const events = (await (await fetch(url, { headers })).json()) as Array<{ details?: Record<string, string> }>;
  return events.filter((event) => event.details?.procura_code_outcome === 'accepted').length;
}

const wrongCode = (code: string): string => (code === '000000' ? '111111' : '000000');
const mobile = (): string => `+4179${randomInt(1_000_000, 9_999_999)}`;

describe('R2: the one-time code after the password', () => {
  it('R2: e-mail and password, then the code e-mailed in French, give tokens', async () => {
    const person = await createTestPerson('code-mail');
    const result = await loginWithPassword(person);
    expect(result.claims.sub).toBe(person.keycloakId);
    const [mail] = await mailsTo(person.email);
    expect(mail?.subject).toMatch(/^Procura – votre code de connexion \(référence [A-Z0-9]{4}\)$/);
    expect(mail?.text).toMatch(/valable 5 minutes/);
  });

  it('R2: the code page says where the code went and what to do, in French', async () => {
    const person = await createTestPerson('code-page');
    const page = await codePage(new CookieJar(), person);
    expect(page.channel).toBe('email');
    expect(page.html).toContain('Saisissez votre code');
    expect(page.html).toMatch(/Nous avons envoyé un code de 6 chiffres à c•+@example\.test/);
    expect(page.html).toContain(page.reference);
  });

  it('R2: with a verified mobile number the person chooses SMS, and the code comes from the SMS sink', async () => {
    const person = await createTestPerson('code-sms');
    const phone = mobile();
    await setMobile(person.keycloakId, phone, true);
    const result = await loginWithPassword(person, { channel: 'sms', readCode: (reference) => waitForSmsCode(phone, reference) });
    expect(result.claims.sub).toBe(person.keycloakId);
    expect(await mailsTo(person.email)).toHaveLength(0);
  });

  it('R2: an unverified mobile number is not offered; the code goes by e-mail', async () => {
    const person = await createTestPerson('code-unverified');
    await setMobile(person.keycloakId, mobile(), false);
    const page = await codePage(new CookieJar(), person);
    expect(page.channel).toBe('email');
  });

  it('R2: after 5 wrong codes that code is void even when right, and a new code is sent', async () => {
    const person = await createTestPerson('code-wrong');
    const jar = new CookieJar();
    const first = await codePage(jar, person);
    const code = await waitForLoginCode(person.email, first.reference);
    let page = first;
    const next = (html: string): CodePage & { redirectUri: string } => {
      const found = pageOfSecondStep(html, page.action);
      if (!found || found === 'choice') throw new Error('no code page after a wrong code');
      return { ...found, redirectUri: first.redirectUri };
    };
    // Wrong codes count as failed logins (Keycloak's brute-force protection): failures less than a
    // second apart would lock the account at once (its quick-login check), so a person's pace.
    const pause = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 1_100));
    for (let left = 4; left >= 1; left--) {
      await pause();
      const answer = await submitCode(jar, page, wrongCode(code));
      expect(answer.html).toContain(`Il vous reste ${left} essai(s)`);
      page = next(answer.html);
      expect(page.reference).toBe(first.reference);
    }
    await pause();
    const fifth = await submitCode(jar, page, wrongCode(code));
    expect(fifth.html).toMatch(/Trop d(&#39;|')essais avec ce code/);
    page = next(fifth.html);
    expect(page.reference).not.toBe(first.reference);
    await pause();
    const old = await submitCode(jar, page, code);
    expect(old.back).toBeUndefined();
    page = next(old.html);
    const fresh = await waitForLoginCode(person.email, page.reference);
    const accepted = await submitCode(jar, page, fresh);
    expect(accepted.back).toMatch(/[?&]code=/);
  });

  it('R2: wrong codes count as failed logins, with the wrong passwords (the brute-force protection), and the right one clears them', async () => {
    const person = await createTestPerson('code-counted');
    const jar = new CookieJar();
    const first = await codePage(jar, person);
    const code = await waitForLoginCode(person.email, first.reference);
    let page = first;
    for (const count of [1, 2]) {
      const answer = await submitCode(jar, page, wrongCode(code));
      page = { ...(pageOfSecondStep(answer.html, page.action) as CodePage), redirectUri: first.redirectUri };
      expect(await loginFailures(person.keycloakId, count)).toBe(count);
      await new Promise((resolve) => setTimeout(resolve, 1_100)); // a person's pace (Keycloak's quick-login check)
    }
    expect((await submitCode(jar, page, code)).back).toMatch(/[?&]code=/);
    expect(await loginFailures(person.keycloakId, 0)).toBe(0);
  });

  it('R2: a used code is refused in a later login', async () => {
    const person = await createTestPerson('code-replay');
    const jar = new CookieJar();
    const page = await codePage(jar, person);
    const code = await waitForLoginCode(person.email, page.reference);
    expect((await submitCode(jar, page, code)).back).toMatch(/[?&]code=/);
    const later = await codePage(new CookieJar(), person);
    expect(later.reference).not.toBe(page.reference);
    const replayed = await submitCode(new CookieJar(), later, code);
    expect(replayed.back).toBeUndefined();
  });

  it('R2: 50 parallel submissions of one code let at most one through', async () => {
    const person = await createTestPerson('code-race');
    const jar = new CookieJar();
    const page = await codePage(jar, person);
    const code = await waitForLoginCode(person.email, page.reference);
    const answers = await Promise.all(Array.from({ length: 50 }, () => submitCode(jar, page, code)));
    expect(answers.filter((answer) => answer.back).length).toBeGreaterThanOrEqual(1);
    // The code is accepted once: one LOGIN event carries the authenticator's "accepted". Keycloak
    // itself may finish a racing request of this same browser (same authentication session cookie)
    // that read the session after the winner passed the step: that request never judged a code.
    expect(await acceptedCodeLogins(person)).toBe(1);
  });

  it('R2: a new code is not sent again before the cooldown', async () => {
    const person = await createTestPerson('code-resend');
    const jar = new CookieJar();
    const page = await codePage(jar, person);
    const step = await follow(jar, page.action, page.redirectUri, { resend: '' });
    expect(await step.response!.text()).toMatch(/Patientez encore \d+ secondes/);
  });

  it('issue 14 item 11: switching from e-mail to SMS is asking for another code: the cooldown holds, no SMS leaves', async () => {
    const person = await createTestPerson('code-switch');
    const phone = mobile();
    await setMobile(person.keycloakId, phone, true);
    const jar = new CookieJar();
    const { url, redirectUri } = await consoleAuthorization();
    const afterPassword = await submitPassword(jar, url, redirectUri, person);
    const choice = await afterPassword.response!.text();
    expect(pageOfSecondStep(choice, afterPassword.url)).toBe('choice');
    const byMail = await follow(jar, new URL(formAction(choice, 'procura-code-channel-form'), afterPassword.url).toString(), redirectUri, { channel: 'email' });
    const mailPage = pageOfSecondStep(await byMail.response!.text(), byMail.url) as CodePage;
    expect(mailPage.channel).toBe('email');
    await waitForLoginCode(person.email, mailPage.reference);

    const back = await follow(jar, mailPage.action, redirectUri, { choose: '' });
    const again = await back.response!.text();
    expect(pageOfSecondStep(again, back.url)).toBe('choice');
    const switched = await follow(jar, new URL(formAction(again, 'procura-code-channel-form'), back.url).toString(), redirectUri, { channel: 'sms' });
    const html = await switched.response!.text();
    expect(html).toMatch(/Patientez encore \d+ secondes/);
    expect(pageOfSecondStep(html, switched.url)).toMatchObject({ channel: 'email', reference: mailPage.reference });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await smsTo(phone)).toEqual([]);
    expect(await mailsTo(person.email)).toHaveLength(1);
  });
});
