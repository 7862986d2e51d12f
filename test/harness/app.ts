import { mkdirSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import pg from 'pg';
import { createApp } from '@procura/sync-service/app';
import { loadConfig } from '@procura/sync-service/config';
import { createKeycloakAdmin } from '@procura/sync-service/keycloak';
import { createLogger } from '@procura/sync-service/logger';
import { syncCatalogue } from '@procura/sync-service/catalogue';
import { cacheDir } from './paths.js';
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
    // Every test of the run calls the public routes from 127.0.0.1: far above what one person does,
    // not off (the limiter stays in the path). public-rate-limit.test.ts builds an app with a low one.
    PROCURA_PUBLIC_RATE_LIMIT: '1000',
    // The audit webhooks' receivers of the tests and of a developer run on this machine (decision 0070).
    PROCURA_WEBHOOK_TARGETS: 'any',
  };
}

/**
 * Where the run's sync-service serves the console from: a folder of the run's own, empty until a
 * test that drives a browser builds the console into it (test/helpers/console-build.ts).
 */
export function consoleDir(info: StackInfo): string {
  return join(cacheDir, 'console', new URL(info.databaseUrl).pathname.slice(1));
}

/**
 * The sync-service app, in-process, on the stack's public URL: the console client's redirect URI
 * is registered exactly there, so one instance per run serves every login test.
 */
export async function startApp(info: StackInfo, logLevel = 'warn'): Promise<{ close(): Promise<void> }> {
  mkdirSync(consoleDir(info), { recursive: true });
  const config = loadConfig({ ...serviceEnvironment(info), LOG_LEVEL: logLevel, PROCURA_CONSOLE_DIR: consoleDir(info) });
  const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 10 });
  // The run's database is dropped at the end with its connections: an idle one's "terminating
  // connection" must not crash the runner and hide why the run failed.
  pool.on('error', () => {});
  let server: Server;
  try {
    await syncCatalogue(pool);
    const keycloak = createKeycloakAdmin({
      url: config.keycloak.url,
      realm: config.keycloak.realm,
      clientId: config.keycloak.syncClientId,
      auth: config.keycloak.syncClientAuth,
    });
    const app = createApp({ config, pool, keycloak, logger: createLogger(config.logLevel) });
    server = await new Promise<Server>((resolve, reject) => {
      const listening = app.listen(config.port, '127.0.0.1', () => resolve(listening)).once('error', reject);
    });
  } catch (error) {
    await pool.end().catch(() => {});
    throw error; // the app's own failure (a schema, a port), not what stopping the stack does after
  }
  return {
    close: () =>
      new Promise<void>((resolve) => server.close(() => void pool.end().then(() => resolve()))).finally(() =>
        rmSync(consoleDir(info), { recursive: true, force: true }),
      ),
  };
}
