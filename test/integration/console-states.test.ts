import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { seriousViolations } from '../helpers/browser.js';
import { consoleStates, type ApiAnswer } from '../helpers/console-states.js';
import { json } from '../helpers/api-answers.js';

/**
 * The console's components in Chromium, each state on its own: the built console from the run's
 * sync-service, with the API's answers given by the test (page.route), so that loading, empty,
 * error, signed-out and refusal states are shown without arranging them on the real stack.
 */
const me = {
  person: { id: 'p-1', email: 'lea@example.test', givenName: 'Léa', familyName: 'Favre' },
  organizations: [{ id: 'o-1', identifier: 'CHE123456788', legalName: 'Horlogerie Léman SA', role: 'legal_representative' }],
  clients: [],
  operator: false,
};

describe('console states, API answers given by the test', () => {
  const ui = consoleStates();
  let page: Page;

  /** A fresh page whose API answers come from `answer` (path after /api/v1, method). */
  async function openWith(hash: string, answer: ApiAnswer): Promise<void> {
    page = await ui.open(`/${hash}`, answer);
  }

  it('signed out: the sign-in page, in French, accessible', async () => {
    await openWith('', (_path, _method, route) => json(route, 401, { code: 'auth.required', messages: { fr: 'Connexion requise.', en: 'Sign-in required.' } }));
    await page.getByRole('link', { name: 'Se connecter' }).waitFor();
    expect(await page.getByRole('link', { name: 'Se connecter' }).getAttribute('href')).toBe('/auth/login');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('loading, then empty: the members list says so', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await openWith('#/o/o-1/members', async (path, _method, route) => {
      if (path === '/me') return json(route, 200, me);
      await held;
      return json(route, 200, { items: [], total: 0, page: 1, pageSize: 50 });
    });
    await page.getByText('Chargement des utilisateurs…').waitFor();
    release();
    await page.getByText('Aucun utilisateur ne correspond à ces critères.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('error: the API message in an alert, and a retry that works', async () => {
    let calls = 0;
    await openWith('#/o/o-1/members', (path, _method, route) => {
      if (path === '/me') return json(route, 200, me);
      calls += 1;
      if (calls === 1)
        return json(route, 503, {
          code: 'database.unavailable',
          messages: {
            fr: 'La base de données ne répond pas pour le moment ; réessayez dans quelques secondes.',
            en: 'The database is not answering at the moment; please try again in a few seconds.',
          },
        });
      return json(route, 200, { items: [], total: 0, page: 1, pageSize: 50 });
    });
    await page.getByRole('alert').filter({ hasText: 'La base de données ne répond pas pour le moment ; réessayez dans quelques secondes.' }).waitFor();
    await page.getByRole('button', { name: 'Réessayer' }).click();
    await page.getByText('Aucun utilisateur ne correspond à ces critères.').waitFor();
  });

  it('a network failure says so, in the language of the moment', async () => {
    await openWith('#/o/o-1/members', (path, _method, route) => (path === '/me' ? json(route, 200, me) : route.abort('failed')));
    await page.getByRole('alert').filter({ hasText: 'Le service ne répond pas' }).waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('alert').filter({ hasText: 'The service does not answer' }).waitFor();
  });

  it('each schema refusal shows under its own field, announced and linked to it', async () => {
    await openWith('#/o/o-1/units', (path, method, route) => {
      if (path === '/me') return json(route, 200, me);
      if (path === '/organizations/o-1/units' && method === 'GET') return json(route, 200, { units: [] });
      if (path === '/organizations/o-1/members') return json(route, 200, { items: [], total: 0, page: 1, pageSize: 50 });
      if (path === '/organizations/o-1/services') return json(route, 200, { items: [] });
      return json(route, 422, {
        code: 'input.invalid',
        messages: { fr: 'Requête invalide.', en: 'Invalid request.' },
        errors: [{ field: '/name', code: 'schema.minLength', messages: { fr: 'au moins 1 caractère.', en: 'at least 1 character.' } }],
      });
    });
    await page.getByRole('button', { name: 'Ajouter', exact: true }).click();
    const name = page.getByRole('textbox', { name: 'Nom' });
    await page.locator('#name-error').waitFor();
    expect(await page.locator('#name-error').textContent()).toBe('au moins 1 caractère.');
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    expect(await name.getAttribute('aria-describedby')).toBe('name-error');
    expect(await page.locator('#kind-error').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('an unknown route and a person with no organization get a page that says so', async () => {
    await openWith('#/nowhere', (_path, _method, route) => json(route, 200, me));
    await page.getByRole('heading', { name: 'Page introuvable' }).waitFor();
    await openWith('', (_path, _method, route) => json(route, 200, { ...me, organizations: [] }));
    await page.getByRole('heading', { name: 'Aucune organisation' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });
});
