import { join } from 'node:path';
import type { KeycloakDistribution } from './keycloak-distribution.js';
import { freePort, waitUntil } from './ports.js';
import { isAlive, startManaged, type ManagedProcess } from './processes.js';

export interface KeycloakDatabase {
  /** postgres://user:password@host:port/database */
  readonly url: string;
  readonly schema: string;
}

export interface RunningKeycloak {
  readonly version: string;
  /** Public base URL, e.g. http://localhost:8080 */
  readonly url: string;
  /** The management interface: `/health/ready`, and Keycloak's own `/metrics` (built with `--metrics-enabled`). */
  readonly managementUrl: string;
  readonly adminUser: string;
  readonly adminPassword: string;
  readonly process: ManagedProcess;
  readonly logFile: string;
}

/**
 * Starts the real Keycloak server (optimized: built beforehand) on PostgreSQL, as in production,
 * with a temporary bootstrap administrator of the master realm.
 */
/** Connections Keycloak may hold in PostgreSQL; enough for the suite's and the benchmark's load. */
export const keycloakDbPoolMax = 20;

export async function startKeycloak(
  distribution: KeycloakDistribution,
  options: {
    database: KeycloakDatabase;
    logDir: string;
    httpPort?: number;
    adminPassword: string;
    env?: Record<string, string>;
    dbPoolMax?: number;
    /** The URL browsers and tokens use, when not the node's own (a cluster's balancer, issue 18). */
    hostname?: string;
    /** More options of `kc.sh start` (a cluster node's transport, issue 18). */
    extraArgs?: string[];
  },
): Promise<RunningKeycloak> {
  const httpPort = options.httpPort ?? (await freePort());
  const managementPort = await freePort();
  const db = new URL(options.database.url);
  const url = `http://localhost:${httpPort}`;
  const args = [
    'start',
    '--optimized',
    `--http-port=${httpPort}`,
    `--http-management-port=${managementPort}`,
    '--http-enabled=true',
    `--hostname=${options.hostname ?? url}`,
    `--db-url=jdbc:postgresql://${db.hostname}:${db.port || '5432'}${db.pathname}`,
    `--db-username=${decodeURIComponent(db.username)}`,
    `--db-schema=${options.database.schema}`,
    // Keycloak's pool grows to 100 connections under load by default, PostgreSQL's whole default
    // max_connections: a stack beside another (npm start while tests run, two suites) would starve.
    `--db-pool-max-size=${options.dbPoolMax ?? keycloakDbPoolMax}`,
  ];
  if (db.password) args.push(`--db-password=${decodeURIComponent(db.password)}`);
  args.push(...(options.extraArgs ?? []));
  const logFile = join(options.logDir, `keycloak-${httpPort}.log`);
  const child = startManaged('keycloak', join(distribution.home, 'bin/kc.sh'), args, {
    env: {
      ...process.env,
      ...options.env,
      KC_BOOTSTRAP_ADMIN_USERNAME: 'admin',
      KC_BOOTSTRAP_ADMIN_PASSWORD: options.adminPassword,
    },
    cwd: distribution.home,
    logFile,
  });
  try {
    await waitUntil(
      `Keycloak (log: ${logFile})`,
      async () => (await fetch(`http://127.0.0.1:${managementPort}/health/ready`)).ok,
      180_000,
      () => (isAlive(child.pid) ? undefined : `it exited; see ${logFile}`),
    );
  } catch (error) {
    await child.stop();
    throw error;
  }
  return {
    version: distribution.version,
    url,
    managementUrl: `http://127.0.0.1:${managementPort}`,
    adminUser: 'admin',
    adminPassword: options.adminPassword,
    process: child,
    logFile,
  };
}
