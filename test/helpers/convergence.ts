import type pg from 'pg';
import { runCommand } from '@procura/sync-service/commands/command';
import { orgKey } from '@procura/sync-service/projection/desired-state';
import { masterAdminToken } from '../harness/realm-import.js';
import type { StackInfo } from '../harness/stack.js';
import { uniqueUid } from './organizations.js';
import { uniqueEmail } from './people.js';
import { stack } from './stack.js';

/**
 * What the chaos tests (issue 15 item 3) check once the faults stop: the outbox drained, no group
 * twice, one Keycloak account per person; and the fixture they change.
 */

const actor = { personId: null, label: 'test' };

/** A command creating an organization with `people` members who hold a right: many Keycloak writes. */
export async function createOrganizationWithMembers(db: pg.Pool, people: number): Promise<string> {
  return runCommand(db, actor, async ({ tx, audit, project }) => {
    const { rows } = await tx.query<{ id: string }>(
      `INSERT INTO organization (identifier_kind, identifier, legal_name, type) VALUES ('uid', $1, 'Outbox SA', 'employer') RETURNING id`,
      [uniqueUid()],
    );
    const organizationId = rows[0]!.id;
    await tx.query(`INSERT INTO subscription (organization_id, service_id) VALUES ($1, 'employer-inbox')`, [organizationId]);
    for (let i = 0; i < people; i++) {
      const person = await tx.query<{ id: string }>(`INSERT INTO person (email, given_name, family_name) VALUES ($1, 'Test', $2) RETURNING id`, [
        uniqueEmail('outbox'),
        `N${i}`,
      ]);
      const membership = await tx.query<{ id: string }>(
        `INSERT INTO membership (person_id, organization_id, role, status) VALUES ($1, $2, 'member', 'active') RETURNING id`,
        [person.rows[0]!.id, organizationId],
      );
      await tx.query(`INSERT INTO membership_right (membership_id, service_id, right_id) VALUES ($1, 'employer-inbox', 'read')`, [membership.rows[0]!.id]);
    }
    await audit({ organizationId, action: 'organization.created', subjectType: 'organization', subjectId: organizationId, before: null, after: { people } });
    project(organizationId);
    return organizationId;
  });
}

export async function waitFor(what: string, probe: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** The organization's projection rows not yet applied. */
export async function pendingRows(db: pg.Pool, organizationId: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM outbox WHERE topic = 'projection' AND aggregate_id = $1 AND processed_at IS NULL`,
    [organizationId],
  );
  return rows[0]!.n;
}

/** The names of the organization group's children that exist twice in Keycloak (a creation applied twice). */
export async function duplicateChildGroups(db: pg.Pool, organizationId: string, keycloak: StackInfo['keycloak'] = stack().keycloak): Promise<string[]> {
  const groupId = (await db.query<{ keycloak_id: string }>('SELECT keycloak_id FROM projected_group WHERE key = $1', [orgKey(organizationId)])).rows[0]!
    .keycloak_id;
  const names = await childrenNames(keycloak, groupId);
  return names.filter((name, i) => names.indexOf(name) !== i);
}

export async function childrenNames(keycloak: StackInfo['keycloak'], groupId: string): Promise<string[]> {
  const token = await masterAdminToken(keycloak);
  const response = await fetch(`${keycloak.url}/admin/realms/${keycloak.realm}/groups/${groupId}/children?max=1000`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return ((await response.json()) as Array<{ name: string }>).map((g) => g.name);
}

/** Distinct Keycloak accounts of the organization's members (one per person: none made twice). */
export async function distinctAccounts(db: pg.Pool, organizationId: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(DISTINCT keycloak_user_id)::int AS n FROM person p JOIN membership m ON m.person_id = p.id WHERE m.organization_id = $1`,
    [organizationId],
  );
  return rows[0]!.n;
}
