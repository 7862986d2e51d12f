import { describe, expect, it } from 'vitest';
import type { Page, Route } from 'playwright-core';
import { seriousViolations } from '../helpers/browser.js';
import { consoleStates } from '../helpers/console-states.js';
import { json } from '../helpers/api-answers.js';

/**
 * The invitations (R5, R16, R17), mail security key (R23) and audit log (R32) screens in Chromium,
 * with the API's answers given by the test (page.route): loading, empty, error and retry, each
 * refusal under its own field, confirmations that can be cancelled, the R5 warning under the e-mail.
 */
const me = {
  person: { id: 'p-1', email: 'lea@example.test', givenName: 'Léa', familyName: 'Favre' },
  organizations: [{ id: 'o-1', identifier: 'CHE123456788', legalName: 'Horlogerie Léman SA', role: 'legal_representative' }],
  clients: [],
  operator: false,
};
const invitation = {
  id: 'i-1',
  membershipId: 'm-1',
  email: 'contact@horlogerie.example',
  givenName: '',
  familyName: '',
  role: 'member',
  invitedBy: 'Léa Favre',
  createdAt: '2026-11-20T09:00:00Z',
  expiresAt: '2026-12-04T09:00:00Z',
  linkExpired: false,
};
const branch = { id: 'u-1', kind: 'branch', name: 'Succursale de Lausanne', parentUnitId: null, identifierKind: null, identifier: null, units: [] };
const problem = (code: string, fr: string, field?: string) => ({ code, messages: { fr, en: fr }, ...(field ? { field } : {}) });

type Answer = (path: string, method: string, route: Route) => Promise<void>;
const answeredHere = new Set(['/me', '/organizations/o-1/units', '/organizations/o-1/services', '/organizations/o-1/mandates']);
const label = (fr: string) => ({ fr, en: fr });
const inbox = {
  id: 'employer-inbox',
  label: label('Vos courriers'),
  status: 'subscribed',
  subscription: { startsOn: '2026-01-01', endsOn: null },
  rights: [{ id: 'read', label: label('Lire les courriers'), grantable: true }],
};

describe('console states of the invitations, key and audit screens, API answers given by the test', () => {
  /** Every request but the session's and the units', as `METHOD /path`. */
  const ui = consoleStates((_request, path, method) => (answeredHere.has(path) ? undefined : `${method} ${path}`));
  const calls = ui.sent;
  let page: Page;

  async function openWith(hash: string, answer: Answer): Promise<void> {
    page = await ui.open(`/${hash}`, (path, method, route) => {
      if (path === '/me') return json(route, 200, me);
      if (path === '/organizations/o-1/units') return json(route, 200, { units: [branch] });
      if (path === '/organizations/o-1/services') return json(route, 200, { items: [inbox] });
      if (path === '/organizations/o-1/mandates') return json(route, 200, { items: [] });
      return answer(path, method, route);
    });
  }

  it('R17: invitations load, then say there are none; an error offers a retry that works', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await openWith('#/o/o-1/invitations', async (_path, _method, route) => {
      await held;
      return json(route, 200, { items: [] });
    });
    await page.getByText('Chargement des invitations…').waitFor();
    release();
    await page.getByText('Aucune invitation en attente.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    let failures = 1;
    await openWith('#/o/o-1/invitations', (_path, _method, route) =>
      failures-- > 0
        ? json(route, 503, problem('database.unavailable', 'La base de données ne répond pas pour le moment ; réessayez dans quelques secondes.'))
        : json(route, 200, { items: [invitation] }),
    );
    await page.getByRole('alert').filter({ hasText: 'La base de données ne répond pas pour le moment ; réessayez dans quelques secondes.' }).waitFor();
    await page.getByRole('button', { name: 'Réessayer' }).click();
    await page.getByText('contact@horlogerie.example', { exact: true }).waitFor();
  });

  it('R16: a refusal shows under the e-mail field, linked to it; R5: a role address is accepted with a warning under it', async () => {
    let created = false;
    let posted: unknown;
    await openWith('#/o/o-1/invitations', async (_path, method, route) => {
      if (method === 'GET') return json(route, 200, { items: created ? [invitation] : [] });
      const body = route.request().postDataJSON() as { email: string; rights?: unknown[] };
      if (!body.email.includes('@')) return json(route, 422, problem('person.email', 'Adresse e-mail invalide.', 'email'));
      created = true;
      posted = body;
      return json(route, 201, {
        invitation,
        warnings: [{ code: 'email.not_nominative', field: '/email', messages: { fr: '« contact@… » semble une adresse de service.', en: 'A role address.' } }],
      });
    });
    const email = page.getByRole('textbox', { name: 'E-mail' });
    await email.fill('pas-une-adresse');
    await page.getByRole('button', { name: "Envoyer l'invitation", exact: true }).click();
    await page.locator('#email-error').waitFor();
    expect(await page.locator('#email-error').textContent()).toBe('Adresse e-mail invalide.');
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    expect(await email.getAttribute('aria-describedby')).toBe('email-error');

    await email.fill('contact@horlogerie.example');
    await page.getByRole('group', { name: 'Vos courriers' }).getByRole('checkbox', { name: 'Lire les courriers' }).check();
    await page.getByRole('combobox', { name: 'Portée' }).selectOption({ label: 'Succursale de Lausanne' });
    await page.getByRole('button', { name: "Envoyer l'invitation", exact: true }).click();
    await page.locator('#email-warning').filter({ hasText: 'semble une adresse de service' }).waitFor();
    expect(await email.getAttribute('aria-describedby')).toBe('email-warning');
    await page.getByRole('status').filter({ hasText: 'Invitation envoyée à contact@horlogerie.example.' }).waitFor();
    await page.getByText('contact@horlogerie.example', { exact: true }).waitFor();
    expect(posted).toEqual({ email: 'contact@horlogerie.example', role: 'member', rights: [{ serviceId: 'employer-inbox', rightId: 'read', unitId: 'u-1' }] });
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("R17: revoking asks first (cancel sends nothing); a refusal shows in the invitation's row", async () => {
    await openWith('#/o/o-1/invitations', (_path, method, route) =>
      method === 'GET'
        ? json(route, 200, { items: [{ ...invitation, linkExpired: true }] })
        : json(route, 409, problem('invitation.not_pending', "Cette invitation n'est plus en attente.", 'invitationId')),
    );
    await page.getByText('Lien expiré : à renvoyer').waitFor();
    await page.getByRole('button', { name: "Retirer l'invitation de contact@horlogerie.example" }).click();
    await page.getByRole('dialog', { name: "Retirer l'invitation ?" }).getByRole('button', { name: 'Annuler' }).click();
    expect(calls.filter((c) => c.startsWith('DELETE'))).toEqual([]);
    await page.getByRole('button', { name: "Retirer l'invitation de contact@horlogerie.example" }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Retirer' }).click();
    await page.locator('#error-i-1').filter({ hasText: "n'est plus en attente" }).waitFor();
    expect(calls).toContain('DELETE /organizations/o-1/invitations/i-1');
    expect(await page.getByRole('button', { name: "Retirer l'invitation de contact@horlogerie.example" }).getAttribute('aria-describedby')).toBe('error-i-1');
  });

  it('R16: a person invited without names is named by their e-mail in the members list (a link with a name)', async () => {
    const invited = {
      id: 'm-1',
      personId: 'p-2',
      email: 'contact@horlogerie.example',
      givenName: '',
      familyName: '',
      role: 'member',
      status: 'invited',
      expiresOn: null,
      createdAt: '2026-11-20T09:00:00Z',
      rights: [],
    };
    await openWith('#/o/o-1/members', (_path, _method, route) => json(route, 200, { items: [invited], total: 1, page: 1, pageSize: 50 }));
    await page.getByRole('link', { name: 'contact@horlogerie.example' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("R23: a mistyped repetition is caught before asking the API; the API's refusal shows under the key", async () => {
    await openWith('#/o/o-1/key', (_path, _method, route) =>
      json(route, 422, {
        ...problem('input.invalid', 'Requête invalide.'),
        errors: [{ field: '/key', code: 'schema.minLength', messages: { fr: 'au moins 8 caractères.', en: 'at least 8 characters.' } }],
      }),
    );
    await page.getByLabel('Nouvelle clé').fill('court');
    await page.getByLabel('Répétez la clé').fill('courte');
    await page.getByRole('button', { name: 'Enregistrer la nouvelle clé' }).click();
    await page.locator('#repeat-error').filter({ hasText: 'Les deux saisies diffèrent.' }).waitFor();
    expect(calls).toEqual([]);
    await page.getByLabel('Répétez la clé').fill('court');
    await page.getByRole('button', { name: 'Enregistrer la nouvelle clé' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Changer la clé' }).click();
    await page.locator('#key-error').filter({ hasText: 'au moins 8 caractères.' }).waitFor();
    expect(await page.getByLabel('Nouvelle clé').getAttribute('aria-describedby')).toBe('key-error key-hint');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('R32: the audit log loads, says when nothing matches, and shows a refused filter and export under the field', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await openWith('#/o/o-1/audit', async (path, _method, route) => {
      await held;
      if (path.endsWith('/audit/webhooks')) return json(route, 200, { webhooks: [] });
      if (path.endsWith('/export'))
        return json(route, 422, problem('audit.export_too_large', 'Plus de 100 000 entrées : choisissez une période plus courte.', 'from'));
      const from = new URL(route.request().url()).searchParams.get('from');
      if (from === '2026-12-31')
        return json(route, 422, {
          ...problem('input.invalid', 'Requête invalide.'),
          errors: [{ field: '/from', code: 'audit.period', messages: { fr: 'la période est vide.', en: 'the period is empty.' } }],
        });
      return json(route, 200, { items: [], total: 0, page: 1, pageSize: 50 });
    });
    await page.getByText('Chargement du journal…').waitFor();
    release();
    await page.getByText('Aucune entrée ne correspond à ces filtres.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByLabel('Du', { exact: true }).fill('2026-12-31');
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await page.locator('#from-error').filter({ hasText: 'la période est vide.' }).waitFor();
    expect(await page.getByLabel('Du', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Du', { exact: true }).fill('');
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await page.getByText('Aucune entrée ne correspond à ces filtres.').waitFor();
    expect(await page.locator('#from-error').count()).toBe(0);
    await page.getByRole('button', { name: 'Exporter en CSV' }).click();
    await page.locator('#from-error').filter({ hasText: 'choisissez une période plus courte' }).waitFor();
  });
});
