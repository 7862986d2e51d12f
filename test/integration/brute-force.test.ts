import { describe, expect, it } from 'vitest';
import { CookieJar, pageSummary, submitPassword } from '../helpers/browserless.js';
import { createTestPerson } from '../helpers/people.js';
import { consoleAuthorization, loginWithPassword } from '../helpers/tokens.js';

/**
 * Issue 14 item 10, R2: the realm's brute-force protection against the real Keycloak. The right
 * password never reads as wrong, even when one person logs in from several tabs or devices at the
 * same moment; wrong passwords still lock the account out.
 */
describe('brute-force protection: concurrent correct logins pass, wrong ones lock out', () => {
  it('5 parallel logins of one person with the right password and code all get tokens', async () => {
    const person = await createTestPerson('parallel');
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => loginWithPassword(person)));
    const refused = results.flatMap((r) => (r.status === 'rejected' ? [String(r.reason)] : []));
    expect(refused).toEqual([]);
    for (const r of results) if (r.status === 'fulfilled') expect(r.value.claims.email).toBe(person.email);
  });

  it('20 parallel wrong passwords are all counted: none gets through, and the right one is then refused as locked', async () => {
    const person = await createTestPerson('guesses');
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => attemptAs(person, `${person.password}-guess-${i}`)));
    expect(answers.filter((a) => a === 'signed in' || /code/i.test(a))).toEqual([]);
    expect(await attemptAs(person, person.password)).toMatch(/compte est bloqué quelques minutes/);
  });

  it('after wrong passwords the right one is refused too, and the page says the account is locked for a few minutes', async () => {
    const person = await createTestPerson('wrong');
    const attempt = (password: string) => attemptAs(person, password);
    // Wrong passwords read as wrong until the realm locks the account: after at most 10 failures
    // (failureFactor), sooner when they come faster than a person types (quickLoginCheckMilliSeconds).
    const answers: string[] = [];
    for (let i = 0; i < 10; i++) answers.push(await attempt(`${person.password}-wrong-${i}`));
    expect(answers[0]).toMatch(/mot de passe incorrect/);
    expect(answers.at(-1)).toMatch(/compte est bloqué quelques minutes/);
    // Locked out: the right password is refused, and the page says why rather than "wrong password".
    const right = await attempt(person.password);
    expect(right).toMatch(/compte est bloqué quelques minutes/);
    expect(right).not.toMatch(/incorrect|invalide/);
  });
});

/** Posts e-mail and password on a fresh login page; gives the page's title and message, or 'signed in'. */
async function attemptAs(person: { email: string }, password: string): Promise<string> {
  const { url, redirectUri } = await consoleAuthorization();
  const step = await submitPassword(new CookieJar(), url, redirectUri, { email: person.email, password });
  return step.response ? pageSummary(await step.response.text()) : 'signed in';
}
