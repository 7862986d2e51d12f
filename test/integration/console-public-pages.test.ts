import { beforeAll, describe, expect, it } from 'vitest';
import { setMailSecurityKey } from '@procura/sync-service/organizations/mail-security-key';
import { testActor } from '../helpers/actor.js';
import { bearerOf, callApi } from '../helpers/api.js';
import { ensureConsoleBuilt } from '../helpers/console-build.js';
import { createTestOrganization } from '../helpers/organizations.js';
import { createTestMember } from '../helpers/people.js';
import { database, stack } from '../helpers/stack.js';

/**
 * The pages e-mailed links open (R16 `/invitation#token=…`, R4 `/email-change#token=…`) are the
 * console's index.html, served by the sync-service like its other static files; and R16, R23: the
 * organization says whether activation asks for a mail security key, never the key.
 */
const html = { accept: 'text/html,application/xhtml+xml' };
const get = (path: string, headers: Record<string, string> = html) => fetch(`${stack().publicUrl}${path}`, { headers });
/** The headers a page answer carries, without those that change with time or file. */
const headerNames = (response: Response) =>
  [...response.headers.keys()].filter((name) => !['date', 'etag', 'last-modified', 'content-length', 'keep-alive', 'connection'].includes(name)).sort();

describe('the sync-service serves the console for the e-mailed links', () => {
  beforeAll(async () => {
    await ensureConsoleBuilt();
  }, 180_000);

  it.each(['/invitation', '/email-change', '/sign-up', '/recovery'])('GET %s is the console page, with the same headers as the console root', async (path) => {
    const [root, page] = [await get('/'), await get(path)];
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const text = await page.text();
    expect(text).toBe(await root.text());
    expect(text).toContain('<procura-app>');
    expect(headerNames(page)).toEqual(headerNames(root));
  });

  it('only these exact paths, only for HTML: the rest stays a problem+json 404', async () => {
    for (const path of ['/invitation/', '/sign-up/', '/signup', '/invitations', '/invitation/x', '/Invitation', '/email-change/other']) {
      const response = await get(path);
      expect([path, response.status]).toEqual([path, 404]);
      expect(response.headers.get('content-type')).toMatch(/problem\+json/);
    }
    const json = await get('/invitation', { accept: 'application/json' });
    expect(json.status).toBe(404);
    expect(json.headers.get('content-type')).toMatch(/problem\+json/);
  });
});

describe('R16, R23: GET /organizations/{orgId} says whether a mail security key is set', () => {
  it('false without a key, true once one is set, and the key never appears', async () => {
    const organization = await createTestOrganization({ legalName: 'Clé Courrier SA' });
    const manager = await bearerOf(await createTestMember(organization.id, 'manager'));
    const read = () => callApi(manager, 'get', `/organizations/${organization.id}`);
    expect((await read()).body).toMatchObject({ id: organization.id, mailSecurityKeySet: false });
    await setMailSecurityKey(database(), testActor, { organizationId: organization.id, key: 'GE-2026-SECRET-KEY' });
    const answer = await read();
    expect(answer.body).toMatchObject({ mailSecurityKeySet: true });
    expect(JSON.stringify(answer.body)).not.toContain('GE-2026-SECRET-KEY');
    expect(JSON.stringify(answer.body)).not.toMatch(/hash/i);
  }, 60_000);
});
