import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { KeycloakAdmin } from '../adapters/keycloak/index.js';
import { reconcile } from '../projection/reconciler.js';
import { syncCatalogue } from '../services/catalogue.js';
import { demoPassword, mandates, organizations, people, type DemoOrganization } from './world.js';

export { demoPassword, people as demoPeople, organizations as demoOrganizations } from './world.js';

type Log = (message: string) => void;

/**
 * Writes the demo world into PostgreSQL in one transaction, projects it onto Keycloak with the
 * reconciler, and gives its people the demo password. Runs once: a database that already holds the
 * demo organizations is left alone.
 */
export async function seedDemo(pool: pg.Pool, keycloak: KeycloakAdmin, log: Log): Promise<boolean> {
  await syncCatalogue(pool);
  const first = organizations[0]!;
  const existing = await pool.query('SELECT 1 FROM organization WHERE identifier_kind = $1 AND identifier = $2', [first.identifierKind, first.identifier]);
  if (existing.rowCount) {
    // Written earlier; finish the projection if that start was stopped before it was done.
    const unprojected = await pool.query('SELECT 1 FROM person WHERE email = ANY($1::text[]) AND keycloak_user_id IS NULL', [people.map((p) => p.email)]);
    if (!unprojected.rowCount) return false;
    await projectAndSetPasswords(pool, keycloak, log);
    return true;
  }
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await seedWorld(client, log);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw new Error(`the demo data could not be written (npm start -- --reset starts afresh): ${(error as Error).message}`, { cause: error });
  } finally {
    client.release();
  }
  await projectAndSetPasswords(pool, keycloak, log);
  return true;
}

async function projectAndSetPasswords(pool: pg.Pool, keycloak: KeycloakAdmin, log: Log): Promise<void> {
  const report = await reconcile(pool, keycloak, { scope: { all: true } });
  log(`projected onto Keycloak: ${report.calls.writes} writes`);
  const accounts = await pool.query<{ keycloak_user_id: string }>('SELECT keycloak_user_id FROM person WHERE email = ANY($1::text[])', [people.map((p) => p.email)]);
  for (const { keycloak_user_id: id } of accounts.rows) await keycloak.setPassword(id, demoPassword, { temporary: false });
}

async function seedWorld(pool: pg.ClientBase, log: Log): Promise<void> {
  const personIds = new Map<string, string>();
  for (const person of people) {
    const row = await pool.query<{ id: string }>('INSERT INTO person (email, given_name, family_name) VALUES ($1, $2, $3) RETURNING id', [
      person.email, person.givenName, person.familyName,
    ]);
    personIds.set(person.email, row.rows[0]!.id);
  }
  const organizationIds = new Map<string, string>();
  for (const organization of organizations) {
    organizationIds.set(organization.key, await seedOrganization(pool, organization, personIds));
    log(`demo organization ${organization.legalName}`);
  }
  for (const mandate of mandates) await seedMandate(pool, mandate, organizationIds, personIds);
}

async function seedOrganization(pool: pg.ClientBase, organization: DemoOrganization, personIds: Map<string, string>): Promise<string> {
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO organization (identifier_kind, identifier, legal_name, type) VALUES ($1, $2, $3, $4) RETURNING id`,
    [organization.identifierKind, organization.identifier, organization.legalName, organization.type],
  );
  const organizationId = rows[0]!.id;
  const unitIds = new Map<string, string>();
  for (const unit of organization.units) {
    const inserted = await pool.query<{ id: string }>(
      `INSERT INTO unit (organization_id, kind, name, identifier_kind, identifier) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [organizationId, unit.kind, unit.name, unit.identifierKind ?? null, unit.identifier ?? null],
    );
    unitIds.set(unit.name, inserted.rows[0]!.id);
  }
  for (const service of organization.subscriptions) {
    await pool.query('INSERT INTO subscription (organization_id, service_id) VALUES ($1, $2)', [organizationId, service]);
  }
  for (const member of organization.members) {
    const personId = personIds.get(member.email)!;
    const membership = await pool.query<{ id: string }>(
      `INSERT INTO membership (person_id, organization_id, role, status) VALUES ($1, $2, $3, 'active') RETURNING id`,
      [personId, organizationId, member.role],
    );
    for (const grant of member.rights ?? []) {
      const [serviceRight = '', unitName] = grant.split('@');
      const [service, right] = serviceRight.split(':');
      await pool.query('INSERT INTO membership_right (membership_id, service_id, right_id, unit_id) VALUES ($1, $2, $3, $4)', [
        membership.rows[0]!.id, service, right, unitName ? unitIds.get(unitName) : null,
      ]);
    }
  }
  return organizationId;
}

async function seedMandate(pool: pg.ClientBase, mandate: (typeof mandates)[number], organizationIds: Map<string, string>, personIds: Map<string, string>): Promise<void> {
  const document = `demo/procuration-${mandate.client}.pdf`;
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO mandate (fiduciary_id, client_id, status, power_of_attorney_ref, power_of_attorney_sha256, valid_from, decided_at)
     VALUES ($1, $2, 'active', $3, $4, current_date, now()) RETURNING id`,
    [organizationIds.get(mandate.fiduciary), organizationIds.get(mandate.client), document, createHash('sha256').update(document).digest('hex')],
  );
  const delegate = await pool.query<{ id: string }>('SELECT id FROM membership WHERE person_id = $1 AND organization_id = $2', [
    personIds.get(mandate.delegate), organizationIds.get(mandate.fiduciary),
  ]);
  await pool.query('INSERT INTO mandate_delegate (mandate_id, membership_id) VALUES ($1, $2)', [rows[0]!.id, delegate.rows[0]!.id]);
  for (const grant of mandate.rights) {
    const [service, right] = grant.split(':');
    await pool.query('INSERT INTO mandate_delegate_right (mandate_id, membership_id, service_id, right_id) VALUES ($1, $2, $3, $4)', [
      rows[0]!.id, delegate.rows[0]!.id, service, right,
    ]);
  }
}
