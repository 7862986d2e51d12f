import { readFileSync } from 'node:fs';
import { defaultSmtpTls, SMTP_TLS_MODES, type SmtpSettings, type SmtpTls } from './adapters/mail/mailer.js';
import { assertionKey, type ClientAuth } from './adapters/keycloak/token-provider.js';
import { deadlineDays } from './operator/deadlines.js';
import { retentionDays } from './erasure/rules.js';
import { webhookTargets, type WebhookTargets } from './audit/webhooks/targets.js';
import { loadProfile, type Profile } from './profile/profile.js';
import type { MetricsListen } from './observability/metrics-server.js';

/** The sync-service's settings, read from the environment once at start (see README's table). */
export interface Config {
  readonly port: number;
  readonly publicUrl: string;
  readonly databaseUrl: string;
  readonly keycloak: {
    /** Keycloak's base URL as this service reaches it. */
    readonly url: string;
    /** Keycloak's base URL as browsers reach it (the tokens' issuer); defaults to `url`. */
    readonly publicUrl: string;
    /** Plain http to a non-loopback Keycloak is refused unless this is set (a private network). */
    readonly allowHttp: boolean;
    readonly realm: string;
    readonly syncClientId: string;
    /** `PROCURA_SYNC_CLIENT_SECRET`, or the private key of `PROCURA_SYNC_CLIENT_KEY_FILE` (signed JWT; issue 14 item 6). */
    readonly syncClientAuth: ClientAuth;
    readonly consoleClientId: string;
    readonly consoleClientSecret: string;
  };
  /** Audiences a bearer access token must carry to call the API (the console's client first). */
  readonly apiAudiences: readonly string[];
  /** The relay of the service's own e-mails; `tls` is always set (issue 14 item 11). */
  readonly smtp: SmtpSettings & { readonly tls: SmtpTls };
  readonly logLevel: string;
  /**
   * Seconds between full reconciles by the outbox worker (0: never): `PROCURA_FULL_RECONCILE_MINUTES`,
   * or `PROCURA_FULL_RECONCILE_SECONDS` when set (the cluster's tests watch several ticks in a minute).
   */
  readonly fullReconcileSeconds: number;
  /** Organizations per chunk of the full reconcile (`PROCURA_RECONCILE_CHUNK`; unset: the projection's default, decision 0068). */
  readonly reconcileChunk: number | undefined;
  readonly consoleDir: string | undefined;
  /** Requests per route and client address on the public routes (sign-up, recovery, invitation, e-mail confirmation). */
  readonly publicRateLimit: { readonly limit: number; readonly windowSeconds: number };
  /** Issue 14 item 7: how recent a sign-in must be for a change of login e-mail (seconds, 300 by default). */
  readonly recentSignInSeconds: number;
  /** Issue 14 item 4: the console session's limits: absolute and idle lifetime, and how often its account is checked in Keycloak (seconds). */
  readonly session: { readonly maxSeconds: number; readonly idleSeconds: number; readonly checkSeconds: number };
  /** Issue 17: the portal's profile (`PROCURA_PROFILE`, `procura` by default), checked at start. */
  readonly profile: Profile;
  /**
   * Issue 18 item 3: the metrics listener (`PROCURA_METRICS_HOST`, 127.0.0.1; `PROCURA_METRICS_PORT`,
   * 9464 for the server and 9465 for `sync-service worker`; `off`: none), never the public port (decision 0054).
   */
  readonly metrics: MetricsListen | undefined;
  /** Where audit webhooks may point (`PROCURA_WEBHOOK_TARGETS`: `public`, the default, or `any`; decision 0070). */
  readonly webhookTargets: WebhookTargets;
}

/** Files of earlier versions that the profile replaced: set, they would be ignored, so the start stops instead. */
const retiredVariables: Readonly<Record<string, string>> = {
  PROCURA_SUPPORT: 'support',
  PROCURA_NOTICES: 'notices',
  PROCURA_ACCESS_REQUESTS: 'accessRequests',
  PROCURA_ORGANIZATION_TYPES: 'organizations',
};

type Env = Readonly<Record<string, string | undefined>>;

/** What `sync-service worker` reads: the background work needs no HTTP server nor console client. */
export interface WorkerConfig extends Pick<Config, 'publicUrl' | 'databaseUrl' | 'smtp' | 'logLevel' | 'profile' | 'metrics'> {
  readonly keycloak: Pick<Config['keycloak'], 'url' | 'realm' | 'syncClientId' | 'syncClientAuth'>;
}

/** The variable readers, collecting every problem so that one error names them all. */
function reader(env: Env) {
  const problems: string[] = [];
  const required = (name: string): string => {
    const value = env[name];
    if (!value) problems.push(`${name} is required`);
    return value ?? '';
  };
  const integer = (name: string, fallback: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 0 || value > 65535) problems.push(`${name} must be a port number (got ${raw})`);
    return value;
  };
  /** A setting read elsewhere (by its own module), checked here so that a bad value stops the start. */
  const checked = (check: () => unknown): void => {
    try {
      check();
    } catch (error) {
      problems.push((error as Error).message);
    }
  };
  const done = <T>(config: T): T => {
    if (problems.length > 0) throw new Error(`configuration: ${problems.join('; ')}`);
    return config;
  };
  /** One of `allowed`, or the fallback when unset; anything else is a problem naming the values. */
  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    problems.push(`${name} must be one of ${allowed.join(', ')} (got ${raw})`);
    return fallback;
  };
  /** The text of the file the variable names, or undefined when it is unset. */
  const file = (name: string): string | undefined => {
    const path = env[name];
    if (!path) return undefined;
    try {
      return readFileSync(path, 'utf8');
    } catch (error) {
      problems.push(`${name}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
      return undefined;
    }
  };
  /** A problem found by the caller itself. */
  const problem = (message: string): void => {
    problems.push(message);
  };
  return { required, integer, checked, done, oneOf, file, problem };
}

/** Issue 14 item 11: TLS to the relay is required unless the relay is on loopback or the operator says otherwise. */
function smtpSettings(env: Env, { integer, oneOf, file }: ReturnType<typeof reader>): Config['smtp'] {
  const host = env.PROCURA_SMTP_HOST ?? 'localhost';
  const ca = file('PROCURA_SMTP_CA_FILE');
  return {
    host,
    port: integer('PROCURA_SMTP_PORT', 1025),
    from: env.PROCURA_MAIL_FROM ?? 'no-reply@procura.example',
    tls: oneOf('PROCURA_SMTP_TLS', SMTP_TLS_MODES, defaultSmtpTls(host)),
    ...(ca ? { ca } : {}),
  };
}

/**
 * Issue 14 item 6: the sync-service's client proves itself with a JWT signed by its private key
 * (`PROCURA_SYNC_CLIENT_KEY_FILE`, PEM, RSA 2048+ or EC P-256) or with its shared secret
 * (`PROCURA_SYNC_CLIENT_SECRET`); exactly one of the two.
 */
function syncClientAuth(env: Env, { required, file, problem }: ReturnType<typeof reader>): ClientAuth {
  if (env.PROCURA_SYNC_CLIENT_KEY_FILE) {
    if (env.PROCURA_SYNC_CLIENT_SECRET) problem('PROCURA_SYNC_CLIENT_SECRET and PROCURA_SYNC_CLIENT_KEY_FILE are both set: give one');
    const privateKeyPem = file('PROCURA_SYNC_CLIENT_KEY_FILE') ?? '';
    try {
      if (privateKeyPem) assertionKey(privateKeyPem);
    } catch (error) {
      problem(`PROCURA_SYNC_CLIENT_KEY_FILE: ${(error as Error).message}`);
    }
    return { privateKeyPem };
  }
  return { secret: required('PROCURA_SYNC_CLIENT_SECRET') };
}

/** The sync client's proof alone (the CLI's reconcile and operator commands); throws naming what is wrong. */
export function loadSyncClientAuth(env: Env = process.env): ClientAuth {
  const read = reader(env);
  return read.done(syncClientAuth(env, read));
}

/** The settings the server and the worker share (the worker's whole configuration). */
function workerSettings(env: Env, read: ReturnType<typeof reader>, port: number, metricsPort: number): WorkerConfig {
  const { required } = read;
  read.checked(() => retentionDays(env)); // the erasure of departed people (issue 16 item 5), run by the background work
  for (const [variable, section] of Object.entries(retiredVariables)) {
    if (env[variable])
      read.problem(
        `${variable} is replaced by the section "${section}" of the portal's profile: copy a profile of sync-service/profiles/, change it, and set PROCURA_PROFILE to its path (docs/profiles.md)`,
      );
  }
  let profile: Profile | undefined;
  read.checked(() => (profile = loadProfile(env)));
  return {
    profile: profile as Profile, // set unless a problem was noted, and then `done` throws
    publicUrl: env.PROCURA_PUBLIC_URL ?? `http://localhost:${port}`,
    databaseUrl: required('DATABASE_URL'),
    keycloak: {
      url: required('KEYCLOAK_URL'),
      realm: env.KEYCLOAK_REALM ?? 'procura',
      syncClientId: env.PROCURA_SYNC_CLIENT_ID ?? 'procura-sync',
      syncClientAuth: syncClientAuth(env, read),
    },
    smtp: smtpSettings(env, read),
    logLevel: env.LOG_LEVEL ?? 'info',
    metrics:
      env.PROCURA_METRICS_PORT === 'off'
        ? undefined
        : { host: env.PROCURA_METRICS_HOST || '127.0.0.1', port: read.integer('PROCURA_METRICS_PORT', metricsPort) },
  };
}

/** Reads what `sync-service worker` needs; names every missing or malformed variable at once. */
export function loadWorkerConfig(env: Env = process.env): WorkerConfig {
  const read = reader(env);
  return read.done(workerSettings(env, read, read.integer('PORT', 3000), 9465));
}

/** Reads the configuration; names every missing or malformed variable at once. */
export function loadConfig(env: Env = process.env): Config {
  const read = reader(env);
  const { required, integer } = read;
  const port = integer('PORT', 3000);
  const shared = workerSettings(env, read, port, 9464);
  read.checked(() => deadlineDays(env)); // the operator's routes read it on each request (R31)
  let targets: WebhookTargets = 'public';
  read.checked(() => (targets = webhookTargets(env)));
  return read.done({
    webhookTargets: targets,
    ...shared,
    port,
    keycloak: {
      ...shared.keycloak,
      publicUrl: env.KEYCLOAK_PUBLIC_URL || shared.keycloak.url,
      allowHttp: env.KEYCLOAK_ALLOW_HTTP === 'true',
      consoleClientId: env.PROCURA_CONSOLE_CLIENT_ID ?? 'procura-console',
      consoleClientSecret: required('PROCURA_CONSOLE_CLIENT_SECRET'),
    },
    apiAudiences: (env.PROCURA_API_AUDIENCES || (env.PROCURA_CONSOLE_CLIENT_ID ?? 'procura-console'))
      .split(',')
      .map((a) => a.trim())
      .filter(Boolean),
    fullReconcileSeconds: env.PROCURA_FULL_RECONCILE_SECONDS
      ? integer('PROCURA_FULL_RECONCILE_SECONDS', 3600)
      : integer('PROCURA_FULL_RECONCILE_MINUTES', 60) * 60,
    reconcileChunk: env.PROCURA_RECONCILE_CHUNK ? Math.max(1, integer('PROCURA_RECONCILE_CHUNK', 1)) : undefined,
    consoleDir: env.PROCURA_CONSOLE_DIR,
    publicRateLimit: { limit: integer('PROCURA_PUBLIC_RATE_LIMIT', 10), windowSeconds: Math.max(1, integer('PROCURA_PUBLIC_RATE_WINDOW_SECONDS', 60)) },
    recentSignInSeconds: Math.max(1, integer('PROCURA_RECENT_SIGN_IN_SECONDS', 300)),
    session: {
      maxSeconds: Math.max(60, integer('PROCURA_SESSION_MAX_MINUTES', 480) * 60),
      idleSeconds: Math.max(60, integer('PROCURA_SESSION_IDLE_MINUTES', 30) * 60),
      checkSeconds: Math.min(60, Math.max(1, integer('PROCURA_SESSION_CHECK_SECONDS', 60))),
    },
  });
}
