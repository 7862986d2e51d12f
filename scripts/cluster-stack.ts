/**
 * The cluster of `npm run cluster` and `npm run test:cluster` (issue 18; docs/operations.md,
 * "Cluster"): PostgreSQL, the SMTP sink, two Keycloak nodes forming one Infinispan cluster, two
 * sync-service instances and HAProxy in front of each pair. `stop()` stops all.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { createKeycloakAdmin } from '@procura/sync-service/keycloak';
import { seedDemo } from '@procura/sync-service/demo';
import type { Profile } from '@procura/sync-service/profile/profile';
import { serviceEnvironment } from '../test/harness/app.js';
import { startStack, type StackInfo } from '../test/harness/stack.js';
import type { RunningKeycloak } from '../test/harness/keycloak-server.js';
import { startManaged, type ManagedProcess } from '../test/harness/processes.js';
import { run } from '../test/harness/run.js';
import { cacheDir, repoRoot } from '../test/harness/paths.js';
import { waitUntil } from '../test/harness/ports.js';

export interface ClusterOptions {
  readonly log: (message: string) => void;
  readonly profile: Profile;
  /** The console's balancer; the instances listen on the two ports after it. */
  readonly appPort: number;
  /** Keycloak's balancer; its statistics page on the port after it. */
  readonly keycloakPort: number;
  /** The kept dev database on the local server (`npm run cluster`), else a test database of its own, dropped at the end. */
  readonly devDatabase?: string;
  /** The first JGroups port (default 7800; node n binds the n-th after it). */
  readonly transportPort?: number;
  /** More environment for the instances (a low rate limit…). */
  readonly instanceEnv?: Record<string, string>;
  readonly haproxy?: string;
}

export interface SyncInstance {
  readonly port: number;
  process: ManagedProcess;
  readonly logFile: string;
}

export interface RunningCluster {
  readonly info: StackInfo;
  readonly keycloakNodes: readonly RunningKeycloak[];
  readonly instances: readonly SyncInstance[];
  /** HAProxy's statistics as CSV: `name,server -> status` (UP, DOWN…). */
  serverStates(): Promise<Map<string, string>>;
  /** Starts instance `index` again (after a kill or a stop), with `env` added to its environment, waits until it answers. */
  restartInstance(index: number, env?: Record<string, string>): Promise<void>;
  stop(): Promise<void>;
}

export async function startCluster(options: ClusterOptions): Promise<RunningCluster> {
  const { log, appPort, keycloakPort } = options;
  const instancePorts = [appPort + 1, appPort + 2];
  const clusterDir = join(cacheDir, 'cluster', String(appPort));
  mkdirSync(join(clusterDir, 'logs'), { recursive: true });
  const stops: Array<() => Promise<void>> = [];
  const stop = async (): Promise<void> => {
    for (const step of stops.reverse()) await step().catch((error: unknown) => log(`while stopping: ${String(error)}`));
    stops.length = 0;
  };
  try {
    const stack = await startStack({
      purpose: options.devDatabase ? 'dev' : 'test',
      log,
      ...(options.devDatabase ? { devDatabase: options.devDatabase } : {}),
      ports: { app: appPort },
      keycloakCluster: { nodes: 2, publicUrl: `http://localhost:${keycloakPort}`, ...(options.transportPort ? { transportPort: options.transportPort } : {}) },
    });
    stops.push(() => stack.stop());
    const configFile = join(clusterDir, 'haproxy.cfg');
    writeFileSync(configFile, haproxyConfig(stack.keycloakNodes, { appPort, keycloakPort, instancePorts }));
    log(`HAProxy: ${configFile}`);
    const balancer = startManaged('haproxy', options.haproxy ?? '/usr/sbin/haproxy', ['-db', '-f', configFile], {
      env: process.env,
      cwd: clusterDir,
      logFile: join(clusterDir, 'logs/haproxy.log'),
    });
    stops.push(() => balancer.stop());
    await waitUntil('the Keycloak balancer', async () => (await fetch(`http://127.0.0.1:${keycloakPort}/realms/${stack.info.keycloak.realm}`)).ok, 60_000);
    log('building the console (vite build)');
    await run('npm', ['run', 'build', '-w', 'console'], { cwd: repoRoot });
    await seed(stack.info, options.profile, log);
    const startInstance = (instancePort: number, index: number, env: Record<string, string> = {}): ManagedProcess =>
      // Each instance's metrics on a port of its own (9464, 9466): two on one host would share 9464.
      startManaged(`sync-service-${index + 1}`, process.execPath, ['--import', 'tsx', 'src/server.ts'], {
        cwd: join(repoRoot, 'sync-service'),
        env: {
          ...process.env,
          ...serviceEnvironment(stack.info),
          PORT: String(instancePort),
          PROCURA_METRICS_PORT: String(9464 + 2 * index),
          PROCURA_PUBLIC_RATE_LIMIT: '10',
          PROCURA_CONSOLE_DIR: join(repoRoot, 'console/dist'),
          ...options.instanceEnv,
          ...env,
        },
        logFile: join(clusterDir, `logs/sync-service-${index + 1}.log`),
      });
    const instances: SyncInstance[] = instancePorts.map((port, index) => ({
      port,
      process: startInstance(port, index),
      logFile: join(clusterDir, `logs/sync-service-${index + 1}.log`),
    }));
    stops.push(async () => {
      await Promise.all(instances.map((instance) => instance.process.stop()));
    });
    const answers = (port: number) => waitUntil(`the sync-service on ${port}`, async () => (await fetch(`http://127.0.0.1:${port}/readyz`)).ok, 90_000);
    for (const port of instancePorts) await answers(port);
    await waitUntil('the console balancer', async () => (await fetch(`${stack.info.publicUrl}/readyz`)).ok, 30_000);
    return {
      info: stack.info,
      keycloakNodes: stack.keycloakNodes,
      instances,
      async serverStates() {
        const csv = await (await fetch(`http://127.0.0.1:${keycloakPort + 1}/stats;csv`)).text();
        return new Map(
          csv
            .split('\n')
            .filter((line) => line && !line.startsWith('#'))
            .map((line) => line.split(','))
            .map((cells) => [`${cells[0]},${cells[1]}`, cells[17] ?? '']),
        );
      },
      async restartInstance(index, env) {
        const instance = instances[index]!;
        instance.process = startInstance(instance.port, index, env);
        await answers(instance.port);
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function seed(info: StackInfo, profile: Profile, log: (message: string) => void): Promise<void> {
  const pool = new pg.Pool({ connectionString: info.databaseUrl });
  pool.on('error', () => {}); // a connection cut while idle: replaced, never a crash
  try {
    const keycloak = createKeycloakAdmin({
      url: info.keycloak.url,
      realm: info.keycloak.realm,
      clientId: info.clients.sync.clientId,
      auth: { secret: info.clients.sync.secret },
    });
    log((await seedDemo(pool, keycloak, log, profile)) ? 'demo data seeded' : 'demo data already there');
  } finally {
    await pool.end();
  }
}

/**
 * Not sticky (docs/operations.md, "Cluster"): the console's sessions are rows of PostgreSQL and
 * Keycloak's login state is in its clustered caches, so any instance or node serves any request.
 * A server leaves after 2 failed checks 1 s apart, comes back after 2 good ones; `redispatch` sends
 * a request whose connection failed to the other. When no Keycloak node is ready, the nodes that
 * are alive still serve (`keycloak_alive`): after kill -9 of the coordinator, the survivor reports
 * itself not ready for about 30 s (Keycloak's split-brain check waits for the dead node's row of
 * `jgroups_ping` to age) although it serves logins (measured: docs/benchmarks.md).
 */
function haproxyConfig(nodes: readonly RunningKeycloak[], ports: { appPort: number; keycloakPort: number; instancePorts: readonly number[] }): string {
  const server = (name: string, url: string, health?: string) => {
    const check = health ? ` check port ${new URL(health).port}` : ' check';
    return `  server ${name} 127.0.0.1:${new URL(url).port}${check} inter 1s fall 2 rise 2`;
  };
  const keycloakServers = nodes.map((node, index) => server(`keycloak${index + 1}`, node.url, node.managementUrl)).join('\n');
  return `# Generated by scripts/cluster-stack.ts (npm run cluster): do not edit.
global
  maxconn 2000

defaults
  mode http
  option forwardfor
  option redispatch
  retries 2
  timeout connect 2s
  timeout client 60s
  timeout server 60s

frontend keycloak
  bind 127.0.0.1:${ports.keycloakPort}
  use_backend keycloak_alive if { nbsrv(keycloak_nodes) eq 0 }
  default_backend keycloak_nodes

backend keycloak_nodes
  balance roundrobin
  option httpchk GET /health/ready
  http-check expect status 200
${keycloakServers}

backend keycloak_alive
  balance roundrobin
  option httpchk GET /health/live
  http-check expect status 200
${keycloakServers}

frontend console
  bind 127.0.0.1:${ports.appPort}
  default_backend sync_service

backend sync_service
  balance roundrobin
  option httpchk GET /readyz
  http-check expect status 200
${ports.instancePorts.map((instancePort, index) => server(`sync${index + 1}`, `http://127.0.0.1:${instancePort}`)).join('\n')}

frontend stats
  bind 127.0.0.1:${ports.keycloakPort + 1}
  stats enable
  stats uri /stats
`;
}
