import { KeycloakUnavailable, ProviderMissing } from '../../errors.js';

/**
 * What Procura's provider JAR may serve under `/realms/{realm}/procura/`, as its `info` endpoint
 * names it (`ProviderInfo.ENDPOINTS` in keycloak-providers); a name with a dot is a question added
 * later to an endpoint (`projection-state.groups-of-users`: its `groupsOfUserIds`).
 */
export type ProviderEndpoint = 'projection-state' | 'projection-state.groups-of-users' | 'projection-digests' | 'projection-changes' | 'service-clients';

/**
 * A JAR answering `info` without `endpoints` is older than the list: it served these (the digests
 * and the groups of users came later, so they are not assumed; the admin API stands in for them).
 */
const servedBeforeTheList: readonly ProviderEndpoint[] = ['projection-state', 'projection-changes', 'service-clients'];

export interface ProviderEndpoints {
  /** Whether this Keycloak's provider serves `endpoint`. */
  readonly has: (endpoint: ProviderEndpoint) => Promise<boolean>;
  /** Throws `ProviderMissing` unless it does: callers fall back to Keycloak's admin API. */
  readonly require: (endpoint: ProviderEndpoint) => Promise<void>;
}

/**
 * Issue 20 item 2: the one place that decides which of the provider's endpoints this Keycloak
 * serves, from its unauthenticated `info` (no provider: 404; asked once per adapter, again after a
 * failure). The calls that use an endpoint ask here first, so that no call guesses from its own
 * 404, 405 or 400 whether the JAR is there, and one that answers 404 although announced is an error
 * (the realm gone, a proxy in the way), not a silent fall-back. Not an admin API call, so not counted.
 */
export function providerEndpoints(options: { url: string; realm: string }): ProviderEndpoints {
  let served: Promise<ReadonlySet<string>> | undefined;
  const ask = async (): Promise<ReadonlySet<string>> => {
    const response = await fetch(`${options.url}/realms/${encodeURIComponent(options.realm)}/procura/info`, { signal: AbortSignal.timeout(10_000) }).catch(
      (error: unknown) => {
        throw new KeycloakUnavailable('procura info', error);
      },
    );
    if (response.status === 404) {
      await response.body?.cancel();
      return new Set();
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new KeycloakUnavailable(`procura info answered ${response.status}`);
    }
    const info = (await response.json()) as { endpoints?: unknown };
    if (!Array.isArray(info.endpoints)) return new Set(servedBeforeTheList);
    return new Set(info.endpoints.filter((name): name is string => typeof name === 'string'));
  };
  const has = async (endpoint: ProviderEndpoint): Promise<boolean> => {
    served ??= ask();
    try {
      return (await served).has(endpoint);
    } catch (error) {
      served = undefined; // asked again next time
      throw error;
    }
  };
  return {
    has,
    async require(endpoint) {
      if (!(await has(endpoint))) throw new ProviderMissing(endpoint);
    },
  };
}
