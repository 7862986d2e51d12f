import pg from 'pg';
import { createKeycloakAdmin } from './adapters/keycloak/index.js';
import { createSmtpMailer } from './adapters/mail/index.js';
import { createApp } from './app.js';
import { startBackgroundWork } from './background.js';
import { loadConfig } from './config.js';
import { migrate } from './db/migrate.js';
import { createLogger } from './logger.js';
import { withPortal } from './profile/profile.js';
import { claimDatabase } from './profile/store.js';
import { syncCatalogue } from './services/catalogue.js';
import { startProcessMetrics } from './observability/metrics-server.js';

/**
 * Starts the sync-service: migrations first, then the HTTP server and the background work
 * (`background.ts`). Only listens; the app is built elsewhere.
 */
// Issue 18 item 4: how long the start takes, modules loaded then listening (the start's log line).
const modulesLoadedMs = Math.round(performance.now());
const config = loadConfig();
const logger = createLogger(config.logLevel);
const applied = await migrate(config.databaseUrl);
if (applied.length > 0) logger.info({ migrations: applied.map((m) => `${m.version}_${m.name}`) }, 'migrations applied');
const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 10 });
// An idle connection dropped by PostgreSQL (restart, timeout) is replaced by the pool: log it, do not crash.
pool.on('error', (error) => logger.warn({ err: error }, 'idle database connection lost'));
await claimDatabase(pool, config.profile.id);
logger.info({ profile: config.profile.id }, 'portal profile');
await syncCatalogue(pool);
const keycloak = createKeycloakAdmin({ url: config.keycloak.url, realm: config.keycloak.realm, clientId: config.keycloak.syncClientId, auth: config.keycloak.syncClientAuth });
const mailer = createSmtpMailer(config.smtp);
const app = createApp({ config, pool, keycloak, logger, mailer });
// The background work (and every timer it sets) runs under the configured profile, as the requests do.
const background = withPortal(config.profile, () => startBackgroundWork(pool, keycloak, mailer, {
  databaseUrl: config.databaseUrl,
  consoleUrl: config.publicUrl,
  fullReconcileMs: config.fullReconcileMinutes * 60_000,
  logger,
}));
const server = app.listen(config.port, () => logger.info({ port: config.port, publicUrl: config.publicUrl, modulesLoadedMs, listeningMs: Math.round(performance.now()) }, 'sync-service listening'));
// Issue 18 item 3: metrics on a listener of their own, loopback by default (decision 0054).
const metrics = await startProcessMetrics(config.metrics, { db: pool, logger });

const shutdown = (signal: string): void => {
  logger.info({ signal }, 'shutting down');
  void metrics?.close();
  server.close(() => void background.stop().then(() => {
    mailer.close();
    return pool.end();
  }).finally(() => process.exit(0)));
  setTimeout(() => process.exit(1), 5000).unref();
};
process.once('SIGTERM', () => shutdown('SIGTERM'));
process.once('SIGINT', () => shutdown('SIGINT'));
