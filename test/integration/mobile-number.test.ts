import { randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CookieJar, follow, formAction, pageOfSecondStep, passSecondStep, submitPassword } from '../helpers/browserless.js';
import { adminCall, keycloakUser, updateKeycloakUser } from '../helpers/keycloak-user.js';
import { createTestPerson, type TestPerson } from '../helpers/people.js';
import { smsTo, waitForSmsCode } from '../helpers/sms.js';
import { consoleAuthorization, loginWithPassword } from '../helpers/tokens.js';

/** The page of the required action procura-mobile-number: its step, where to post, what it shows. */
interface MobilePage {
  readonly step: 'number' | 'code';
  readonly action: string;
  readonly html: string;
  readonly reference: string | undefined;
}

function mobilePage(html: string, url: string): MobilePage | undefined {
  if (!html.includes('id="procura-mobile-form"')) return undefined;
  const step = /data-step="(number|code)"/.exec(html)?.[1] as 'number' | 'code';
  const reference = /data-reference="([A-Z0-9]+)"/.exec(html)?.[1];
  return { step, action: new URL(formAction(html, 'procura-mobile-form'), url).toString(), html, reference };
}

/** A login (password, then the e-mailed code) that lands on the mobile number's page. */
async function loginToMobilePage(person: TestPerson, extra: Record<string, string> = {}): Promise<{ jar: CookieJar; page: MobilePage; redirectUri: string }> {
  const jar = new CookieJar();
  const { url, redirectUri } = await consoleAuthorization(extra);
  const step = await passSecondStep(jar, await submitPassword(jar, url, redirectUri, person), redirectUri, person);
  const page = step.html === undefined ? undefined : mobilePage(step.html, step.url);
  if (!page) throw new Error(`no mobile number page after the login of ${person.email} (${step.url})`);
  return { jar, page, redirectUri };
}

/** Posts `form` on the page; gives the next mobile page, or `back`, the URL of the redirect to the client. */
async function submit(jar: CookieJar, page: MobilePage, redirectUri: string, form: Record<string, string>): Promise<{ page?: MobilePage; back?: string }> {
  const step = await follow(jar, page.action, redirectUri, form);
  if (!step.response) return { back: step.url };
  const html = await step.response.text();
  const next = mobilePage(html, step.url);
  if (!next) throw new Error(`neither the mobile page nor the client after ${JSON.stringify(form)}: ${html.slice(0, 300)}`);
  return { page: next };
}

const mobile = (): string => `+4179${randomInt(1_000_000, 9_999_999)}`;
/** `+41791234567` as a person types it: `+41 79 123 45 67`. */
const typed = (phone: string): string => `${phone.slice(0, 3)} ${phone.slice(3, 5)} ${phone.slice(5, 8)} ${phone.slice(8, 10)} ${phone.slice(10)}`;

describe('R2: the mobile number that may receive login codes (required action procura-mobile-number)', () => {
  it('R2: a person adds a number from the application (kc_action), verifies it with the SMS code; the next login offers e-mail or SMS', async () => {
    const person = await createTestPerson('mobile-add');
    const phone = mobile();
    const { jar, page, redirectUri } = await loginToMobilePage(person, { kc_action: 'procura-mobile-number' });
    expect(page.step).toBe('number');
    expect(page.html).toContain('Votre numéro de mobile');

    const sent = await submit(jar, page, redirectUri, { phone_number: typed(phone), send: '' });
    expect(sent.page?.step).toBe('code');
    expect(sent.page?.html).toMatch(/par SMS au \+41 ••• •• \d\d/);
    expect((await keycloakUser(person.keycloakId)).attributes?.phone_number, 'not stored before it is verified').toBeUndefined();
    const code = await waitForSmsCode(phone, sent.page!.reference!);
    const done = await submit(jar, sent.page!, redirectUri, { code, verify: '' });
    expect(done.back).toMatch(/[?&]kc_action_status=success/);
    expect((await keycloakUser(person.keycloakId)).attributes).toMatchObject({ phone_number: [phone], phone_number_verified: ['true'] });

    const next = new CookieJar();
    const { url, redirectUri: back } = await consoleAuthorization();
    const afterPassword = await submitPassword(next, url, back, person);
    expect(pageOfSecondStep(await afterPassword.response!.text(), afterPassword.url)).toBe('choice');
    const result = await loginWithPassword(person, { channel: 'sms', readCode: (reference) => waitForSmsCode(phone, reference) });
    expect(result.claims.sub).toBe(person.keycloakId);
  });

  it('R2: optional at activation: "Later" (here in English) lets the person in, stores no number and does not ask again', async () => {
    const person = await createTestPerson('mobile-skip');
    await updateKeycloakUser(person.keycloakId, () => ({ requiredActions: ['procura-mobile-number'] }));
    const { jar, page, redirectUri } = await loginToMobilePage(person, { ui_locales: 'en' });
    expect(page.html).toContain('Your mobile number');
    expect(page.html).toContain('Later');
    const skipped = await submit(jar, page, redirectUri, { skip: '' });
    expect(skipped.back).toMatch(/[?&]code=/);
    const user = await keycloakUser(person.keycloakId);
    expect(user.requiredActions).toEqual([]);
    expect(user.attributes?.phone_number).toBeUndefined();
    expect((await loginWithPassword(person)).claims.sub).toBe(person.keycloakId);
  });

  it('R2: a national number, a wrong code and a second code within the cooldown are refused with what to do; nothing is stored', async () => {
    const person = await createTestPerson('mobile-refusals');
    const phone = mobile();
    const { jar, page, redirectUri } = await loginToMobilePage(person, { kc_action: 'procura-mobile-number' });
    const national = await submit(jar, page, redirectUri, { phone_number: '079 123 45 67', send: '' });
    expect(national.page?.step).toBe('number');
    expect(national.page?.html).toContain('format international');
    expect(national.page?.html).toContain('value="079 123 45 67"');

    const sent = await submit(jar, national.page!, redirectUri, { phone_number: phone, send: '' });
    const code = await waitForSmsCode(phone, sent.page!.reference!);
    const wrong = await submit(jar, sent.page!, redirectUri, { code: code === '000000' ? '111111' : '000000', verify: '' });
    expect(wrong.page?.html).toContain('Il vous reste 4 essai(s)');
    const resend = await submit(jar, wrong.page!, redirectUri, { resend: '' });
    expect(resend.page?.html).toMatch(/Patientez encore \d+ secondes/);
    expect(await smsTo(phone)).toHaveLength(1);

    const cancelled = await submit(jar, resend.page!, redirectUri, { skip: '' });
    expect(cancelled.back).toMatch(/[?&]kc_action_status=cancelled/);
    expect((await keycloakUser(person.keycloakId)).attributes?.phone_number).toBeUndefined();
  });

  it('R2: a verification code typed after its validity is refused and the number is not stored (the action configured at 3 s for this test)', async () => {
    const config = '/authentication/required-actions/procura-mobile-number/config';
    const tooLong = { config: { 'code.validity.seconds': '301' } };
    await expect(adminCall(config, { method: 'PUT', body: tooLong }), 'no configuration makes a code live over 5 minutes').rejects.toThrow(/: 400 /);
    await adminCall(config, { method: 'PUT', body: { config: { 'code.validity.seconds': '3', 'resend.cooldown.seconds': '0' } } });
    try {
      const person = await createTestPerson('mobile-expired');
      const phone = mobile();
      const { jar, page, redirectUri } = await loginToMobilePage(person, { kc_action: 'procura-mobile-number' });
      const sent = await submit(jar, page, redirectUri, { phone_number: phone, send: '' });
      const code = await waitForSmsCode(phone, sent.page!.reference!);
      await new Promise((resolve) => setTimeout(resolve, 3_500));
      const late = await submit(jar, sent.page!, redirectUri, { code, verify: '' });
      expect(late.page?.html).toContain('Ce code a expiré');
      expect((await keycloakUser(person.keycloakId)).attributes?.phone_number).toBeUndefined();
    } finally {
      await adminCall(config, { method: 'DELETE' });
    }
  });
});
