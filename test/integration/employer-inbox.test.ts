import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setRights } from '@procura/sync-service/members/rights';
import { reconcile } from '@procura/sync-service/projection/reconciler';
import { testActor } from '../helpers/actor.js';
import { logInToInbox, startInbox, type RunningInbox } from '../helpers/employer-inbox.js';
import { activeMandate, addUnit, grant, membershipOf, subscribe } from '../helpers/model.js';
import { createTestOrganization, type TestOrganization } from '../helpers/organizations.js';
import { createTestMember } from '../helpers/people.js';
import { mailsTo, waitForMail } from '../helpers/mail.js';
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
    expect(letters.html).toContain(`Communication de la caisse ${a.identifier}`);
    expect(letters.html).not.toContain(b.identifier);
    const ofB = await browser.get(`/organizations/${b.identifier}/letters`);
    expect(ofB.status).toBe(403);
    expect(ofB.html).not.toContain(`Communication de la caisse ${b.identifier}`);

    const refused = await (await logInToInbox(inbox, other)).get(`/organizations/${a.identifier}/letters`);
    expect(refused.status).toBe(403);
    expect(refused.html).not.toContain('Communication de la caisse');
  });

  it("R8: a right on a branch shows that branch's letters, not the organization's nor another branch's", async () => {
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

  it("R25: a delegate sees exactly the clients whose mandate grants read, not the fiduciary's own letters", async () => {
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

describe('issue 16 item 10: each letter shows to holders of read on the service that emitted it', () => {
  const unread = (html: string) => Number(/Non lus \/ Unread : (\d+)/.exec(html)?.[1]);

  it("the invoice to holders of the invoices' read only, the unread count over what one may see, a letter of another service not found; a revocation hides it at once", async () => {
    const c = await createTestOrganization();
    await subscribe(c.id, 'employer-inbox', 'contributions');
    const [both, inboxOnly] = await Promise.all([createTestMember(c.id, 'member', 'both'), createTestMember(c.id, 'member', 'inbox-only')]);
    for (const person of [both, inboxOnly]) await grant(person.personId, c.id, 'employer-inbox', 'read');
    await grant(both.personId, c.id, 'contributions', 'read');
    await project(c.id);
    const invoice = `Facture de cotisations ${c.identifier}`;
    const caisse = `Communication de la caisse ${c.identifier}`;

    const full = await logInToInbox(inbox, both);
    const page = await full.get(`/organizations/${c.identifier}/letters`);
    expect([page.html.includes(invoice), page.html.includes(caisse), unread(page.html)]).toEqual([true, true, 2]);
    expect((await full.get(`/organizations/${c.identifier}/letters/${c.identifier}-1`)).html).toContain(invoice);
    expect(unread((await full.get(`/organizations/${c.identifier}/letters`)).html)).toBe(1);

    const partial = await logInToInbox(inbox, inboxOnly);
    const seen = await partial.get(`/organizations/${c.identifier}/letters`);
    expect([seen.html.includes(invoice), seen.html.includes(caisse), unread(seen.html)]).toEqual([false, true, 1]);
    const opened = await partial.get(`/organizations/${c.identifier}/letters/${c.identifier}-1`);
    expect(opened.status).toBe(404);
    expect(opened.html).not.toContain(invoice);

    // Asked of Procura at each page: the right withdrawn a second ago hides the invoice, whatever the token says.
    await setRights(database(), testActor, {
      membershipId: await membershipOf(both.personId, c.id),
      rights: [{ serviceId: 'employer-inbox', rightId: 'read', unitId: null }],
    });
    expect((await full.get(`/organizations/${c.identifier}/letters`)).html).not.toContain(invoice);
  });

  it("R25: a delegate sees a client's invoices where the mandate grants their read too", async () => {
    const [fiduciary, client] = await Promise.all([createTestOrganization({ type: 'fiduciary' }), createTestOrganization()]);
    await subscribe(client.id, 'employer-inbox', 'contributions');
    const delegate = await createTestMember(fiduciary.id, 'member', 'invoices-delegate');
    await activeMandate(fiduciary.id, client.id, [
      {
        personId: delegate.personId,
        rights: [
          ['employer-inbox', 'read'],
          ['contributions', 'read'],
        ],
      },
    ]);
    await project(fiduciary.id, client.id);
    const page = await (await logInToInbox(inbox, delegate)).get(`/organizations/${client.identifier}/letters`);
    expect(page.html).toContain(`Facture de cotisations ${client.identifier}`);
  });

  it('« action requise »: a deposited letter needing action is e-mailed once to the people who may read it, and to nobody else', async () => {
    const d = await createTestOrganization();
    await subscribe(d.id, 'employer-inbox', 'contributions');
    const [reader, other] = await Promise.all([createTestMember(d.id, 'member', 'action-reader'), createTestMember(d.id, 'member', 'action-other')]);
    await grant(reader.personId, d.id, 'contributions', 'read');
    await grant(other.personId, d.id, 'employer-inbox', 'read');
    const deposit = (body: Record<string, unknown>, key = inbox.depositKey) =>
      fetch(`${inbox.url}/deposits`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-deposit-key': key }, body: JSON.stringify(body) });
    const letter = {
      id: `rappel-${d.identifier}`,
      organization: d.identifier,
      emittedBy: 'contributions',
      sender: 'Cotisations AVS',
      subject: 'Rappel de paiement',
      actionRequired: true,
    };

    expect((await deposit(letter, 'wrong-key')).status).toBe(401);
    const first = await deposit(letter);
    expect([first.status, await first.json()]).toEqual([201, { id: letter.id, announced: 1 }]);
    const mail = await waitForMail(reader.email, { subject: /Action requise/ });
    expect(mail.text).toContain('Rappel de paiement');
    expect(await mailsTo(other.email)).toEqual([]);
    // The emitter retries: the same letter is announced once.
    expect(await (await deposit(letter)).json()).toEqual({ id: letter.id, announced: 0 });
    expect((await mailsTo(reader.email)).filter((m) => /Action requise/.test(m.subject))).toHaveLength(1);
    expect((await deposit({ organization: d.identifier })).status).toBe(422);
  });
});
