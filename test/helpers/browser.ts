import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { ensureConsoleBuilt } from './console-build.js';
import { waitForLoginCode } from './mail.js';
import { totpCode } from './totp-code.js';
import { stack } from './stack.js';

/**
 * Debian's Chromium, driven by playwright-core: never a downloaded browser. Headless, no sandbox
 * (containers), no background traffic.
 */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.PROCURA_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/**
 * One Chromium page, in French, for the tests of a describe block on the built console: opened
 * before them (after `arrange`, the test data), closed after them; a failing test leaves a picture
 * of what the browser saw in `.cache/logs/`.
 */
export function consolePage(arrange: () => Promise<void> = async () => undefined): { readonly page: Page } {
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  const handle = { page: undefined as unknown as Page };
  beforeAll(async () => {
    await arrange();
    await ensureConsoleBuilt();
    browser = await launchChromium();
    context = await browser.newContext({ locale: 'fr-CH' });
    handle.page = await context.newPage();
  }, 180_000);
  afterEach(async (test) => {
    if (test.task.result?.state !== 'fail') return;
    await handle.page
      ?.screenshot({ path: `.cache/logs/console-failure-${test.task.name.slice(0, 30).replace(/\W+/g, '-')}.png`, fullPage: true })
      .catch(() => undefined);
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });
  return handle;
}

/**
 * R2: logs in to the console in the page as a person would: « Se connecter », e-mail and password
 * on Keycloak's page, then the one-time code typed from the mail sink. Ends on the console.
 * `fromCurrentPage`: click the « Se connecter » of the page shown (the activation page's) instead of the console's.
 * `publicUrl`: the console of an app of the test's own (with a console client of its own), else the run's;
 * `mailWebUrl`: the mail sink the code is read from, else the run's (a stack started outside vitest's global setup).
 */
export async function logInThroughConsole(
  page: Page,
  person: { email: string; password: string; appSecret?: string },
  fromCurrentPage = false,
  publicUrl = stack().publicUrl,
  mailWebUrl?: string,
): Promise<void> {
  if (!fromCurrentPage) await page.goto(`${publicUrl}/`);
  await page.getByRole('link', { name: 'Se connecter' }).click();
  await page.locator('#username').fill(person.email);
  await page.locator('#password').fill(person.password);
  await page.locator('#kc-login').click();
  if (person.appSecret) {
    // Whoever enrolled an authenticator app types its code (the operator's staff always do).
    await page.locator('#kc-otp-login-form').waitFor();
    await page.locator('#otp').fill(await totpCode(person.appSecret));
    await page.locator('#kc-login').click();
    await page.waitForURL((url) => url.toString().startsWith(publicUrl));
    return;
  }
  await page.locator('#procura-code-form').waitFor();
  const reference = (await page.locator('#procura-code-reference [data-reference]').getAttribute('data-reference')) ?? '';
  const code = await waitForLoginCode(person.email, reference, 15_000, mailWebUrl);
  await page.locator('input[name="code"]').fill(code);
  await page.locator('#procura-code-submit').click();
  await page.waitForURL((url) => url.toString().startsWith(publicUrl));
}

/** A violation axe-core reports, reduced to what a failure message needs. */
export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly targets: string[];
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core's serious and critical violations on the page as it is (WCAG 2.x A and AA, best
 * practices). axe is evaluated through the DevTools protocol, not added as an inline `<script>`:
 * the console's CSP refuses inline scripts (decision 0026), and must stay as it is under test.
 */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  // The function runs in the page, where `window` exists; this file is type-checked without the DOM.
  const violations = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: {
          run(
            context: unknown,
            options: object,
          ): Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }> }>;
        };
      }
    ).axe;
    const result = await axe.run((globalThis as unknown as { document: unknown }).document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => JSON.stringify(n.target)) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** A breach of the page's Content-Security-Policy, as the browser reported it. */
export interface CspBreach {
  readonly source: 'securitypolicyviolation' | 'console';
  readonly text: string;
}

/**
 * Decision 0026: records, for every page of `page`'s browser context from now on, each
 * `securitypolicyviolation` event (reported from the page before its own scripts run) and each
 * console error that names the Content Security Policy. Returns the list, filled as they come.
 */
export async function recordCspBreaches(page: Page): Promise<CspBreach[]> {
  const breaches: CspBreach[] = [];
  const context = page.context();
  await context.exposeBinding('procuraCspBreach', (_source, text: string) => void breaches.push({ source: 'securitypolicyviolation', text }));
  // Runs in the page (before its scripts, whatever its CSP), where `window` exists; this file is type-checked without the DOM.
  await context.addInitScript(() => {
    const page = globalThis as unknown as {
      addEventListener(type: string, listener: (event: any) => void, capture: boolean): void;
      procuraCspBreach(text: string): void;
    };
    page.addEventListener(
      'securitypolicyviolation',
      (event) => page.procuraCspBreach(`${event.effectiveDirective} refused ${event.blockedURI || '(inline)'} on ${event.documentURI}: ${event.sample ?? ''}`),
      true,
    );
  });
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content.Security.Policy/i.test(message.text())) breaches.push({ source: 'console', text: message.text() });
  });
  return breaches;
}
