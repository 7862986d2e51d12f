import { randomBytes } from 'node:crypto';
import { addMember } from '@procura/sync-service/members/commands';
import { appointOperator } from '@procura/sync-service/operator/appoint';
import { testActor } from './actor.js';
import { enrolAuthenticatorApp } from './totp.js';
import { database, keycloakAdmin } from './stack.js';

export interface TestPerson {
  readonly keycloakId: string;
  readonly email: string;
  readonly password: string;
  readonly givenName: string;
  readonly familyName: string;
  /** The secret of the authenticator app the person enrolled, if any (test/helpers/totp-code.ts makes its codes). */
  readonly appSecret?: string;
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

/**
 * A person with an account and an active membership of `organizationId` in the given role: the
 * account is made in Keycloak (with a password, to log in), the membership through the domain
 * command, and the person is then linked to the account.
 */
export async function createTestMember(
  organizationId: string,
  role: 'legal_representative' | 'deputy' | 'manager' | 'member' | 'observer',
  label: string = role,
): Promise<TestPerson & { personId: string }> {
  const person = await createTestPerson(label);
  const { personId } = await addMember(database(), testActor, {
    organizationId,
    email: person.email,
    givenName: person.givenName,
    familyName: person.familyName,
    role,
    status: 'active',
  });
  await database().query('UPDATE person SET keycloak_user_id = $1 WHERE id = $2', [person.keycloakId, personId]);
  return { ...person, personId };
}

/**
 * R31: a person of the operator's staff, made as `sync-service operator grant` makes one: an
 * account with the realm role `procura-operator`, and a person of the model (no membership) linked to it.
 */
export async function createTestOperator(): Promise<TestPerson & { personId: string; appSecret: string }> {
  const person = await createTestPerson('operator');
  const { personId } = await appointOperator(database(), keycloakAdmin(), person.email, 'test');
  // R31: the operator's staff sign in with an authenticator app; the first login enrols it.
  const { secret } = await enrolAuthenticatorApp(person);
  return { ...person, personId, appSecret: secret };
}
