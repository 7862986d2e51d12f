/**
 * `npm run cluster` (issue 18): the product as several processes on this machine. PostgreSQL (the
 * local server or DATABASE_URL, as `npm start`), the SMTP sink, two Keycloak nodes forming one
 * cluster (`--cache=ispn`, Keycloak's default `jdbc-ping` discovery through the shared database,
 * JGroups on 127.0.0.1:7800 and 7801; the distribution copy in `.cache/keycloak-cluster`), two
 * sync-service instances (API and background work each; the periodic jobs run on one at a time,
 * decision 0057), and HAProxy in front of each pair, health-checked on Keycloak's readiness
 * (management port, `/health/ready`) and the sync-service's `/healthz`, its configuration
 * generated into `.cache/cluster/<port>/haproxy.cfg` (scripts/cluster-stack.ts). Demo data seeded once. Ctrl-C stops all.
 * Ports: CLUSTER_KEYCLOAK_PORT (8180, the Keycloak balancer), CLUSTER_APP_PORT (3100, the console's
 * balancer), the instances on the two ports after it; CLUSTER_HAPROXY (/usr/sbin/haproxy).
 */
import { demoPassword } from '@procura/sync-service/demo';
import { defaultProfile, loadProfile } from '@procura/sync-service/profile/profile';
import { installExitHandlers } from '../test/harness/processes.js';
import { cacheDir } from '../test/harness/paths.js';
import { startCluster } from './cluster-stack.js';

const log = (message: string): void => console.log(`[cluster] ${message}`);
const port = (name: string, fallback: number): number => Number(process.env[name] ?? fallback);
const keycloakPort = port('CLUSTER_KEYCLOAK_PORT', 8180);
const appPort = port('CLUSTER_APP_PORT', 3100);

process.env.PROCURA_PROFILE ??= defaultProfile;
const profile = loadProfile(process.env);
let stop = async (): Promise<void> => {};
installExitHandlers(async () => {
  log('stopping…');
  await stop();
});
const cluster = await startCluster({
  log,
  profile,
  appPort,
  keycloakPort,
  devDatabase: 'procura_cluster',
  ...(process.env.CLUSTER_HAPROXY ? { haproxy: process.env.CLUSTER_HAPROXY } : {}),
  ...(process.env.PROCURA_PUBLIC_RATE_LIMIT ? { instanceEnv: { PROCURA_PUBLIC_RATE_LIMIT: process.env.PROCURA_PUBLIC_RATE_LIMIT } } : {}),
});
stop = () => cluster.stop();
const { info } = cluster;
console.log(`
Procura runs as a cluster (profile ${profile.id}, Keycloak ${info.keycloak.version}). Ctrl-C stops everything.

  Console (balancer)   ${info.publicUrl}          instances: ${cluster.instances.map((instance) => `http://127.0.0.1:${instance.port}`).join(', ')}
  Keycloak (balancer)  ${info.keycloak.url}          nodes: ${cluster.keycloakNodes.map((node) => `${node.url} (health ${node.managementUrl}/health/ready)`).join(', ')}
  Balancer's stats     http://127.0.0.1:${keycloakPort + 1}/stats
  Mail sink            ${info.mail.webUrl}
  Database             DATABASE_URL=${info.databaseUrl}
  Logs                 ${cacheDir}/cluster/${appPort}/logs, ${cacheDir}/logs/dev
Demo logins as with npm start (password: ${demoPassword}).
`);
await new Promise<never>(() => {});
