import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '@procura/sync-service/app';
import { loadConfig } from '@procura/sync-service/config';
import { createKeycloakAdmin } from '@procura/sync-service/keycloak';
import { createLogger } from '@procura/sync-service/logger';
import { serviceEnvironment } from '../harness/app.js';
import { database, stack } from './stack.js';

export interface OwnApp {
  /** The API's base, `http://127.0.0.1:<port>/api/v1`. */
  readonly base: string;
  close(): Promise<void>;
}

/**
 * A sync-service app of the test's own, in the test's process, built as the run's is but with
 * `env` on top of its environment (a low rate limit, another console client…); on `port` when
 * given (a console client's redirect URI names it), else on any free port.
 */
export async function startOwnApp(env: Record<string, string> = {}, port = 0): Promise<OwnApp> {
  const config = loadConfig({ ...serviceEnvironment(stack()), PORT: String(port), LOG_LEVEL: 'silent', ...env });
  const keycloak = createKeycloakAdmin({
    url: config.keycloak.url,
    realm: config.keycloak.realm,
    clientId: config.keycloak.syncClientId,
    auth: config.keycloak.syncClientAuth,
  });
  const app = createApp({ config, pool: database(), keycloak, logger: createLogger('silent') });
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(port, '127.0.0.1', () => resolve(listening));
  });
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
