import type KcAdminClient from '@keycloak/keycloak-admin-client';
import { KeycloakNotFound, KeycloakUnavailable } from '../../errors.js';
import type { CallCounter } from './calls.js';
import type { ProviderEndpoints } from './provider.js';
import { outgoingTraceHeaders } from '../../observability/trace.js';

/** A service's client as the provider lists it: its id and its roles' ids by name. */
interface ServiceClient {
  readonly id: string;
  readonly roles: ReadonlyMap<string, string>;
}

/**
 * Services' clients and their roles, looked up once per process (they change with the realm only).
 * Issue 14 item 6: from the provider's `GET /realms/{realm}/procura/service-clients`, which the
 * service account reads with `view-users`; Keycloak's own client endpoints need `view-clients`,
 * which shows every client's secret and which the realm file does not grant. Only on a Keycloak
 * without the provider (`provider.ts`) are they asked, and that Keycloak must grant `view-clients`.
 */
export function clientOperations(
  client: KcAdminClient,
  calls: CallCounter,
  provider: { url: string; realm: string; accessToken: () => Promise<string>; endpoints: ProviderEndpoints },
) {
  let listing: Promise<Map<string, ServiceClient> | undefined> | undefined;
  const serviceClients = (): Promise<Map<string, ServiceClient> | undefined> => {
    listing ??= provider.endpoints.has('service-clients').then((served) =>
      !served
        ? undefined
        : calls.read('service clients', async () => {
            const response = await fetch(`${provider.url}/realms/${encodeURIComponent(provider.realm)}/procura/service-clients`, {
              headers: { ...outgoingTraceHeaders(), authorization: `Bearer ${await provider.accessToken()}` },
              signal: AbortSignal.timeout(30_000),
            });
            if (!response.ok) throw new KeycloakUnavailable(`service clients answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
            const body = (await response.json()) as { clients: Array<{ clientId: string; id: string; roles: Array<{ id: string; name: string }> }> };
            return new Map(body.clients.map((c) => [c.clientId, { id: c.id, roles: new Map(c.roles.map((r) => [r.name, r.id])) }]));
          }),
    );
    listing.catch(() => (listing = undefined));
    return listing;
  };
  /** The service's client, listed again once when it is not there (a service added to the realm since). */
  const serviceClient = async (clientId: string): Promise<ServiceClient | undefined | 'no provider'> => {
    const first = await serviceClients();
    if (!first) return 'no provider';
    if (first.has(clientId)) return first.get(clientId);
    listing = undefined;
    return (await serviceClients())?.get(clientId);
  };

  const clients = new Map<string, Promise<string>>();
  const roles = new Map<string, Promise<{ id: string; name: string }>>();
  const clientUuid = (clientId: string): Promise<string> => {
    let found = clients.get(clientId);
    if (!found) {
      found = serviceClient(clientId).then(async (listed) => {
        if (listed !== 'no provider') {
          if (!listed) throw new KeycloakNotFound(`client ${clientId}`);
          return listed.id;
        }
        const list = await calls.read(`client ${clientId}`, () => client.clients.find({ clientId, max: 1 }));
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
    /** The id of a service's client (`svc-…`, marked `procura.service`). */
    clientUuid,
    /** The client role (id and name), for role mappings. */
    async clientRole(clientId: string, roleName: string): Promise<{ id: string; name: string }> {
      const key = `${clientId}/${roleName}`;
      let found = roles.get(key);
      if (!found) {
        found = serviceClient(clientId).then(async (listed) => {
          if (listed !== 'no provider') {
            const id = listed?.roles.get(roleName);
            if (!id) throw new KeycloakNotFound(`role ${key}`);
            return { id, name: roleName };
          }
          const uuid = await clientUuid(clientId);
          const role = await calls.read(`role ${key}`, () => client.clients.findRole({ id: uuid, roleName }));
          if (!role?.id) throw new KeycloakNotFound(`role ${key}`);
          return { id: role.id, name: roleName };
        });
        found.catch(() => roles.delete(key));
        roles.set(key, found);
      }
      return found;
    },
  };
}

export type ClientOperations = ReturnType<typeof clientOperations>;
