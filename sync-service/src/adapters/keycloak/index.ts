import KcAdminClient from '@keycloak/keycloak-admin-client';
import { clientCredentialsTokens, type ClientAuth } from './token-provider.js';
import { groupOperations } from './groups.js';
import { userOperations } from './users.js';
import { clientOperations } from './clients.js';
import { callCounter, type CallCounts } from './calls.js';
import { projectionStateOperations } from './projection-state.js';
import { projectionChangeOperations } from './projection-changes.js';
import { providerEndpoints, type ProviderEndpoint } from './provider.js';
import { outgoingTraceHeaders } from '../../observability/trace.js';

export type { KeycloakGroup, GroupOperations } from './groups.js';
export type { AccountStanding, KeycloakUser, UserOperations } from './users.js';
export type { ClientOperations } from './clients.js';
export type { CallCounts } from './calls.js';
export type { ChildState, GroupState, UserState } from './projection-state.js';
export type { ChangeResult, ProjectionChange } from './projection-changes.js';
export type { ProviderEndpoint } from './provider.js';
export type { ClientAuth } from './token-provider.js';
export { assertionKey, clientAssertion } from './token-provider.js';

/**
 * The only door to Keycloak's admin REST API. Keycloak's representations are converted to our
 * types here, and its HTTP failures to our errors: 404 → not found, 409 → exists, 5xx → retry.
 * Groups are always addressed by id (kept in PostgreSQL), never by path nor by listing: both
 * slow down with many groups (Keycloak issues #17645, #40242, #51125).
 */
export interface KeycloakAdmin
  extends
    ReturnType<typeof groupOperations>,
    ReturnType<typeof userOperations>,
    ReturnType<typeof clientOperations>,
    ReturnType<typeof projectionStateOperations>,
    ReturnType<typeof projectionChangeOperations> {
  readonly realm: string;
  /** Whether Procura's provider JAR serves `endpoint` in this Keycloak (issue 20 item 2: the one place that decides). */
  provides(endpoint: ProviderEndpoint): Promise<boolean>;
  /** Admin API calls made so far, reads and writes apart (the reconciler reports them). */
  counts(): CallCounts;
}

export interface KeycloakAdminOptions {
  readonly url: string;
  readonly realm: string;
  readonly clientId: string;
  /** Its shared secret, or its private key for signed-JWT client authentication (issue 14 item 6). */
  readonly auth: ClientAuth;
}

export function createKeycloakAdmin(options: KeycloakAdminOptions): KeycloakAdmin {
  // Issue 18 item 3: the admin client copies its request options at each call, so this getter gives
  // every call the `traceparent` of the step it is made in.
  const client = new KcAdminClient({
    baseUrl: options.url,
    realmName: options.realm,
    requestOptions: {
      get headers() {
        return outgoingTraceHeaders();
      },
    },
  });
  const tokens = clientCredentialsTokens(options);
  client.registerTokenProvider({ getAccessToken: tokens });
  const counter = callCounter();
  const provider = providerEndpoints(options);
  return {
    realm: options.realm,
    ...groupOperations(client, counter),
    ...userOperations(client, counter),
    ...clientOperations(client, counter, { url: options.url, realm: options.realm, accessToken: tokens, endpoints: provider }),
    ...projectionStateOperations(options, tokens, counter, provider),
    ...projectionChangeOperations(options, tokens, counter, provider),
    provides: provider.has,
    counts: () => counter.counts(),
  };
}
