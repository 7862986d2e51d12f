import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { KeycloakAdmin } from '@procura/sync-service/keycloak';
import { reconcile } from '@procura/sync-service/projection/reconciler';
import type { StackInfo } from '../harness/stack.js';
import { serviceLogin } from '../helpers/service-login.js';
import { benchPassword as password } from './dataset.js';

/**
 * Token sizes, from real logins: the delegate of a fiduciary with 1,000 mandates (without and with
 * an active organization), and the people of the dataset with the most rights. `bounded`: the
 * issue's 4 KB bound applies (the delegate's tokens).
 */
export async function largestTokens(
  db: pg.Pool,
  info: StackInfo,
  keycloak: KeycloakAdmin,
): Promise<Array<{ name: string; value: string; bytes: number; bounded: boolean }>> {
  const delegate = await fiduciaryWithMandates(db, keycloak, 1000);
  const full = await serviceLogin(info, 'employer-inbox', { email: delegate.email, password });
  const active = await serviceLogin(info, 'employer-inbox', { email: delegate.email, password }, delegate.someClient);
  const claims = (token: string) =>
    JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { organizations?: Record<string, unknown>; organizations_complete?: boolean };
  const top = await busiestPeople(db, keycloak);
  let largest = 0;
  for (const person of top) {
    for (const service of person.services) largest = Math.max(largest, (await serviceLogin(info, service, { email: person.email, password })).length);
  }
  return [
    {
      name: 'access token, delegate with 1,000 mandates',
      value: `${full.length} bytes (${Object.keys(claims(full).organizations ?? {}).length} organizations in it, complete: ${claims(full).organizations_complete})`,
      bytes: full.length,
      bounded: true,
    },
    {
      name: 'same, active organization chosen',
      value: `${active.length} bytes (${Object.keys(claims(active).organizations ?? {}).length} organization in it)`,
      bytes: active.length,
      bounded: true,
    },
    { name: 'largest access token of the dataset', value: `${largest} bytes`, bytes: largest, bounded: false },
  ];
}

export async function fiduciaryWithMandates(db: pg.Pool, keycloak: KeycloakAdmin, count: number): Promise<{ email: string; someClient: string }> {
  const fiduciary = randomUUID();
  const email = `bench-delegate-${Date.now()}@example.test`;
  await db.query(`INSERT INTO organization (id, identifier_kind, identifier, legal_name, type) VALUES ($1, 'affiliate', $2, 'Bench Fiduciaire', 'fiduciary')`, [
    fiduciary,
    `F${Date.now()}`,
  ]);
  const person = await db.query<{ id: string }>(`INSERT INTO person (email, given_name, family_name) VALUES ($1, 'Bench', 'Delegate') RETURNING id`, [email]);
  const membership = await db.query<{ id: string }>(
    `INSERT INTO membership (person_id, organization_id, role, status) VALUES ($1, $2, 'member', 'active') RETURNING id`,
    [person.rows[0]!.id, fiduciary],
  );
  const clients = Array.from({ length: count }, (_, i) => ({ id: randomUUID(), identifier: `C${String(i).padStart(6, '0')}${Date.now() % 1000}` }));
  await db.query(
    `INSERT INTO organization (id, identifier_kind, identifier, legal_name, type) SELECT id, 'affiliate', identifier, 'Bench client', 'employer' FROM unnest($1::uuid[], $2::text[]) AS t(id, identifier)`,
    [clients.map((c) => c.id), clients.map((c) => c.identifier)],
  );
  await db.query(`INSERT INTO subscription (organization_id, service_id) SELECT unnest($1::uuid[]), 'employer-inbox'`, [clients.map((c) => c.id)]);
  const mandates = await db.query<{ id: string }>(
    `INSERT INTO mandate (fiduciary_id, client_id, status, power_of_attorney_ref, power_of_attorney_sha256)
     SELECT $1, unnest($2::uuid[]), 'active', 'bench.pdf', repeat('0', 64) RETURNING id`,
    [fiduciary, clients.map((c) => c.id)],
  );
  const ids = mandates.rows.map((m) => m.id);
  await db.query(`INSERT INTO mandate_delegate (mandate_id, membership_id) SELECT unnest($1::uuid[]), $2`, [ids, membership.rows[0]!.id]);
  await db.query(
    `INSERT INTO mandate_delegate_right (mandate_id, membership_id, service_id, right_id) SELECT unnest($1::uuid[]), $2, 'employer-inbox', 'read'`,
    [ids, membership.rows[0]!.id],
  );
  await reconcile(db, keycloak, { scope: { organizationIds: [fiduciary] }, concurrency: 16 });
  const userId = (await db.query<{ keycloak_user_id: string }>('SELECT keycloak_user_id FROM person WHERE id = $1', [person.rows[0]!.id])).rows[0]!
    .keycloak_user_id;
  await keycloak.setPassword(userId, password, { temporary: false });
  return { email, someClient: clients[0]!.identifier };
}

async function busiestPeople(db: pg.Pool, keycloak: KeycloakAdmin): Promise<Array<{ email: string; services: string[] }>> {
  const { rows } = await db.query<{ email: string; keycloak_user_id: string; services: string[] }>(
    `SELECT p.email, p.keycloak_user_id, array_agg(DISTINCT r.service_id) AS services, count(*) AS n
       FROM person p JOIN membership m ON m.person_id = p.id JOIN membership_right r ON r.membership_id = m.id
      WHERE p.keycloak_user_id IS NOT NULL AND p.email LIKE 'bench-M-%'
      GROUP BY p.id ORDER BY n DESC LIMIT 3`,
  );
  for (const row of rows) await keycloak.setPassword(row.keycloak_user_id, password, { temporary: false });
  return rows.map((r) => ({ email: r.email, services: r.services }));
}
