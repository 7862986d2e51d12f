import type { Browser, BrowserContext, BrowserContextOptions, Page, Request, Route } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { refusedAnswers } from './api-answers.js';
import { launchChromium } from './browser.js';
import { ensureConsoleBuilt } from './console-build.js';
import { stack } from './stack.js';

/** The test's answer to one API request: `path` is what follows `/api/v1`. */
export type ApiAnswer = (path: string, method: string, route: Route) => Promise<void> | void;

/** A write the screen sent to the API: its method, path and JSON body. */
export interface Write {
  readonly method: string;
  readonly path: string;
  readonly body: unknown;
}

/** What to keep of a request, or undefined to keep nothing. */
export type Recorder<T> = (request: Request, path: string, method: string) => T | undefined;

/** By default: every write (all but GET), method, path and JSON body. */
const writes: Recorder<Write> = (request, path, method) => (method === 'GET' ? undefined : { method, path, body: request.postDataJSON() as unknown });

export interface ConsoleStates<T> {
  /** The page of the last `open`. */
  readonly page: Page;
  /** What `record` kept of the requests since the last `open` (the same array, emptied on each open). */
  readonly sent: T[];
  /**
   * A fresh browser context and page on the console at `address` (what follows the public URL,
   * e.g. `/#/o/o-1/members`), each API request answered by `answer`. Returns the page.
   */
  open(address: string, answer: ApiAnswer, context?: Pick<BrowserContextOptions, 'viewport' | 'locale'>): Promise<Page>;
}

/**
 * The console's component states in Chromium, with the API's answers given by the test
 * (`page.route`), so that loading, empty, error and refusal states show without arranging them on
 * the real stack. Registers the describe block's beforeAll (the built console, one Chromium) and
 * afterAll; each `open` replaces the previous context. `record` chooses what `sent` keeps of each
 * request (by default the writes: method, path, JSON body).
 */
export function consoleStates(): ConsoleStates<Write>;
export function consoleStates<T>(record: Recorder<T>): ConsoleStates<T>;
export function consoleStates<T>(record?: Recorder<T>): ConsoleStates<T> {
  const keep = record ?? (writes as unknown as Recorder<T>);
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  const states = {
    page: undefined as unknown as Page,
    sent: [] as T[],
    async open(address: string, answer: ApiAnswer, options: Pick<BrowserContextOptions, 'viewport' | 'locale'> = {}): Promise<Page> {
      await context?.close();
      states.sent.length = 0;
      if (!browser) throw new Error('consoleStates: open() before the beforeAll launched Chromium');
      context = await browser.newContext(options);
      const page = await context.newPage();
      states.page = page;
      await page.route('**/api/v1/**', (route) => {
        const request = route.request();
        const path = new URL(request.url()).pathname.replace('/api/v1', '');
        const method = request.method();
        const kept = keep(request, path, method);
        if (kept !== undefined) states.sent.push(kept);
        // An answer the server never sends (api-answers.ts) fails the test in afterEach; the request fails now.
        return Promise.resolve()
          .then(() => answer(path, method, route))
          .catch(() => route.abort('failed'));
      });
      await page.goto(`${stack().publicUrl}${address}`);
      return page;
    },
  };
  beforeAll(async () => {
    await ensureConsoleBuilt();
    browser = await launchChromium();
  }, 180_000);
  afterEach(() => {
    const refused = refusedAnswers();
    if (refused.length > 0) throw new Error(`answers the server never sends:\n${refused.join('\n')}`);
  });
  afterAll(async () => {
    await browser?.close();
  });
  return states;
}
