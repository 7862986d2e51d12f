import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { bearerOf, callApi } from '../helpers/api.js';
import { launchChromium, logInThroughConsole, seriousViolations } from '../helpers/browser.js';
import { ensureConsoleBuilt } from '../helpers/console-build.js';
import { samplePdf, samplePng, upload } from '../helpers/documents.js';
import { waitForMail } from '../helpers/mail.js';
import { subscribe } from '../helpers/model.js';
import { createTestOrganization } from '../helpers/organizations.js';
import { createTestMember, createTestOperator, uniqueEmail } from '../helpers/people.js';
import { registeredUid } from '../helpers/registry.js';
import { database } from '../helpers/stack.js';

/**
 * The operator's back office (R31) in a real Chromium against the real stack: organizations sign up
 * through the public API (R10), the operator logs in with the e-mailed code, finds them in the
 * queue with their deadline, validates one (the representative's invitation leaves, R16) and
 * rejects one with its reason; a recovery's documents (R30) are read. axe-core; a phone's width.
 */
describe("console: the operator's back office, in a real browser", () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let operator: Awaited<ReturnType<typeof createTestOperator>>;
  const tag = randomBytes(3).toString('hex');
  const accepted = { legalName: `Horlogerie Acceptée ${tag} SA`, email: uniqueEmail('accepted'), id: '' };
  const refused = { legalName: `Fiduciaire Refusée ${tag} SA`, email: uniqueEmail('refused'), id: '' };
  const late = { legalName: `Menuiserie En Retard ${tag} SA`, email: uniqueEmail('late'), id: '' };
  const requester = uniqueEmail('requester');
  let orphan: Awaited<ReturnType<typeof createTestOrganization>>;
  let mandate: { id: string; subject: string; fiduciaryEmail: string; clientName: string };

  const signUp = async (legalName: string, email: string) => {
    const filed = await callApi('anonymous', 'post', '/sign-ups', {
      identifier: await registeredUid({ name: legalName }),
      legalName,
      representative: { givenName: 'Léa', familyName: 'Favre', function: 'Directrice', email },
    });
    expect(filed).toMatchObject({ status: 201, body: { status: 'pending' } });
    return filed.body.id as string;
  };
  const scrollWidth = () =>
    page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth);
  const row = (name: string) => page.getByRole('row').filter({ has: page.getByRole('link', { name }) });
  /** From the queue, opens the request named `subject` (its heading says its kind), then reads `filename`: the very bytes filed. */
  const openAndRead = async (kind: string, subject: string, filename: string) => {
    await page.getByRole('link', { name: "Back-office de l'opérateur" }).click();
    await row(subject).getByRole('link').click();
    await page.getByRole('heading', { name: `${kind} : ${subject}` }).waitFor();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: `Lire ${filename}` }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(filename);
    expect(readFileSync(await file.path())).toEqual(samplePdf);
  };

  beforeAll(async () => {
    operator = await createTestOperator();
    accepted.id = await signUp(accepted.legalName, accepted.email);
    refused.id = await signUp(refused.legalName, refused.email);
    late.id = await signUp(late.legalName, late.email);
    // Filed three weeks ago: past its deadline of 2 business days.
    await database().query(`UPDATE sign_up SET created_at = now() - interval '21 days' WHERE id = $1`, [late.id]);
    // R30: an organization whose last manager left asks for a new one, with its documents.
    orphan = await createTestOrganization({ legalName: `Atelier Orphelin ${tag} SA` });
    const documents = [upload(samplePdf, 'extrait-rc.pdf'), upload(samplePng, 'lettre.png')];
    const recovery = await callApi('anonymous', 'post', '/recoveries', {
      organization: orphan.identifier,
      requester: { givenName: 'Marc', familyName: 'Rochat', function: 'Administrateur', email: requester },
      documents,
      message: 'Notre gérante est partie.',
    });
    expect(recovery.status).toBe(201);
    // R24: a fiduciary's legal representative asks for a mandate on a client, with the power of attorney.
    const fiduciary = await createTestOrganization({ type: 'fiduciary', legalName: `Fiduciaire Conseil ${tag} SA` });
    await subscribe(fiduciary.id, 'contributions');
    const client = await createTestOrganization({ legalName: `Client Mandant ${tag} SA` });
    await createTestMember(client.id, 'legal_representative');
    const fiduciaryRepresentative = await createTestMember(fiduciary.id, 'legal_representative');
    const requested = await callApi(await bearerOf(fiduciaryRepresentative), 'post', `/organizations/${fiduciary.id}/mandates`, {
      client: client.identifier,
      powerOfAttorney: upload(),
    });
    expect(requested.status).toBe(201);
    mandate = {
      id: requested.body.id,
      subject: `${fiduciary.legalName} → ${client.legalName}`,
      fiduciaryEmail: fiduciaryRepresentative.email,
      clientName: client.legalName,
    };
    await ensureConsoleBuilt();
    browser = await launchChromium();
    context = await browser.newContext({ locale: 'fr-CH', acceptDownloads: true });
    page = await context.newPage();
    await logInThroughConsole(page, operator);
  }, 180_000);

  afterEach(async (test) => {
    if (test.task.result?.state === 'fail')
      await page
        ?.screenshot({ path: `.cache/logs/console-operator-failure-${test.task.name.slice(0, 30).replace(/\W+/g, '-')}.png`, fullPage: true })
        .catch(() => undefined);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it("R31: GET /me says whether the caller is the operator's staff: an operator is, a member is not", async () => {
    expect((await callApi(await bearerOf(operator), 'get', '/me')).body).toMatchObject({ operator: true, organizations: [] });
    const organization = await createTestOrganization();
    const member = await createTestMember(organization.id, 'legal_representative');
    expect((await callApi(await bearerOf(member), 'get', '/me')).body).toMatchObject({ operator: false });
  });

  it('R31: the operator lands on the queue: the sign-ups with their deadline, overdue ones first and marked, accessible', async () => {
    await page.getByRole('heading', { name: "Back-office de l'opérateur", level: 1 }).waitFor();
    expect(page.url()).toMatch(/#\/operator$/);
    const line = row(accepted.legalName);
    await line.waitFor();
    expect(await line.getByRole('cell').nth(1).textContent()).toBe('Inscription');
    expect(await line.textContent()).toMatch(/\d{1,2} \S+ \d{4}/);
    expect(await line.textContent()).not.toContain('En retard');
    expect(await row(late.legalName).textContent()).toContain('En retard');
    const subjects = await page.locator('tbody tr td:first-child').allTextContents();
    expect(subjects.indexOf(late.legalName)).toBeLessThan(subjects.indexOf(accepted.legalName));
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('R10, R31: the operator reads a sign-up, validates it (confirmed), and the representative is invited', async () => {
    await row(accepted.legalName).getByRole('link').click();
    await page.getByRole('heading', { name: `Inscription : ${accepted.legalName}` }).waitFor();
    await page.getByText(accepted.email).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Valider', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    expect((await database().query('SELECT status FROM sign_up WHERE id = $1', [accepted.id])).rows[0].status).toBe('pending');
    await page.getByRole('button', { name: 'Valider', exact: true }).click();
    await dialog.getByRole('button', { name: 'Valider' }).click();
    await page.getByText(`Demande validée : ${accepted.legalName}.`).waitFor();
    const stored = await database().query('SELECT status, decided_by_label FROM sign_up WHERE id = $1', [accepted.id]);
    expect(stored.rows[0]).toEqual({ status: 'approved', decided_by_label: `operator ${operator.email}` });
    await waitForMail(accepted.email, { subject: new RegExp(`Inscription validée : ${accepted.legalName}`) });
    await page.getByRole('link', { name: '← Retour aux demandes' }).click();
    await row(refused.legalName).waitFor();
    expect(await row(accepted.legalName).count()).toBe(0);
  });

  it('R10, R31: a rejection needs its reason; the representative is told why', async () => {
    await row(refused.legalName).getByRole('link').click();
    await page.getByRole('heading', { name: `Inscription : ${refused.legalName}` }).waitFor();
    await page.getByRole('button', { name: 'Refuser' }).click();
    await page.getByRole('alert').filter({ hasText: 'Indiquez la raison du refus' }).waitFor();
    expect(await page.getByRole('dialog').isVisible()).toBe(false);
    const reason = 'Le représentant ne figure pas au registre du commerce';
    await page.getByRole('textbox', { name: 'Raison du refus' }).fill(reason);
    await page.getByRole('button', { name: 'Refuser' }).click();
    await page.getByRole('dialog').getByText(reason).waitFor();
    await page.getByRole('dialog').getByRole('button', { name: 'Refuser' }).click();
    await page.getByText(`Demande refusée : ${refused.legalName}.`).waitFor();
    expect((await database().query('SELECT status FROM sign_up WHERE id = $1', [refused.id])).rows[0].status).toBe('rejected');
    const mail = await waitForMail(refused.email, { subject: new RegExp(`Inscription refusée : ${refused.legalName}`) });
    expect(mail.text).toContain(reason);
  });

  it("R30, R31: a recovery's documents are listed and read; on a phone and in English", async () => {
    await openAndRead('Reprise', orphan.legalName, 'extrait-rc.pdf');
    await page.getByRole('button', { name: 'Lire lettre.png' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('link', { name: '← Retour aux demandes' }).click();
    await row(orphan.legalName).waitFor();
    expect(await scrollWidth()).toBeLessThanOrEqual(390);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: "Operator's back office", level: 1 }).waitFor();
    expect(await row(orphan.legalName).getByRole('cell').nth(1).textContent()).toBe('Recovery');
    await page.getByRole('button', { name: 'Français' }).click();
  });

  it("R30, R31: the operator appoints the recovery's requester (confirmed); the requester is told and invited", async () => {
    await page.setViewportSize({ width: 1100, height: 800 });
    await row(orphan.legalName).getByRole('link').click();
    await page.getByRole('button', { name: 'Nommer le demandeur' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Nommer le demandeur' }).click();
    await page.getByText(`Demande validée : ${orphan.legalName}.`).waitFor();
    expect((await database().query('SELECT status FROM recovery_request WHERE organization_id = $1', [orphan.id])).rows.map((r) => r.status)).toEqual([
      'appointed',
    ]);
    await waitForMail(requester, { subject: new RegExp(`Reprise acceptée : ${orphan.legalName}`) });
    await waitForMail(requester, { subject: new RegExp(`Invitation à rejoindre ${orphan.legalName}`) });
  });

  it('R24, R31: a mandate with its power of attorney, read then validated; the fiduciary is told', async () => {
    await openAndRead('Mandat', mandate.subject, 'procuration.pdf');
    await page.getByRole('button', { name: 'Valider', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Valider' }).click();
    await page.getByText(`Demande validée : ${mandate.subject}.`).waitFor();
    expect((await database().query('SELECT status FROM mandate WHERE id = $1', [mandate.id])).rows[0].status).toBe('active');
    await waitForMail(mandate.fiduciaryEmail, { subject: new RegExp(`Mandat validé : ${mandate.clientName}`) });
  });
});
