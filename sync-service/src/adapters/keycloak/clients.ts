import type KcAdminClient from '@keycloak/keycloak-admin-client';
import { KeycloakNotFound } from '../../errors.js';
import type { CallCounter } from './calls.js';

/** Services' clients and their roles, looked up once per process (they change with the realm only). */
export function clientOperations(client: KcAdminClient, calls: CallCounter) {
  const clients = new Map<string, Promise<string>>();
  const roles = new Map<string, Promise<{ id: string; name: string }>>();
  const clientUuid = (clientId: string): Promise<string> => {
    let found = clients.get(clientId);
    if (!found) {
      found = calls.read(`client ${clientId}`, () => client.clients.find({ clientId, max: 1 })).then((list) => {
        const uuid = list.find((c) => c.clientId === clientId)?.id;
        if (!uuid) throw new KeycloakNotFound(`client ${clientId}`);
        return uuid;
      });
      found.catch(() => clients.delete(clientId));
      clients.set(clientId, found);
    }
    return found;
  };
  return {
    clientUuid,
    /** The client role (id and name), for role mappings. */
    async clientRole(clientId: string, roleName: string): Promise<{ id: string; name: string }> {
      const key = `${clientId}/${roleName}`;
      let found = roles.get(key);
      if (!found) {
        found = clientUuid(clientId).then((id) =>
          calls.read(`role ${key}`, () => client.clients.findRole({ id, roleName })).then((role) => {
            if (!role?.id) throw new KeycloakNotFound(`role ${key}`);
            return { id: role.id, name: roleName };
          }),
        );
        found.catch(() => roles.delete(key));
        roles.set(key, found);
      }
      return found;
    },
  };
}

export type ClientOperations = ReturnType<typeof clientOperations>;
