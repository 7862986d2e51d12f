import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CookieJar, follow, request, signInThroughKeycloak } from '../helpers/browserless.js';
import { loginToConsole } from '../helpers/console-session.js';
import { createTestOrganization } from '../helpers/organizations.js';
import { createTestMember } from '../helpers/people.js';
import { database, stack } from '../helpers/stack.js';

describe('console login (back-end-for-front-end, real Keycloak)', () => {
  it('R21: a manager logs in and sees each organization with their role; no token reaches the browser', async () => {
    const first = await createTestOrganization({ legalName: 'Atelier Alpha SA' });
    const second = await createTestOrganization({ legalName: 'Bureau Beta SA' });
    const manager = await createTestMember(first.id, 'legal_representative', 'lea');
    await database().query(`INSERT INTO membership (person_id, organization_id, role, status) VALUES ($1, $2, 'observer', 'active')`, [
      manager.personId,
      second.id,
    ]);

    const browser = await loginToConsole(manager);
    expect(browser.sessionCookieLine).toMatch(/HttpOnly/i);
    expect(browser.sessionCookieLine).toMatch(/SameSite=Lax/i);
    const kept = browser.appCookieLines.filter((line) => !/^[^=]+=;/.test(line) && !/Expires=Thu, 01 Jan 1970/i.test(line));
    expect(kept.map((line) => line.split('=')[0])).toEqual(['procura_session']);
    expect(browser.sessionCookieLine).not.toMatch(/eyJ/); // an opaque id, never a JWT

    const me = await browser.get('/api/v1/me');
    expect(me.status).toBe(200);
    const body = (await me.json()) as { person: { email: string }; organizations: Array<{ legalName: string; role: string }> };
    expect(body.person.email).toBe(manager.email);
    expect(body.organizations.map((o) => [o.legalName, o.role])).toEqual([
      ['Atelier Alpha SA', 'legal_representative'],
      ['Bureau Beta SA', 'observer'],
    ]);
    expect(JSON.stringify(body)).not.toMatch(/eyJ/);
  });

  it('answers 401 problem+json without a session', async () => {
    const response = await fetch(`${stack().publicUrl}/api/v1/me`);
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(await response.json()).toMatchObject({ code: 'auth.required', messages: { fr: expect.any(String), en: expect.any(String) } });
  });

  it('refuses a callback whose state is unknown or replayed', async () => {
    const response = await fetch(`${stack().publicUrl}/auth/callback?state=forged&code=whatever`);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'auth.login_expired' });
  });

  it('R34, issue 16 item 6: a browser whose sign-in fails gets a page in French and English with a way back in and the support contact, not JSON', async () => {
    const response = await fetch(`${stack().publicUrl}/auth/callback?state=forged&code=whatever`, {
      headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' },
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('text/html');
    const page = await response.text();
    const support = JSON.parse(readFileSync(new URL('../../sync-service/profiles/procura.json', import.meta.url), 'utf8')).support as {
      email: string;
      phone: string;
    };
    expect(page).toContain('La connexion a expiré ou a déjà servi');
    expect(page).toContain('The sign-in expired or was already used');
    expect(page).toContain('href="/auth/login"');
    expect(page).toContain(support.email);
    expect(page).toContain(support.phone);
  });

  it('login CSRF: a callback carried to another browser is refused, and cannot be replayed', async () => {
    const organization = await createTestOrganization();
    const attacker = await createTestMember(organization.id, 'member', 'attacker');
    const { publicUrl } = stack();
    const callback = `${publicUrl}/auth/callback`;
    const attackerJar = new CookieJar();
    const planted = await signInThroughKeycloak(attackerJar, `${publicUrl}/auth/login`, callback, attacker);

    const victim = await request(new CookieJar(), planted);
    expect(victim.status).toBe(400);
    expect(victim.headers.getSetCookie().some((line) => line.startsWith('procura_session='))).toBe(false);

    const own = await request(attackerJar, planted);
    expect(own.status).toBe(303);
    const replay = await request(attackerJar, planted);
    expect(replay.status).toBe(400);
  });

  it('refuses a cross-site logout, then logs out for real: the Keycloak session ends too', async () => {
    const organization = await createTestOrganization();
    const member = await createTestMember(organization.id, 'member', 'leaving');
    const browser = await loginToConsole(member);

    const forged = await browser.post('/auth/logout', { origin: 'https://evil.example' });
    expect(forged.status).toBe(403);
    expect((await browser.get('/api/v1/me')).status).toBe(200);

    const logout = await browser.post('/auth/logout');
    expect(logout.status).toBe(303);
    const endSession = logout.headers.get('location') ?? '';
    expect(endSession).toContain(`${stack().keycloak.url}/realms/${stack().keycloak.realm}/protocol/openid-connect/logout`);
    browser.jar.store(logout);
    const afterLogout = await follow(browser.jar, endSession, stack().publicUrl);
    expect(afterLogout.url.startsWith(stack().publicUrl)).toBe(true);
    expect((await browser.get('/api/v1/me')).status).toBe(401);

    // Keycloak no longer knows the browser: a new login shows the password form again.
    const again = await follow(browser.jar, `${stack().publicUrl}/auth/login`, `${stack().publicUrl}/auth/callback`);
    expect(again.response?.status).toBe(200);
    expect(await again.response!.text()).toContain('kc-form-login');
  });

  it('never redirects after login to another site', async () => {
    const jar = new CookieJar();
    const response = await request(jar, `${stack().publicUrl}/auth/login?returnTo=//evil.example/`);
    expect(response.status).toBe(303);
    const state = new URL(response.headers.get('location')!).searchParams.get('state');
    const attempt = await database().query<{ return_to: string }>('SELECT return_to FROM login_attempt WHERE state = $1', [state]);
    expect(attempt.rows[0]?.return_to).toBe('/');
  });
});
