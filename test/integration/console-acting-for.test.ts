import { describe, expect, it } from 'vitest';
import { addMember } from '@procura/sync-service/members/commands';
import { testActor } from '../helpers/actor.js';
import { bearerOf, callApi } from '../helpers/api.js';
import { consolePage, logInThroughConsole, seriousViolations } from '../helpers/browser.js';
import { activeMandate, subscribe } from '../helpers/model.js';
import { createTestOrganization, type TestOrganization } from '../helpers/organizations.js';
import { createTestMember, type TestPerson } from '../helpers/people.js';
import { database } from '../helpers/stack.js';

/**
 * Issue 16 item 7 (fer-ge « pour le compte de »): a fiduciary's delegate finds each client they act
 * for in the organization switcher, and what the mandate lets them do there.
 */
describe("console: a delegate acts for the fiduciary's clients", () => {
  let fiduciary: TestOrganization;
  let client: TestOrganization;
  let other: TestOrganization;
  let both: TestOrganization;
  let delegate: TestPerson & { personId: string };
  let representative: TestPerson;
  const browser = consolePage(async () => {
    const suffix = Date.now().toString(36);
    fiduciary = await createTestOrganization({ legalName: `Fiduciaire ${suffix} Sàrl`, type: 'fiduciary' });
    client = await createTestOrganization({ legalName: `Atelier ${suffix} SA` });
    other = await createTestOrganization({ legalName: `Boulangerie ${suffix} SA` });
    await subscribe(client.id, 'employer-inbox', 'salary-declaration');
    delegate = await createTestMember(fiduciary.id, 'member', 'delegate');
    representative = await createTestMember(client.id, 'legal_representative', 'client-rep');
    await activeMandate(fiduciary.id, client.id, [
      {
        personId: delegate.personId,
        rights: [
          ['employer-inbox', 'read'],
          ['salary-declaration', 'submit'],
        ],
      },
    ]);
    // A mandate the delegate is not assigned to: that client is not theirs to act for.
    await activeMandate(fiduciary.id, other.id, []);
    // A client the delegate is also a member of: listed once, as their own organization.
    both = await createTestOrganization({ legalName: `Cave ${suffix} SA` });
    await addMember(database(), testActor, { organizationId: both.id, email: delegate.email, role: 'member', status: 'active' });
    await activeMandate(fiduciary.id, both.id, [{ personId: delegate.personId, rights: [] }]);
  });

  it("R25, R26: GET /me lists the client, through which fiduciary, with the mandate's rights; not the client of a mandate they are not on", async () => {
    const me = await callApi(await bearerOf(delegate), 'get', '/me');
    expect(me.body.clients).toEqual([
      {
        id: client.id,
        identifier: client.identifier,
        legalName: client.legalName,
        via: { id: fiduciary.id, legalName: fiduciary.legalName, mandateId: expect.any(String) },
        rights: [
          { serviceId: 'employer-inbox', rightId: 'read' },
          { serviceId: 'salary-declaration', rightId: 'submit' },
        ],
      },
      // The API lists every mandate the person acts through, a client they are also a member of included (the console shows that one once).
      {
        id: both.id,
        identifier: both.identifier,
        legalName: both.legalName,
        via: { id: fiduciary.id, legalName: fiduciary.legalName, mandateId: expect.any(String) },
        rights: [],
      },
    ]);
  });

  it("R25: the switcher offers the client « pour le compte de »; choosing it shows what the delegate may do there, at a phone's width, axe-clean", async () => {
    const page = browser.page;
    await page.setViewportSize({ width: 375, height: 740 });
    await logInThroughConsole(page, delegate);
    const switcher = page.getByRole('combobox', { name: 'Organisation' });
    expect(await switcher.locator('optgroup').getAttribute('label')).toBe('Pour le compte de');
    expect(await switcher.locator('optgroup option').allTextContents()).toEqual([`${client.legalName} — via ${fiduciary.legalName}`]);
    expect(await switcher.locator(`option[value="${both.id}"]`).allTextContents()).toEqual([`${both.legalName} — Collaborateur`]);
    await switcher.selectOption(client.id);
    await page.getByRole('heading', { name: client.legalName, level: 1 }).waitFor();
    await page.getByText(`Vous agissez pour le compte de ${client.legalName}, comme collaborateur de ${fiduciary.legalName}, par son mandat.`).waitFor();
    const rights = await page.getByRole('region', { name: 'Ce que vous pouvez faire' }).getByRole('listitem').allTextContents();
    expect(rights).toHaveLength(2);
    expect(rights[0]).toMatch(/^Vos courriers — /);
    expect(await seriousViolations(page)).toEqual([]);
    const width = await page.evaluate(
      () => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth,
    );
    expect(width).toBeLessThanOrEqual(375);
  });

  it("R25, R27: the client's managers see who of the fiduciary acts for them and with which rights, and can end the mandate", async () => {
    const page = browser.page;
    await page.context().clearCookies();
    await page.setViewportSize({ width: 1100, height: 760 });
    await logInThroughConsole(page, representative);
    await page.goto(`${page.url().split('#')[0]}#/o/${client.id}/mandates`);
    const mandate = page.getByRole('region', { name: new RegExp(fiduciary.legalName) });
    await mandate.getByRole('heading', { name: 'Qui agit pour nous' }).waitFor();
    const delegates = await mandate.getByRole('list', { name: 'Qui agit pour nous' }).getByRole('listitem').allTextContents();
    expect(delegates).toHaveLength(1);
    expect(delegates[0]).toContain(delegate.email);
    expect(delegates[0]).toMatch(/Vos courriers — .*, .* — /);
    await mandate.getByRole('button', { name: 'Mettre fin au mandat' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });
});
