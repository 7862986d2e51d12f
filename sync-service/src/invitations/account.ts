import type { KeycloakAdmin } from '../adapters/keycloak/index.js';
import { KeycloakConflict } from '../errors.js';
import type { Queryable } from '../db/query.js';
import { setPersonAccount } from './store.js';

/** The invited person as the account steps need them. */
export interface InvitedPerson {
  readonly personId: string;
  readonly email: string;
  readonly givenName: string;
  readonly familyName: string;
  readonly keycloakUserId: string | null;
}

/**
 * R20: the Keycloak account of the invited person, if there is one (by the id the projection
 * recorded, else by e-mail: R1, one account per address), and whether it can log in already
 * (any credential): then the invitation joins that account rather than setting a password.
 */
export async function findAccount(keycloak: KeycloakAdmin, person: InvitedPerson): Promise<{ userId: string; hasAccount: boolean } | undefined> {
  const byId = person.keycloakUserId ? await keycloak.getUser(person.keycloakUserId) : undefined;
  const user = byId ?? (await keycloak.findUserByEmail(person.email));
  if (!user) return undefined;
  return { userId: user.id, hasAccount: (await keycloak.credentialTypes(user.id)).length > 0 };
}

/**
 * The account, created when the projection has not made it yet (the outbox worker may be a moment
 * behind the invitation), and recorded on the person. A 409 means the projection made it meanwhile.
 * `found`: what {@link findAccount} answered for this person just before (undefined: none).
 */
export async function ensureAccount(
  db: Queryable,
  keycloak: KeycloakAdmin,
  person: InvitedPerson,
  found: { userId: string; hasAccount: boolean } | undefined,
): Promise<{ userId: string; hasAccount: boolean }> {
  const account = found ?? { userId: await createAccount(keycloak, person), hasAccount: false };
  await setPersonAccount(db, person.personId, account.userId);
  return account;
}

async function createAccount(keycloak: KeycloakAdmin, person: InvitedPerson): Promise<string> {
  try {
    return (await keycloak.createUser({ email: person.email, givenName: person.givenName, familyName: person.familyName, enabled: true, emailVerified: true }))
      .id;
  } catch (error) {
    const existing = error instanceof KeycloakConflict ? await keycloak.findUserByEmail(person.email) : undefined;
    if (!existing) throw error;
    return existing.id;
  }
}
