import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reconcile } from '@procura/sync-service/projection/reconciler';
import { startEmployerInbox, type RunningEmployerInbox } from '../harness/employer-inbox.js';
import { cacheDir } from '../harness/paths.js';
import { freePort } from '../harness/ports.js';
import { isAlive } from '../harness/processes.js';
import { registerRedirectUri } from '../harness/service-clients.js';
import { logInToInbox } from '../helpers/employer-inbox.js';
import { grant, subscribe } from '../helpers/model.js';
import { createTestOrganization } from '../helpers/organizations.js';
import { createTestMember } from '../helpers/people.js';
import { database, keycloakAdmin, stack } from '../helpers/stack.js';

/**
 * `npm start` runs the example inbox (R29) beside the stack with what scripts/start.ts calls:
 * startEmployerInbox, which reads the client secret through Keycloak's admin API. Here against the
 * run's real Keycloak: the started process logs a holder in (the code exchange needs that secret),
 * shows the demo letters, and is gone once stopped.
 */

let inbox: RunningEmployerInbox;

beforeAll(async () => {
  const logDir = join(cacheDir, 'logs', 'test');
  mkdirSync(logDir, { recursive: true });
  inbox = await startEmployerInbox(stack(), { port: await freePort(), logFile: join(logDir, 'employer-inbox.log') });
}, 120_000);

afterAll(async () => inbox?.process.stop());

describe('npm start: the example employer inbox beside the stack', () => {
  it("R29: logs a holder in with the secret read from Keycloak and shows the organization's demo letters", async () => {
    const organization = await createTestOrganization();
    await subscribe(organization.id, 'employer-inbox');
    const holder = await createTestMember(organization.id, 'member', 'inbox-holder');
    await grant(holder.personId, organization.id, 'employer-inbox', 'read');
    await reconcile(database(), keycloakAdmin(), { scope: { organizationIds: [organization.id] } });

    expect((await fetch(`${inbox.url}/`)).status).toBe(200);
    const browser = await logInToInbox({ url: inbox.url, redirectUri: `${inbox.url}/employer-inbox/callback` }, holder);
    const letters = await browser.get(`/organizations/${organization.identifier}/letters`);
    expect(letters.status).toBe(200);
    // The inbox's own letter; the invoice is the contributions service's, whose right the holder lacks.
    expect(letters.html).toContain(`Communication de la caisse ${organization.identifier}`);
    expect(letters.html).not.toContain('Facture de cotisations');
  });

  it('registers its redirect URI once (a dev realm that predates the example gets it; a second start adds nothing)', async () => {
    expect(await registerRedirectUri(stack().keycloak, 'employer-inbox', `${inbox.url}/employer-inbox/callback`)).toBe(false);
  });

  it('stopping it leaves no process behind (Ctrl-C on npm start stops it the same way)', async () => {
    const { pid } = inbox.process;
    expect(isAlive(pid)).toBe(true);
    await inbox.process.stop();
    expect(isAlive(pid)).toBe(false);
    await expect(fetch(`${inbox.url}/`)).rejects.toThrow();
  });
});
