import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueEmail } from '../helpers/people.js';
import { registeredUid } from '../helpers/registry.js';
import { startOwnApp, type OwnApp } from '../helpers/own-app.js';
import { database } from '../helpers/stack.js';

/**
 * The public routes' limit per client address (R10 sign-up, R30 recovery, R16 invitation, R5
 * e-mail confirmation), through the API: an app of the test's own, built as the run's is but with
 * `PROCURA_PUBLIC_RATE_LIMIT=2` (the run's app allows far more: every test calls from 127.0.0.1).
 * The app trusts the loopback proxy, so `X-Forwarded-For` gives each case its own address.
 */
let app: OwnApp;
let base: string;

beforeAll(async () => {
  app = await startOwnApp({ PROCURA_PUBLIC_RATE_LIMIT: '2', PROCURA_PUBLIC_RATE_WINDOW_SECONDS: '60' });
  base = app.base;
});

afterAll(async () => {
  await app?.close();
});

let lastAddress = 0;
/** A client address of its own (TEST-NET-3), so that no other case shares its counts. */
const newAddress = () => `203.0.113.${++lastAddress}`;

async function post(
  path: string,
  body: unknown,
  address: string,
): Promise<{ status: number; type: string | null; retryAfter: string | null; body: Record<string, unknown> }> {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    retryAfter: response.headers.get('retry-after'),
    body: (await response.json()) as Record<string, unknown>,
  };
}

describe('the public routes are rate limited per client address', () => {
  it('R10: the third sign-up in a minute from one address is refused with 429, Retry-After and both languages, and files nothing; another address still may', async () => {
    const address = newAddress();
    const form = (identifier: string) => ({
      identifier,
      legalName: 'Inscriptions En Rafale SA',
      representative: { givenName: 'Léa', familyName: 'Favre', function: 'Directrice', email: uniqueEmail('flood') },
    });
    expect((await post('/sign-ups', form(await registeredUid()), address)).status).toBe(201);
    expect((await post('/sign-ups', {}, address)).status).toBe(422); // refused input counts too
    const identifier = await registeredUid();
    const refused = await post('/sign-ups', form(identifier), address);
    expect(refused).toMatchObject({
      status: 429,
      body: {
        status: 429,
        code: 'request.rate_limited',
        messages: { fr: expect.stringMatching(/^Trop de demandes/), en: expect.stringMatching(/^Too many requests/) },
      },
    });
    expect(refused.type).toMatch(/^application\/problem\+json/);
    expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(refused.retryAfter)).toBeLessThanOrEqual(60);
    expect((await database().query('SELECT 1 FROM sign_up WHERE identifier = $1', [identifier])).rowCount).toBe(0);

    expect((await post('/sign-ups', form(identifier), newAddress())).status).toBe(201);
  });

  it('R30, R16, R5: each public write route counts apart; recovery, invitation preview and acceptance, e-mail confirmation all stop at the limit', async () => {
    const address = newAddress();
    const token = { token: 'x'.repeat(43) };
    const routes: Array<[string, unknown]> = [
      ['/recoveries', {}],
      ['/invitations/preview', token],
      ['/invitations/accept', { ...token, password: 'Correct-Horse-42!' }],
      ['/email-change/confirm', token],
      ['/email-change/cancel', token],
    ];
    for (const [path, body] of routes) {
      const answers = [await post(path, body, address), await post(path, body, address), await post(path, body, address)];
      expect(answers.map((answer) => answer.status === 429)).toEqual([false, false, true]);
      expect(answers[2]!.retryAfter).toMatch(/^\d+$/);
    }
  });

  it('issue 14 item 3: the limit is counted before the body is read: past it, even a body too large to read is answered 429', async () => {
    const address = newAddress();
    const send = (body: string) =>
      fetch(`${base}/recoveries`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': address }, body });
    expect((await send('{}')).status).toBe(422);
    expect((await send('{}')).status).toBe(422);
    const huge = await send(`{"documents":"${'A'.repeat(9 * 1024 * 1024)}"}`);
    expect(huge.status).toBe(429);
    expect(await huge.json()).toMatchObject({ code: 'request.rate_limited' });
  });

  it('the routes of signed-in callers and the API description are not limited', async () => {
    const address = newAddress();
    for (let i = 0; i < 4; i++) {
      const described = await fetch(`${base}/openapi.json`, { headers: { 'x-forwarded-for': address } });
      expect(described.status).not.toBe(429);
      expect((await post('/access-requests', {}, address)).status).toBe(401);
    }
  });
});
