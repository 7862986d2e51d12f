#!/usr/bin/env -S npx tsx
import { basename } from 'node:path';
import type pg from 'pg';
import pino from 'pino';
import { createKeycloakAdmin } from './adapters/keycloak/index.js';
import { createSmtpMailer } from './adapters/mail/index.js';
import { startBackgroundWork } from './background.js';
import { progressLine } from './cli/progress.js';
import { exitOnRefusal, printRejectedLines } from './cli/refusals.js';
import { runRegistryImport } from './cli/registry.js';
import { withPortal } from './profile/profile.js';
import { claimDatabase } from './profile/store.js';
import { loadSyncClientAuth, loadWorkerConfig, type WorkerConfig } from './config.js';
import { migrate } from './db/migrate.js';
import { createPool } from './db/pool.js';
import { untilDatabaseAnswers } from './db/start.js';
import { appointOperator } from './operator/appoint.js';
import { eraseDeparted } from './erasure/erase.js';
import { retentionDays } from './erasure/rules.js';
import { describePlan } from './projection/plan.js';
import { importLines, readImportFile } from './imports/import-file.js';
import { createLogger } from './logger.js';
import { reconcile } from './projection/reconciler.js';
import { startProcessMetrics } from './observability/metrics-server.js';

/** `sync-service <command>`: operations run by hand or by scripts. */
const usage = `usage:
  sync-service migrate                                   apply the database migrations
  sync-service reconcile [--dry-run] [--organization ID]  compare Keycloak with the model, print the plan, repair drift
  sync-service worker                                    run the server's background work until SIGTERM or SIGINT: the outbox worker
                                                         (Keycloak's projection), the notice worker (R28: sends and retries the e-mails)
                                                         the expiry reminders (R19) and the erasure of departed people; the full
                                                         reconcile stays the server's
  sync-service import FILE                               import memberships from CSV or JSON, all or nothing (docs/import.md)
  sync-service registry import FILE                      import the official registry: closures, identifier changes (docs/registry.md)
  sync-service erase-departed                            erase now the people departed longer than PROCURA_RETENTION_DAYS (90), as the
                                                         background work does every hour (GDPR art. 17, decision 0047)
  sync-service operator grant EMAIL                      make the realm account of EMAIL one of the operator's staff (R31, decision 0022)
  sync-service --help                                    this text
environment: DATABASE_URL, and for reconcile, worker and erase-departed KEYCLOAK_URL, KEYCLOAK_REALM (procura), PROCURA_SYNC_CLIENT_ID (procura-sync),
PROCURA_SYNC_CLIENT_SECRET or PROCURA_SYNC_CLIENT_KEY_FILE (a PEM private key: signed-JWT client authentication); for reconcile PROCURA_RECONCILE_CHUNK (organizations per chunk of a full reconcile, 200); for worker also PROCURA_SMTP_HOST (localhost), PROCURA_SMTP_PORT (1025), PROCURA_MAIL_FROM,
PROCURA_PUBLIC_URL (the console the reminders link to), LOG_LEVEL (info), PROCURA_METRICS_HOST (127.0.0.1), PROCURA_METRICS_PORT (9465; off: no metrics);
for worker and erase-departed PROCURA_RETENTION_DAYS (90)`;

const [command, ...args] = process.argv.slice(2);
/** The one-shot commands' logger: warnings only (a connection lost), on stderr; their results go to stdout. */
const cliLogger = createLogger(process.env.LOG_LEVEL ?? 'warn', pino.destination(2));

function env(name: string, fallback?: string): string {
  const value = process.env[name] ?? fallback;
  if (!value) {
    console.error(`${name} is required\n${usage}`);
    process.exit(2);
  }
  return value;
}

async function runReconcile(): Promise<void> {
  const dryRun = args.includes('--dry-run');
  const identifiers = args.flatMap((arg, i) => (arg === '--organization' && args[i + 1] ? [args[i + 1]!] : []));
  const pool = createPool(env('DATABASE_URL'), cliLogger);
  try {
    const keycloak = keycloakFromEnv();
    const scope = identifiers.length === 0 ? { all: true as const } : { organizationIds: await organizationIds(pool, identifiers) };
    const progress = progressLine(dryRun ? 'reconcile (dry run)' : 'reconcile');
    const started = Date.now();
    const chunk = process.env.PROCURA_RECONCILE_CHUNK ? { chunkSize: Math.max(1, Number.parseInt(process.env.PROCURA_RECONCILE_CHUNK, 10) || 1) } : {};
    const report = await reconcile(pool, keycloak, { scope, dryRun, ...chunk, progress: (done, total, phase) => progress.update(done, total, phase) });
    progress.end();
    for (const line of describePlan(report.operations)) console.log(line);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    // Decision 0061: a full reconcile reads in detail only the organizations whose digest differs.
    const detailed = report.detailed === undefined ? '' : `; ${report.detailed} organization(s) read in detail`;
    console.log(
      `${report.changes} change(s) ${dryRun ? 'planned, none applied' : 'applied'}; ${report.calls.reads} reads, ${report.calls.writes} writes${detailed}, ${seconds} s`,
    );
  } finally {
    await pool.end();
  }
}

async function organizationIds(pool: pg.Pool, identifiers: string[]): Promise<string[]> {
  const { rows } = await pool.query<{ id: string; identifier: string }>('SELECT id, identifier FROM organization WHERE identifier = ANY($1::text[])', [
    identifiers,
  ]);
  const unknown = identifiers.filter((i) => !rows.some((r) => r.identifier === i));
  if (unknown.length > 0) {
    console.error(`unknown organization(s): ${unknown.join(', ')} (give the normalized identifier, e.g. CHE123456789)`);
    process.exit(2);
  }
  return rows.map((r) => r.id);
}

function keycloakFromEnv() {
  let auth: ReturnType<typeof loadSyncClientAuth>;
  try {
    auth = loadSyncClientAuth();
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    process.exit(2);
  }
  return createKeycloakAdmin({
    url: env('KEYCLOAK_URL'),
    realm: env('KEYCLOAK_REALM', 'procura'),
    clientId: env('PROCURA_SYNC_CLIENT_ID', 'procura-sync'),
    auth,
  });
}

/**
 * The server's background work in a process of its own (`background.ts`): the projection's outbox
 * worker, the notice worker (R28), the expiry reminders (R19) and the erasure (decision 0047), stopped cleanly on SIGTERM or
 * SIGINT. The periodic full reconcile stays the server's: it takes the projection's lock alone, so a
 * second one would only repeat the work while holding every outbox batch back.
 */
async function runWorker(): Promise<void> {
  const config = workerConfigOrExit();
  // `process`, not `component`: the background work names its own components, and pino would
  // write a second `component` key rather than replace the first.
  const logger = createLogger(config.logLevel).child({ process: 'worker' });
  // Issue 15 item 3: a connection lost mid-transaction (PostgreSQL restarted, a network cut) fails that batch only.
  const pool = createPool(config.databaseUrl, logger);
  const keycloak = createKeycloakAdmin({
    url: config.keycloak.url,
    realm: config.keycloak.realm,
    clientId: config.keycloak.syncClientId,
    auth: config.keycloak.syncClientAuth,
  });
  // Started while PostgreSQL restarts or drops connections: waits for it (up to a minute) instead of exiting.
  await untilDatabaseAnswers('profile', () => claimDatabase(pool, config.profile.id), logger);
  const mailer = createSmtpMailer(config.smtp);
  const background = withPortal(config.profile, () =>
    startBackgroundWork(pool, keycloak, mailer, { databaseUrl: config.databaseUrl, consoleUrl: config.publicUrl, fullReconcileMs: 0, logger }),
  );
  const metrics = await startProcessMetrics(config.metrics, { db: pool, logger });
  logger.info({ runs: ['outbox', 'notices', 'reminders', 'erasure'] }, 'worker started');
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGTERM', resolve);
    process.once('SIGINT', resolve);
  });
  logger.info({ signal }, 'worker stopping');
  setTimeout(() => {
    logger.error('worker did not stop within 10 s');
    process.exit(1);
  }, 10_000).unref();
  await Promise.all([background.stop(), metrics?.close()]);
  mailer.close();
  await pool.end();
}

function workerConfigOrExit(): WorkerConfig {
  try {
    return loadWorkerConfig();
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    process.exit(2);
  }
}

async function runImport(): Promise<void> {
  const file = args[0];
  if (!file) {
    console.error(usage);
    process.exit(2);
  }
  const pool = createPool(env('DATABASE_URL'), cliLogger);
  try {
    const records = readImportFile(file);
    const progress = progressLine('import');
    const report = await importLines(pool, { personId: null, label: `import ${basename(file)}` }, records, (done, total) => progress.update(done, total)).catch(
      exitOnRefusal(() => progress.end()),
    );
    progress.end();
    if (printRejectedLines(report.rejected, report.lines)) return;
    const c = report.created;
    console.log(
      `${report.lines} line(s) imported: ${c.organizations} organization(s), ${c.units} unit(s), ${c.people} new person(s), ${c.memberships} membership(s), ${c.rights} right(s); Keycloak follows through the outbox`,
    );
  } finally {
    await pool.end();
  }
}

switch (command) {
  case 'migrate': {
    const applied = await migrate(env('DATABASE_URL'));
    console.log(applied.length === 0 ? 'schema up to date' : `applied: ${applied.map((m) => `${m.version}_${m.name}`).join(', ')}`);
    break;
  }
  case 'reconcile':
    await runReconcile();
    break;
  case 'worker':
    await runWorker();
    break;
  case 'import':
    await runImport();
    break;
  case 'registry': {
    if (args[0] !== 'import' || !args[1]) {
      console.error(usage);
      process.exit(2);
    }
    const pool = createPool(env('DATABASE_URL'), cliLogger);
    await runRegistryImport(pool, args[1]).finally(() => pool.end());
    break;
  }
  case 'erase-departed': {
    let days: number;
    try {
      days = retentionDays();
    } catch (error) {
      console.error(`${(error as Error).message}\n${usage}`);
      process.exit(2);
    }
    const pool = createPool(env('DATABASE_URL'), cliLogger);
    const erased = await eraseDeparted(pool, keycloakFromEnv(), { retentionDays: days, logger: createLogger(process.env.LOG_LEVEL ?? 'info') }).finally(() =>
      pool.end(),
    );
    console.log(`${erased} person(s) erased (departed more than ${days} days ago)`);
    break;
  }
  case 'operator': {
    if (args[0] !== 'grant' || !args[1]) {
      console.error(usage);
      process.exit(2);
    }
    const pool = createPool(env('DATABASE_URL'), cliLogger);
    const { personId } = await appointOperator(pool, keycloakFromEnv(), args[1], `cli operator grant (${process.env.USER ?? 'unknown'})`).finally(() =>
      pool.end(),
    );
    console.log(`${args[1]} is one of the operator's staff (person ${personId}); effective at their next login`);
    break;
  }
  case '--help':
  case 'help':
    console.log(usage);
    break;
  default:
    console.error(usage);
    process.exit(2);
}
