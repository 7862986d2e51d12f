import type { AddressInfo } from 'node:net';
import express from 'express';
import { describe, expect, it } from 'vitest';
import { setSessionCookie } from './cookies.js';

async function setCookieLine(publicUrl: string): Promise<string> {
  const app = express();
  app.get('/', (_request, response) => {
    setSessionCookie(response, 'value', publicUrl, 60);
    response.end();
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    const answer = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    return answer.headers.getSetCookie()[0] ?? '';
  } finally {
    server.close();
  }
}

describe('issue 14 item 4: the session cookie', () => {
  it('over https: __Host- prefixed, Secure, Path=/, no Domain, HttpOnly, SameSite=Lax', async () => {
    const line = await setCookieLine('https://console.example');
    expect(line).toMatch(/^__Host-procura_session=value;/);
    expect(line).toMatch(/; Path=\/(;|$)/);
    expect(line).toMatch(/; Secure(;|$)/);
    expect(line).toMatch(/; HttpOnly(;|$)/);
    expect(line).toMatch(/; SameSite=Lax(;|$)/);
    expect(line).not.toMatch(/Domain=/i);
  });

  it('over plain http (a laptop): no prefix, which browsers would refuse without Secure', async () => {
    const line = await setCookieLine('http://localhost:3000');
    expect(line).toMatch(/^procura_session=value;/);
    expect(line).not.toMatch(/Secure/);
  });
});
