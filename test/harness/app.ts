import type { Server } from 'node:http';
import pg from 'pg';
import { createApp } from '@procura/sync-service/app';
import { loadConfig } from '@procura/sync-service/config';
import { createKeycloakAdmin } from '@procura/sync-service/keycloak';
import { createLogger } from '@procura/sync-service/logger';
import { syncCatalogue } from '@procura/sync-service/catalogue';
import type { StackInfo } from './stack.js';

/** The environment the sync-service reads, pointing at the stack. */
export function serviceEnvironment(info: StackInfo): Record<string, string> {
  return {
    PORT: new URL(info.publicUrl).port,
    PROCURA_PUBLIC_URL: info.publicUrl,
    DATABASE_URL: info.databaseUrl,
    // Back-channel calls go to 127.0.0.1 while browsers use localhost: the same split as a
    // container network (KEYCLOAK_URL internal, KEYCLOAK_PUBLIC_URL public), exercised by every login test.
    KEYCLOAK_URL: info.keycloak.url.replace('//localhost:', '//127.0.0.1:'),
    KEYCLOAK_PUBLIC_URL: info.keycloak.url,
    KEYCLOAK_REALM: info.keycloak.realm,
    PROCURA_SYNC_CLIENT_SECRET: info.clients.sync.secret,
    PROCURA_CONSOLE_CLIENT_SECRET: info.clients.console.secret,
    PROCURA_SMTP_HOST: info.mail.smtpHost,
    PROCURA_SMTP_PORT: String(info.mail.smtpPort),
  };
}

/**
 * The sync-service app, in-process, on the stack's public URL: the console client's redirect URI
 * is registered exactly there, so one instance per run serves every login test.
 */
export async function startApp(info: StackInfo, logLevel = 'warn'): Promise<{ close(): Promise<void> }> {
  const config = loadConfig({ ...serviceEnvironment(info), LOG_LEVEL: logLevel });
  const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 10 });
  await syncCatalogue(pool);
  const keycloak = createKeycloakAdmin({ url: config.keycloak.url, realm: config.keycloak.realm, clientId: config.keycloak.syncClientId, clientSecret: config.keycloak.syncClientSecret });
  const app = createApp({ config, pool, keycloak, logger: createLogger(config.logLevel) });
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(config.port, '127.0.0.1', () => resolve(listening));
  });
  return {
    close: () => new Promise<void>((resolve) => server.close(() => void pool.end().then(() => resolve()))),
  };
}
