import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { addMember } from '@procura/sync-service/members/commands';
import { repoRoot } from '../harness/paths.js';
import { testActor } from '../helpers/actor.js';
import { launchChromium, logInThroughConsole, seriousViolations } from '../helpers/browser.js';
import { ensureConsoleBuilt } from '../helpers/console-build.js';
import { activeMandate, addUnit, grant, membershipOf, subscribe } from '../helpers/model.js';
import { createTestOrganization } from '../helpers/organizations.js';
import { createTestMember, createTestOperator } from '../helpers/people.js';
import { callApi } from '../helpers/api.js';
import { samplePdf, upload } from '../helpers/documents.js';
import { linkIn, waitForMail } from '../helpers/mail.js';
import { registeredUid } from '../helpers/registry.js';
import { database, stack } from '../helpers/stack.js';

/**
 * Takes a picture of every screen of the console, in French (and the main one in English and at a
 * phone's width), on demo-like data, into docs/screenshots/. axe-core is asked on each screen too.
 */
const out = join(repoRoot, 'docs/screenshots');
const people: Array<[string, string, 'deputy' | 'manager' | 'member' | 'observer']> = [
  ['Marc', 'Rochat', 'deputy'],
  ['Sophie', 'Blanc', 'manager'],
  ['Jean', 'Morel', 'member'],
  ['Nina', 'Keller', 'observer'],
  ['Paul', 'Meylan', 'member'],
  ['Julie', 'Perret', 'member'],
  ['Luca', 'Rossi', 'member'],
  ['Emma', 'Girard', 'member'],
  ['Noah', 'Fontana', 'member'],
  ['Chloé', 'Bonvin', 'observer'],
  ['Louis', 'Savary', 'member'],
  ['Zoé', 'Dubois', 'member'],
];

let browser: Browser;
let page: Page;
let orgId: string;
let jeanId: string;
let alpesId: string;
let leaAtAlpesId: string;
let lea: { email: string; password: string };
let operator: Awaited<ReturnType<typeof createTestOperator>>;

beforeAll(async () => {
  const organization = await createTestOrganization({ legalName: 'Horlogerie Léman SA' });
  const other = await createTestOrganization({ legalName: 'Alpes Conseil Sàrl', type: 'fiduciary' });
  orgId = organization.id;
  const representative = await createTestMember(orgId, 'legal_representative', 'lea');
  lea = representative;
  await database().query(`UPDATE person SET given_name = 'Léa', family_name = 'Favre' WHERE id = $1`, [representative.personId]);
  // At Alpes Conseil, Léa is the only manager: the last-manager rule (R14) refuses her deactivation.
  await database().query(`INSERT INTO membership (person_id, organization_id, role, status) VALUES ($1, $2, 'legal_representative', 'active')`, [
    representative.personId,
    other.id,
  ]);
  alpesId = other.id;
  await subscribe(orgId, 'employer-inbox', 'salary-declaration');
  const branch = await addUnit(orgId, 'Succursale de Lausanne');
  await addUnit(orgId, 'Antenne de Genève', 'antenna');
  for (const [givenName, familyName, role] of people) {
    const email = `${givenName[0]}.${familyName}@horlogerie-leman.example`
      .toLowerCase()
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '');
    const { personId } = await addMember(database(), testActor, { organizationId: orgId, email, givenName, familyName, role, status: 'active' });
    if (familyName === 'Morel') {
      jeanId = await membershipOf(personId, orgId);
      await grant(personId, orgId, 'employer-inbox', 'read');
      await grant(personId, orgId, 'salary-declaration', 'submit', branch);
    }
  }
  leaAtAlpesId = await membershipOf(representative.personId, alpesId);
  await ensureConsoleBuilt();
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1100, height: 760 }, locale: 'fr-CH' })).newPage();
});

afterAll(async () => {
  await browser?.close();
});

async function shoot(name: string, fullPage = true): Promise<void> {
  await page.waitForLoadState('networkidle');
  expect(await seriousViolations(page), name).toEqual([]);
  await page.screenshot({ path: join(out, `${name}.png`), fullPage });
}

const open = async (hash: string) => {
  await page.goto(`${page.url().split('#')[0]}#/o/${orgId}${hash}`);
};

it('takes a screenshot of every screen', async () => {
  await logInThroughConsole(page, lea);
  await page.getByRole('heading', { name: 'Utilisateurs', level: 1 }).waitFor(); // of Alpes Conseil, the first organization
  await open('/members');
  await page.getByRole('heading', { name: 'Utilisateurs', level: 1 }).waitFor();
  await page.locator('tbody tr').nth(5).waitFor();
  await shoot('members-list');

  await open(`/members/${jeanId}`);
  await page.getByRole('heading', { name: 'Jean Morel' }).waitFor();
  await shoot('member-detail');

  await page.goto(`${page.url().split('#')[0]}#/o/${alpesId}/members/${leaAtAlpesId}`);
  await page.getByRole('heading', { name: 'Léa Favre' }).waitFor();
  await page.getByRole('button', { name: 'Désactiver temporairement' }).click();
  await page.getByRole('dialog').waitFor();
  await shoot('member-confirm-deactivation', false);
  await page.getByRole('dialog').getByRole('button', { name: 'Désactiver' }).click();
  await page.locator('#status-error').waitFor();
  await shoot('member-last-manager-refused');

  await open('/organization');
  await page.getByRole('heading', { name: 'Horlogerie Léman SA', level: 1 }).waitFor();
  await shoot('organization-details');

  await open('/units');
  await page.getByText('Antenne de Genève').first().waitFor();
  await shoot('units-tree');

  // R16, R5: an invitation to a role address, accepted with the warning under the e-mail; R17: the pending list.
  await open('/invitations');
  await page.getByText('Aucune invitation en attente.').waitFor();
  await page.getByRole('textbox', { name: 'E-mail' }).fill('contact@horlogerie-leman.example');
  await page.getByRole('group', { name: 'Vos courriers' }).getByRole('checkbox', { name: 'Lire les courriers' }).check();
  await page.getByRole('button', { name: "Envoyer l'invitation", exact: true }).click();
  await page.locator('#email-warning').waitFor();
  await page.getByText('contact@horlogerie-leman.example', { exact: true }).waitFor();
  await shoot('invitations');
  await page.getByRole('button', { name: "Retirer l'invitation de contact@horlogerie-leman.example" }).click();
  await page.getByRole('dialog').waitFor();
  await shoot('invitation-confirm-revoke', false);
  await page.getByRole('dialog').getByRole('button', { name: 'Annuler' }).click();

  // R23: the API's refusal under the key.
  await open('/key');
  await page.getByLabel('Nouvelle clé').fill('court');
  await page.getByLabel('Répétez la clé').fill('court');
  await page.getByRole('button', { name: 'Enregistrer la nouvelle clé' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Changer la clé' }).click();
  await page.locator('#key-error').waitFor();
  await shoot('mail-security-key-refused');

  // R32: the audit log, with what was done above.
  await open('/audit');
  await page.getByRole('cell', { name: /Invitation envoyée/ }).waitFor();
  await shoot('audit-log');

  await open('/members');
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { name: 'Users', level: 1 }).waitFor();
  await page.locator('tbody tr').nth(5).waitFor();
  await shoot('members-list-en');
  await page.getByRole('button', { name: 'Français' }).click();

  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole('heading', { name: 'Utilisateurs', level: 1 }).waitFor();
  await shoot('members-list-phone', false);
  await open('/invitations');
  await page.getByText('contact@horlogerie-leman.example', { exact: true }).waitFor();
  await shoot('invitations-phone', false);
  await page.setViewportSize({ width: 1100, height: 760 });

  // R15, R14, R4: services, managers and hand-over, my profile.
  await open('/services');
  await page.getByText('Disponible', { exact: true }).first().waitFor();
  await shoot('services-catalogue');

  await open('/managers');
  await page.getByRole('heading', { name: 'Transmettre mon rôle' }).waitFor();
  await page.getByRole('combobox', { name: 'Successeur' }).locator('option').nth(1).waitFor({ state: 'attached' });
  await shoot('managers-hand-over');

  await page.goto(`${page.url().split('#')[0]}#/me/profile`);
  await page.getByRole('heading', { name: 'Mon profil', level: 1 }).waitFor();
  // Not contact@: the invitations above made that address a person's (R1 would refuse it here).
  await page.getByRole('textbox', { name: 'Nouvelle adresse' }).fill('info@horlogerie-leman.example');
  await page.getByRole('button', { name: 'Envoyer le lien' }).click();
  await page.getByText('En attente de confirmation').waitFor();
  await shoot('my-profile');

  await page.context().clearCookies();
  await page.goto(page.url().split('#')[0]!);
  await page.getByRole('link', { name: 'Se connecter' }).waitFor();
  await shoot('sign-in', false);

  // R16: the invited person's activation page, from the e-mailed link, on a phone.
  const mail = await waitForMail('contact@horlogerie-leman.example', { subject: /^Invitation à rejoindre/ });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(linkIn(mail, `${stack().publicUrl}/invitation#token=`));
  await page.getByRole('heading', { name: 'Rejoindre Horlogerie Léman SA' }).waitFor();
  await shoot('invitation-activation', false);
});

it("R31: the operator's back office: the queue, a request, the rejection's confirmation", async () => {
  operator = await createTestOperator();
  const representative = { givenName: 'Léa', familyName: 'Favre', function: 'Directrice', email: 'lea@boulangerie-du-lac.example' };
  await callApi('anonymous', 'post', '/sign-ups', {
    identifier: await registeredUid({ name: 'BOULANGERIE DU LAC SA' }),
    legalName: 'Boulangerie du Lac SA',
    representative,
  });
  const orphan = await createTestOrganization({ legalName: 'Garage des Alpes Sàrl' });
  // R30: the departed manager's account is still there; the operator may retire her with the appointment.
  const departed = await createTestMember(orphan.id, 'legal_representative', 'claude');
  await database().query(`UPDATE person SET given_name = 'Claude', family_name = 'Meyer' WHERE id = $1`, [departed.personId]);
  await callApi('anonymous', 'post', '/recoveries', {
    organization: orphan.identifier,
    requester: { givenName: 'Marc', familyName: 'Rochat', function: 'Administrateur', email: 'marc@garage-des-alpes.example' },
    documents: [upload(samplePdf, 'extrait-registre-du-commerce.pdf')],
    message: 'Notre gérante est partie à la retraite.',
  });
  await page.context().clearCookies();
  await page.setViewportSize({ width: 1100, height: 760 });
  await logInThroughConsole(page, operator);
  await page.getByRole('link', { name: 'Garage des Alpes Sàrl' }).waitFor();
  await shoot('operator-queue');
  await page.getByRole('link', { name: 'Garage des Alpes Sàrl' }).click();
  await page.getByRole('button', { name: 'Lire extrait-registre-du-commerce.pdf' }).waitFor();
  await shoot('operator-request');
  await page.getByRole('textbox', { name: 'Raison du refus' }).fill("L'extrait du registre ne mentionne pas le demandeur.");
  await page.getByRole('button', { name: 'Refuser' }).click();
  await page.getByRole('dialog').waitFor();
  await shoot('operator-confirm-reject', false);
  await page.getByRole('dialog').getByRole('button', { name: 'Annuler' }).click();
});

it('takes a screenshot of the mandates (R24–R27)', async () => {
  // Alpes Conseil, a fiduciary, acts for Horlogerie Léman with Léa as its delegate.
  const personId = (await database().query<{ person_id: string }>('SELECT person_id FROM membership WHERE id = $1', [leaAtAlpesId])).rows[0]!.person_id;
  await activeMandate(alpesId, orgId, [{ personId, rights: [['employer-inbox', 'read']] }]);
  await page.context().clearCookies(); // the operator of the test before is still signed in
  await logInThroughConsole(page, lea);
  await page.goto(`${page.url().split('#')[0]}#/o/${alpesId}/mandates`);
  await page.locator('procura-mandates').getByText('Horlogerie Léman SA').first().waitFor(); // not the switcher's hidden option
  await shoot('mandates');
  await open('/mandates');
  await page.getByRole('heading', { name: 'Fiduciaires qui agissent pour nous' }).waitFor();
  await shoot('mandates-client');
});

it("Issue 16: one invitation for both organizations with the mandate; the member's details; the support desk (R13, R25, R31)", async () => {
  // Léa manages Alpes Conseil and Horlogerie Léman: one invitation may cover both, and Alpes' mandate on Horlogerie.
  await page.goto(`${page.url().split('#')[0]}#/o/${alpesId}/invitations`);
  const form = page.locator('procura-invite-form');
  const others = form.getByRole('group', { name: 'Aussi dans mes autres organisations' });
  await others.getByRole('checkbox', { name: 'Horlogerie Léman SA' }).check();
  await form.getByRole('group', { name: 'Mandats de la fiduciaire' }).getByRole('checkbox', { name: 'Pour le compte de Horlogerie Léman SA' }).check();
  await form.getByRole('textbox', { name: 'E-mail' }).fill('anne.roux@alpes-conseil.example');
  await form.getByRole('textbox', { name: 'Prénom' }).fill('Anne');
  await form.getByRole('textbox', { name: 'Nom de famille' }).fill('Roux');
  await shoot('invitation-several-organizations');

  // ge-edemarches: Jean belongs to Horlogerie Léman alone, so its managers edit his details.
  await open(`/members/${jeanId}`);
  await page.getByRole('heading', { name: 'Informations', level: 2 }).waitFor();
  await page.getByLabel('Téléphone pour les codes').fill('+41 79 555 01 02');
  await shoot('member-details');

  await page.context().clearCookies();
  await logInThroughConsole(page, operator);
  await page.getByRole('navigation', { name: 'Pages du back-office' }).getByRole('link', { name: 'Support' }).click();
  await page.getByRole('heading', { name: 'Support', level: 1 }).waitFor();
  const lookup = page.getByRole('region', { name: 'Trouver une personne' });
  await lookup.getByRole('textbox', { name: 'E-mail de connexion' }).fill(lea.email);
  await lookup.getByRole('textbox', { name: 'Motif' }).fill('Appel du 6 décembre, identité vérifiée');
  await lookup.getByRole('button', { name: 'Rechercher' }).click();
  await page.getByRole('region', { name: 'Léa Favre' }).waitFor();
  await shoot('support-desk');
});

it('Issue 16: the public sign-up and recovery pages on a phone, an access request asked and answered (R10, R30, R22)', async () => {
  await page.context().clearCookies();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${stack().publicUrl}/sign-up`);
  await page.getByRole('heading', { name: 'Inscrire mon organisation', level: 1 }).waitFor();
  await page.getByLabel('E-mail').fill('contact@menuiserie-du-jura.example');
  await shoot('sign-up-phone');
  await page.goto(`${stack().publicUrl}/recovery`);
  await page.getByRole('heading', { name: "Reprendre la gestion d'une organisation", level: 1 }).waitFor();
  await shoot('recovery-phone');

  // R22: a person of another organization asks Horlogerie Léman to be an observer; Léa sees the request.
  await page.setViewportSize({ width: 1100, height: 760 });
  const asker = await createTestMember((await createTestOrganization({ legalName: 'Garage du Lac Sàrl' })).id, 'member', 'nina');
  await database().query(`UPDATE person SET given_name = 'Nina', family_name = 'Perrin' WHERE id = $1`, [asker.personId]);
  await logInThroughConsole(page, asker);
  await page.goto(`${page.url().split('#')[0]}#/me/access`);
  await page.getByRole('heading', { name: 'Demander un accès', level: 1 }).waitFor();
  const identifier = (await database().query<{ identifier: string }>('SELECT identifier FROM organization WHERE id = $1', [orgId])).rows[0]!.identifier;
  await page.getByLabel("Numéro de l'organisation").fill(identifier);
  await page.getByRole('radio', { name: /^Observateur/ }).check();
  await page.getByLabel('Message pour les gestionnaires (facultatif)').fill('Je tiens le journal des salaires.');
  await page.getByRole('button', { name: 'Envoyer la demande' }).click();
  await page.getByRole('status').filter({ hasText: 'Demande envoyée à Horlogerie Léman SA' }).waitFor();
  await shoot('access-request-ask');

  await page.context().clearCookies();
  await logInThroughConsole(page, lea);
  await open('/access-requests');
  await page.getByRole('listitem', { name: 'Nina Perrin' }).waitFor();
  await shoot('access-requests');
});
