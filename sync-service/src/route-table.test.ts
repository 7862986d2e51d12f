import type { Express } from 'express';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { KeycloakAdmin } from './adapters/keycloak/index.js';
import { createApp } from './app.js';
import { loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { policyTable } from './policy/table.js';
import { apiRoutes } from './api.js';
import { openApiDocument } from './openapi.js';
import { expressPath } from './routes.js';
import { compile } from './http/schemas.js';

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle: { stack?: Layer[] };
}

/** Every `METHOD path` Express would answer, walking the app's router and the routers it mounts. */
function mountedRoutes(app: Express): string[] {
  const walk = (stack: readonly Layer[]): string[] =>
    stack.flatMap((layer) =>
      layer.route ? Object.keys(layer.route.methods).map((method) => `${method} ${layer.route!.path}`) : walk(layer.handle.stack ?? []),
    );
  return walk((app as unknown as { router: { stack: Layer[] } }).router.stack);
}

function anApp(): Express {
  const config = loadConfig({
    DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
    KEYCLOAK_URL: 'http://localhost:1',
    PROCURA_SYNC_CLIENT_SECRET: 's',
    PROCURA_CONSOLE_CLIENT_SECRET: 's',
  });
  // Nothing connects: the pool opens connections on first query, the OIDC client discovers on first login.
  return createApp({ config, pool: new pg.Pool({ connectionString: config.databaseUrl }), keycloak: {} as KeycloakAdmin, logger: createLogger('silent') });
}

describe('the route table is the API', () => {
  it('every route the app answers under /api is in the route table, and every route of the table is mounted', () => {
    const mounted = mountedRoutes(anApp()).filter((route) => route.split(' ')[1]!.startsWith('/api'));
    const table = apiRoutes.map((route) => `${route.method} ${expressPath(route.path)}`);
    expect([...mounted].sort()).toEqual([...table].sort());
  });

  it("issue 18 item 4: every route's schemas compile at both depths (the start compiles the first, a request the other)", () => {
    for (const route of apiRoutes) {
      for (const depth of ['first', 'all'] as const) {
        if (route.body) expect(() => compile(route.body!, 'body', depth), route.operationId).not.toThrow();
        if (route.query) expect(() => compile(route.query!, 'query', depth), route.operationId).not.toThrow();
      }
    }
  });

  it('operations are unique, each names an action of the policy table, and the OpenAPI document lists them all', () => {
    const ids = apiRoutes.map((route) => route.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const route of apiRoutes) expect(Object.keys(policyTable), route.operationId).toContain(route.action);
    const document = openApiDocument(apiRoutes) as { openapi: string; paths: Record<string, Record<string, { operationId: string }>> };
    expect(document.openapi).toBe('3.1.0');
    const documented = Object.values(document.paths).flatMap((operations) => Object.values(operations).map((operation) => operation.operationId));
    expect(documented.sort()).toEqual([...ids].sort());
  });

  it('every writable schema closes its objects (additionalProperties: false)', () => {
    const open = (schema: unknown, at: string): string[] => {
      if (typeof schema !== 'object' || schema === null) return [];
      const node = schema as Record<string, unknown>;
      const here = node.type === 'object' && node.properties && node.additionalProperties !== false ? [at] : [];
      return [...here, ...Object.entries(node).flatMap(([key, value]) => open(value, `${at}/${key}`))];
    };
    for (const route of apiRoutes) {
      if (route.body) expect(open(route.body, route.operationId)).toEqual([]);
      if (route.query) expect(open(route.query, route.operationId)).toEqual([]);
    }
  });

  it('the OpenAPI document, which integrators read, names no rule of the design nor an issue; the rules an operation implements are in x-procura-rules', () => {
    const named: string[] = [];
    const walk = (value: unknown, at: string): void => {
      if (typeof value === 'string' && /\bR\d{1,2}\b|\bissue \d+/i.test(value)) named.push(`${at}: ${value}`);
      else if (typeof value === 'object' && value !== null)
        for (const [key, inner] of Object.entries(value)) if (key !== 'x-procura-rules') walk(inner, `${at}/${key}`);
    };
    const document = openApiDocument(apiRoutes) as { paths: Record<string, Record<string, { operationId: string; 'x-procura-rules'?: string[] }>> };
    walk(document, '');
    expect(named).toEqual([]);
    const changeRole = Object.values(document.paths)
      .flatMap((operations) => Object.values(operations))
      .find((operation) => operation.operationId === 'changeMemberRole');
    expect(changeRole?.['x-procura-rules']).toEqual(['R14']);
  });
});
