import { KeycloakUnavailable, ProviderMissing } from '../../errors.js';
import type { CallCounter } from './calls.js';

/** A projected group as the provider's bulk read describes it. */
export interface GroupState {
  readonly id: string;
  readonly name: string;
  readonly parentId: string | null;
  readonly attributes: Readonly<Record<string, readonly string[]>>;
  readonly clientRoles: ReadonlyArray<{ readonly clientId: string; readonly role: string }>;
  readonly memberIds: readonly string[];
}

export interface UserState {
  readonly id: string;
  readonly email: string;
  readonly firstName: string;
  readonly lastName: string;
}

/**
 * The provider JAR's bulk read (`POST /realms/{realm}/procura/projection-state`): the given groups
 * with attributes, client roles and members, and the given users, in one call instead of one call
 * per object. Keycloak has no built-in for it. Throws `ProviderMissing` when the provider is not
 * installed, so that callers can fall back to the per-object admin API.
 */
export function projectionStateOperations(options: { url: string; realm: string }, accessToken: () => Promise<string>, calls: CallCounter) {
  return {
    async projectionState(groupIds: readonly string[], userIds: readonly string[]): Promise<{ groups: GroupState[]; users: UserState[] }> {
      return calls.read('projection state', async () => {
        const response = await fetch(`${options.url}/realms/${encodeURIComponent(options.realm)}/procura/projection-state`, {
          method: 'POST',
          headers: { authorization: `Bearer ${await accessToken()}`, 'content-type': 'application/json' },
          body: JSON.stringify({ groupIds, userIds }),
          signal: AbortSignal.timeout(120_000),
        });
        if (response.status === 404 || response.status === 405) throw new ProviderMissing('projection-state');
        if (!response.ok) throw new KeycloakUnavailable(`projection state answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
        const body = (await response.json()) as { groups: GroupState[]; users: Array<{ id: string; email: string | null; firstName: string | null; lastName: string | null }> };
        // A user's e-mail and names may be null in Keycloak; our types say "" instead.
        return { groups: body.groups, users: body.users.map((u) => ({ id: u.id, email: u.email ?? '', firstName: u.firstName ?? '', lastName: u.lastName ?? '' })) };
      });
    },
  };
}
