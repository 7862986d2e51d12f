import type KcAdminClient from '@keycloak/keycloak-admin-client';
import { orUndefined, type CallCounter } from './calls.js';

/** A Keycloak group as the projection sees it. */
export interface KeycloakGroup {
  readonly id: string;
  readonly name: string;
  readonly parentId: string | undefined;
  readonly attributes: Readonly<Record<string, readonly string[]>>;
}

type Attributes = Record<string, readonly string[]>;

export function groupOperations(client: KcAdminClient, calls: CallCounter) {
  return {
    async createGroup({ name, parentId, attributes = {} }: { name: string; parentId?: string | undefined; attributes?: Attributes }): Promise<KeycloakGroup> {
      const body = { name, attributes: mutable(attributes) };
      const created = await calls.write(`group ${name}`, () =>
        parentId ? client.groups.createChildGroup({ id: parentId }, body) : client.groups.create(body),
      );
      return { id: created.id, name, parentId, attributes };
    },
    async getGroup(id: string): Promise<KeycloakGroup | undefined> {
      const group = await orUndefined(calls.read(`group ${id}`, () => client.groups.findOne({ id })));
      return group?.id ? toGroup(group) : undefined;
    },
    /** Finds a group by exact name among its parent's children (or the top level): after a 409. */
    async findGroupByName(parentId: string | undefined, name: string): Promise<KeycloakGroup | undefined> {
      const found = await calls.read(`group ${name}`, () =>
        parentId
          ? client.groups.listSubGroups({ parentId, search: name, exact: true, briefRepresentation: false, max: 10 })
          : client.groups.find({ search: name, exact: true, briefRepresentation: false, max: 10 }),
      );
      const match = found.find((group) => group.name === name);
      return match ? toGroup({ ...match, parentId }) : undefined;
    },
    async updateGroup(id: string, { name, attributes }: { name: string; attributes: Attributes }): Promise<void> {
      await calls.write(`group ${id}`, () => client.groups.update({ id }, { name, attributes: mutable(attributes) }));
    },
    /** Puts the group back under `parentId` (the top level when undefined): Keycloak moves a group posted with its id. */
    async moveGroup(id: string, name: string, parentId: string | undefined): Promise<void> {
      const body = { id, name };
      await calls.write(`group ${id}`, () => (parentId ? client.groups.updateChildGroup({ id: parentId }, body) : client.groups.updateRoot(body)));
    },
    async deleteGroup(id: string): Promise<void> {
      await orUndefined(calls.write(`group ${id}`, () => client.groups.del({ id })));
    },
    /** Ids of every member of the group (all pages). */
    async groupMemberIds(id: string): Promise<string[]> {
      const ids: string[] = [];
      const page = 500;
      for (let first = 0; ; first += page) {
        const members = await calls.read(`members of ${id}`, () => client.groups.listMembers({ id, first, max: page, briefRepresentation: true }));
        ids.push(...members.map((m) => m.id ?? ''));
        if (members.length < page) return ids;
      }
    },
    /** Names of the client's roles mapped on the group. */
    async groupClientRoles(id: string, clientUuid: string): Promise<string[]> {
      const roles = await calls.read(`role mappings of ${id}`, () => client.groups.listClientRoleMappings({ id, clientUniqueId: clientUuid }));
      return roles.map((r) => r.name ?? '');
    },
    async addGroupClientRole(id: string, clientUuid: string, role: { id: string; name: string }): Promise<void> {
      await calls.write(`role mapping of ${id}`, () => client.groups.addClientRoleMappings({ id, clientUniqueId: clientUuid, roles: [role] }));
    },
    async removeGroupClientRole(id: string, clientUuid: string, role: { id: string; name: string }): Promise<void> {
      await calls.write(`role mapping of ${id}`, () => client.groups.delClientRoleMappings({ id, clientUniqueId: clientUuid, roles: [role] }));
    },
  };
}

export type GroupOperations = ReturnType<typeof groupOperations>;

function toGroup(group: { id?: string; name?: string; parentId?: string | undefined; attributes?: Record<string, unknown> }): KeycloakGroup {
  const attributes: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(group.attributes ?? {})) {
    attributes[key] = Array.isArray(value) ? value.map(String) : [String(value)];
  }
  return { id: group.id ?? '', name: group.name ?? '', parentId: group.parentId, attributes };
}

function mutable(attributes: Attributes): Record<string, string[]> {
  return Object.fromEntries(Object.entries(attributes).map(([k, v]) => [k, [...v]]));
}
