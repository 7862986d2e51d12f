import { existsSync } from 'node:fs';
import express, { type Express } from 'express';
import { loadServices } from '@procura/realm-config';
import type pg from 'pg';
import type { KeycloakAdmin } from './adapters/keycloak/index.js';
import { createSmtpMailer, type Mailer } from './adapters/mail/index.js';
import { accessTokenVerifier, realmKeys } from './auth/bearer.js';
import { authenticate, sameOriginWrites } from './auth/middleware.js';
import { createConsoleOidc, type ConsoleOidc } from './auth/oidc-client.js';
import { identifyCaller } from './auth/principal.js';
import { authzenDiscovery, echoRequestId } from './decisions/authzen.js';
import { identifyService } from './auth/service-caller.js';
import { verifiedLogoutToken } from './auth/backchannel-logout.js';
import { authRoutes } from './auth/routes.js';
import { sessionStore } from './auth/sessions.js';
import type { Config } from './config.js';
import { healthRoutes } from './health/routes.js';
import { traceAndMeasureRequests } from './observability/requests.js';
import { apiRoutes } from './api.js';
import { consolePages } from './http/console-pages.js';
import { notFoundHandler, problemHandler } from './http/problem.js';
import { createRateLimiter, postgresWindows } from './http/rate-limit.js';
import { apiPrefix, mountRoutes } from './routes.js';
import { securityHeaders } from './http/security-headers.js';
import { portalRoutes } from './profile/routes.js';
import { withPortal } from './profile/profile.js';
import { supportRoutes } from './support/routes.js';
import type { Logger } from './logger.js';

/** What the app is built from: its adapters, created by the caller (server, tests). */
export interface AppDeps {
  readonly config: Config;
  readonly pool: pg.Pool;
  readonly keycloak: KeycloakAdmin;
  readonly logger: Logger;
  /** The sync-service's own e-mails (R28); by default SMTP as the configuration says. */
  readonly mailer?: Mailer;
}

/** Builds the Express app: API, console back end and the console's static files. */
export function createApp(deps: AppDeps): Express {
  const { config, pool, logger } = deps;
  const headers = securityHeaders({ publicUrl: config.publicUrl, keycloakPublicUrl: config.keycloak.publicUrl });
  const app = express();
  app.disable('x-powered-by');
  // Issue 18 item 3: first, so that everything a request does runs in its trace and is measured.
  app.use(traceAndMeasureRequests(logger));
  // Issue 17: every request is served under the app's profile (decision 0051).
  app.use((_request, _response, next) => withPortal(config.profile, next));
  app.use(headers.everyAnswer);
  app.set('trust proxy', 'loopback');
  const sessions = sessionStore(pool);
  const oidc = consoleOidcFor(config);
  app.use(healthRoutes({ pool, keycloakUrl: config.keycloak.url, realm: config.keycloak.realm }));
  app.use(supportRoutes());
  app.use(portalRoutes());
  // Issue 21 item 3: the AuthZEN PDP's metadata (public) and its request identifiers.
  app.use(authzenDiscovery(config.publicUrl, (path) => `${config.publicUrl.replace(/\/+$/, '')}${apiPrefix}${path}`));
  app.use(`${apiPrefix}/access/v1`, echoRequestId);
  app.use(sameOriginWrites(config.publicUrl));
  app.use(
    authenticate({
      sessions,
      publicUrl: config.publicUrl,
      keycloak: deps.keycloak,
      idleSeconds: config.session.idleSeconds,
      checkSeconds: config.session.checkSeconds,
      logger,
    }),
  );
  app.use(
    authRoutes({
      oidc,
      sessions,
      pool,
      publicUrl: config.publicUrl,
      logger,
      sessionSeconds: config.session.maxSeconds,
      logoutTokens: logoutTokenVerifier(config),
    }),
  );
  app.use('/api', identifyService({ ...realmTokens(config), serviceIds: loadServices().map((s) => s.id) }));
  app.use('/api', identifyCaller({ pool, verify: apiTokenVerifier(config) }));
  const services = {
    keycloak: deps.keycloak,
    mailer: deps.mailer ?? createSmtpMailer(config.smtp),
    publicUrl: config.publicUrl,
    logger,
    recentSignInSeconds: config.recentSignInSeconds,
    webhookTargets: config.webhookTargets,
  };
  app.use(mountRoutes(apiRoutes, { pool, services, limiter: createRateLimiter(config.publicRateLimit, postgresWindows(pool)) }));
  const consoleDir = config.consoleDir;
  if (consoleDir && existsSync(consoleDir)) {
    app.use(consolePages(consoleDir, headers.consolePage));
    app.use(express.static(consoleDir, { index: 'index.html', setHeaders: headers.consoleFile }));
  }
  app.use('/api', notFoundHandler);
  app.use(notFoundHandler);
  app.use(problemHandler(logger));
  return app;
}

/** Bearer tokens of the realm: its issuer as browsers know it, its keys fetched over the back channel. */
function realmTokens(config: Config) {
  const realm = `/realms/${config.keycloak.realm}`;
  return { issuer: `${config.keycloak.publicUrl}${realm}`, keys: realmKeys(`${config.keycloak.url}${realm}/protocol/openid-connect/certs`) };
}

/** Issue 14 item 4: Keycloak's back-channel logout tokens, addressed to the console's client. */
function logoutTokenVerifier(config: Config) {
  return (token: string) => verifiedLogoutToken(token, { ...realmTokens(config), audience: config.keycloak.consoleClientId });
}

function apiTokenVerifier(config: Config) {
  return accessTokenVerifier({ ...realmTokens(config), audiences: config.apiAudiences });
}

function consoleOidcFor(config: Config): ConsoleOidc {
  return createConsoleOidc({
    issuer: `${config.keycloak.publicUrl}/realms/${config.keycloak.realm}`,
    backchannelBaseUrl: config.keycloak.url,
    allowHttp: config.keycloak.allowHttp,
    clientId: config.keycloak.consoleClientId,
    clientSecret: config.keycloak.consoleClientSecret,
    redirectUri: `${config.publicUrl}/auth/callback`,
    postLogoutRedirectUri: `${config.publicUrl}/`,
  });
}
