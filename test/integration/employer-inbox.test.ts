import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setRights } from '@procura/sync-service/members/rights';
import { reconcile } from '@procura/sync-service/projection/reconciler';
import { testActor } from '../helpers/actor.js';
import { logInToInbox, startInbox, type RunningInbox } from '../helpers/employer-inbox.js';
import { activeMandate, addUnit, grant, membershipOf, subscribe } from '../helpers/model.js';
import { createTestOrganization, type TestOrganization } from '../helpers/organizations.js';
import { createTestMember } from '../helpers/people.js';
import { database, keycloakAdmin } from '../helpers/stack.js';

/**
 * R29: the example employer inbox (examples/employer-inbox), with real logins through the realm:
 * each organization's letters show only to holders of the inbox's `read` right for it.
 */

let inbox: RunningInbox;
let a: TestOrganization;
let b: TestOrganization;

async function project(...organizationIds: string[]): Promise<void> {
  await reconcile(database(), keycloakAdmin(), { scope: { organizationIds } });
}

beforeAll(async () => {
  inbox = await startInbox();
  [a, b] = await Promise.all([createTestOrganization(), createTestOrganization()]);
  await subscribe(a.id, 'employer-inbox');
  await subscribe(b.id, 'employer-inbox');
}, 120_000);

afterAll(async () => inbox?.close());

describe('R29: the employer inbox shows letters to holders of read only', () => {
  it('a holder sees the letters of A; a member without the right gets 403; letters of B never show', async () => {
    const holder = await createTestMember(a.id, 'member', 'holder');
    const other = await createTestMember(a.id, 'member', 'no-right');
    const inB = await createTestMember(b.id, 'member', 'b-holder');
    await grant(holder.personId, a.id, 'employer-inbox', 'read');
    await grant(inB.personId, b.id, 'employer-inbox', 'read');
    await project(a.id, b.id);

    const browser = await logInToInbox(inbox, holder);
    const home = await browser.get('/');
    expect(home.html).toContain(`/organizations/${a.identifier}/letters`);
    expect(home.html).not.toContain(b.identifier);
    const letters = await browser.get(`/organizations/${a.identifier}/letters`);
    expect(letters.status).toBe(200);
    expect(letters.html).toContain(`Facture de cotisations ${a.identifier}`);
    expect(letters.html).not.toContain(b.identifier);
    const ofB = await browser.get(`/organizations/${b.identifier}/letters`);
    expect(ofB.status).toBe(403);
    expect(ofB.html).not.toContain(`Facture de cotisations ${b.identifier}`);

    const refused = await (await logInToInbox(inbox, other)).get(`/organizations/${a.identifier}/letters`);
    expect(refused.status).toBe(403);
    expect(refused.html).not.toContain('Facture de cotisations');
  });

  it('R8: a right on a branch shows that branch\'s letters, not the organization\'s nor another branch\'s', async () => {
    const [lausanne, geneve] = [await addUnit(a.id), await addUnit(a.id)];
    const person = await createTestMember(a.id, 'member', 'branch');
    await grant(person.personId, a.id, 'employer-inbox', 'read', lausanne);
    await project(a.id);
    const browser = await logInToInbox(inbox, person);
    expect((await browser.get('/')).html).toContain(`/organizations/${a.identifier}/units/${lausanne}/letters`);
    const letters = await browser.get(`/organizations/${a.identifier}/units/${lausanne}/letters`);
    expect(letters.status).toBe(200);
    expect(letters.html).toContain(`(unité ${lausanne.slice(0, 8)})`);
    expect((await browser.get(`/organizations/${a.identifier}/units/${geneve}/letters`)).status).toBe(403);
    expect((await browser.get(`/organizations/${a.identifier}/letters`)).status).toBe(403);
  });

  it('R25: a delegate sees exactly the clients whose mandate grants read, not the fiduciary\'s own letters', async () => {
    const fiduciary = await createTestOrganization({ type: 'fiduciary' });
    const [granted, archiveOnly, colleagues] = await Promise.all([createTestOrganization(), createTestOrganization(), createTestOrganization()]);
    for (const client of [granted, archiveOnly, colleagues]) await subscribe(client.id, 'employer-inbox');
    await subscribe(fiduciary.id, 'employer-inbox');
    const delegate = await createTestMember(fiduciary.id, 'member', 'delegate');
    const colleague = await createTestMember(fiduciary.id, 'member', 'colleague');
    await activeMandate(fiduciary.id, granted.id, [{ personId: delegate.personId, rights: [['employer-inbox', 'read']] }]);
    await activeMandate(fiduciary.id, archiveOnly.id, [{ personId: delegate.personId, rights: [['employer-inbox', 'archive']] }]);
    await activeMandate(fiduciary.id, colleagues.id, [{ personId: colleague.personId, rights: [['employer-inbox', 'read']] }]);
    await project(fiduciary.id);

    const browser = await logInToInbox(inbox, delegate);
    const listed = [...(await browser.get('/')).html.matchAll(/\/organizations\/(\w+)\/letters/g)].map((m) => m[1]);
    expect(listed).toEqual([granted.identifier]);
    const letters = await browser.get(`/organizations/${granted.identifier}/letters`);
    expect(letters.status).toBe(200);
    expect(letters.html).toContain(`mandat de la fiduciaire ${fiduciary.identifier}`);
    for (const refused of [archiveOnly, colleagues, fiduciary]) expect((await browser.get(`/organizations/${refused.identifier}/letters`)).status).toBe(403);
  });

  it('ASVS V8.3.2: a revoked right is refused at once where the decision endpoint is asked, and by the token once it expires', async () => {
    const person = await createTestMember(a.id, 'member', 'revoked');
    await grant(person.personId, a.id, 'employer-inbox', 'read');
    await grant(person.personId, a.id, 'employer-inbox', 'archive');
    await project(a.id);
    const browser = await logInToInbox(inbox, person);
    const archive = `/organizations/${a.identifier}/letters/${a.identifier}-1/archive`;
    expect((await browser.post(archive)).status).toBe(200);

    await setRights(database(), testActor, { membershipId: await membershipOf(person.personId, a.id), rights: [] });
    await project(a.id);
    // Archiving is sensitive: the inbox confirms the token's yes with the decision endpoint, which reads the model now.
    expect((await browser.post(archive)).status).toBe(403);
    // Reading trusts the token, a snapshot that still says yes until it expires (≤ 5 minutes, the
    // realm's access token lifespan); test/integration/express-kit.test.ts shows the same token
    // refused once its expiry has passed. Waiting 5 minutes here would prove nothing more.
    expect((await browser.get(`/organizations/${a.identifier}/letters`)).status).toBe(200);
    // A new login gets a token that says no.
    expect((await (await logInToInbox(inbox, person)).get(`/organizations/${a.identifier}/letters`)).status).toBe(403);
  });
});
