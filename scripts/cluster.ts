/**
 * `npm run cluster` (issue 18): the product as several processes on this machine. PostgreSQL (the
 * local server or DATABASE_URL, as `npm start`), the SMTP sink, two Keycloak nodes forming one
 * cluster (`--cache=ispn`, Keycloak's default `jdbc-ping` discovery through the shared database,
 * JGroups on 127.0.0.1:7800 and 7801; the distribution copy in `.cache/keycloak-cluster`), two
 * sync-service instances (API and background work each; the periodic jobs run on one at a time,
 * decision 0057), and HAProxy in front of each pair, health-checked on Keycloak's readiness
 * (management port, `/health/ready`) and the sync-service's `/healthz`, its configuration
 * generated into `.cache/cluster/haproxy.cfg`. Demo data seeded once. Ctrl-C stops all.
 * Ports: CLUSTER_KEYCLOAK_PORT (8180, the Keycloak balancer), CLUSTER_APP_PORT (3100, the console's
 * balancer), the instances on the two ports after it; CLUSTER_HAPROXY (/usr/sbin/haproxy).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { createKeycloakAdmin } from '@procura/sync-service/keycloak';
import { demoPassword, seedDemo } from '@procura/sync-service/demo';
import { defaultProfile, loadProfile } from '@procura/sync-service/profile/profile';
import { serviceEnvironment } from '../test/harness/app.js';
import { startStack, type StackInfo } from '../test/harness/stack.js';
import type { RunningKeycloak } from '../test/harness/keycloak-server.js';
import { installExitHandlers, startManaged } from '../test/harness/processes.js';
import { run } from '../test/harness/run.js';
import { cacheDir, repoRoot } from '../test/harness/paths.js';
import { waitUntil } from '../test/harness/ports.js';

const log = (message: string): void => console.log(`[cluster] ${message}`);
const port = (name: string, fallback: number): number => Number(process.env[name] ?? fallback);
const keycloakPort = port('CLUSTER_KEYCLOAK_PORT', 8180);
const appPort = port('CLUSTER_APP_PORT', 3100);
const instancePorts = [appPort + 1, appPort + 2];
const haproxyBin = process.env.CLUSTER_HAPROXY ?? '/usr/sbin/haproxy';
const clusterDir = join(cacheDir, 'cluster');
mkdirSync(join(clusterDir, 'logs'), { recursive: true });

process.env.PROCURA_PROFILE ??= defaultProfile;
const profile = loadProfile(process.env);
const stops: Array<() => Promise<void>> = [];
installExitHandlers(async () => {
  log('stopping…');
  for (const step of stops.reverse()) await step().catch((error: unknown) => log(`while stopping: ${String(error)}`));
});

const stack = await startStack({
  purpose: 'dev',
  log,
  devDatabase: 'procura_cluster',
  ports: { app: appPort },
  keycloakCluster: { nodes: 2, publicUrl: `http://localhost:${keycloakPort}` },
});
stops.push(() => stack.stop());
const configFile = join(clusterDir, 'haproxy.cfg');
writeFileSync(configFile, haproxyConfig(stack.keycloakNodes));
log(`HAProxy: ${configFile}`);
const balancer = startManaged('haproxy', haproxyBin, ['-db', '-f', configFile], { env: process.env, cwd: clusterDir, logFile: join(clusterDir, 'logs/haproxy.log') });
stops.push(() => balancer.stop());
await waitUntil('the Keycloak balancer', async () => (await fetch(`http://127.0.0.1:${keycloakPort}/realms/${stack.info.keycloak.realm}`)).ok, 60_000);
log('building the console (vite build)');
await run('npm', ['run', 'build', '-w', 'console'], { cwd: repoRoot });
await seed(stack.info);
instancePorts.forEach((instancePort, index) => {
  const instance = startManaged(`sync-service-${index + 1}`, process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: join(repoRoot, 'sync-service'),
    env: { ...process.env, ...serviceEnvironment(stack.info), PORT: String(instancePort), PROCURA_PUBLIC_RATE_LIMIT: process.env.PROCURA_PUBLIC_RATE_LIMIT ?? '10', PROCURA_CONSOLE_DIR: join(repoRoot, 'console/dist') },
    logFile: join(clusterDir, `logs/sync-service-${index + 1}.log`),
  });
  stops.push(() => instance.stop());
});
for (const instancePort of instancePorts) await waitUntil(`the sync-service on ${instancePort}`, async () => (await fetch(`http://127.0.0.1:${instancePort}/healthz`)).ok, 90_000);
await waitUntil('the console balancer', async () => (await fetch(`${stack.info.publicUrl}/healthz`)).ok, 30_000);
console.log(`
Procura runs as a cluster (profile ${profile.id}, Keycloak ${stack.info.keycloak.version}). Ctrl-C stops everything.

  Console (balancer)   ${stack.info.publicUrl}          instances: ${instancePorts.map((p) => `http://127.0.0.1:${p}`).join(', ')}
  Keycloak (balancer)  ${stack.info.keycloak.url}          nodes: ${stack.keycloakNodes.map((node) => `${node.url} (health ${node.managementUrl}/health/ready)`).join(', ')}
  Balancer's stats     http://127.0.0.1:${keycloakPort + 1}/stats
  Mail sink            ${stack.info.mail.webUrl}
  Database             DATABASE_URL=${stack.info.databaseUrl}
  Logs                 ${clusterDir}/logs, ${cacheDir}/logs/dev
Demo logins as with npm start (password: ${demoPassword}).
`);
await new Promise<never>(() => {});

async function seed(info: StackInfo): Promise<void> {
  const pool = new pg.Pool({ connectionString: info.databaseUrl });
  try {
    const keycloak = createKeycloakAdmin({ url: info.keycloak.url, realm: info.keycloak.realm, clientId: info.clients.sync.clientId, auth: { secret: info.clients.sync.secret } });
    log((await seedDemo(pool, keycloak, log, profile)) ? 'demo data seeded' : 'demo data already there');
  } finally {
    await pool.end();
  }
}

/**
 * Not sticky (docs/operations.md, "Cluster"): the console's sessions are rows of PostgreSQL and
 * Keycloak's login state is in its clustered caches, so any instance or node serves any request.
 * A node leaves after 2 failed checks 1 s apart, comes back after 2 good ones; `redispatch` sends
 * a request whose connection failed to the other.
 */
function haproxyConfig(nodes: readonly RunningKeycloak[]): string {
  const server = (name: string, url: string, health?: string) => {
    const address = new URL(url);
    const check = health ? ` check port ${new URL(health).port}` : ' check';
    return `  server ${name} 127.0.0.1:${address.port}${check} inter 1s fall 2 rise 2`;
  };
  return `# Generated by scripts/cluster.ts (npm run cluster): do not edit.
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
  bind 127.0.0.1:${keycloakPort}
  default_backend keycloak_nodes

backend keycloak_nodes
  balance roundrobin
  option httpchk GET /health/ready
  http-check expect status 200
${nodes.map((node, index) => server(`keycloak${index + 1}`, node.url, node.managementUrl)).join('\n')}

frontend console
  bind 127.0.0.1:${appPort}
  default_backend sync_service

backend sync_service
  balance roundrobin
  option httpchk GET /healthz
  http-check expect status 200
${instancePorts.map((instancePort, index) => server(`sync${index + 1}`, `http://127.0.0.1:${instancePort}`)).join('\n')}

frontend stats
  bind 127.0.0.1:${keycloakPort + 1}
  stats enable
  stats uri /stats
`;
}
