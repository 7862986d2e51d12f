import { describe, expect, it } from 'vitest';
import type { Page, Route } from 'playwright-core';
import { seriousViolations } from '../helpers/browser.js';
import { consoleStates } from '../helpers/console-states.js';
import { samplePdf } from '../helpers/documents.js';
import { json, problem } from '../helpers/api-answers.js';

/**
 * The mandates screen (R24–R27) in Chromium, each state on its own: the built console, the API's
 * answers given by the test (page.route). End to end against the real API: console-mandates.test.ts.
 */
const organization = (role: string) => ({ id: 'o-1', identifier: 'CHE123456788', legalName: 'Fiduciaire Léman SA', role });
const me = (role = 'legal_representative') => ({
  person: { id: 'p-1', email: 'lea@example.test', givenName: 'Léa', familyName: 'Favre' },
  organizations: [organization(role)],
  clients: [],
  operator: false,
});
const details = (type: string) => ({
  id: 'o-1',
  identifierKind: 'uid',
  identifier: 'CHE123456788',
  legalName: 'Fiduciaire Léman SA',
  type,
  category: null,
  address: {},
  status: 'active',
});
const party = (id: string, legalName: string) => ({ id, identifier: `CHE-${id}`, legalName });
const mandate = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  side: 'fiduciary',
  status: 'active',
  fiduciary: party('o-1', 'Fiduciaire Léman SA'),
  client: party(`c-${id}`, `Client ${id} SA`),
  validFrom: '2026-02-02',
  validUntil: null,
  requestedAt: '2026-01-30T09:00:00Z',
  decisionReason: null,
  delegates: [],
  clientServices: ['employer-inbox'],
  services: null,
  ...extra,
});
const marc = {
  id: 'm-2',
  personId: 'p-2',
  email: 'marc@example.test',
  givenName: 'Marc',
  familyName: 'Test',
  role: 'member',
  status: 'active',
  expiresOn: null,
  createdAt: '2026-01-05T08:00:00Z',
  rights: [],
};
type Answer = (path: string, method: string, route: Route) => Promise<void> | undefined;

describe('console states of the mandates screen, API answers given by the test', () => {
  const ui = consoleStates();
  const { sent } = ui;
  let page: Page;

  /** The screen with `mandates`; `write` answers the writes, reads answer as a fiduciary (or `type`). */
  async function open(
    mandates: unknown[],
    write: Answer = () => undefined,
    options: { role?: string; type?: string; width?: number; list?: Answer } = {},
  ): Promise<void> {
    page = await ui.open(
      '/#/o/o-1/mandates',
      (path, method, route) => {
        if (path === '/me') return json(route, 200, me(options.role));
        if (method !== 'GET') return write(path, method, route) ?? json(route, 204);
        if (path === '/organizations/o-1') return json(route, 200, details(options.type ?? 'fiduciary'));
        if (path === '/organizations/o-1/members') return json(route, 200, { items: [marc], total: 1, page: 1, pageSize: 200 });
        return options.list?.(path, method, route) ?? json(route, 200, { items: mandates });
      },
      { viewport: { width: options.width ?? 1100, height: 800 } },
    );
  }

  it('R25: loading, then the empty state; a member of the fiduciary reads the mandates, with status and dates, but acts on none', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await open([], undefined, { list: async (_p, _m, route) => (await held, json(route, 200, { items: [] })) });
    await page.getByRole('status').filter({ hasText: 'Chargement…' }).waitFor();
    release();
    await page.getByText('Aucun mandat pour le moment.').waitFor();
    expect(await page.getByRole('heading', { name: 'Demander un mandat' }).count()).toBe(1);

    const withDelegate = mandate('a', {
      validUntil: '2027-12-31',
      delegates: [{ membershipId: 'm-2', email: 'marc@example.test', rights: [{ serviceId: 'employer-inbox', rightId: 'read' }] }],
    });
    await open([withDelegate, mandate('b', { status: 'rejected', validFrom: null, decisionReason: 'Procuration non signée' })], undefined, { role: 'member' });
    const a = page.getByRole('region', { name: 'Client a SA (CHE-c-a)' });
    await a.getByText('Actif', { exact: true }).waitFor();
    expect(await a.textContent()).toContain("Demandé le 30 janvier 2026 · en vigueur depuis le 2 février 2026 · jusqu'au 31 décembre 2027");
    expect(await a.locator('procura-mandate-delegates p').filter({ hasText: 'marc@example.test' }).textContent()).toBe(
      'marc@example.test : Vos courriers : Lire les courriers',
    );
    expect(await page.getByRole('region', { name: 'Client b SA (CHE-c-b)' }).textContent()).toContain('Motif du refus : Procuration non signée');
    expect(await page.getByText('Toute la fiduciaire voit ses mandats').count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Mettre fin au mandat' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Désigner' }).count()).toBe(0);
    expect(await page.getByRole('checkbox').count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Retirer/ }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('R24: a manager who is neither the legal representative nor the deputy is told who requests a mandate, and gets no form', async () => {
    await open([mandate('a')], undefined, { role: 'manager' });
    await page.getByText('Seuls le requérant et son adjoint demandent un mandat.').waitFor();
    expect(await page.getByRole('heading', { name: 'Demander un mandat' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Mettre fin au mandat' }).count()).toBe(1);
  });

  it('R25: the list fails with the API message and a retry', async () => {
    await open([], undefined, { list: (_p, _m, route) => route.abort('failed') });
    await page.getByRole('alert').filter({ hasText: 'Le service ne répond pas' }).first().waitFor();
    await page.getByRole('button', { name: 'Réessayer' }).waitFor();
  });

  it('R24: the request sends the file chosen from disk as base64; each refusal shows under its field', async () => {
    const refusals = [
      problem('mandate.client_not_recognized', 'Le registre ne connaît pas ce client.', 'The registry does not know this client.', 'client'),
      problem(
        'document.type',
        'La procuration doit être un PDF, un PNG ou un JPEG.',
        'The power of attorney must be a PDF, a PNG or a JPEG.',
        'powerOfAttorney/content',
      ),
      problem(
        'mandate.client_representative_required',
        "Le client n'a pas encore d'accès : indiquez son représentant.",
        'The client has no access yet: name its representative.',
        'clientRepresentative',
      ),
    ];
    let posts = 0;
    await open([], (_path, _method, route) =>
      posts < refusals.length ? json(route, 422, refusals[posts++]) : json(route, 201, { id: 'new', clientId: 'c-1', status: 'requested' }),
    );
    await page.getByLabel('Identifiant du client').fill('CHE-109.322.551');
    await page.getByLabel('Procuration signée').setInputFiles({ name: 'procuration.pdf', mimeType: 'application/pdf', buffer: samplePdf });
    await page.getByLabel('Fin du mandat').fill('2027-06-30');
    const submit = page.getByRole('button', { name: 'Envoyer la demande' });
    // Issue 16 item 7: a mandate names the services it covers; none chosen, the form says so and sends nothing.
    const sentBefore = sent.length;
    await submit.click();
    await page.locator('#services-error').filter({ hasText: 'Choisissez au moins un service couvert par le mandat.' }).waitFor();
    expect(sent.length).toBe(sentBefore);
    await page.getByRole('group', { name: 'Services couverts par le mandat' }).getByRole('checkbox', { name: 'Vos courriers' }).check();
    expect(await page.locator('#services-error').count()).toBe(0);
    await submit.click();
    await page.locator('#client-error').filter({ hasText: 'Le registre ne connaît pas ce client.' }).waitFor();
    expect(await page.getByLabel('Identifiant du client').getAttribute('aria-invalid')).toBe('true');
    expect(sent[0]).toEqual({
      method: 'POST',
      path: '/organizations/o-1/mandates',
      body: {
        client: 'CHE-109.322.551',
        powerOfAttorney: { filename: 'procuration.pdf', content: samplePdf.toString('base64') },
        services: ['employer-inbox'],
        validUntil: '2027-06-30',
      },
    });
    await submit.click();
    await page.locator('#document-error').filter({ hasText: 'La procuration doit être un PDF' }).waitFor();
    expect(await page.locator('#client-error').count()).toBe(0);
    expect(await page.getByLabel('Procuration signée').getAttribute('aria-describedby')).toBe('document-error');
    await submit.click();
    // The client's representative: its fields open with the refusal under the group.
    await page.locator('#representative-error').filter({ hasText: "le client n'a pas encore d'accès" }).waitFor();
    await page.getByLabel("Le client n'a pas encore d'accès").check();
    await page.getByLabel('Prénom').fill('Anne');
    await page.getByLabel('Nom', { exact: true }).fill('Rochat');
    await page.getByLabel('E-mail').fill('anne@example.test');
    await submit.click();
    await page.getByRole('status').filter({ hasText: "Demande envoyée : l'opérateur la vérifie" }).waitFor();
    expect(sent[3]?.body).toMatchObject({ clientRepresentative: { givenName: 'Anne', familyName: 'Rochat', email: 'anne@example.test' } });
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("R25: a delegate assigned, then rights one by one; a right on a service the client no longer subscribes to (since the list was read) is refused under the delegate's rights, the box unchecked; a phone's width", async () => {
    let delegates: Array<{ membershipId: string; email: string; rights: unknown[] }> = [];
    await open(
      [],
      (path, _method, route) => {
        const body = sent.at(-1)?.body as { rights?: Array<{ serviceId: string }> };
        if (path.endsWith('/delegates'))
          return (
            (delegates = [{ membershipId: 'm-2', email: 'marc@example.test', rights: [{ serviceId: 'employer-inbox', rightId: 'read' }] }]),
            json(route, 204)
          );
        if (body.rights?.some((r) => r.serviceId === 'contributions')) {
          return json(
            route,
            422,
            problem(
              'right.service_not_subscribed',
              "L'organisation n'est pas abonnée au service contributions.",
              'The organization does not subscribe to the service contributions.',
              'rights',
            ),
          );
        }
        delegates = [{ ...delegates[0]!, rights: body.rights ?? [] }];
        return json(route, 204);
      },
      { width: 375, list: (_p, _m, route) => json(route, 200, { items: [mandate('a', { delegates, clientServices: ['contributions', 'employer-inbox'] })] }) },
    );
    const region = page.getByRole('region', { name: 'Client a SA (CHE-c-a)' });
    await region.getByText('Aucun mandataire pour le moment.').waitFor();
    await region.getByRole('combobox', { name: 'Désigner un membre de la fiduciaire' }).selectOption('m-2');
    await region.getByRole('button', { name: 'Désigner' }).click();
    await region.getByRole('status').filter({ hasText: 'marc@example.test gère désormais ce mandat' }).waitFor();
    expect(sent[0]).toEqual({ method: 'POST', path: '/organizations/o-1/mandates/a/delegates', body: { membershipId: 'm-2' } });

    const rights = region.getByRole('group', { name: 'Droits de marc@example.test chez le client' });
    const reply = rights.getByRole('group', { name: 'Vos courriers' }).getByRole('checkbox', { name: 'Répondre' });
    expect(await rights.getByRole('group', { name: 'Vos courriers' }).getByRole('checkbox', { name: 'Lire les courriers' }).isChecked()).toBe(true);
    await reply.click();
    await region.getByRole('status').filter({ hasText: 'Vos courriers : Répondre accordé à marc@example.test.' }).waitFor();
    expect(sent[1]).toEqual({
      method: 'PUT',
      path: '/organizations/o-1/mandates/a/delegates/m-2/rights',
      body: {
        rights: [
          { serviceId: 'employer-inbox', rightId: 'read' },
          { serviceId: 'employer-inbox', rightId: 'reply' },
        ],
      },
    });

    const pay = rights.getByRole('group', { name: 'Factures et acomptes AVS' }).getByRole('checkbox', { name: 'Payer' });
    await pay.click();
    await rights.getByRole('alert').filter({ hasText: "L'organisation n'est pas abonnée au service contributions." }).waitFor();
    await expect.poll(() => pay.isChecked()).toBe(false);
    expect(await reply.isChecked()).toBe(true);
    expect(sent[2]?.body).toEqual({
      rights: [
        { serviceId: 'employer-inbox', rightId: 'read' },
        { serviceId: 'employer-inbox', rightId: 'reply' },
        { serviceId: 'contributions', rightId: 'pay' },
      ],
    });
    expect(await rights.getAttribute('aria-describedby')).toBe('rights-a-m-2-error');
    expect(
      await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth),
    ).toBeLessThanOrEqual(375);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("R25, R15: the rights offered are those of the services the CLIENT subscribes to, in the console's language; none subscribed says so; a right still held on a service the client left shows, marked", async () => {
    const holding = (rights: unknown[]) => [{ membershipId: 'm-2', email: 'marc@example.test', rights }];
    await open([
      mandate('a', { delegates: holding([{ serviceId: 'employer-inbox', rightId: 'read' }]) }),
      mandate('b', { delegates: holding([]), clientServices: [] }),
      mandate('c', { delegates: holding([{ serviceId: 'contributions', rightId: 'pay' }]) }),
    ]);
    const rightsIn = (id: string) =>
      page.getByRole('region', { name: `Client ${id} SA (CHE-c-${id})` }).getByRole('group', { name: 'Droits de marc@example.test chez le client' });
    const a = rightsIn('a');
    await a.getByRole('group', { name: 'Vos courriers' }).waitFor();
    expect(await a.getByRole('group').evaluateAll((groups) => groups.map((g) => g.querySelector('legend')?.textContent?.trim()))).toEqual(['Vos courriers']);
    expect(await a.getByRole('checkbox').evaluateAll((boxes) => boxes.map((b) => b.parentElement?.textContent?.trim()))).toEqual([
      'Lire les courriers',
      'Attribuer',
      'Archiver',
      'Répondre',
    ]);
    expect(await a.getByRole('checkbox', { name: 'Lire les courriers' }).isChecked()).toBe(true);
    expect(await a.textContent()).toContain('Seuls les services souscrits par le client sont proposés.');
    const b = rightsIn('b');
    expect(await b.textContent()).toContain("Le client n'est abonné à aucun service : aucun droit à accorder pour le moment.");
    expect(await b.getByRole('checkbox').count()).toBe(0);
    const left = rightsIn('c').getByRole('group', { name: "Factures et acomptes AVS (le client n'y est plus abonné)" });
    expect(await left.getByRole('checkbox', { name: 'Payer' }).isChecked()).toBe(true);
    expect(await rightsIn('c').getByRole('group', { name: 'Vos courriers' }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'English' }).click();
    const inEnglish = page.getByRole('region', { name: 'Client a SA (CHE-c-a)' }).getByRole('group', { name: 'Rights of marc@example.test at the client' });
    await inEnglish.getByRole('group', { name: 'Employer inbox' }).getByRole('checkbox', { name: 'Read letters' }).waitFor();
    expect(await inEnglish.getByRole('group', { name: 'Contribution invoices' }).count()).toBe(0);
    await page.getByRole('region', { name: 'Client b SA (CHE-c-b)' }).getByText('The client subscribes to no service: no right to grant for now.').waitFor();
  });

  it('R25: « Retirer » asks first (Cancel sends nothing), says so while the API answers, shows the refusal beside the button; removed, the delegate leaves the list', async () => {
    let delegates = [{ membershipId: 'm-2', email: 'marc@example.test', rights: [{ serviceId: 'employer-inbox', rightId: 'read' }] }];
    let release: () => void = () => undefined;
    let deletes = 0;
    await open(
      [],
      async (_path, method, route) => {
        if (method !== 'DELETE') return undefined;
        if (deletes++ === 0)
          return json(
            route,
            409,
            problem('mandate.not_open', "Ce mandat n'est plus ouvert (refusé ou terminé).", 'This mandate is no longer open (rejected or ended).', 'mandateId'),
          );
        await new Promise<void>((resolve) => (release = resolve));
        delegates = [];
        return json(route, 204);
      },
      { list: (_p, _m, route) => json(route, 200, { items: [mandate('a', { delegates })] }) },
    );
    const region = page.getByRole('region', { name: 'Client a SA (CHE-c-a)' });
    const remove = region.getByRole('button', { name: 'Retirer marc@example.test' });
    const dialog = page.getByRole('dialog', { name: 'Retirer marc@example.test du mandat ?' });
    await remove.click();
    expect(await dialog.textContent()).toContain('Ses droits chez Client a SA partent avec lui');
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    expect(sent).toEqual([]);

    await remove.click();
    await dialog.getByRole('button', { name: 'Retirer', exact: true }).click();
    const refusal = region.getByRole('alert').filter({ hasText: "Ce mandat n'est plus ouvert (refusé ou terminé)." });
    await refusal.waitFor();
    expect(await remove.getAttribute('aria-describedby')).toBe(await refusal.getAttribute('id'));
    expect(await seriousViolations(page)).toEqual([]);

    await remove.click();
    await dialog.getByRole('button', { name: 'Retirer', exact: true }).click();
    const pending = region.getByRole('button', { name: 'Retrait…' });
    await pending.waitFor();
    expect(await pending.isDisabled()).toBe(true);
    expect(await refusal.count()).toBe(0);
    release();
    await region.getByRole('status').filter({ hasText: 'marc@example.test ne gère plus ce mandat ; ses droits chez Client a SA sont retirés.' }).waitFor();
    await region.getByText('Aucun mandataire pour le moment.').waitFor();
    expect(await region.getByRole('checkbox').count()).toBe(0);
    expect(sent.map(({ method, path }) => `${method} ${path}`)).toEqual([
      'DELETE /organizations/o-1/mandates/a/delegates/m-2',
      'DELETE /organizations/o-1/mandates/a/delegates/m-2',
    ]);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('R25: « Remove » in English on a phone', async () => {
    let delegates = [{ membershipId: 'm-2', email: 'marc@example.test', rights: [] as unknown[] }];
    await open([], (_path, _method, route) => ((delegates = []), json(route, 204)), {
      width: 375,
      list: (_p, _m, route) => json(route, 200, { items: [mandate('a', { delegates })] }),
    });
    await page.getByRole('button', { name: 'English' }).click();
    const region = page.getByRole('region', { name: 'Client a SA (CHE-c-a)' });
    await region.getByRole('button', { name: 'Remove marc@example.test' }).click();
    const dialog = page.getByRole('dialog', { name: 'Remove marc@example.test from the mandate?' });
    expect(await dialog.textContent()).toContain('Their rights at Client a SA go with them');
    await dialog.getByRole('button', { name: 'Remove', exact: true }).click();
    await region
      .getByRole('status')
      .filter({ hasText: 'marc@example.test no longer handles this mandate; their rights at Client a SA are withdrawn.' })
      .waitFor();
    await region.getByText('No delegate yet.').waitFor();
    expect(
      await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth),
    ).toBeLessThanOrEqual(375);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('R26: a manager attaches an employee to all open mandates at once; a refusal shows under the employee', async () => {
    let posts = 0;
    await open([mandate('a'), mandate('b')], (_path, _method, route) =>
      posts++ === 0
        ? json(
            route,
            422,
            problem(
              'mandate.delegate_not_fiduciary',
              'Un mandat est géré par les membres de la fiduciaire.',
              "A mandate is handled by the fiduciary's members.",
              'membershipId',
            ),
          )
        : json(route, 200, { attached: ['a', 'b'] }),
    );
    const attach = page.getByRole('region', { name: 'Rattacher à tous les mandats' });
    await attach.getByRole('combobox', { name: 'Collaborateur de la fiduciaire' }).selectOption('m-2');
    await attach.getByRole('button', { name: 'Rattacher à tous les mandats ouverts' }).click();
    await page.locator('#attach-member-error').filter({ hasText: 'Un mandat est géré par les membres de la fiduciaire.' }).waitFor();
    await attach.getByRole('button', { name: 'Rattacher à tous les mandats ouverts' }).click();
    await attach.getByRole('status').filter({ hasText: 'marc@example.test est rattaché à 2 mandat(s) de plus.' }).waitFor();
    expect(sent.at(-1)).toEqual({ method: 'POST', path: '/organizations/o-1/members/m-2/mandates', body: { mandates: 'all' } });
  });

  it("R27: ending asks first, Cancel sends nothing; the refusal shows under its button; a client ends a fiduciary's mandate, in English on a phone", async () => {
    await open([mandate('a')], (_path, _method, route) =>
      json(route, 409, problem('mandate.not_open', 'Ce mandat est déjà terminé.', 'This mandate has ended already.')),
    );
    const end = page.getByRole('button', { name: 'Mettre fin au mandat' });
    await end.click();
    const dialog = page.getByRole('dialog', { name: 'Mettre fin au mandat avec Client a SA ?' });
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    expect(sent).toEqual([]);
    await end.click();
    await dialog.getByRole('button', { name: 'Mettre fin', exact: true }).click();
    await page.locator('#mandate-a-error').filter({ hasText: 'Ce mandat est déjà terminé.' }).waitFor();
    expect(await end.getAttribute('aria-describedby')).toBe('mandate-a-error');

    let ended = false;
    const ofClient = () => ({
      ...mandate('z', { side: 'client', fiduciary: party('f-1', 'Fiduciaire Alpes SA'), client: party('o-1', 'Menuiserie SA') }),
      status: ended ? 'ended' : 'active',
    });
    await open([], (_path, _method, route) => ((ended = true), json(route, 204)), {
      type: 'employer',
      width: 375,
      list: (_p, _m, route) => json(route, 200, { items: [ofClient()] }),
    });
    await page.getByRole('button', { name: 'English' }).click();
    const region = page.getByRole('region', { name: 'Fiduciaire Alpes SA (CHE-f-1)' });
    await page.getByRole('heading', { name: 'Fiduciaries acting for us' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Request a mandate' }).count()).toBe(0);
    expect(await region.getByRole('combobox').count()).toBe(0);
    await region.getByRole('button', { name: 'End the mandate' }).click();
    await page.getByRole('dialog', { name: 'End the mandate with Fiduciaire Alpes SA?' }).getByRole('button', { name: 'End it' }).click();
    await page.getByRole('status').filter({ hasText: 'The mandate with Fiduciaire Alpes SA has ended.' }).waitFor();
    await region.getByText('Ended', { exact: true }).waitFor();
    expect(sent).toEqual([{ method: 'POST', path: '/organizations/o-1/mandates/z/end', body: {} }]);
    expect(
      await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth),
    ).toBeLessThanOrEqual(375);
    expect(await seriousViolations(page)).toEqual([]);
  });
});
