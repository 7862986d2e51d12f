import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The realm's name, as written in `realm/procura-realm.json`. */
export const realmName = 'procura';

const realmFile = fileURLToPath(new URL('../realm/procura-realm.json', import.meta.url));
const servicesFile = fileURLToPath(new URL('../services.json', import.meta.url));

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
}

/** The service catalogue shared by the realm and the sync-service. */
export function loadServices(): Service[] {
  return (JSON.parse(readFileSync(servicesFile, 'utf8')) as { services: Service[] }).services;
}

/**
 * The realm as written, with Keycloak's import placeholders (`${env.NAME}` and
 * `${env.NAME:default}`) left in: what `kc.sh import` and the admin console's partial import take.
 */
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
  const realm = substitute(readRealmTemplate(), env, missing) as Record<string, unknown>;
  if (missing.size > 0) {
    throw new Error(`the realm needs these environment variables: ${[...missing].sort().join(', ')}`);
  }
  return realm;
}

const placeholder = /\$\{env\.([A-Za-z_][A-Za-z0-9_]*)(?::([^}]*))?\}/g;

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
