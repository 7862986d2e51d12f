import { createKeycloakAdmin } from './adapters/keycloak/index.js';
import { createSmtpMailer } from './adapters/mail/index.js';
import { createApp } from './app.js';
import { startBackgroundWork } from './background.js';
import { loadConfig } from './config.js';
import { migrate } from './db/migrate.js';
import { createPool } from './db/pool.js';
import { untilDatabaseAnswers } from './db/start.js';
import { createLogger } from './logger.js';
import { withPortal } from './profile/profile.js';
import { claimDatabase } from './profile/store.js';
import { syncCatalogue } from './services/catalogue.js';
import { startProcessMetrics } from './observability/metrics-server.js';

/**
 * Starts the sync-service: migrations first, then the HTTP server and the background work
 * (`background.ts`). Only listens; the app is built elsewhere.
 */
// Issue 18 item 4: where the start's time goes, ms since the process began (the start's log line):
// modules loaded, migrations checked, the database claimed and the catalogue synced, the app built.
const startMs: Record<string, number> = { modulesLoadedMs: Math.round(performance.now()) };
const config = loadConfig();
const logger = createLogger(config.logLevel);
// Started while PostgreSQL restarts or drops connections: each step waits for it (up to a minute), never a crash.
const applied = await untilDatabaseAnswers('migrations', () => migrate(config.databaseUrl), logger);
if (applied.length > 0) logger.info({ migrations: applied.map((m) => `${m.version}_${m.name}`) }, 'migrations applied');
startMs.migratedMs = Math.round(performance.now());
// A connection lost (PostgreSQL restarted, a network cut) is logged and replaced, never a crash; a request
// that cannot get one within 5 s answers 503 database.unavailable (issue 15 item 3).
const pool = createPool(config.databaseUrl, logger, { max: 10 });
await untilDatabaseAnswers('profile', () => claimDatabase(pool, config.profile.id), logger);
logger.info({ profile: config.profile.id }, 'portal profile');
await untilDatabaseAnswers('catalogue', () => syncCatalogue(pool), logger);
startMs.catalogueMs = Math.round(performance.now());
const keycloak = createKeycloakAdmin({
  url: config.keycloak.url,
  realm: config.keycloak.realm,
  clientId: config.keycloak.syncClientId,
  auth: config.keycloak.syncClientAuth,
});
const mailer = createSmtpMailer(config.smtp);
const app = createApp({ config, pool, keycloak, logger, mailer });
startMs.appBuiltMs = Math.round(performance.now());
// The background work (and every timer it sets) runs under the configured profile, as the requests do.
const background = withPortal(config.profile, () =>
  startBackgroundWork(pool, keycloak, mailer, {
    databaseUrl: config.databaseUrl,
    consoleUrl: config.publicUrl,
    fullReconcileMs: config.fullReconcileSeconds * 1000,
    ...(config.reconcileChunk === undefined ? {} : { reconcileChunk: config.reconcileChunk }),
    logger,
  }),
);
const server = app.listen(config.port, () =>
  logger.info({ port: config.port, publicUrl: config.publicUrl, ...startMs, listeningMs: Math.round(performance.now()) }, 'sync-service listening'),
);
// Issue 18 item 3: metrics on a listener of their own, loopback by default (decision 0054).
const metrics = await startProcessMetrics(config.metrics, { db: pool, logger });

const shutdown = (signal: string): void => {
  logger.info({ signal }, 'shutting down');
  void metrics?.close();
  server.close(
    () =>
      void background
        .stop()
        .then(() => {
          mailer.close();
          return pool.end();
        })
        .finally(() => process.exit(0)),
  );
  setTimeout(() => process.exit(1), 5000).unref();
};
process.once('SIGTERM', () => shutdown('SIGTERM'));
process.once('SIGINT', () => shutdown('SIGINT'));
