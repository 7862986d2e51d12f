import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reconcile } from '@procura/sync-service/projection/reconciler';
import { bearerOf, callApi } from '../helpers/api.js';
import { consolePage, logInThroughConsole, seriousViolations } from '../helpers/browser.js';
import { samplePdf } from '../helpers/documents.js';
import { subscribe } from '../helpers/model.js';
import { createTestOrganization, type TestOrganization } from '../helpers/organizations.js';
import { createTestMember, createTestOperator } from '../helpers/people.js';
import { serviceLogin } from '../helpers/service-login.js';
import { database, keycloakAdmin, stack } from '../helpers/stack.js';
import { decodePayload } from '../helpers/tokens.js';

/**
 * The mandates screen (R24–R27) in a real Chromium against the real stack: the fiduciary's legal
 * representative requests a mandate with a PDF chosen from disk, the operator validates it through
 * the API, the representative assigns a delegate and grants a right on the client's subscribed
 * service (only the client's are offered), and the delegate's real token carries it; then takes
 * the delegate off the mandate, and their next token no longer does; axe-core on the screen.
 */
describe('console: mandates, in a real browser', () => {
  let fiduciary: TestOrganization;
  let client: TestOrganization;
  let lea: Awaited<ReturnType<typeof createTestMember>>;
  let marc: Awaited<ReturnType<typeof createTestMember>>;
  const browser = consolePage(async () => {
    fiduciary = await createTestOrganization({ type: 'fiduciary', legalName: 'Fiduciaire Console SA' });
    client = await createTestOrganization({ legalName: 'Client Console SA' });
    await subscribe(client.id, 'employer-inbox');
    await createTestMember(client.id, 'legal_representative', 'client');
    lea = await createTestMember(fiduciary.id, 'legal_representative', 'lea');
    marc = await createTestMember(fiduciary.id, 'member', 'marc');
  });

  /** Signed out, then signed in as `person` at this size, on the fiduciary's mandates: the client's mandate. */
  async function mandatesAs(person: Parameters<typeof logInThroughConsole>[1], size: { width: number; height: number }) {
    const { page } = browser;
    await page.context().clearCookies();
    await page.setViewportSize(size);
    await logInThroughConsole(page, person);
    await page.goto(`${stack().publicUrl}/#/o/${fiduciary.id}/mandates`);
    return page.getByRole('region', { name: `Client Console SA (${client.identifier})` });
  }

  it("R24 → R31 → R25: requested with a PDF from disk, validated by the operator, a delegate assigned, a right granted; the delegate's real token shows it", async () => {
    const { page } = browser;
    await logInThroughConsole(page, lea);
    await page.goto(`${stack().publicUrl}/#/o/${fiduciary.id}/mandates`);
    await page.getByRole('heading', { name: 'Mandats', level: 1 }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Mandats' }).getAttribute('aria-current')).toBe('page');
    await page.getByText('Aucun mandat pour le moment.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    // R24: the power of attorney chosen from disk, sent as base64; the mandate waits for the operator.
    const folder = await mkdtemp(join(tmpdir(), 'procura-mandate-'));
    const file = join(folder, 'procuration.pdf');
    await writeFile(file, samplePdf);
    await page.getByLabel('Identifiant du client').fill(client.identifier);
    await page.getByLabel('Procuration signée').setInputFiles(file);
    await page.getByLabel('Fin du mandat').fill('2099-12-31');
    // Issue 16 item 7: the mandate covers the employer inbox only; the operator sees it.
    await page.getByRole('group', { name: 'Services couverts par le mandat' }).getByRole('checkbox', { name: 'Vos courriers' }).check();
    await page.getByRole('button', { name: 'Envoyer la demande' }).click();
    await page.getByRole('status').filter({ hasText: "Demande envoyée : l'opérateur la vérifie" }).waitFor();
    const region = page.getByRole('region', { name: `Client Console SA (${client.identifier})` });
    await region.getByText("En attente de l'opérateur", { exact: true }).waitFor();

    // R31: the operator validates it through the API.
    const operator = await bearerOf(await createTestOperator());
    const queue = await callApi(operator, 'get', '/operator/mandates');
    const pending = queue.body.items.find((item: { client: { id: string } }) => item.client.id === client.id);
    expect(pending).toMatchObject({
      fiduciary: { id: fiduciary.id },
      validUntil: '2099-12-31',
      services: ['employer-inbox'],
      powerOfAttorney: { filename: 'procuration.pdf', mediaType: 'application/pdf' },
    });
    expect(await callApi(operator, 'post', `/operator/mandates/${pending.id}/validate`, {})).toMatchObject({ status: 200, body: { status: 'active' } });

    await page.reload();
    await region.getByText('Actif', { exact: true }).waitFor();
    expect(await region.textContent()).toContain("jusqu'au 31 décembre 2099");

    // R25: a member of the fiduciary assigned, then a right on the client's subscribed service.
    await region
      .getByRole('combobox', { name: 'Désigner un membre de la fiduciaire' })
      .selectOption({ label: `${marc.givenName} ${marc.familyName} — ${marc.email}` });
    await region.getByRole('button', { name: 'Désigner' }).click();
    await region
      .getByRole('status')
      .filter({ hasText: `${marc.email} gère désormais ce mandat` })
      .waitFor();
    const rights = region.getByRole('group', { name: `Droits de ${marc.email} chez le client` });
    await rights.getByRole('group', { name: 'Vos courriers' }).getByRole('checkbox', { name: 'Lire les courriers' }).click();
    await region
      .getByRole('status')
      .filter({ hasText: `Vos courriers : Lire les courriers accordé à ${marc.email}.` })
      .waitFor();
    const { rows } = await database().query('SELECT service_id, right_id FROM mandate_delegate_right WHERE mandate_id = $1', [pending.id]);
    expect(rows).toEqual([{ service_id: 'employer-inbox', right_id: 'read' }]);

    // R15: only the services the client subscribes to are offered.
    expect(await rights.getByRole('group', { name: 'Factures et acomptes AVS' }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);

    await reconcile(database(), keycloakAdmin(), { scope: { organizationIds: [client.id, fiduciary.id] } });
    const claims = decodePayload(await serviceLogin(stack(), 'employer-inbox', marc)).organizations;
    expect(claims).toEqual({ [client.identifier]: { rights: ['read'], via: fiduciary.identifier } });
  }, 150_000);

  it('R25: every person of the fiduciary sees its mandates; the delegate, a plain member, reads their right and acts on nothing, on a phone', async () => {
    const { page } = browser;
    const region = await mandatesAs(marc, { width: 375, height: 740 });
    await region.getByText('Actif', { exact: true }).waitFor();
    expect(await region.locator('procura-mandate-delegates p').filter({ hasText: marc.email }).textContent()).toBe(
      `${marc.email} : Vos courriers : Lire les courriers`,
    );
    await page.getByText('Toute la fiduciaire voit ses mandats').waitFor();
    expect(await page.getByRole('button', { name: 'Mettre fin au mandat' }).count()).toBe(0);
    expect(await page.getByRole('checkbox').count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Demander un mandat' }).count()).toBe(0);
    expect(
      await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth),
    ).toBeLessThanOrEqual(375);
    expect(await seriousViolations(page)).toEqual([]);
  }, 120_000);

  it("R25: the representative takes the delegate off the mandate, confirmed; the delegate's next real token no longer carries the client", async () => {
    const { page } = browser;
    const region = await mandatesAs(lea, { width: 1100, height: 800 });
    await region.getByRole('button', { name: `Retirer ${marc.email}` }).click();
    await page
      .getByRole('dialog', { name: `Retirer ${marc.email} du mandat ?` })
      .getByRole('button', { name: 'Retirer', exact: true })
      .click();
    await region
      .getByRole('status')
      .filter({ hasText: `${marc.email} ne gère plus ce mandat` })
      .waitFor();
    await region.getByText('Aucun mandataire pour le moment.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await reconcile(database(), keycloakAdmin(), { scope: { organizationIds: [client.id, fiduciary.id] } });
    expect(decodePayload(await serviceLogin(stack(), 'employer-inbox', marc)).organizations ?? {}).toEqual({});
  }, 120_000);
});
