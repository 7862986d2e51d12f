import { randomBytes } from 'node:crypto';
import { keycloakAdmin } from './stack.js';

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
