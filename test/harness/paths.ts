import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root folder. */
export const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** Downloads, the unpacked Keycloak and logs: git-ignored, reused between runs. */
export const cacheDir = process.env.PROCURA_CACHE_DIR ?? join(repoRoot, '.cache');

/**
 * The Keycloak version, pinned in ONE place: the exact version of `@keycloak/keycloak-admin-client`
 * in `sync-service/package.json`. The server distribution and the provider JAR's SPI use it too.
 */
export function keycloakVersion(): string {
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'sync-service/package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
  };
  const version = manifest.dependencies?.['@keycloak/keycloak-admin-client'];
  if (!version || !/^\d+\.\d+\.\d+$/.test(version)) {
    throw new Error(`sync-service/package.json must pin @keycloak/keycloak-admin-client to an exact version (found ${version})`);
  }
  return version;
}
