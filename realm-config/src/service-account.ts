/**
 * Issue 14 item 6: the roles of the sync-service's service account (`procura-sync`), each with what
 * uses it, and nothing else. A test compares them to the roles the running Keycloak gives the
 * account (test/integration/service-account.test.ts); docs/keycloak-mapping.md lists them for people.
 */

/** The `realm-management` roles granted to the account, and what of the sync-service needs each. */
export const syncServiceAccountRoles: Readonly<Record<string, string>> = {
  'manage-users':
    "creates people's accounts, groups and memberships, maps rights to groups, ends sessions, sets required actions and the operator role (the projection, the provider's bulk write)",
  'view-users':
    "reads accounts, groups, their members and role mappings (the reconciler, the provider's bulk read and its list of the services' clients, the console's session checks)",
  'query-users': 'finds an account by its e-mail address',
  'query-groups': 'finds a group by its name under its parent',
};

/**
 * The effective `realm-management` roles: the granted ones and those they contain (Keycloak's
 * `view-users` contains `query-users` and `query-groups`). Neither `manage-clients` (rewrite every
 * redirect URI) nor `view-clients` (Keycloak shows every client's secret to it) nor `query-clients`
 * (alone, it lists nothing): the sync-service never changes a client, and reads the services'
 * clients and their rights from the provider's `GET /procura/service-clients` (decision 0040).
 */
export const effectiveSyncServiceAccountRoles: readonly string[] = Object.keys(syncServiceAccountRoles).sort();
