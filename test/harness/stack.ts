import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadRealm, realmName } from '@procura/realm-config';
import { migrate } from '@procura/sync-service/migrations';
import { keptSecrets, randomSecrets, type Secrets } from './dev-secrets.js';
import { createOwnedDatabase, dropAbandonedTestDatabases, dropOwnedDatabase, ensureKeycloakSchema, inspectDatabase, withDatabase } from './databases.js';
import { prepareClusterKeycloak, prepareKeycloak } from './keycloak-distribution.js';
import { startKeycloak, type RunningKeycloak } from './keycloak-server.js';
import { startMailSink, type MailSink } from './mail-sink.js';
import { startSmsSink, type SmsSink } from './sms-sink.js';
import { cacheDir } from './paths.js';
import { freePort } from './ports.js';
import { resolvePostgres, type PostgresServer } from './postgres.js';
import { importRealm } from './realm-import.js';
import { portalRealmPart, realmWithPortal } from './portal-realm.js';

/** What tests and the start script need to reach the running stack. */
export interface StackInfo {
  readonly keycloak: {
    readonly version: string;
    readonly url: string;
    readonly managementUrl: string;
    readonly realm: string;
    readonly adminUser: string;
    readonly adminPassword: string;
    readonly logFile: string;
  };
  readonly postgres: { readonly kind: PostgresServer['kind']; readonly adminUrl: string };
  /** The business database (schema public; Keycloak's tables are in schema keycloak). */
  readonly databaseUrl: string;
  readonly mail: { readonly smtpHost: string; readonly smtpPort: number; readonly webUrl: string };
  /** The SMS sink: Keycloak's code authenticator posts text messages to it; `GET <url>/sms?to=` reads them. */
  readonly sms: { readonly url: string };
  readonly clients: {
    readonly console: { readonly clientId: string; readonly secret: string };
    readonly sync: { readonly clientId: string; readonly secret: string };
  };
  /** The sync-service's public URL: the console's redirect URIs are registered under it. */
  readonly publicUrl: string;
}

export interface Stack {
  readonly info: StackInfo;
  /** The Keycloak nodes (one unless `keycloakCluster`), for a balancer's configuration and the kill tests. */
  readonly keycloakNodes: readonly RunningKeycloak[];
  stop(): Promise<void>;
}

export interface StackOptions {
  readonly purpose: 'test' | 'dev';
  readonly log: (message: string) => void;
  /** dev only: drop the dev database first (only when the harness created it). */
  readonly reset?: boolean;
  /** dev only: the kept database on the local or embedded server (default `procura_dev`). */
  readonly devDatabase?: string;
  /** Logs, the embedded dev PostgreSQL and what a dev stack keeps (default `.cache/`): a test plays another clone with its own. */
  readonly cacheDir?: string;
  readonly ports?: { keycloak?: number; app?: number; smtp?: number; mailWeb?: number; sms?: number };
  /**
   * Connections Keycloak may hold in PostgreSQL (default `keycloakDbPoolMax`, so that stacks side by
   * side never exhaust the server); the benchmark, alone on the machine, gives Keycloak its own default.
   */
  readonly keycloakDbPoolMax?: number;
  /**
   * Issue 20 item 7 (decision 0073): Keycloak hashes passwords with Argon2 at 1 iteration over
   * 1 MiB instead of its default 5 over 7 MiB. The suite sets and checks thousands of passwords and
   * measures none of that cost; benchmarks of logins keep Keycloak's default.
   */
  readonly cheapPasswordHashing?: boolean;
  /**
   * Issue 18: several Keycloak nodes forming one cluster (`--cache=ispn`, jdbc-ping discovery
   * through the shared database, JGroups on loopback from port 7800 on), all issuing tokens under
   * `publicUrl` (the balancer in front of them, which the caller starts). `info.keycloak.url` is then
   * that URL; `keycloakNodes` lists the nodes.
   */
  readonly keycloakCluster?: { readonly nodes: number; readonly publicUrl: string; readonly transportPort?: number };
}

/**
 * Starts PostgreSQL (or finds it), the SMTP sink and Keycloak on PostgreSQL, imports the realm and
 * migrates the business database. Tests get a database of their own, dropped at the end; `npm start`
 * keeps its database and secrets between runs. Whatever fails half-way stops what was started.
 */
export async function startStack(options: StackOptions): Promise<Stack> {
  const { purpose, log } = options;
  const cache = options.cacheDir ?? cacheDir;
  const logDir = join(cache, 'logs', purpose);
  mkdirSync(logDir, { recursive: true });
  const stops: Array<() => Promise<void>> = [];
  const stop = async (): Promise<void> => {
    for (const step of stops.reverse()) await step().catch((error: unknown) => log(`while stopping: ${String(error)}`));
    stops.length = 0;
  };
  try {
    // allSettled: when one start fails, the others are still stopped once they have started.
    const [distribution, postgres, mail, sms] = settledOrThrow(
      await Promise.allSettled([
        options.keycloakCluster ? prepareClusterKeycloak(log) : prepareKeycloak(log),
        resolvePostgres(log, embeddedDataDir(purpose, cache)).then((server) => {
          stops.push(() => server.stop());
          return server;
        }),
        startMailSink(logDir, options.ports?.smtp && options.ports.mailWeb ? { smtp: options.ports.smtp, web: options.ports.mailWeb } : undefined).then(
          (sink) => {
            stops.push(() => sink.process.stop());
            return sink;
          },
        ),
        startSmsSink(randomBytes(18).toString('base64url'), options.ports?.sms).then((sink) => {
          stops.push(() => sink.stop());
          return sink;
        }),
      ] as const),
    );
    const databaseUrl = await provideDatabase(postgres, options, stops);
    const secrets = purpose === 'dev' ? await devSecrets(databaseUrl, postgres, cache) : randomSecrets();
    const cluster = options.keycloakCluster;
    const startNode = async (node: number): Promise<RunningKeycloak> => {
      const started = await startKeycloak(distribution, {
        database: { url: databaseUrl, schema: 'keycloak' },
        logDir,
        adminPassword: secrets.admin,
        env: smsWebhookEnv(sms),
        ...(options.ports?.keycloak && !cluster ? { httpPort: options.ports.keycloak } : {}),
        ...(options.keycloakDbPoolMax ? { dbPoolMax: options.keycloakDbPoolMax } : {}),
        ...(cluster ? { hostname: cluster.publicUrl } : {}),
        extraArgs: [
          ...(cluster
            ? ['--cache-embedded-network-bind-address=127.0.0.1', `--cache-embedded-network-bind-port=${(cluster.transportPort ?? 7800) + node}`]
            : []),
          ...(options.cheapPasswordHashing ? ['--spi-password-hashing--argon2--iterations=1', '--spi-password-hashing--argon2--memory=1024'] : []),
        ],
      });
      stops.push(() => started.process.stop());
      return started;
    };
    // One after the other: the first creates the schema, the next join its cluster.
    const keycloakNodes: RunningKeycloak[] = [];
    for (let node = 0; node < (cluster?.nodes ?? 1); node++) keycloakNodes.push(await startNode(node));
    const keycloak = keycloakNodes[0]!;
    log(`Keycloak ${keycloak.version} started at ${keycloakNodes.map((node) => node.url).join(', ')} (PostgreSQL: ${postgres.kind})`);
    const publicUrl = `http://localhost:${options.ports?.app ?? (await freePort())}`;
    await importRealm(keycloak, realmFor(purpose, publicUrl, mail, secrets), log, portalRealmPart());
    await migrate(databaseUrl);
    const info = describe({ keycloak, postgres, databaseUrl, mail, sms, secrets, publicUrl });
    return { info: cluster ? { ...info, keycloak: { ...info.keycloak, url: cluster.publicUrl } } : info, keycloakNodes, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function settledOrThrow<T extends readonly unknown[]>(results: { -readonly [K in keyof T]: PromiseSettledResult<T[K]> }): T {
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return results.map((r) => (r as PromiseFulfilledResult<unknown>).value) as unknown as T;
}

/** Issues 16 item 6 and 17: the realm with the portal of the profile (its support contact, name and colours) for the login page and the e-mails. */
function realmFor(purpose: StackOptions['purpose'], publicUrl: string, mail: MailSink, secrets: Secrets): Record<string, unknown> {
  return realmWithPortal(realmWithoutSupport(purpose, publicUrl, mail, secrets));
}

function realmWithoutSupport(purpose: StackOptions['purpose'], publicUrl: string, mail: MailSink, secrets: Secrets): Record<string, unknown> {
  return loadRealm({
    ...process.env,
    PROCURA_PUBLIC_URL: publicUrl,
    // Issue 14 item 4: Keycloak posts its back-channel logouts to the sync-service, on this machine.
    PROCURA_CONSOLE_BACKCHANNEL_URL: publicUrl,
    // Tests log in to services at the sync-service's URL (the login walk stops there); npm start
    // leaves the services' redirect URIs where the example services run (examples/, port 8090).
    PROCURA_SERVICES_BASE_URL: purpose === 'test' ? `${publicUrl}/services` : (process.env.PROCURA_SERVICES_BASE_URL ?? 'http://localhost:8090'),
    PROCURA_SMTP_HOST: '127.0.0.1',
    PROCURA_SMTP_PORT: String(mail.smtpPort),
    // Issue 14 item 11: the sink is on loopback, where plain SMTP is allowed; a relay elsewhere gets STARTTLS.
    PROCURA_SMTP_STARTTLS: 'false',
    PROCURA_CONSOLE_CLIENT_SECRET: secrets.console,
    PROCURA_SYNC_CLIENT_SECRET: secrets.sync,
  });
}

/** Points the code authenticator's SMS webhook (R2) at the sink: Keycloak's SPI options as environment variables. */
function smsWebhookEnv(sms: SmsSink): Record<string, string> {
  return {
    KC_SPI_AUTHENTICATOR__PROCURA_OTP_CODE__SMS_WEBHOOK_URL: sms.webhookUrl,
    KC_SPI_AUTHENTICATOR__PROCURA_OTP_CODE__SMS_WEBHOOK_TOKEN: sms.token,
  };
}

function describe({
  keycloak,
  postgres,
  databaseUrl,
  mail,
  sms,
  secrets,
  publicUrl,
}: {
  keycloak: RunningKeycloak;
  postgres: PostgresServer;
  databaseUrl: string;
  mail: MailSink;
  sms: SmsSink;
  secrets: Secrets;
  publicUrl: string;
}): StackInfo {
  return {
    keycloak: {
      version: keycloak.version,
      url: keycloak.url,
      managementUrl: keycloak.managementUrl,
      realm: realmName,
      adminUser: keycloak.adminUser,
      adminPassword: keycloak.adminPassword,
      logFile: keycloak.logFile,
    },
    postgres: { kind: postgres.kind, adminUrl: postgres.adminUrl },
    databaseUrl,
    mail: { smtpHost: '127.0.0.1', smtpPort: mail.smtpPort, webUrl: mail.webUrl },
    sms: { url: sms.url },
    clients: {
      console: { clientId: 'procura-console', secret: secrets.console },
      sync: { clientId: 'procura-sync', secret: secrets.sync },
    },
    publicUrl,
  };
}

function embeddedDataDir(purpose: StackOptions['purpose'], cache: string): { path: string; temporary: boolean } {
  return purpose === 'dev' ? { path: join(cache, 'postgres-dev'), temporary: false } : { path: join(cache, `postgres-test-${process.pid}`), temporary: true };
}

/** Tests: a new database, dropped at the end. Dev: DATABASE_URL itself, or `procura_dev`, kept. */
async function provideDatabase(postgres: PostgresServer, options: StackOptions, stops: Array<() => Promise<void>>): Promise<string> {
  if (options.purpose === 'test') {
    const abandoned = await dropAbandonedTestDatabases(postgres.adminUrl);
    if (abandoned.length > 0) options.log(`dropped ${abandoned.length} database(s) left by killed runs: ${abandoned.join(', ')}`);
    const name = `procura_test_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
    const url = await createOwnedDatabase(postgres.adminUrl, name, 'test');
    stops.push(() => dropOwnedDatabase(postgres.adminUrl, name));
    return url;
  }
  if (postgres.kind === 'DATABASE_URL') {
    if (options.reset) throw new Error('--reset refuses to wipe the database of DATABASE_URL: the harness did not create it');
    // An empty database given by the user: Keycloak would fail on a schema it does not create.
    await ensureKeycloakSchema(postgres.adminUrl);
    return postgres.adminUrl;
  }
  const name = options.devDatabase ?? 'procura_dev';
  if (options.reset) await dropOwnedDatabase(postgres.adminUrl, name);
  const { exists, owned } = await inspectDatabase(postgres.adminUrl, name);
  if (!exists) return createOwnedDatabase(postgres.adminUrl, name, 'dev');
  if (!owned) throw new Error(`database ${name} exists but was not created by Procura's scripts; set DATABASE_URL to use it`);
  return withDatabase(postgres.adminUrl, name);
}

/** The dev stack keeps its realm in PostgreSQL, so its secrets are kept beside it (decision 0043). */
function devSecrets(databaseUrl: string, postgres: PostgresServer, cache: string): Promise<Secrets> {
  // --reset refuses a database the harness did not create.
  const remedy = postgres.kind === 'DATABASE_URL' ? 'set DATABASE_URL to an empty database' : 'run `npm start -- --reset`';
  return keptSecrets(databaseUrl, { legacyFile: join(cache, 'dev-secrets.json'), remedy });
}
