import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { KeycloakUnavailable, ProviderMissing } from '../../errors.js';
import { providerEndpoints } from './provider.js';

/** A local HTTP server standing for `GET /realms/{realm}/procura/info`, answering `answers` in turn (the last one again). */
async function infoServer(answers: Array<{ status: number; body?: unknown }>): Promise<{ url: string; asked: string[]; server: Server }> {
  const asked: string[] = [];
  const server = createServer((request, response) => {
    asked.push(request.url ?? '');
    const answer = answers[Math.min(asked.length - 1, answers.length - 1)]!;
    response.writeHead(answer.status, { 'content-type': 'application/json' });
    response.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, asked, server };
}

let open: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (open ? open.close(() => resolve()) : resolve())));

describe('issue 20 item 2: one place decides which provider endpoints this Keycloak serves', () => {
  it('reads them once from info and answers every call from that', async () => {
    const info = await infoServer([
      { status: 200, body: { provider: 'procura', version: '1', realm: 'r', endpoints: ['projection-state', 'projection-digests'] } },
    ]);
    open = info.server;
    const provider = providerEndpoints({ url: info.url, realm: 'a realm' });
    expect(await provider.has('projection-state')).toBe(true);
    expect(await provider.has('projection-digests')).toBe(true);
    expect(await provider.has('projection-changes')).toBe(false);
    await expect(provider.require('service-clients')).rejects.toBeInstanceOf(ProviderMissing);
    await provider.require('projection-state');
    expect(info.asked).toEqual(['/realms/a%20realm/procura/info']);
  });

  it('a Keycloak without the provider (info 404) serves none: every call falls back to the admin API', async () => {
    const info = await infoServer([{ status: 404 }]);
    open = info.server;
    const provider = providerEndpoints({ url: info.url, realm: 'r' });
    expect(await provider.has('projection-state')).toBe(false);
    await expect(provider.require('projection-changes')).rejects.toBeInstanceOf(ProviderMissing);
  });

  it('a provider older than the list serves its first endpoints, not the digests nor the groups of users', async () => {
    const info = await infoServer([{ status: 200, body: { provider: 'procura', version: '0.9', realm: 'r' } }]);
    open = info.server;
    const provider = providerEndpoints({ url: info.url, realm: 'r' });
    expect(await provider.has('projection-state')).toBe(true);
    expect(await provider.has('projection-changes')).toBe(true);
    expect(await provider.has('service-clients')).toBe(true);
    expect(await provider.has('projection-digests')).toBe(false);
    expect(await provider.has('projection-state.groups-of-users')).toBe(false);
  });

  it('a failed info is Keycloak unavailable (retried), and is asked again next time', async () => {
    const info = await infoServer([{ status: 503 }, { status: 200, body: { endpoints: ['projection-changes'] } }]);
    open = info.server;
    const provider = providerEndpoints({ url: info.url, realm: 'r' });
    await expect(provider.has('projection-changes')).rejects.toBeInstanceOf(KeycloakUnavailable);
    expect(await provider.has('projection-changes')).toBe(true);
    expect(info.asked).toHaveLength(2);
  });
});
