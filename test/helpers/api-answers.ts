import type { Route } from 'playwright-core';
import { refusedAnswer } from './answer-schemas.js';

const refusals: string[] = [];

/**
 * The API's answers that the console's state tests give in Chromium (`page.route`): a JSON body, or
 * a problem+json from 400 on; no body (a 204) when `body` is undefined. Each is checked against the
 * response schema of its operation (issue 20 item 4, answer-schemas.ts): one the server never sends
 * is not given, throws with the path and the schema's complaint, and fails the test (`refusedAnswers`).
 * A problem gets the envelope the server derives from its status and code (`type`, `title`, `status`).
 */
export function json(route: Route, status: number, body?: unknown): Promise<void> {
  const request = route.request();
  const path = new URL(request.url()).pathname.replace(/^\/api\/v1/, '');
  const sent = status >= 400 && isProblem(body) ? { type: `urn:procura:problem:${body.code}`, title: body.messages.en, status, ...body } : body;
  const refusal = refusedAnswer(request.method(), path, status, sent);
  if (refusal) {
    refusals.push(refusal);
    throw new Error(`an answer the server never sends: ${refusal}`);
  }
  return route.fulfill({
    status,
    contentType: status >= 400 ? 'application/problem+json' : 'application/json',
    body: sent === undefined ? '' : JSON.stringify(sent),
  });
}

/** The answers refused since the last call (each test's afterEach fails on them), emptied. */
export function refusedAnswers(): string[] {
  return refusals.splice(0);
}

/** A refusal as the API words it: stable code, French and English, the field at fault. */
export const problem = (code: string, fr: string, en: string, field?: string) => ({ code, messages: { fr, en }, ...(field ? { field } : {}) });

const isProblem = (body: unknown): body is { code: string; messages: { en: string } } =>
  typeof body === 'object' &&
  body !== null &&
  typeof (body as { code?: unknown }).code === 'string' &&
  typeof (body as { messages?: { en?: unknown } }).messages?.en === 'string';
