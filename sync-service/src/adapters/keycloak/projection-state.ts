import { KeycloakUnavailable } from '../../errors.js';
import type { CallCounter } from './calls.js';
import type { ProviderEndpoint, ProviderEndpoints } from './provider.js';
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

/** Decision 0061: a subtree's digest, the sum of its records' hashes in 32 hexadecimal digits and their number. */
export interface SubtreeDigest {
  readonly sum: string;
  readonly records: number;
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
 * one call instead of one call per object. Keycloak has no built-in for it. Each call throws
 * `ProviderMissing` when the provider does not serve it (`provider.ts` decides), so that callers can
 * fall back to the per-object admin API.
 */
export function projectionStateOperations(
  options: { url: string; realm: string },
  accessToken: () => Promise<string>,
  calls: CallCounter,
  provider: ProviderEndpoints,
) {
  const post = async (body: object, needs: ProviderEndpoint): Promise<Response> => {
    await provider.require(needs);
    const endpoint = needs.split('.')[0]!;
    return fetch(`${options.url}/realms/${encodeURIComponent(options.realm)}/procura/${endpoint}`, {
      method: 'POST',
      headers: { ...outgoingTraceHeaders(), authorization: `Bearer ${await accessToken()}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(120_000),
    });
  };
  return {
    async projectionState(
      groupIds: readonly string[],
      userIds: readonly string[],
      childrenOf: readonly string[] = [],
    ): Promise<{ groups: GroupState[]; users: UserState[]; children: ChildState[] }> {
      return calls.read('projection state', async () => {
        const response = await post(childrenOf.length > 0 ? { groupIds, userIds, childrenOf } : { groupIds, userIds }, 'projection-state');
        if (!response.ok) throw new KeycloakUnavailable(`projection state answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
        const body = (await response.json()) as {
          groups: GroupState[];
          users: Array<{ id: string; email: string | null; firstName: string | null; lastName: string | null }>;
          children?: ChildState[];
        };
        // A user's e-mail and names may be null in Keycloak; our types say "" instead.
        return {
          groups: body.groups,
          users: body.users.map((u) => ({ id: u.id, email: u.email ?? '', firstName: u.firstName ?? '', lastName: u.lastName ?? '' })),
          children: body.children ?? [],
        };
      });
    },

    /**
     * Decision 0061: the digest of each root group's subtree as Keycloak holds it, by root id (roots
     * not found are absent), in one call.
     */
    async projectionDigests(rootIds: readonly string[]): Promise<Map<string, SubtreeDigest>> {
      if (rootIds.length === 0) return new Map();
      return calls.read('projection digests', async () => {
        const response = await post({ roots: rootIds }, 'projection-digests');
        if (!response.ok) throw new KeycloakUnavailable(`projection digests answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
        const body = (await response.json()) as { digests: Array<{ id: string; sum: string; records: number }> };
        return new Map(body.digests.map((digest) => [digest.id, { sum: digest.sum, records: digest.records }]));
      });
    },

    /**
     * The ids of the realm groups each user is a direct member of (users in no group are absent), in
     * one call: a change about some people is compared on their groups only (decision 0018).
     */
    async groupsOfUsers(userIds: readonly string[]): Promise<Map<string, string[]>> {
      if (userIds.length === 0) return new Map();
      return calls.read('groups of users', async () => {
        const response = await post({ groupsOfUserIds: userIds }, 'projection-state.groups-of-users');
        const text = await response.text();
        if (!response.ok) throw new KeycloakUnavailable(`projection state answered ${response.status}: ${text.slice(0, 300)}`);
        const body = JSON.parse(text) as { userGroups?: Array<{ userId: string; groupIds: string[] }> };
        if (!body.userGroups) throw new KeycloakUnavailable('projection state answered without the groups of users it announces');
        return new Map(body.userGroups.map((entry) => [entry.userId, entry.groupIds]));
      });
    },
  };
}
