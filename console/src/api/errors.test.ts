import { describe, expect, it } from 'vitest';
import { call, queryString } from './client.js';
import { ApiError, useLanguage } from './errors.js';

const problem = (status: number, body: unknown) =>
  (async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/problem+json' } })) as unknown as typeof fetch;

describe('the console API client', () => {
  it('R14: turns problem+json into an ApiError with its code, field and the message in the current language', async () => {
    const fetcher = problem(409, { code: 'membership.last_manager', field: 'role', messages: { fr: 'Gardez un gestionnaire.', en: 'Keep a manager.' } });
    const error = await call({ method: 'PATCH', path: '/organizations/o/members/m', body: { role: 'member' } }, fetcher).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const refused = error as ApiError;
    expect([refused.code, refused.status, refused.field]).toEqual(['membership.last_manager', 409, 'role']);
    useLanguage(() => 'fr');
    expect(refused.message).toBe('Gardez un gestionnaire.');
    useLanguage(() => 'en');
    expect(refused.message).toBe('Keep a manager.');
    expect(refused.messageFor('role')).toBe('Keep a manager.');
    useLanguage(() => 'fr');
  });

  it('names the field of each schema problem, without the JSON pointer slash', async () => {
    const fetcher = problem(422, {
      code: 'input.invalid',
      messages: { fr: 'Requête invalide.', en: 'Invalid request.' },
      errors: [{ field: '/name', code: 'schema.minLength', messages: { fr: 'trop court.', en: 'too short.' } }],
    });
    const error = (await call({ method: 'POST', path: '/x', body: {} }, fetcher).catch((e: unknown) => e)) as ApiError;
    expect(error.field).toBe('name');
    expect(error.messageFor('name')).toBe('trop court.');
    expect(error.messageFor('kind')).toBeUndefined();
  });

  it('answers a network failure and a foreign answer with errors of their own', async () => {
    const down = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    expect(await call({ path: '/me' }, down).catch((e: ApiError) => e.code)).toBe('network');
    const html = (async () => new Response('<html>', { status: 502 })) as unknown as typeof fetch;
    expect(await call({ path: '/me' }, html).catch((e: ApiError) => e.code)).toBe('http.502');
  });

  it('sends same-origin requests with cookies, JSON bodies and repeated filters', async () => {
    let seen: { url: string; init: RequestInit } | undefined;
    const fetcher = (async (url: string, init: RequestInit) => {
      seen = { url, init };
      return new Response(null, { status: 204 });
    }) as unknown as typeof fetch;
    await call({ method: 'PUT', path: '/a', query: { role: ['deputy', 'manager'], q: '', page: 2 }, body: { x: 1 } }, fetcher);
    expect(seen?.url).toBe('/api/v1/a?role=deputy&role=manager&page=2');
    expect(seen?.init).toMatchObject({ method: 'PUT', credentials: 'same-origin', body: '{"x":1}' });
    expect(queryString({})).toBe('');
  });
});
