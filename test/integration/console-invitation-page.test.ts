import { describe, expect, it } from 'vitest';
import type { Page, Request, Route } from 'playwright-core';
import { seriousViolations } from '../helpers/browser.js';
import { consoleStates } from '../helpers/console-states.js';
import { stack } from '../helpers/stack.js';
import { json } from '../helpers/api-answers.js';

/**
 * The activation page of the invitation link (R16, R17, R20, R2) in Chromium, with the API's answers
 * given by the test (page.route): loading, the preview, each refusal beside its field, the dead links,
 * the done state, English on the switch, a phone's width.
 */
const token = 'Tk_-0123456789abcdefghijklmnopqrstuvwxyzABC';
const asks = { password: true, consent: false, signIn: false, mailSecurityKey: false, secretAnswer: false, names: false };
const preview = {
  email: 'nina@horlogerie.example',
  organizationName: 'Horlogerie Léman SA',
  role: 'member',
  invitedBy: 'Léa Favre',
  expiresAt: '2026-12-04T09:00:00Z',
  asks,
  secretQuestion: null,
  organizations: [{ organizationId: 'o-1', name: 'Horlogerie Léman SA', role: 'member', mailSecurityKey: false }],
  mandates: [],
};
const accepted = {
  organizationId: 'o-1',
  membershipId: 'm-1',
  email: preview.email,
  merged: false,
  organizations: [{ organizationId: 'o-1', organizationName: 'Horlogerie Léman SA', membershipId: 'm-1' }],
  mandates: [],
  skipped: { organizations: [], mandates: [] },
};
const problem = (code: string, fr: string, field?: string) => ({ code, messages: { fr, en: `EN ${fr}` }, ...(field ? { field } : {}) });

type Answer = (path: string, body: Record<string, unknown>, route: Route) => Promise<void>;
const bodyOf = (request: Request) => (request.postDataJSON() ?? {}) as Record<string, unknown>;

describe('the invitation activation page, API answers given by the test', () => {
  /** Each request's path and body. */
  const ui = consoleStates((request, path) => ({ path, body: bodyOf(request) }));
  const posted = ui.sent;
  const accepts = () => posted.filter((p) => p.path === '/invitations/accept').map((p) => p.body);
  let page: Page;

  async function open(fragment: string, answer: Answer): Promise<void> {
    page = await ui.open(`/invitation${fragment}`, (path, _method, route) => answer(path, bodyOf(route.request()), route), { locale: 'fr-CH' });
  }

  it("R16: loads the preview from the fragment's token, then removes the token from the address bar; no login asked", async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await open(`#token=${token}`, async (path, _body, route) => {
      await held;
      return path === '/invitations/preview' ? json(route, 200, preview) : json(route, 500);
    });
    await page.getByRole('status').filter({ hasText: 'Chargement…' }).waitFor();
    expect(page.url()).toBe(`${stack().publicUrl}/invitation`);
    release();
    await page.getByRole('heading', { name: 'Rejoindre Horlogerie Léman SA' }).waitFor();
    for (const shown of ['nina@horlogerie.example', 'Collaborateur', 'Léa Favre', '4 décembre 2026']) await page.getByText(shown, { exact: true }).waitFor();
    expect(posted).toEqual([{ path: '/invitations/preview', body: { token } }]);
    expect(await page.getByRole('link', { name: 'Se connecter' }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("R16: a mistyped repetition is caught before the API; the realm's policy refusal shows beside the password; then done, with « Se connecter »", async () => {
    let tries = 0;
    await open(`#token=${token}`, (path, _body, route) => {
      if (path === '/invitations/preview') return json(route, 200, preview);
      return tries++ === 0
        ? json(route, 422, problem('password.policy', 'Ce mot de passe ne respecte pas les règles : au moins 12 caractères.', 'password'))
        : json(route, 200, accepted);
    });
    const password = page.getByLabel('Mot de passe', { exact: true });
    await password.fill('court');
    await page.getByLabel('Répétez le mot de passe').fill('courte');
    await page.getByRole('button', { name: 'Activer mon compte' }).click();
    await page.locator('#repeat-error').filter({ hasText: 'Les deux saisies diffèrent.' }).waitFor();
    expect(accepts()).toEqual([]);

    await page.getByLabel('Répétez le mot de passe').fill('court');
    await page.getByRole('button', { name: 'Activer mon compte' }).click();
    await page.locator('#password-error').filter({ hasText: 'au moins 12 caractères' }).waitFor();
    expect(await password.getAttribute('aria-invalid')).toBe('true');
    expect(await password.getAttribute('aria-describedby')).toBe('password-error password-hint');
    expect(await seriousViolations(page)).toEqual([]);

    await password.fill('Lac-Leman-2026!');
    await page.getByLabel('Répétez le mot de passe').fill('Lac-Leman-2026!');
    await page.getByRole('checkbox', { name: /Ajouter un numéro de mobile/ }).check();
    await page.getByRole('button', { name: 'Activer mon compte' }).click();
    await page.getByRole('heading', { name: 'Votre compte est activé' }).waitFor();
    expect(accepts()).toEqual([
      { token, password: 'court' },
      { token, password: 'Lac-Leman-2026!', addMobileNumber: true },
    ]);
    expect(await page.getByRole('link', { name: 'Se connecter' }).getAttribute('href')).toBe('/auth/login');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('R20, issue 14 item 8: an existing account not signed in here is asked to sign in first; no consent box, nothing sent', async () => {
    await open(`#token=${token}`, (path, _body, route) => {
      if (path === '/invitations/preview')
        return json(route, 200, {
          ...preview,
          asks: { password: false, consent: true, signIn: true, mailSecurityKey: false, secretAnswer: false, names: false },
        });
      return json(route, 500, problem('unexpected', 'pas d’acceptation sans connexion', 'token'));
    });
    const link = page.getByRole('link', { name: 'Se connecter pour rejoindre' });
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe('/auth/login?returnTo=%2Finvitation');
    expect(await page.getByRole('checkbox').count()).toBe(0);
    expect(await page.getByRole('button', { name: "Rejoindre l'organisation" }).count()).toBe(0);
    expect(accepts()).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('R20, R16 (Geneva): an existing account gives consent (no password), the key and the answer; a wrong key shows under it', async () => {
    const geneva = {
      ...preview,
      asks: { password: false, consent: true, signIn: false, mailSecurityKey: true, secretAnswer: true, names: false },
      organizations: [{ ...preview.organizations[0]!, mailSecurityKey: true }],
    };
    await open(`#token=${token}`, (path, body, route) => {
      if (path === '/invitations/preview') return json(route, 200, geneva);
      if (body.consent !== true) return json(route, 409, problem('invitation.consent_required', 'Donnez votre accord.', 'consent'));
      if (body.mailSecurityKey !== 'GE-KEY-2026')
        return json(
          route,
          422,
          problem('invitation.mail_security_key_wrong', 'La clé de sécurité courrier est erronée ; 4 essais restants.', 'mailSecurityKey'),
        );
      return json(route, 200, { ...accepted, merged: true });
    });
    await page.getByRole('heading', { name: 'Rejoindre avec mon compte' }).waitFor();
    expect(await page.getByLabel('Mot de passe', { exact: true }).count()).toBe(0);
    await page.getByLabel('Clé de sécurité courrier').fill('GE-WRONG');
    await page.getByLabel('Réponse secrète').fill('Salève');
    await page.getByRole('button', { name: "Rejoindre l'organisation" }).click();
    await page.locator('#consent-error').filter({ hasText: 'Donnez votre accord.' }).waitFor();
    await page.getByRole('checkbox', { name: /J'accepte d'ajouter Horlogerie Léman SA/ }).check();
    await page.getByRole('button', { name: "Rejoindre l'organisation" }).click();
    await page.locator('#mailSecurityKey-error').filter({ hasText: '4 essais restants' }).waitFor();
    expect(await page.getByLabel('Clé de sécurité courrier').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Clé de sécurité courrier').fill('GE-KEY-2026');
    await page.getByRole('button', { name: "Rejoindre l'organisation" }).click();
    await page.getByRole('heading', { name: 'Horlogerie Léman SA est ajoutée à votre compte' }).waitFor();
    expect(accepts().at(-1)).toEqual({ token, consent: true, mailSecurityKey: 'GE-KEY-2026', secretAnswer: 'Salève' });
  });

  it('R17: a dead link says why and what to do: ask the manager to re-send; an accepted one offers to sign in; a link without token asks nothing', async () => {
    for (const code of ['invitation.expired', 'invitation.replaced', 'invitation.revoked']) {
      await open(`#token=${token}`, (_path, _body, route) => json(route, 410, problem(code, `Lien ${code}.`, 'token')));
      await page.getByRole('heading', { name: "Ce lien d'invitation ne fonctionne plus" }).waitFor();
      await page
        .getByRole('alert')
        .filter({ hasText: `Lien ${code}.` })
        .waitFor();
      await page.getByText("Demandez au gestionnaire qui vous a invité de vous renvoyer l'invitation", { exact: false }).waitFor();
      expect(await page.getByRole('button', { name: 'Activer mon compte' }).count()).toBe(0);
    }
    expect(await seriousViolations(page)).toEqual([]);

    await open(`#token=${token}`, (_path, _body, route) => json(route, 410, problem('invitation.used', 'Cette invitation a déjà été acceptée.', 'token')));
    await page.getByRole('heading', { name: 'Invitation déjà acceptée' }).waitFor();
    expect(await page.getByRole('link', { name: 'Se connecter' }).getAttribute('href')).toBe('/auth/login');

    await open('', (_path, _body, route) => json(route, 500));
    await page.getByText("Ce lien d'invitation est incomplet.", { exact: false }).waitFor();
    expect(posted).toEqual([]);
  });

  it('a network failure offers a retry that works; a link that dies at accepting turns into the dead-link page', async () => {
    let failures = 1;
    await open(`#token=${token}`, (path, _body, route) => {
      if (path === '/invitations/preview') return failures-- > 0 ? route.abort() : json(route, 200, preview);
      return json(route, 410, problem('invitation.replaced', 'Un lien plus récent vous a été envoyé.', 'token'));
    });
    await page.getByRole('alert').filter({ hasText: 'Le service ne répond pas' }).waitFor();
    await page.getByRole('button', { name: 'Réessayer' }).click();
    await page.getByLabel('Mot de passe', { exact: true }).fill('Lac-Leman-2026!');
    await page.getByLabel('Répétez le mot de passe').fill('Lac-Leman-2026!');
    await page.getByRole('button', { name: 'Activer mon compte' }).click();
    await page.getByRole('heading', { name: "Ce lien d'invitation ne fonctionne plus" }).waitFor();
  });

  it("speaks English on the switch (the API's refusals too) and fits a phone's width", async () => {
    await open(`#token=${token}`, (path, _body, route) =>
      path === '/invitations/preview' ? json(route, 200, preview) : json(route, 422, problem('password.policy', 'Mot de passe trop court.', 'password')),
    );
    await page.setViewportSize({ width: 375, height: 740 });
    await page.getByRole('heading', { name: 'Rejoindre Horlogerie Léman SA' }).waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Join Horlogerie Léman SA' }).waitFor();
    await page.getByLabel('Password', { exact: true }).fill('short');
    await page.getByLabel('Repeat the password').fill('short');
    await page.getByRole('button', { name: 'Activate my account' }).click();
    await page.locator('#password-error').filter({ hasText: 'EN Mot de passe trop court.' }).waitFor();
    expect(
      await page.evaluate(
        () => (globalThis as unknown as { document: { documentElement: { scrollWidth: number; lang: string } } }).document.documentElement.scrollWidth,
      ),
    ).toBeLessThanOrEqual(375);
    expect(await seriousViolations(page)).toEqual([]);
  });
});
