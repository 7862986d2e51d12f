import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '@procura/sync-service/config';

/**
 * docker-compose.yml against what it must agree with: the pinned Keycloak version, the realm's
 * placeholders and the sync-service's required settings. The YAML is read with regexes (no YAML
 * dependency): it relies on the file's two-space indentation and block-style `environment:` maps.
 */
const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const read = (path: string): string => readFileSync(join(root, path), 'utf8');
const compose = read('docker-compose.yml');

/** The lines of one service, from `  name:` to the next line indented two spaces or less. */
function serviceBlock(name: string): string {
  const lines = compose.split('\n');
  const start = lines.findIndex((line) => line === `  ${name}:`);
  if (start < 0) throw new Error(`docker-compose.yml has no service ${name}`);
  const end = lines.findIndex((line, index) => index > start && /^ {0,2}\S/.test(line));
  return lines.slice(start, end < 0 ? undefined : end).join('\n');
}

/** The `environment:` map of a service (block style, `KEY: value`), values as written. */
function environmentOf(name: string): Map<string, string> {
  const lines = serviceBlock(name).split('\n');
  const start = lines.findIndex((line) => line === '    environment:');
  if (start < 0) throw new Error(`service ${name} has no environment map`);
  const env = new Map<string, string>();
  for (const line of lines.slice(start + 1)) {
    if (/^\s*(#.*)?$/.test(line)) continue;
    const entry = /^ {6}([A-Za-z_][A-Za-z0-9_]*):\s*(.*)$/.exec(line);
    if (!entry) break;
    env.set(entry[1]!, entry[2]!.replace(/^"(.*)"$/, '$1'));
  }
  return env;
}

function pinnedKeycloakVersion(): string {
  const manifest = JSON.parse(read('sync-service/package.json')) as { dependencies: Record<string, string> };
  return manifest.dependencies['@keycloak/keycloak-admin-client']!;
}

describe('docker-compose.yml', () => {
  it('builds Keycloak with the pinned version (the admin client in sync-service/package.json) by default', () => {
    const pinned = pinnedKeycloakVersion();
    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
    const defaults = [...compose.matchAll(/\$\{KEYCLOAK_VERSION:-([^}]*)\}/g)].map((match) => match[1]);
    expect(defaults.length).toBeGreaterThan(0);
    for (const value of defaults) expect(value, 'default of ${KEYCLOAK_VERSION} in docker-compose.yml').toBe(pinned);
    expect(serviceBlock('keycloak')).toMatch(/^ {8}KEYCLOAK_VERSION: \$\{KEYCLOAK_VERSION:-[^}]+\}$/m);
  });

  it('leaves the Keycloak version out of the Keycloak Dockerfile (one pinned place)', () => {
    const dockerfile = read('docker/keycloak/Dockerfile');
    expect(dockerfile).toMatch(/^FROM keycloak\/keycloak:\$\{KEYCLOAK_VERSION\}\s*$/m);
    expect(dockerfile).toContain('-Dkeycloak.version=${KEYCLOAK_VERSION}');
    expect(dockerfile).not.toMatch(/^ARG KEYCLOAK_VERSION=/m);
    expect(dockerfile).not.toContain(pinnedKeycloakVersion());
  });

  it('gives the keycloak service every realm placeholder that has no default', () => {
    const realm = read('realm-config/realm/procura-realm.json');
    const withoutDefault = new Set([...realm.matchAll(/\$\{(PROCURA_[A-Z0-9_]*)\}/g)].map((match) => match[1]!));
    expect(withoutDefault.size).toBeGreaterThan(0);
    const env = environmentOf('keycloak');
    const missing = [...withoutDefault].filter((name) => !env.get(name));
    expect(missing, 'realm placeholders without default missing from the keycloak service').toEqual([]);
  });

  it('gives the sync-service every variable its configuration requires', () => {
    let message = '';
    try {
      loadConfig({});
    } catch (error) {
      message = (error as Error).message;
    }
    const required = [...message.matchAll(/(\w+) is required/g)].map((match) => match[1]!);
    expect(required.length).toBeGreaterThan(0);
    const env = environmentOf('sync-service');
    expect(required.filter((name) => !env.get(name))).toEqual([]);
    expect(env.get('KEYCLOAK_URL')).toBe('http://keycloak:8080');
    expect(env.get('PROCURA_CONSOLE_DIR')).toBe('/app/console/dist');
  });

  it('gives Keycloak and the sync-service the same public URL and client secrets', () => {
    const keycloak = environmentOf('keycloak');
    const service = environmentOf('sync-service');
    for (const name of ['PROCURA_PUBLIC_URL', 'PROCURA_CONSOLE_CLIENT_SECRET', 'PROCURA_SYNC_CLIENT_SECRET']) {
      expect(service.get(name), name).toBe(keycloak.get(name));
    }
  });

  it('names no registry host', () => {
    for (const path of ['docker-compose.yml', 'Dockerfile', 'docker/keycloak/Dockerfile']) {
      const images = [...read(path).matchAll(/^\s*(?:FROM|image:)\s+(\S+)/gim)].map((match) => match[1]!);
      for (const image of images.filter((name) => !name.startsWith('$'))) {
        const first = image.split('/')[0]!;
        expect(image.includes('/') && /[.:]|^localhost$/.test(first), `${path}: ${image}`).toBe(false);
      }
    }
  });
});
