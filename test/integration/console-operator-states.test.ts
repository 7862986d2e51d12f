import { describe, expect, it } from 'vitest';
import type { Page, Route } from 'playwright-core';
import { seriousViolations } from '../helpers/browser.js';
import { consoleStates } from '../helpers/console-states.js';
import { json, problem } from '../helpers/api-answers.js';

/**
 * The operator's back office (R31) in Chromium, each state on its own, the API's answers given by
 * the test: who sees it, loading, empty, error and retry, the queue with overdue requests first and
 * marked, a request's fields and documents, decisions confirmed, the reason required, each refusal
 * beside its field, English, a phone's width.
 */
const operator = {
  person: { id: 'p-9', email: 'olivia@procura.example', givenName: 'Olivia', familyName: 'Opérateur' },
  organizations: [],
  clients: [],
  operator: true,
};
const member = {
  person: { id: 'p-1', email: 'lea@example.test', givenName: 'Léa', familyName: 'Favre' },
  organizations: [{ id: 'o-1', identifier: 'CHE123456788', legalName: 'Horlogerie Léman SA', role: 'legal_representative' }],
  clients: [],
  operator: false,
};
const queue = {
  overdue: 1,
  items: [
    {
      kind: 'mandate',
      id: 'm-1',
      subject: 'Fiduciaire Rhône SA → Boulangerie Lac SA',
      organizationIdentifier: 'CHE222333444',
      requestedAt: '2026-03-02T09:00:00Z',
      deadline: '2026-03-04',
      overdue: true,
    },
    {
      kind: 'sign_up',
      id: 's-1',
      subject: 'Horlogerie Neuve SA',
      organizationIdentifier: 'CHE111222333',
      requestedAt: '2026-03-09T09:00:00Z',
      deadline: '2026-03-11',
      overdue: false,
    },
  ],
};
const signUp = {
  id: 's-1',
  identifier: 'CHE111222333',
  legalName: 'Horlogerie Neuve SA',
  registryName: 'HORLOGERIE NEUVE SA',
  type: 'employer',
  representative: { givenName: 'Léa', familyName: 'Favre', function: 'Directrice', email: 'lea@neuve.test' },
  requestedOn: '2026-03-09',
  requestedAt: '2026-03-09T09:00:00Z',
  deadline: '2026-03-11',
  overdue: false,
};
const mandate = {
  id: 'm-1',
  fiduciary: { id: 'f-1', identifier: 'CHE999888777', legalName: 'Fiduciaire Rhône SA' },
  client: { id: null, identifier: 'CHE222333444', legalName: 'Boulangerie Lac SA' },
  requestedOn: '2026-03-02',
  requestedAt: '2026-03-02T09:00:00Z',
  deadline: '2026-03-04',
  overdue: true,
  validUntil: null,
  powerOfAttorney: { documentId: 'd-1', ref: 'r', filename: 'procuration.pdf', mediaType: 'application/pdf', byteSize: 2048, sha256: 'ab'.repeat(32) },
  clientRepresentative: { givenName: 'Jean', familyName: 'Muller', email: 'jean@lac.test' },
  services: ['employer-inbox'],
};
type Answer = (path: string, method: string, route: Route) => Promise<void> | void;

describe("the operator's back office, API answers given by the test", () => {
  /** Each POST's path and body. */
  const ui = consoleStates((request, path, method) => (method === 'POST' ? { path, body: request.postDataJSON() as unknown } : undefined));
  const posted = ui.sent;
  let page: Page;

  async function openWith(hash: string, answer: Answer, who: unknown = operator, viewport = { width: 1100, height: 800 }): Promise<void> {
    page = await ui.open(`/${hash}`, (path, method, route) => (path === '/me' ? json(route, 200, who) : answer(path, method, route)), { viewport });
  }

  it("R31: only the operator's staff see the back office; an operator with no organization lands on it", async () => {
    await openWith('#/operator', (_p, _m, route) => json(route, 200, queue), member);
    await page.getByRole('heading', { name: 'Page introuvable' }).waitFor();
    expect(await page.getByRole('link', { name: "Back-office de l'opérateur" }).count()).toBe(0);
    await openWith('', (_p, _m, route) => json(route, 200, queue));
    await page.getByRole('heading', { name: "Back-office de l'opérateur", level: 1 }).waitFor();
    expect(page.url()).toMatch(/#\/operator$/);
  });

  it('loading, then empty; an error with a retry that works', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await openWith('#/operator', async (_p, _m, route) => {
      await held;
      return json(route, 200, { items: [], overdue: 0 });
    });
    await page.getByText('Chargement des demandes…').waitFor();
    release();
    await page.getByText('Aucune demande en attente.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    let calls = 0;
    await openWith('#/operator', (_p, _m, route) =>
      ++calls === 1
        ? json(
            route,
            503,
            problem(
              'database.unavailable',
              'La base de données ne répond pas pour le moment ; réessayez dans quelques secondes.',
              'The database is not answering at the moment; please try again in a few seconds.',
            ),
          )
        : json(route, 200, queue),
    );
    await page.getByRole('alert').filter({ hasText: 'La base de données ne répond pas pour le moment ; réessayez dans quelques secondes.' }).waitFor();
    await page.getByRole('button', { name: 'Réessayer' }).click();
    await page.getByRole('link', { name: 'Horlogerie Neuve SA' }).waitFor();
  });

  it('R31: the queue, overdue first and marked, each with its kind and deadline; in English; on a phone', async () => {
    await openWith('#/operator', (_p, _m, route) => json(route, 200, queue), operator, { width: 390, height: 844 });
    await page.getByText('2 demande(s) en attente, dont 1 en retard.').waitFor();
    const rows = page.locator('tbody tr');
    expect(await rows.nth(0).textContent()).toMatch(/Fiduciaire Rhône SA → Boulangerie Lac SA.*Mandat.*4 mars 2026.*En retard/s);
    expect(await rows.nth(1).textContent()).toMatch(/Horlogerie Neuve SA.*Inscription.*11 mars 2026/s);
    expect(await rows.nth(1).textContent()).not.toContain('En retard');
    expect(
      await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth),
    ).toBeLessThanOrEqual(390);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByText('2 request(s) waiting, 1 of them overdue.').waitFor();
    expect(await rows.nth(0).textContent()).toMatch(/Mandate.*4 March 2026.*Overdue/s);
  });

  it("R24, R31: a mandate's fields and its power of attorney to read; validating is confirmed, cancelling sends nothing", async () => {
    await openWith('#/operator/mandates/m-1', (path, method, route) => {
      if (path === '/operator/mandates') return json(route, 200, { items: [mandate] });
      if (path === '/operator/documents/d-1/file')
        return route.fulfill({
          status: 200,
          contentType: 'application/pdf',
          headers: { 'content-disposition': 'attachment; filename="procuration.pdf"' },
          body: Buffer.from('%PDF-1.4'),
        });
      if (method === 'POST') return json(route, 200, { id: 'm-1', status: 'active', invitationId: null });
      return json(route, 404, problem('not_found', 'Introuvable.', 'Not found.'));
    });
    await page.getByRole('heading', { name: 'Mandat : Fiduciaire Rhône SA → Boulangerie Lac SA' }).waitFor();
    for (const text of ['CHE999888777', 'Jean Muller', 'jean@lac.test', 'sans échéance', 'En retard']) await page.getByText(text).first().waitFor();
    // Issue 16 item 7: the services the mandate covers, as the fiduciary named them.
    await page.getByText('Services couverts').waitFor();
    await page.getByText('Vos courriers', { exact: true }).first().waitFor();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Lire procuration.pdf' }).click();
    expect((await download).suggestedFilename()).toBe('procuration.pdf');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Valider', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Annuler' }).click();
    expect(posted).toEqual([]);
    await page.getByRole('button', { name: 'Valider', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Valider' }).click();
    await page.getByText('Demande validée : Fiduciaire Rhône SA → Boulangerie Lac SA.').waitFor();
    expect(posted).toEqual([{ path: '/operator/mandates/m-1/validate', body: {} }]);
  });

  it("R31: a rejection needs a reason; the API's refusal of it shows beside the field; a refusal without a field above the buttons", async () => {
    let answer = 0;
    await openWith('#/operator/sign-ups/s-1', (path, method, route) => {
      if (method === 'GET') return json(route, 200, { items: [signUp] });
      answer += 1;
      if (answer === 1)
        return json(route, 422, {
          ...problem('input.invalid', 'Requête invalide.', 'Invalid request.', '/reason'),
          errors: [{ field: '/reason', code: 'schema.maxLength', messages: { fr: 'au plus 1000 caractères.', en: 'at most 1000 characters.' } }],
        });
      return json(route, 409, problem('sign_up.decided', 'Cette inscription a déjà été traitée.', 'This sign-up has been handled already.'));
    });
    await page.getByRole('heading', { name: 'Inscription : Horlogerie Neuve SA' }).waitFor();
    for (const text of ['HORLOGERIE NEUVE SA', 'Directrice', 'lea@neuve.test']) await page.getByText(text).first().waitFor();
    const reason = page.getByRole('textbox', { name: 'Raison du refus' });
    await page.getByRole('button', { name: 'Refuser' }).click();
    await page.locator('#reason-required').waitFor();
    expect(await reason.getAttribute('aria-invalid')).toBe('true');
    expect(posted).toEqual([]);
    await reason.fill('Registre : nom différent');
    await page.getByRole('button', { name: 'Refuser' }).click();
    await page.getByRole('dialog').getByText('« Registre : nom différent »').waitFor();
    await page.getByRole('dialog').getByRole('button', { name: 'Refuser' }).click();
    await page.locator('#reason-error').waitFor();
    expect(await page.locator('#reason-error').textContent()).toBe('au plus 1000 caractères.');
    expect(await reason.getAttribute('aria-describedby')).toContain('reason-error');
    expect(posted).toEqual([{ path: '/operator/sign-ups/s-1/reject', body: { reason: 'Registre : nom différent' } }]);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Refuser' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Refuser' }).click();
    await page.getByRole('alert').filter({ hasText: 'Cette inscription a déjà été traitée.' }).waitFor();
    expect(await page.locator('#reason-error').count()).toBe(0);
  });

  it('a request no longer waiting says so', async () => {
    await openWith('#/operator/recoveries/r-404', (_p, _m, route) => json(route, 200, { items: [] }));
    await page.getByText("Cette demande n'est plus en attente").waitFor();
    await page.getByRole('link', { name: '← Retour aux demandes' }).waitFor();
  });
});
