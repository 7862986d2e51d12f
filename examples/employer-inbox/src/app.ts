import express, { type Express, type Request, type Response } from 'express';
import * as oidc from 'openid-client';
import { procuraKit, type ProcuraKitOptions } from '@procura/express-kit';
import type { LetterStore } from './letters.js';
import { escape, layout, letterList, organizationList, welcome } from './pages.js';
import { sessionStore } from './sessions.js';

export interface InboxOptions {
  /** The realm's OpenID Connect configuration for the client `svc-employer-inbox` (openid-client's discovery). */
  readonly oidc: oidc.Configuration;
  /** The redirect URI registered for the client; the callback is served at its path. */
  readonly redirectUri: string;
  /** The kit's options: issuer, audience (`svc-employer-inbox`), the decision endpoint. */
  readonly kit: Omit<ProcuraKitOptions, 'tokenOf'>;
  readonly letters: LetterStore;
}

/**
 * The employer inbox (R29, PEP's « Vos courriers »): people log in through the realm (code flow with
 * PKCE, openid-client), and each organization's letters show only to holders of the inbox's
 * `read` right for it, as the access token says (a delegate: for the clients whose mandate grants
 * it). Archiving a letter is a sensitive action, confirmed with Procura's decision endpoint.
 */
export function createInboxApp(options: InboxOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  const sessions = sessionStore();
  const secure = options.redirectUri.startsWith('https:');
  const kit = procuraKit({
    ...options.kit,
    tokenOf: (request: Request) => sessions.find(request)?.accessToken,
    // A browser is sent to the login when its token is gone or expired, and gets a page for a refusal.
    onRefusal: (error, _request, response: Response) => {
      if (error.status === 401) return void response.redirect('/login');
      response.status(error.status).type('html').send(layout('Accès refusé / Access denied', `<p>${escape(error.status === 403 ? 'Vous n\'avez pas le droit de lire les courriers de cette organisation. / You may not read this organization\'s letters.' : 'Réessayez plus tard. / Try again later.')}</p><p><a href="/">Retour / Back</a></p>`));
    },
  });
  const organization = (request: Request) => String(request.params.organization);

  app.get('/', (request, response, next) => {
    if (sessions.find(request)?.accessToken) return next();
    response.type('html').send(welcome());
  }, kit.authenticate(), (request, response) => {
    response.type('html').send(organizationList(kit.accessOf(request)));
  });

  app.get('/login', async (request, response) => {
    const session = sessions.start(request, response, secure);
    const login = { verifier: oidc.randomPKCECodeVerifier(), state: oidc.randomState() };
    session.login = login;
    const chosen: Record<string, string> = typeof request.query.organization === 'string' ? { organization: request.query.organization } : {};
    const url = oidc.buildAuthorizationUrl(options.oidc, {
      redirect_uri: options.redirectUri, scope: 'openid', state: login.state,
      code_challenge: await oidc.calculatePKCECodeChallenge(login.verifier), code_challenge_method: 'S256', ...chosen,
    });
    response.redirect(url.href);
  });

  app.get(new URL(options.redirectUri).pathname, async (request, response) => {
    const session = sessions.find(request);
    if (!session?.login) return void response.status(400).type('html').send(layout('Connexion expirée / Login expired', '<p><a href="/login">Recommencer / Start again</a></p>'));
    const current = new URL(options.redirectUri);
    current.search = new URL(request.originalUrl, 'http://x').search;
    const tokens = await oidc.authorizationCodeGrant(options.oidc, current, { pkceCodeVerifier: session.login.verifier, expectedState: session.login.state });
    delete session.login;
    session.accessToken = tokens.access_token;
    session.idToken = tokens.id_token;
    response.redirect('/');
  });

  app.get('/organizations/:organization/letters', kit.authenticate(), kit.requireRight({ right: 'read', organization }), (request, response) => {
    const identifier = organization(request);
    response.type('html').send(letterList(identifier, options.letters(identifier), kit.accessOf(request).via(identifier)));
  });

  // R8: a right on a unit only shows that unit's letters; a right on the whole organization covers them too.
  const unit = (request: Request) => String(request.params.unit);
  app.get('/organizations/:organization/units/:unit/letters', kit.authenticate(), kit.requireRight({ right: 'read', organization, unit }), (request, response) => {
    const identifier = organization(request);
    response.type('html').send(letterList(identifier, options.letters(identifier, unit(request)), kit.accessOf(request).via(identifier), unit(request)));
  });

  // Sensitive: the token's yes is confirmed with the decision endpoint (a right revoked a minute ago is refused).
  app.post('/organizations/:organization/letters/:letter/archive', kit.authenticate(), kit.requireRight({ right: 'archive', organization, confirm: true }), (request, response) => {
    response.type('html').send(layout('Archivé / Archived', `<p>${String(request.params.letter).replace(/[^\w-]/g, '')}</p><p><a href="/">Retour / Back</a></p>`));
  });

  app.post('/logout', (request, response) => {
    sessions.end(request, response);
    response.redirect('/');
  });
  return app;
}
