import { existsSync } from 'node:fs';
import express, { type Express } from 'express';
import type pg from 'pg';
import type { KeycloakAdmin } from './adapters/keycloak/index.js';
import type { Config } from './config.js';
import { healthRoutes } from './health/routes.js';
import { notFoundHandler, problemHandler } from './http/problem.js';
import type { Logger } from './logger.js';

/** What the app is built from: its adapters, created by the caller (server, tests). */
export interface AppDeps {
  readonly config: Config;
  readonly pool: pg.Pool;
  readonly keycloak: KeycloakAdmin;
  readonly logger: Logger;
}

/** Builds the Express app: API, console back end and the console's static files. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(express.json({ limit: '1mb' }));
  app.use(healthRoutes({ pool: deps.pool, keycloakUrl: deps.config.keycloak.url, realm: deps.config.keycloak.realm }));
  const consoleDir = deps.config.consoleDir;
  if (consoleDir && existsSync(consoleDir)) app.use(express.static(consoleDir, { index: 'index.html' }));
  app.use('/api', notFoundHandler);
  app.use(notFoundHandler);
  app.use(problemHandler(deps.logger));
  return app;
}
