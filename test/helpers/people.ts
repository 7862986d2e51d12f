import { randomBytes } from 'node:crypto';
import { database, keycloakAdmin } from './stack.js';

export interface TestPerson {
  readonly keycloakId: string;
  readonly email: string;
  readonly password: string;
  readonly givenName: string;
  readonly familyName: string;
}

/** A unique e-mail address per call, so that tests never share a person. */
export function uniqueEmail(label = 'person'): string {
  return `${label}-${randomBytes(5).toString('hex')}@example.test`;
}

/** A person with a Keycloak account and a known password, ready to log in. */
export async function createTestPerson(label = 'person'): Promise<TestPerson> {
  const email = uniqueEmail(label);
  const password = `Pw-${randomBytes(9).toString('base64url')}-9a`;
  const admin = keycloakAdmin();
  const givenName = 'Camille';
  const familyName = `Test ${label}`;
  const user = await admin.createUser({ email, givenName, familyName, enabled: true, emailVerified: true });
  await admin.setPassword(user.id, password, { temporary: false });
  return { keycloakId: user.id, email, password, givenName, familyName };
}

/** A person with an account and an active membership of `organizationId` in the given role. */
export async function createTestMember(organizationId: string, role: 'legal_representative' | 'deputy' | 'manager' | 'member' | 'observer', label: string = role): Promise<TestPerson & { personId: string }> {
  const person = await createTestPerson(label);
  const pool = database();
  const inserted = await pool.query<{ id: string }>(
    'INSERT INTO person (email, given_name, family_name, keycloak_user_id) VALUES ($1, $2, $3, $4) RETURNING id',
    [person.email, person.givenName, person.familyName, person.keycloakId],
  );
  const personId = inserted.rows[0]!.id;
  await pool.query(`INSERT INTO membership (person_id, organization_id, role, status) VALUES ($1, $2, $3, 'active')`, [personId, organizationId, role]);
  return { ...person, personId };
}
