/**
 * `npm run bench:authz` (issue 19 items 3 and 4): what the token mapper costs and how fast the
 * decision endpoint answers, on the dataset of `BENCH_SCALE` (default 0.1; 1 is M, 10 is L) projected
 * onto a real Keycloak.
 * - refresh-token grants per second of a service client with the organizations mapper, against a
 *   copy of that client without it, in the same run (turns of `BENCH_SECONDS / BENCH_ROUNDS` each,
 *   after a warm-up), for a member of one organization, a manager of 50 and a delegate with 1,000
 *   mandates; the mapper's work per token: its own timing (Keycloak's log, the mapper at DEBUG) and
 *   the table accesses a grant makes in Keycloak's schema, with and without it;
 * - the decision endpoint of the bundled sync-service (a process of its own) at a steady
 *   `BENCH_DECISION_RATE` questions per second (500; a comma-separated list runs each in turn):
 *   p50 / p95 / p99 and throughput.
 * Prints a table; docs/benchmarks.md records the results.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { syncCatalogue } from '@procura/sync-service/catalogue';
import { createKeycloakAdmin, type KeycloakAdmin } from '@procura/sync-service/keycloak';
import { reconcile } from '@procura/sync-service/projection/reconciler';
import { masterAdminToken } from '../harness/realm-import.js';
import { installExitHandlers } from '../harness/processes.js';
import { serviceClientSecret } from '../harness/service-clients.js';
import { startStack, type StackInfo } from '../harness/stack.js';
import { compareGrants, logOffset, mapperWork, signedIn, tableScansPerGrant } from './authz-grants.js';
import { decisionLoad, startBundledService } from './authz-decisions.js';
import { benchPassword as password, datasetM, generateDataset, scaled } from './dataset.js';
import { stop } from './server-process.js';
import { fiduciaryWithMandates } from './token-size.js';
import { log, resultTable } from './results.js';

const scale = Number(process.env.BENCH_SCALE ?? 0.1);
const grantSeconds = Number(process.env.BENCH_SECONDS ?? 10);
const rounds = Math.max(2, Number(process.env.BENCH_ROUNDS ?? 4));
const decisionRates = (process.env.BENCH_DECISION_RATE ?? '500').split(',').map(Number);
/** `BENCH_GRANTS=0`: the decision endpoint only. */
const grantsToo = process.env.BENCH_GRANTS !== '0';
const table = resultTable();
const record = table.record;

// The mapper's line per token (its own timing); every other category at Keycloak's default.
process.env.KC_LOG_LEVEL ??= 'info,ch.procura.keycloak.claims.OrganizationsMapper:debug';
const stack = await startStack({ purpose: 'test', log, keycloakDbPoolMax: 100 });
installExitHandlers(() => stack.stop());
const pool = new pg.Pool({ connectionString: stack.info.databaseUrl, max: 20 });
pool.on('error', () => {}); // a connection cut while idle: replaced, never a crash
let service: Awaited<ReturnType<typeof startBundledService>> | undefined;
try {
  await syncCatalogue(pool);
  const keycloak = admin(stack.info);
  if (scale > 0) {
    await generateDataset(pool, scaled(datasetM, scale), 'M');
    log('projecting the dataset…');
    await reconcile(pool, keycloak, { scope: { all: true }, concurrency: 16 });
  }
  const twin = await clientWithoutMapper(stack.info);
  const mapped = { clientId: 'svc-employer-inbox', secret: await serviceClientSecret(stack.info.keycloak, 'employer-inbox') };
  const people = grantsToo
    ? [
        { name: 'a member of one organization', email: await personIn(pool, keycloak, 1), bounded: true },
        { name: 'a manager of 50 organizations', email: await personIn(pool, keycloak, 50), bounded: true },
        { name: 'a delegate with 1,000 mandates', email: (await fiduciaryWithMandates(pool, keycloak, 1000)).email, bounded: false },
      ]
    : [];
  for (const { name, email, bounded } of people) {
    const sessions = [await signedIn(stack.info, mapped, { email, password }), await signedIn(stack.info, twin, { email, password })] as const;
    const offset = logOffset(stack.info.keycloak.logFile);
    const [withMapper, without] = await compareGrants(stack.info, sessions, { seconds: grantSeconds, rounds, warmUpSeconds: 3 });
    const work = mapperWork(stack.info.keycloak.logFile, offset);
    const ratio = withMapper.perSecond / without.perSecond;
    record(
      `refresh grants, ${name}: with the mapper / without`,
      `${withMapper.perSecond}/s / ${without.perSecond}/s = ${Math.round(ratio * 100)}% (p50 ${withMapper.p50} / ${without.p50} ms, p95 ${withMapper.p95} / ${without.p95} ms; ${withMapper.grants} / ${without.grants} grants in ${rounds} turns each); access token ${withMapper.accessToken.length} / ${without.accessToken.length} bytes, ${claimOf(withMapper.accessToken)}`,
      bounded ? { goal: '≥ 80%', met: ratio >= 0.8 } : undefined,
    );
    const sequential = logOffset(stack.info.keycloak.logFile);
    const scansWith = await tableScansPerGrant(pool, stack.info, sessions[0], 100);
    const alone = mapperWork(stack.info.keycloak.logFile, sequential);
    const scansWithout = await tableScansPerGrant(pool, stack.info, sessions[1], 100);
    const timing = (w: typeof work, how: string) =>
      w ? `${how}: wall p50 ${w.p50Us} µs, p95 ${w.p95Us} µs, CPU p50 ${w.cpuP50Us} µs (${w.tokens} tokens)` : `${how}: no timing line in Keycloak's log`;
    record(
      `the mapper's work per token, ${name}`,
      `${work?.groups ?? '?'} groups read, ${work?.entries ?? '?'} entries (complete: ${work?.complete ?? '?'}); ${timing(work, 'during the turns')}; ${timing(alone, 'one grant at a time')}; Keycloak's table accesses per grant ${scansWith.perGrant} with / ${scansWithout.perGrant} without (with: ${scansWith.tables}; without: ${scansWithout.tables})`,
    );
  }

  service = await startBundledService(stack.info);
  for (const rate of decisionRates) {
    const decisions = await decisionLoad(pool, stack.info, { rate, seconds: grantSeconds });
    record(
      `decision endpoint at ${rate} questions/s for ${grantSeconds} s`,
      `p50 ${decisions.p50} ms, p95 ${decisions.p95} ms, p99 ${decisions.p99} ms; ${decisions.perSecond} answers/s, ${decisions.answers} questions, errors ${decisions.errors} (${decisions.allowed} allowed, ${decisions.refused} refused)`,
      rate === 500 ? { goal: 'p95 ≤ 10 ms', met: decisions.p95 <= 10 && decisions.errors === '0' } : undefined,
    );
  }
} finally {
  if (service) await stop(service);
  await pool.end();
  await stack.stop();
}
table.print('bench:authz', `scale ${scale}`);

/** What the token's organizations claim holds: how many entries, and whether they are all there. */
function claimOf(token: string): string {
  const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as {
    organizations?: Record<string, unknown>;
    organizations_complete?: boolean;
  };
  return `${Object.keys(claims.organizations ?? {}).length} organizations in the claim (complete: ${claims.organizations_complete})`;
}

function admin(info: StackInfo): KeycloakAdmin {
  return createKeycloakAdmin({
    url: info.keycloak.url,
    realm: info.keycloak.realm,
    clientId: info.clients.sync.clientId,
    auth: { secret: info.clients.sync.secret },
  });
}

/** A person who holds `read` of the employer inbox in `count` organizations of their own (a manager when more than one); answers the e-mail. */
async function personIn(db: pg.Pool, keycloak: KeycloakAdmin, count: number): Promise<string> {
  const email = `bench-authz-${count}-${randomBytes(3).toString('hex')}@example.test`;
  const organizations = Array.from({ length: count }, () => ({ id: randomUUID(), identifier: `A${randomBytes(5).toString('hex')}` }));
  await db.query(
    `INSERT INTO organization (id, identifier_kind, identifier, legal_name, type) SELECT id, 'affiliate', identifier, 'Bench Authz SA', 'employer' FROM unnest($1::uuid[], $2::text[]) AS t(id, identifier)`,
    [organizations.map((o) => o.id), organizations.map((o) => o.identifier)],
  );
  await db.query(`INSERT INTO subscription (organization_id, service_id) SELECT unnest($1::uuid[]), 'employer-inbox'`, [organizations.map((o) => o.id)]);
  const person = await db.query<{ id: string }>(`INSERT INTO person (email, given_name, family_name) VALUES ($1, 'Bench', 'Authz') RETURNING id`, [email]);
  const memberships = await db.query<{ id: string }>(
    `INSERT INTO membership (person_id, organization_id, role, status) SELECT $1, unnest($2::uuid[]), $3, 'active' RETURNING id`,
    [person.rows[0]!.id, organizations.map((o) => o.id), count > 1 ? 'manager' : 'member'],
  );
  await db.query(`INSERT INTO membership_right (membership_id, service_id, right_id) SELECT unnest($1::uuid[]), 'employer-inbox', 'read'`, [
    memberships.rows.map((m) => m.id),
  ]);
  await reconcile(db, keycloak, { scope: { organizationIds: organizations.map((o) => o.id) }, concurrency: 16 });
  const userId = (await db.query<{ keycloak_user_id: string }>('SELECT keycloak_user_id FROM person WHERE id = $1', [person.rows[0]!.id])).rows[0]!
    .keycloak_user_id;
  await keycloak.setPassword(userId, password, { temporary: false });
  return email;
}

/** A copy of the employer inbox's client, the organizations mapper left out: the same token otherwise. */
async function clientWithoutMapper(info: StackInfo): Promise<{ clientId: string; secret: string }> {
  const base = `${info.keycloak.url}/admin/realms/${info.keycloak.realm}/clients`;
  const headers = { authorization: `Bearer ${await masterAdminToken(info.keycloak)}`, 'content-type': 'application/json' };
  const [original] = (await (await fetch(`${base}?clientId=svc-employer-inbox`, { headers })).json()) as Array<
    Record<string, unknown> & { protocolMappers?: Array<{ protocolMapper: string }> }
  >;
  const clientId = 'bench-no-mapper';
  const secret = randomBytes(16).toString('hex');
  const { id: _id, protocolMappers, ...rest } = original!;
  const created = await fetch(base, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      ...rest,
      clientId,
      secret,
      protocolMappers: (protocolMappers ?? [])
        .filter((m) => m.protocolMapper !== 'procura-organizations-mapper')
        .map(({ id: _mapperId, ...mapper }: Record<string, unknown>) => mapper),
    }),
  });
  if (created.status !== 201) throw new Error(`copy of the client: ${created.status} ${await created.text()}`);
  return { clientId, secret };
}
