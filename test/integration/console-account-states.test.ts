import { describe, expect, it } from 'vitest';
import type { Page, Route } from 'playwright-core';
import { seriousViolations } from '../helpers/browser.js';
import { consoleStates } from '../helpers/console-states.js';
import { stack } from '../helpers/stack.js';
import { json, problem } from '../helpers/api-answers.js';

/**
 * The services (R15), my profile (R4) and managers (R14) screens in Chromium, each state on its
 * own: the built console from the run's sync-service, the API's answers given by the test
 * (page.route), so that loading, empty, error, waiting and refusal states show without arranging
 * them on the real stack. End to end against the real API: console-account.test.ts.
 */
const me = {
  person: { id: 'p-1', email: 'lea@example.test', givenName: 'Léa', familyName: 'Favre' },
  organizations: [{ id: 'o-1', identifier: 'CHE123456788', legalName: 'Horlogerie Léman SA', role: 'legal_representative' }],
  clients: [],
  operator: false,
};
const label = (fr: string, en: string) => ({ fr, en });
const inbox = {
  id: 'employer-inbox',
  label: label('Vos courriers', 'Your mail'),
  status: 'subscribed',
  subscription: { startsOn: '2026-01-05', endsOn: null },
  rights: [{ id: 'read', label: label('Lire les courriers', 'Read the mail'), grantable: true }],
};
const salary = {
  id: 'salary-declaration',
  label: label('Déclaration des salaires', 'Salary declaration'),
  status: 'available',
  subscription: null,
  rights: [{ id: 'submit', label: label('Déclarer', 'Declare'), grantable: false }],
};
const profile = {
  id: 'p-1',
  email: 'lea@example.test',
  civility: 'ms',
  givenName: 'Léa',
  familyName: 'Favre',
  birthDate: '1985-04-12',
  phone: '+41215550102',
  pendingEmail: null,
  secretQuestion: null,
  passwordChangeUrl: '/auth/login?action=update_password&returnTo=/',
  mobileNumberUrl: '/auth/login?action=mobile_number&returnTo=/',
};
const member = (id: string, givenName: string, role: string, status = 'active') => ({
  id,
  personId: `p-${id}`,
  email: `${givenName.toLowerCase()}@example.test`,
  givenName,
  familyName: 'Test',
  role,
  status,
  expiresOn: null,
  createdAt: '2026-01-05T08:00:00Z',
  rights: [],
});
type Answer = (path: string, method: string, route: Route) => Promise<void>;

describe('console states of services, profile and managers, API answers given by the test', () => {
  const ui = consoleStates();
  /** Each write's method, path and body, to check what the screen sent. */
  const { sent } = ui;
  let page: Page;

  async function openWith(hash: string, answer: Answer, viewport = { width: 1100, height: 800 }, who: typeof me = me): Promise<void> {
    page = await ui.open(`/${hash}`, (path, method, route) => (path === '/me' ? json(route, 200, who) : answer(path, method, route)), { viewport });
  }

  it('R15: loading, then the catalogue with each status and its rights; an available service is not grantable', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await openWith('#/o/o-1/services', async (_path, _method, route) => (await held, json(route, 200, { items: [inbox, salary] })));
    await page.getByRole('status').filter({ hasText: 'Chargement…' }).waitFor();
    release();
    const subscribed = page.getByRole('region', { name: 'Vos courriers' });
    await subscribed.getByText('Souscrit', { exact: true }).waitFor();
    expect(await subscribed.textContent()).toContain('Depuis le 5 janvier 2026');
    expect(await subscribed.getByRole('button').count()).toBe(0);
    const available = page.getByRole('region', { name: 'Déclaration des salaires' });
    expect(await available.getByText('Disponible', { exact: true }).count()).toBe(1);
    expect(await available.getByRole('listitem').allTextContents()).toEqual(['Déclarer']);
    await available.getByRole('button', { name: 'Activer Déclaration des salaires' }).waitFor();
    expect(await page.getByRole('status').filter({ hasText: 'souscrit' }).textContent()).toContain('1 service(s) souscrit(s) sur 2');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('R15: activation asks first; Cancel sends nothing; the refusal shows under the service, linked to its button', async () => {
    await openWith('#/o/o-1/services', (_path, method, route) =>
      method === 'GET'
        ? json(route, 200, { items: [inbox, salary] })
        : json(route, 409, problem('subscription.exists', 'Ce service est déjà souscrit.', 'This service is subscribed already.')),
    );
    const activate = page.getByRole('button', { name: 'Activer Déclaration des salaires' });
    await activate.click();
    const dialog = page.getByRole('dialog', { name: 'Activer Déclaration des salaires ?' });
    expect(await dialog.textContent()).toContain('Horlogerie Léman SA souscrit Déclaration des salaires');
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    expect(sent.filter((r) => r.method === 'POST')).toEqual([]);
    await activate.click();
    await dialog.getByRole('button', { name: 'Activer', exact: true }).click();
    const error = page.locator('#service-salary-declaration-error');
    await error.waitFor();
    expect(await error.textContent()).toBe('Ce service est déjà souscrit.');
    expect(await activate.getAttribute('aria-describedby')).toBe('service-salary-declaration-error');
    expect(sent.filter((r) => r.method === 'POST')).toEqual([
      { method: 'POST', path: '/organizations/o-1/services/salary-declaration/subscription', body: {} },
    ]);
  });

  it('R15: a member reads the catalogue but activates nothing, and has no managers section', async () => {
    const asMember = { ...me, organizations: [{ ...me.organizations[0]!, role: 'member' }] };
    await openWith(
      '#/o/o-1/services',
      (_path, _method, route) => json(route, 200, { items: [inbox, { ...inbox, rights: [{ ...inbox.rights[0]!, grantable: false }], id: 'x' }, salary] }),
      undefined,
      asMember,
    );
    await page.getByRole('region', { name: 'Déclaration des salaires' }).getByText("Seuls les gestionnaires de l'organisation activent un service.").waitFor();
    expect(await page.getByRole('button', { name: /^Activer/ }).count()).toBe(0);
    expect(await page.getByText('(non accordable par vous)').count()).toBe(1);
    const sections = await page.getByRole('navigation', { name: 'Sections' }).getByRole('link').allTextContents();
    expect(sections).toContain('Services');
    expect(sections).not.toContain('Gestionnaires');
  });

  it('R15: an empty catalogue says so; an error offers a retry that works', async () => {
    let calls = 0;
    await openWith('#/o/o-1/services', (_path, _method, route) =>
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
        : json(route, 200, { items: [] }),
    );
    await page.getByRole('alert').filter({ hasText: 'La base de données ne répond pas pour le moment ; réessayez dans quelques secondes.' }).waitFor();
    await page.getByRole('button', { name: 'Réessayer' }).click();
    await page.getByText('Aucun service au catalogue pour le moment.').waitFor();
  });

  it('R4: my profile filled in; a refusal shows under its field; what is sent is what the form holds', async () => {
    await openWith('#/me/profile', (_path, method, route) =>
      method === 'GET'
        ? json(route, 200, profile)
        : json(route, 422, problem('person.birth_date', 'La date de naissance doit être un jour passé.', 'The birth date must be a past day.', '/birthDate')),
    );
    await page.getByRole('heading', { name: 'Mon profil', level: 1 }).waitFor();
    expect(await page.getByRole('combobox', { name: 'Civilité' }).inputValue()).toBe('ms');
    expect(await page.getByRole('textbox', { name: 'Prénom' }).inputValue()).toBe('Léa');
    expect(await page.getByRole('link', { name: 'Changer mon mot de passe' }).getAttribute('href')).toBe(profile.passwordChangeUrl);
    // R2: the mobile number for SMS codes has its own link (Keycloak's procura-mobile-number action).
    expect(await page.getByRole('link', { name: 'Numéro de mobile pour les codes SMS' }).getAttribute('href')).toBe(profile.mobileNumberUrl);
    expect(await page.getByText('ne se change pas encore ici').count()).toBe(0);
    await page.getByLabel('Date de naissance').fill('2099-01-01');
    await page.getByRole('textbox', { name: 'Téléphone de contact' }).fill('');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    const error = page.locator('#birthDate-error');
    await error.waitFor();
    expect(await error.textContent()).toBe('La date de naissance doit être un jour passé.');
    expect(await page.getByLabel('Date de naissance').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('textbox', { name: 'Prénom' }).getAttribute('aria-invalid')).toBe('false');
    expect(sent.find((r) => r.method === 'PATCH')?.body).toEqual({
      civility: 'ms',
      givenName: 'Léa',
      familyName: 'Favre',
      birthDate: '2099-01-01',
      phone: null,
    });
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('R4, R5: a role address passes with the warning, and the new address waits for confirmation; a taken one is refused under the field', async () => {
    let pendingEmail: { email: string; expiresAt: string } | null = null;
    await openWith('#/me/profile', (path, method, route) => {
      if (method === 'GET') return json(route, 200, { ...profile, pendingEmail });
      const email = (route.request().postDataJSON() as { email: string }).email;
      if (email === 'taken@example.test')
        return json(
          route,
          409,
          problem('email.taken', "Cette adresse est déjà celle d'un autre compte.", 'This address belongs to another account already.', 'email'),
        );
      pendingEmail = { email, expiresAt: '2026-12-01T09:00:00Z' };
      return json(route, 201, {
        pendingEmail: email,
        expiresAt: pendingEmail.expiresAt,
        warnings: [
          {
            code: 'email.not_nominative',
            field: '/email',
            messages: { fr: 'Adresse de rôle ; préférez une adresse nominative.', en: 'A role address; prefer a personal one.' },
          },
        ],
      });
    });
    const email = page.getByRole('textbox', { name: 'Nouvelle adresse' });
    await email.fill('taken@example.test');
    await page.getByRole('button', { name: 'Envoyer le lien' }).click();
    await page.locator('#email-error').waitFor();
    expect(await page.locator('#email-error').textContent()).toContain('Cette adresse est déjà celle');
    expect(await email.getAttribute('aria-describedby')).toBe('email-error email-hint');
    expect(await page.getByText('En attente de confirmation').count()).toBe(0);

    await email.fill('contact@example.test');
    await page.getByRole('button', { name: 'Envoyer le lien' }).click();
    await page.getByText('Adresse de rôle ; préférez une adresse nominative.').waitFor();
    const waiting = page.getByRole('status').filter({ hasText: 'En attente de confirmation' });
    await waiting.waitFor();
    expect(await waiting.textContent()).toContain('contact@example.test');
    expect(await waiting.textContent()).toContain('1 décembre 2026');
    expect(await page.locator('#email-error').count()).toBe(0);
    expect(await page.getByText('Vous vous connectez avec lea@example.test.').count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('R14: the managers, the warning while only one is active, and the hand-over refusal under the successor field', async () => {
    const lea = { ...member('m-1', 'Léa', 'legal_representative'), personId: 'p-1' };
    const marc = member('m-2', 'Marc', 'member');
    let posts = 0;
    await openWith(
      '#/o/o-1/managers',
      (path, method, route) => {
        if (method === 'POST' && ++posts === 2)
          return json(route, 409, problem('hand_over.not_manager', 'Vous ne gérez plus cette organisation.', 'You no longer manage this organization.'));
        if (method === 'POST')
          return json(
            route,
            409,
            problem(
              'hand_over.successor_expires',
              "Le successeur a une date d'échéance ; retirez-la d'abord, un gestionnaire doit rester.",
              'The successor has an expiry date; remove it first, a manager must stay.',
              'successorId',
            ),
          );
        const query = new URL(route.request().url()).searchParams;
        if (query.getAll('role').length > 0)
          return json(route, 200, { items: [lea, member('m-3', 'Ana', 'manager', 'deactivated')], total: 2, page: 1, pageSize: 200 });
        return json(route, 200, { items: [lea, marc], total: 2, page: 1, pageSize: 50 });
      },
      { width: 375, height: 740 },
    );
    await page.getByText("L'organisation n'a qu'un gestionnaire actif").waitFor();
    expect(await page.locator('tbody tr').count()).toBe(2);
    const successor = page.getByRole('combobox', { name: 'Successeur' });
    await expect.poll(() => successor.locator('option').allTextContents()).toEqual(['Marc Test — marc@example.test (Collaborateur)']);
    await page.getByRole('button', { name: 'Transmettre' }).click();
    const dialog = page.getByRole('dialog', { name: 'Transmettre votre rôle à Marc Test ?' });
    expect(await dialog.textContent()).toContain('Marc Test devient Requérant de Horlogerie Léman SA');
    await dialog.getByRole('button', { name: 'Transmettre' }).click();
    await page.locator('#successorId-error').waitFor();
    expect(await page.locator('#successorId-error').textContent()).toContain("Le successeur a une date d'échéance");
    expect(await successor.getAttribute('aria-invalid')).toBe('true');
    expect(await successor.getAttribute('aria-describedby')).toBe('successorId-error handover-hint');
    expect(sent.find((r) => r.method === 'POST')).toEqual({ method: 'POST', path: '/organizations/o-1/hand-over', body: { successorId: 'm-2' } });
    // A refusal that names no field shows above the button, and the field is no longer marked.
    await page.getByRole('button', { name: 'Transmettre' }).click();
    await dialog.getByRole('button', { name: 'Transmettre' }).click();
    await page.getByRole('alert').filter({ hasText: 'Vous ne gérez plus cette organisation.' }).waitFor();
    expect(await page.locator('#successorId-error').count()).toBe(0);
    expect(await successor.getAttribute('aria-describedby')).toBe('handover-hint');
    expect(
      await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth),
    ).toBeLessThanOrEqual(375);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('R14: the managers list fails with the API message and a retry', async () => {
    await openWith('#/o/o-1/managers', (_path, _method, route) => route.abort('failed'));
    await page.getByRole('alert').filter({ hasText: 'Le service ne répond pas' }).first().waitFor();
    await page.getByRole('button', { name: 'Réessayer' }).waitFor();
  });

  it('R4: the page of the e-mailed link: without its token it says so; a link expired shows the API message', async () => {
    const { publicUrl } = stack();
    await openWith('', (_path, _method, route) =>
      json(
        route,
        410,
        problem('email_change.expired', 'Ce lien a expiré : demandez le changement à nouveau.', 'This link has expired: ask for the change again.'),
      ),
    );
    await page.goto(`${publicUrl}/email-change`);
    await page.getByRole('alert').filter({ hasText: 'Ce lien est incomplet' }).waitFor();
    const confirmations = () => sent.filter((r) => r.path.startsWith('/email-change'));
    expect(confirmations()).toEqual([]);
    await page.goto('about:blank');
    await page.goto(`${publicUrl}/email-change#token=${'a'.repeat(43)}`);
    await page.getByRole('alert').filter({ hasText: 'Ce lien a expiré' }).waitFor();
    expect(confirmations()).toEqual([{ method: 'POST', path: '/email-change/confirm', body: { token: 'a'.repeat(43) } }]);
    expect(page.url()).toBe(`${publicUrl}/email-change`);
    expect(await seriousViolations(page)).toEqual([]);
  });
});
