import { KeycloakUnavailable, ProviderMissing } from '../../errors.js';
import type { CallCounter } from './calls.js';
import { outgoingTraceHeaders } from '../../observability/trace.js';

/** A projected group as the provider's bulk read describes it. */
export interface GroupState {
  readonly id: string;
  readonly name: string;
  readonly parentId: string | null;
  readonly attributes: Readonly<Record<string, readonly string[]>>;
  readonly clientRoles: ReadonlyArray<{ readonly clientId: string; readonly role: string }>;
  readonly memberIds: readonly string[];
}

/** A subgroup of an asked group, as the provider's bulk read lists it (issue 18 item 5, decision 0058). */
export interface ChildState {
  readonly id: string;
  readonly name: string;
  readonly parentId: string;
}

export interface UserState {
  readonly id: string;
  readonly email: string;
  readonly firstName: string;
  readonly lastName: string;
}

/**
 * The provider JAR's bulk read (`POST /realms/{realm}/procura/projection-state`): the given groups
 * with attributes, client roles and members, the given users, and the subgroups of `childrenOf`, in
 * one call instead of one call per object. Keycloak has no built-in for it. Throws `ProviderMissing` when the provider is not
 * installed, so that callers can fall back to the per-object admin API.
 */
export function projectionStateOperations(options: { url: string; realm: string }, accessToken: () => Promise<string>, calls: CallCounter) {
  const post = async (body: object, what: string): Promise<Response> => {
    const response = await fetch(`${options.url}/realms/${encodeURIComponent(options.realm)}/procura/projection-state`, {
      method: 'POST',
      headers: { ...outgoingTraceHeaders(), authorization: `Bearer ${await accessToken()}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(120_000),
    });
    if (response.status === 404 || response.status === 405) throw new ProviderMissing(what);
    return response;
  };
  return {
    async projectionState(groupIds: readonly string[], userIds: readonly string[], childrenOf: readonly string[] = []): Promise<{ groups: GroupState[]; users: UserState[]; children: ChildState[] }> {
      return calls.read('projection state', async () => {
        const response = await post(childrenOf.length > 0 ? { groupIds, userIds, childrenOf } : { groupIds, userIds }, 'projection-state');
        if (!response.ok) throw new KeycloakUnavailable(`projection state answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
        const body = (await response.json()) as { groups: GroupState[]; users: Array<{ id: string; email: string | null; firstName: string | null; lastName: string | null }>; children?: ChildState[] };
        // A user's e-mail and names may be null in Keycloak; our types say "" instead.
        return { groups: body.groups, users: body.users.map((u) => ({ id: u.id, email: u.email ?? '', firstName: u.firstName ?? '', lastName: u.lastName ?? '' })), children: body.children ?? [] };
      });
    },

    /**
     * The ids of the realm groups each user is a direct member of (users in no group are absent), in
     * one call: a change about some people is compared on their groups only (decision 0018). Throws
     * `ProviderMissing` when the provider is absent or older than this question (it refuses the field).
     */
    async groupsOfUsers(userIds: readonly string[]): Promise<Map<string, string[]>> {
      if (userIds.length === 0) return new Map();
      return calls.read('groups of users', async () => {
        const response = await post({ groupsOfUserIds: userIds }, 'projection-state groupsOfUserIds');
        const text = await response.text();
        if (response.status === 400 && text.includes('groupsOfUserIds')) throw new ProviderMissing('projection-state groupsOfUserIds');
        if (!response.ok) throw new KeycloakUnavailable(`projection state answered ${response.status}: ${text.slice(0, 300)}`);
        const body = JSON.parse(text) as { userGroups?: Array<{ userId: string; groupIds: string[] }> };
        if (!body.userGroups) throw new ProviderMissing('projection-state groupsOfUserIds');
        return new Map(body.userGroups.map((entry) => [entry.userId, entry.groupIds]));
      });
    },
  };
}
