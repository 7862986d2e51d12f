/**
 * R31: makes an account of the realm one of the operator's staff (decision 0022): the account gets
 * the realm role `procura-operator`, and a person of the model is linked to it (the API only knows
 * persons). Run by an administrator: `sync-service operator grant EMAIL`.
 */
import type pg from 'pg';
import type { KeycloakAdmin } from '../adapters/keycloak/index.js';
import { operatorRole } from '../auth/bearer.js';
import { defineCommand } from '../commands/command.js';
import { ensurePerson } from '../members/store.js';

/** The person of the model linked to the account, audited (no organization: the operator is the platform's). */
const linkOperator = defineCommand(
  async ({ tx, audit }, input: { email: string; keycloakUserId: string; givenName: string; familyName: string }): Promise<string> => {
    const { id } = await ensurePerson(tx, input.email, input);
    await tx.query('UPDATE person SET keycloak_user_id = $2 WHERE id = $1', [id, input.keycloakUserId]);
    await audit({
      organizationId: null,
      action: 'operator.granted',
      subjectType: 'person',
      subjectId: id,
      before: null,
      after: { email: input.email, role: operatorRole },
    });
    return id;
  },
);

/** Grants the operator role to the account of `email`, which must exist in Keycloak (made by an administrator, with its second factor). */
export async function appointOperator(pool: pg.Pool, keycloak: KeycloakAdmin, email: string, actorLabel: string): Promise<{ personId: string }> {
  const user = await keycloak.findUserByEmail(email.trim().toLowerCase());
  if (!user) throw new Error(`no account for ${email} in the realm: create it in Keycloak first (docs/decisions/0022-operator-role.md)`);
  const personId = await linkOperator(
    pool,
    { personId: null, label: actorLabel },
    { email: user.email, keycloakUserId: user.id, givenName: user.firstName, familyName: user.lastName },
  );
  await keycloak.grantRealmRole(user.id, operatorRole);
  return { personId };
}
