import KcAdminClient from '@keycloak/keycloak-admin-client';
import { KeycloakConflict, KeycloakNotFound, KeycloakUnavailable } from '../../errors.js';
import { clientCredentialsTokens } from './token-provider.js';

/** A Keycloak group as the projection sees it. */
export interface KeycloakGroup {
  readonly id: string;
  readonly name: string;
  readonly parentId: string | undefined;
  readonly attributes: Readonly<Record<string, readonly string[]>>;
}

export interface KeycloakUser {
  readonly id: string;
  readonly email: string;
  readonly enabled: boolean;
}

/**
 * The only door to Keycloak's admin REST API. Keycloak's representations are converted to our
 * types here, and its HTTP failures to our errors: 404 → not found, 409 → exists, 5xx → retry.
 * Groups are always addressed by id (kept in PostgreSQL), never by path nor by listing: both
 * slow down with many groups (Keycloak issues #17645, #40242, #51125).
 */
export interface KeycloakAdmin {
  readonly realm: string;
  createGroup(input: { name: string; parentId?: string; attributes?: Record<string, string[]> }): Promise<KeycloakGroup>;
  getGroup(id: string): Promise<KeycloakGroup | undefined>;
  createUser(input: { email: string; givenName: string; familyName: string; enabled: boolean; emailVerified: boolean }): Promise<KeycloakUser>;
  setPassword(userId: string, password: string, options: { temporary: boolean }): Promise<void>;
  addUserToGroup(userId: string, groupId: string): Promise<void>;
}

export interface KeycloakAdminOptions {
  readonly url: string;
  readonly realm: string;
  readonly clientId: string;
  readonly clientSecret: string;
}

export function createKeycloakAdmin(options: KeycloakAdminOptions): KeycloakAdmin {
  const client = new KcAdminClient({ baseUrl: options.url, realmName: options.realm });
  client.registerTokenProvider({ getAccessToken: clientCredentialsTokens(options) });
  const call = <T>(what: string, work: () => Promise<T>): Promise<T> => translateFailures(what, work);
  return {
    realm: options.realm,
    async createGroup({ name, parentId, attributes = {} }) {
      const created = await call(`group ${name}`, () =>
        parentId ? client.groups.createChildGroup({ id: parentId }, { name, attributes }) : client.groups.create({ name, attributes }),
      );
      return { id: created.id, name, parentId, attributes };
    },
    async getGroup(id) {
      try {
        const group = await call(`group ${id}`, () => client.groups.findOne({ id }));
        return group?.id ? toGroup(group) : undefined;
      } catch (error) {
        if (error instanceof KeycloakNotFound) return undefined;
        throw error;
      }
    },
    async createUser({ email, givenName, familyName, enabled, emailVerified }) {
      const created = await call(`user ${email}`, () =>
        client.users.create({ username: email, email, firstName: givenName, lastName: familyName, enabled, emailVerified }),
      );
      return { id: created.id, email, enabled };
    },
    async setPassword(userId, password, { temporary }) {
      await call(`password of user ${userId}`, () => client.users.resetPassword({ id: userId, credential: { type: 'password', value: password, temporary } }));
    },
    async addUserToGroup(userId, groupId) {
      await call(`membership of ${userId} in ${groupId}`, () => client.users.addToGroup({ id: userId, groupId }));
    },
  };
}

function toGroup(group: { id?: string; name?: string; parentId?: string; attributes?: Record<string, unknown> }): KeycloakGroup {
  const attributes: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(group.attributes ?? {})) {
    attributes[key] = Array.isArray(value) ? value.map(String) : [String(value)];
  }
  return { id: group.id ?? '', name: group.name ?? '', parentId: group.parentId, attributes };
}

async function translateFailures<T>(what: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const status = (error as { response?: { status?: number } }).response?.status;
    if (status === 404) throw new KeycloakNotFound(what, error);
    if (status === 409) throw new KeycloakConflict(what, error);
    if (status === undefined || status >= 500) throw new KeycloakUnavailable(what, error);
    throw error;
  }
}
