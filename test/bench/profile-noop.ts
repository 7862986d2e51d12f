/** A quick look at where a no-op reconcile spends its time (BENCH_SCALE, default 0.3). Not part of the suite. */
import pg from 'pg';
import { createKeycloakAdmin } from '@procura/sync-service/keycloak';
import { reconcile } from '@procura/sync-service/projection/reconciler';
import { syncCatalogue } from '@procura/sync-service/catalogue';
import { installExitHandlers } from '../harness/processes.js';
import { startStack } from '../harness/stack.js';
import { datasetM, generateDataset, scaled } from './dataset.js';

const stack = await startStack({ purpose: 'test', log: console.log });
installExitHandlers(() => stack.stop());
const pool = new pg.Pool({ connectionString: stack.info.databaseUrl, max: 20 });
pool.on('error', () => {}); // a connection cut while idle: replaced, never a crash
try {
  await syncCatalogue(pool);
  const { keycloak: kc, clients } = stack.info;
  const keycloak = createKeycloakAdmin({ url: kc.url, realm: kc.realm, clientId: clients.sync.clientId, auth: { secret: clients.sync.secret } });
  await generateDataset(pool, scaled(datasetM, Number(process.env.BENCH_SCALE ?? 0.3)), 'P');
  await reconcile(pool, keycloak, { scope: { all: true }, concurrency: 16 });
  for (let i = 0; i < 2; i++) {
    const phases: string[] = [];
    const started = Date.now();
    await reconcile(pool, keycloak, { scope: { all: true }, timings: (name, ms) => phases.push(`${name} ${ms}`) });
    console.log(`no-op ${Date.now() - started} ms: ${phases.join(', ')}`);
  }
} finally {
  await pool.end();
  await stack.stop();
}
