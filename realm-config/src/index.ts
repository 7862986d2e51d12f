import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The realm's name, as written in `realm/procura-realm.json`. */
export const realmName = 'procura';

const baseFile = fileURLToPath(new URL('../base-realm.json', import.meta.url));
/** The generated realm to import (committed; a test keeps it equal to what `generateRealm` gives). */
export const realmFile = fileURLToPath(new URL('../realm/procura-realm.json', import.meta.url));
const servicesFile = fileURLToPath(new URL('../services.json', import.meta.url));
const userProfileFile = fileURLToPath(new URL('../user-profile.json', import.meta.url));

/** A label in the product's two languages, French first. */
export interface Label {
  readonly fr: string;
  readonly en: string;
}

/** An online service of the catalogue: one OIDC client whose client roles are its rights. */
export interface Service {
  readonly id: string;
  readonly label: Label;
  readonly rights: ReadonlyArray<{ readonly id: string; readonly label: Label }>;
  /**
   * A service that shows what other services emit (the employer inbox shows their letters): the
   * services and rights it may ask Procura's decision endpoint about (decision 0046). None: its own only.
   */
  readonly aggregates?: ReadonlyArray<{ readonly service: string; readonly rights: readonly string[] }>;
}

/** The service catalogue shared by the realm and the sync-service; a wrong `aggregates` names what is wrong. */
export function loadServices(): Service[] {
  const services = (JSON.parse(readFileSync(servicesFile, 'utf8')) as { services: Service[] }).services;
  checkAggregates(services);
  return services;
}

/** Each aggregated service is another service of the catalogue, and each right one of its rights. */
export function checkAggregates(services: readonly Service[]): void {
  const byId = new Map(services.map((s) => [s.id, s]));
  for (const service of services) {
    for (const [index, aggregated] of (service.aggregates ?? []).entries()) {
      const where = `services.json: ${service.id}.aggregates[${index}]`;
      const target = byId.get(aggregated.service);
      if (!target || target.id === service.id) throw new Error(`${where}: "${aggregated.service}" is not another service of the catalogue`);
      const unknown = aggregated.rights.filter((r) => !target.rights.some((own) => own.id === r));
      if (aggregated.rights.length === 0 || unknown.length > 0)
        throw new Error(
          `${where}: rights must be rights of ${target.id} (${target.rights.map((r) => r.id).join(', ')}); got ${JSON.stringify(aggregated.rights)}`,
        );
    }
  }
}

/**
 * The realm with Keycloak's import placeholders (`${PROCURA_NAME}` and `${PROCURA_NAME:default}`) left
 * in: what `kc.sh import` and the admin console's partial import take. Generated from
 * `base-realm.json` and the service catalogue.
 */
export function generateRealm(): Record<string, unknown> {
  const { $comment: _comment, ...base } = JSON.parse(readFileSync(baseFile, 'utf8')) as Record<string, unknown>;
  return withUserProfile(withServices(base, loadServices()), loadUserProfile());
}

/** The realm's declarative user profile (`user-profile.json`): Keycloak's default plus the mobile number (R2). */
export function loadUserProfile(): Record<string, unknown> {
  const { $comment: _comment, ...profile } = JSON.parse(readFileSync(userProfileFile, 'utf8')) as Record<string, unknown>;
  return profile;
}

/**
 * The realm with its user profile, stored as Keycloak stores it: a component of the user profile
 * provider whose `kc.user.profile.config` is the profile as a JSON string.
 */
export function withUserProfile(realm: Record<string, unknown>, profile: Record<string, unknown>): Record<string, unknown> {
  const components = (realm.components as Record<string, unknown[]> | undefined) ?? {};
  return {
    ...realm,
    components: {
      ...components,
      'org.keycloak.userprofile.UserProfileProvider': [
        { providerId: 'declarative-user-profile', subComponents: {}, config: { 'kc.user.profile.config': [JSON.stringify(profile)] } },
      ],
    },
  };
}

/** The committed realm file, as IT administrators import it. */
export function readRealmTemplate(): Record<string, unknown> {
  return JSON.parse(readFileSync(realmFile, 'utf8')) as Record<string, unknown>;
}

/**
 * The realm ready to POST to the admin REST API: the placeholders replaced from `env` the way
 * Keycloak's import replaces them. A placeholder without default and without value is an error
 * that names every missing variable.
 */
export function loadRealm(env: Readonly<Record<string, string | undefined>>): Record<string, unknown> {
  const missing = new Set<string>();
  const realm = substitute(generateRealm(), env, missing) as Record<string, unknown>;
  if (missing.size > 0) {
    throw new Error(`the realm needs these environment variables: ${[...missing].sort().join(', ')}`);
  }
  return realm;
}

/**
 * The realm file with one client per service of the catalogue: its rights as client roles, the
 * organization-keyed claim (mode rights: the token for service S carries S's rights only, keyed
 * by organization), no `roles` scope and no full scope, so that no right ever reads as global.
 * Secrets are left out: Keycloak generates them, and the service's team reads theirs in the admin console.
 */
export function withServices(realm: Record<string, unknown>, services: readonly Service[]): Record<string, unknown> {
  const clients = (realm.clients as Array<Record<string, unknown>> | undefined) ?? [];
  const roles = (realm.roles as { client?: Record<string, unknown[]> } | undefined) ?? {};
  return {
    ...realm,
    clients: [...clients, ...services.map(serviceClient)],
    roles: {
      ...roles,
      client: {
        ...roles.client,
        ...Object.fromEntries(
          services.map((s) => [serviceClientId(s.id), s.rights.map((r) => ({ name: r.id, description: `${r.label.fr} / ${r.label.en}` }))]),
        ),
      },
    },
  };
}

/** The OIDC client id of a service. */
export const serviceClientId = (serviceId: string): string => `svc-${serviceId}`;

function serviceClient(service: Service): Record<string, unknown> {
  const clientId = serviceClientId(service.id);
  return {
    clientId,
    name: service.label.fr,
    description: `${service.label.fr} / ${service.label.en}`,
    enabled: true,
    protocol: 'openid-connect',
    publicClient: false,
    clientAuthenticatorType: 'client-secret',
    standardFlowEnabled: true,
    implicitFlowEnabled: false,
    directAccessGrantsEnabled: false,
    serviceAccountsEnabled: true,
    fullScopeAllowed: false,
    redirectUris: [`\${PROCURA_SERVICES_BASE_URL:http://localhost:8090}/${service.id}/callback`],
    // Issue 14 item 6: the mark of a client whose roles (rights) the projection maps; the provider's
    // bulk write maps no role of a client without it.
    attributes: { 'pkce.code.challenge.method': 'S256', 'procura.service': service.id },
    defaultClientScopes: ['basic', 'profile', 'email', 'acr'],
    optionalClientScopes: [],
    protocolMappers: [organizationsMapper('rights'), audienceMapper(clientId)],
  };
}

/** The project's claim mapper (keycloak-providers, ch.procura.keycloak.claims). */
export function organizationsMapper(mode: 'rights' | 'roles'): Record<string, unknown> {
  return {
    name: 'procura organizations',
    protocol: 'openid-connect',
    protocolMapper: 'procura-organizations-mapper',
    config: {
      'claim.name': 'organizations',
      mode,
      'max.organizations': '30',
      'access.token.claim': 'true',
      'id.token.claim': 'false',
      'userinfo.token.claim': 'true',
      'introspection.token.claim': 'true',
    },
  };
}

function audienceMapper(clientId: string): Record<string, unknown> {
  return {
    name: 'audience',
    protocol: 'openid-connect',
    protocolMapper: 'oidc-audience-mapper',
    config: { 'included.client.audience': clientId, 'access.token.claim': 'true', 'id.token.claim': 'false', 'introspection.token.claim': 'true' },
  };
}

/**
 * Keycloak's import placeholders as this realm writes them: `${PROCURA_NAME}` or
 * `${PROCURA_NAME:default}`, read from the environment. (Keycloak takes `${env.NAME}` for a property
 * named "env.NAME": never the environment.) Other `${…}` are Keycloak's message keys, left alone.
 */
const placeholder = /\$\{(PROCURA_[A-Z0-9_]*)(?::([^}]*))?\}/g;

/** Replaces placeholders in every string of a JSON value; collects the names that have no value. */
export function substitute(value: unknown, env: Readonly<Record<string, string | undefined>>, missing: Set<string>): unknown {
  if (typeof value === 'string') {
    return value.replace(placeholder, (_match, name: string, fallback: string | undefined) => {
      const found = env[name] ?? fallback;
      if (found === undefined) missing.add(name);
      return found ?? '';
    });
  }
  if (Array.isArray(value)) return value.map((item) => substitute(item, env, missing));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, substitute(item, env, missing)]));
  }
  return value;
}
