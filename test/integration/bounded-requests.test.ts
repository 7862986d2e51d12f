import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOwnApp, type OwnApp } from '../helpers/own-app.js';

/**
 * Issue 14 item 3: what one anonymous request may cost. An app of the test's own, in this process,
 * so that its memory is this process's. The flood of the review: 8 MB of 700,000 unknown keys on a
 * public route (it gave a 129 MB answer, about 0.5 GB of memory and 3 s of blocked event loop).
 */
let app: OwnApp;
let base: string;

beforeAll(async () => {
  app = await startOwnApp();
  base = app.base;
});

afterAll(async () => {
  await app?.close();
});

/** `{"k0":0,"k1":0,…}` of about `bytes` bytes. */
function unknownKeys(bytes: number): string {
  const parts: string[] = [];
  let size = 2;
  for (let i = 0; size < bytes; i++) {
    const part = `"k${i}":0`;
    parts.push(part);
    size += part.length + 1;
  }
  return `{${parts.join(',')}}`;
}

async function post(path: string, body: string): Promise<{ status: number; text: string; ms: number }> {
  const started = performance.now();
  const response = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const text = await response.text();
  return { status: response.status, text, ms: performance.now() - started };
}

describe('bounded work per anonymous request', () => {
  it('8 MB of 700,000 unknown keys on the sign-up: 413 before the body is read, a small answer', async () => {
    const answer = await post('/sign-ups', unknownKeys(8 * 1024 * 1024));
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.text)).toMatchObject({ code: 'request.too_large', messages: { fr: expect.any(String), en: expect.any(String) } });
    expect(answer.text.length).toBeLessThan(16 * 1024);
  });

  it('just under 8 MB of 700,000 unknown keys on a route that takes documents: refused before parsing, a small answer, little memory', async () => {
    const flood = unknownKeys(8 * 1024 * 1024 - 64);
    expect(flood.split(',').length).toBeGreaterThan(700_000);
    const before = process.memoryUsage();
    const answer = await post('/recoveries', flood);
    const after = process.memoryUsage();
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.text)).toMatchObject({
      code: 'request.too_complex',
      messages: { fr: expect.stringMatching(/plus de 1000 champs/), en: expect.stringMatching(/more than 1000 fields/) },
    });
    expect(answer.text.length).toBeLessThan(16 * 1024);
    expect((after.heapUsed - before.heapUsed) / 2 ** 20, 'MB of heap grown').toBeLessThan(50);
    console.info(
      `flood refused in ${answer.ms.toFixed(0)} ms (client side, 8 MB sent over loopback), heap ${((after.heapUsed - before.heapUsed) / 2 ** 20).toFixed(1)} MB`,
    );
  });

  it('a body within the limit but full of unknown keys: 422 with at most 20 problems, in a small answer', async () => {
    const answer = await post('/sign-ups', unknownKeys(60 * 1024));
    expect(answer.status).toBe(422);
    const problem = JSON.parse(answer.text) as { code: string; errors: unknown[] };
    expect(problem.code).toBe('input.invalid');
    expect(problem.errors.length).toBeGreaterThan(0);
    expect(problem.errors.length).toBeLessThanOrEqual(20);
    expect(answer.text.length).toBeLessThan(16 * 1024);
  });

  it('the routes that carry documents still read a body of several megabytes', async () => {
    const content = Buffer.alloc(4 * 1024 * 1024, 1).toString('base64');
    const answer = await post('/recoveries', JSON.stringify({ organization: 'CHE-000.000.000', documents: [{ filename: 'extrait.pdf', content }] }));
    expect(answer.status).not.toBe(413);
    expect(answer.status).toBe(422);
  });
});
