import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { drainDeliveries } from '@procura/sync-service/audit/webhooks/worker';
import { consolePage, logInThroughConsole, seriousViolations } from '../helpers/browser.js';
import { createTestOrganization, type TestOrganization } from '../helpers/organizations.js';
import { createTestMember } from '../helpers/people.js';
import { database } from '../helpers/stack.js';

/**
 * Issue 21 item 4 in a real Chromium: a manager registers a webhook for the audit trail from the
 * audit screen, is shown its secret once, reads its delivery log (a receiver down, then up), and
 * removes it.
 */
describe('console: the audit trail sent to a webhook', () => {
  let page: Page;
  let organization: TestOrganization;
  let lea: Awaited<ReturnType<typeof createTestMember>>;
  let receiver: Server;
  let url = '';
  let answer = 503;
  const received: string[] = [];

  const ui = consolePage(async () => {
    organization = await createTestOrganization({ legalName: 'Journal Envoyé SA' });
    lea = await createTestMember(organization.id, 'legal_representative', 'lea-webhook');
  });
  beforeAll(async () => {
    page = ui.page;
    receiver = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        received.push(String(request.headers['webhook-id']));
        response.writeHead(answer).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/siem`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  });

  const webhookId = async (): Promise<string> => {
    const { rows } = await database().query<{ id: string }>('SELECT id FROM audit_webhook WHERE organization_id = $1 AND revoked_at IS NULL', [
      organization.id,
    ]);
    return rows[0]!.id;
  };

  it('registers a webhook, shows its secret once, and its log says what was sent and what waits', async () => {
    await logInThroughConsole(page, lea);
    await page.goto(`${new URL(page.url()).origin}/#/o/${organization.id}/audit`);
    await page.getByRole('heading', { name: 'Envoi du journal à vos outils' }).waitFor();
    await page.getByText("Aucun webhook : le journal n'est envoyé nulle part.").waitFor();

    await page.getByLabel('Adresse (https://…)').fill('pas une adresse');
    await page.getByRole('button', { name: 'Enregistrer le webhook' }).click();
    await page.getByRole('alert').filter({ hasText: 'URL complète' }).waitFor();

    await page.getByLabel('Adresse (https://…)').fill(url);
    await page.getByLabel('Description (facultative)').fill('Notre SIEM');
    await page.getByRole('button', { name: 'Enregistrer le webhook' }).click();
    const secret = await page.locator('procura-audit-webhooks').locator('[data-secret]').textContent();
    expect(secret).toMatch(/^whsec_/);
    await page.getByRole('cell', { name: /Notre SIEM/ }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    // The receiver is down: the registration's entry waits, its next try shown.
    await drainDeliveries(database(), { targets: 'any', webhookIds: [await webhookId()] });
    await page.getByRole('button', { name: 'Journal des envois' }).click();
    await page.locator('[data-state="pending"]').filter({ hasText: 'prochain essai' }).waitFor();
    expect(await page.getByRole('cell', { name: /503/ }).count()).toBe(1);

    answer = 200;
    await database().query('UPDATE audit_webhook SET paused_until = now() WHERE id = $1', [await webhookId()]);
    await drainDeliveries(database(), { targets: 'any', webhookIds: [await webhookId()] });
    await page.reload();
    await page.getByRole('button', { name: 'Journal des envois' }).click();
    await page.locator('[data-state="delivered"]').waitFor();
    expect(await page.locator('[data-state="delivered"]').first().textContent()).toContain('envoyé');
    expect(await page.locator('[data-secret]').count()).toBe(0); // never shown again
    expect(new Set(received).size).toBe(1);
  }, 120_000);

  it('removes the webhook after a confirmation', async () => {
    await page.getByRole('button', { name: 'Retirer' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Retirer' }).click();
    await page.getByText(`Webhook retiré : ${url}`).waitFor();
    await page.getByText("Aucun webhook : le journal n'est envoyé nulle part.").waitFor();
  });
});
