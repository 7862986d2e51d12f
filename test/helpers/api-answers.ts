import type { Route } from 'playwright-core';

/**
 * The API's answers that the console's state tests give in Chromium (`page.route`): a JSON body, or
 * a problem+json from 400 on; no body (a 204) when `body` is undefined.
 */
export function json(route: Route, status: number, body?: unknown): Promise<void> {
  return route.fulfill({ status, contentType: status >= 400 ? 'application/problem+json' : 'application/json', body: body === undefined ? '' : JSON.stringify(body) });
}

/** A refusal as the API words it: stable code, French and English, the field at fault. */
export const problem = (code: string, fr: string, en: string, field?: string) => ({ code, messages: { fr, en }, ...(field ? { field } : {}) });
