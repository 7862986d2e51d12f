import { timingSafeEqual } from 'node:crypto';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import * as oidc from 'openid-client';
import { procuraKit, ProcuraKitError, type HoldersClient, type ProcuraKitOptions } from '@procura/express-kit';
import type { Letter, LetterStore } from './letters.js';
import { escape, layout, letterList, letterPage, organizationList, welcome } from './pages.js';
import { sessionStore } from './sessions.js';

/** One e-mail of the inbox's own mailer. */
export interface OutgoingMail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

export interface InboxOptions {
  /** The realm's OpenID Connect configuration for the client `svc-employer-inbox` (openid-client's discovery). */
  readonly oidc: oidc.Configuration;
  /** The redirect URI registered for the client; the callback is served at its path. */
  readonly redirectUri: string;
  /** The kit's options: issuer, audience (`svc-employer-inbox`), the decision endpoint. */
  readonly kit: Omit<ProcuraKitOptions, 'tokenOf'>;
  readonly letters: LetterStore;
  /**
   * The key an emitting service presents (`x-deposit-key`) to deposit a letter (`POST /deposits`);
   * none: no deposits. With `holders` and `send`, a letter needing action is announced by e-mail.
   */
  readonly depositKey?: string;
  /** Who may read a letter now (the kit's `createHoldersClient`, Procura's `POST /decisions/holders`). */
  readonly holders?: HoldersClient;
  readonly send?: (mail: OutgoingMail) => Promise<void>;
}

/**
 * The employer inbox (R29, PEP's « Vos courriers »): people log in through the realm (code flow with
 * PKCE, openid-client), and each organization's letters show only to holders of the inbox's
 * `read` right for it, as the access token says (a delegate: for the clients whose mandate grants
 * it), and each letter only to holders of `read` on the service that emitted it, asked of Procura's
 * decision endpoint once per emitting service and page (decision 0046). Archiving a letter is a
 * sensitive action, confirmed with the decision endpoint too.
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
      if (error.status === 401) return response.redirect('/login');
      response
        .status(error.status)
        .type('html')
        .send(
          layout(
            'Accès refusé / Access denied',
            `<p>${escape(error.status === 403 ? "Vous n'avez pas le droit de lire les courriers de cette organisation. / You may not read this organization's letters." : 'Réessayez plus tard. / Try again later.')}</p><p><a href="/">Retour / Back</a></p>`,
          ),
        );
    },
  });
  const organization = (request: Request) => String(request.params.organization);

  app.get(
    '/',
    (request, response, next) => {
      if (sessions.find(request)?.accessToken) return next();
      response.type('html').send(welcome());
    },
    kit.authenticate(),
    (request, response) => {
      response.type('html').send(organizationList(kit.accessOf(request)));
    },
  );

  app.get('/login', async (request, response) => {
    const session = sessions.start(request, response, secure);
    const login = { verifier: oidc.randomPKCECodeVerifier(), state: oidc.randomState() };
    session.login = login;
    const chosen: Record<string, string> = typeof request.query.organization === 'string' ? { organization: request.query.organization } : {};
    const url = oidc.buildAuthorizationUrl(options.oidc, {
      redirect_uri: options.redirectUri,
      scope: 'openid',
      state: login.state,
      code_challenge: await oidc.calculatePKCECodeChallenge(login.verifier),
      code_challenge_method: 'S256',
      ...chosen,
    });
    response.redirect(url.href);
  });

  app.get(new URL(options.redirectUri).pathname, async (request, response) => {
    const session = sessions.find(request);
    if (!session?.login)
      return void response.status(400).type('html').send(layout('Connexion expirée / Login expired', '<p><a href="/login">Recommencer / Start again</a></p>'));
    const current = new URL(options.redirectUri);
    current.search = new URL(request.originalUrl, 'http://x').search;
    const tokens = await oidc.authorizationCodeGrant(options.oidc, current, { pkceCodeVerifier: session.login.verifier, expectedState: session.login.state });
    delete session.login;
    session.accessToken = tokens.access_token;
    session.idToken = tokens.id_token;
    response.redirect('/');
  });

  const deposited: Letter[] = [];
  const lettersOf = (identifier: string, unit?: string) => [
    ...options.letters(identifier, unit),
    ...deposited.filter((l) => l.organization === identifier && l.unit === unit),
  ];
  /** What each person opened (by `sub`): the unread count is over the letters they may see, never others. */
  const opened = new Map<string, Set<string>>();
  const openedBy = (request: Request) => opened.get(kit.accessOf(request).subject) ?? new Set<string>();

  /** Decision 0046: the letters whose emitting service's `read` the person holds now, one question per emitting service. */
  async function readable(request: Request, identifier: string, letters: readonly Letter[], unit?: string): Promise<Letter[]> {
    const allowed = new Map<string, boolean>();
    for (const service of new Set(letters.map((l) => l.emittedBy)))
      allowed.set(service, (await kit.decide(request, identifier, 'read', unit, service)).allowed);
    return letters.filter((l) => allowed.get(l.emittedBy));
  }

  /** Procura cannot be asked: nothing is shown (fail closed), and the person is told to try again. */
  const unavailable = (error: unknown, response: Response, next: NextFunction) => {
    if (!(error instanceof ProcuraKitError)) return next(error);
    response
      .status(503)
      .type('html')
      .send(
        layout(
          'Indisponible / Unavailable',
          '<p>Les droits ne peuvent pas être vérifiés : réessayez plus tard. / Rights cannot be checked: try again later.</p><p><a href="/">Retour / Back</a></p>',
        ),
      );
  };

  const list = (unitOf?: (request: Request) => string) => async (request: Request, response: Response, next: NextFunction) => {
    const identifier = organization(request);
    const unit = unitOf?.(request);
    try {
      const letters = await readable(request, identifier, lettersOf(identifier, unit), unit);
      response.type('html').send(letterList(identifier, letters, openedBy(request), kit.accessOf(request).via(identifier), unit));
    } catch (error) {
      unavailable(error, response, next);
    }
  };

  const open = (unitOf?: (request: Request) => string) => async (request: Request, response: Response, next: NextFunction) => {
    const identifier = organization(request);
    const unit = unitOf?.(request);
    try {
      const letter = lettersOf(identifier, unit).find((l) => l.id === String(request.params.letter));
      // A letter of a service whose right the person lacks is as absent as one that does not exist.
      if (!letter || (await readable(request, identifier, [letter], unit)).length === 0) {
        return void response.status(404).type('html').send(layout('Introuvable / Not found', '<p><a href="/">Retour / Back</a></p>'));
      }
      const subject = kit.accessOf(request).subject;
      opened.set(subject, openedBy(request).add(letter.id));
      response.type('html').send(letterPage(letter));
    } catch (error) {
      unavailable(error, response, next);
    }
  };

  app.get('/organizations/:organization/letters', kit.authenticate(), kit.requireRight({ right: 'read', organization }), list());
  app.get('/organizations/:organization/letters/:letter', kit.authenticate(), kit.requireRight({ right: 'read', organization }), open());

  // R8: a right on a unit only shows that unit's letters; a right on the whole organization covers them too.
  const unit = (request: Request) => String(request.params.unit);
  app.get('/organizations/:organization/units/:unit/letters', kit.authenticate(), kit.requireRight({ right: 'read', organization, unit }), list(unit));
  app.get('/organizations/:organization/units/:unit/letters/:letter', kit.authenticate(), kit.requireRight({ right: 'read', organization, unit }), open(unit));

  // An emitting service deposits a letter; one that needs action is announced to the people who may read it now, once.
  app.post('/deposits', express.json({ limit: '16kb' }), async (request, response, next) => {
    if (!options.depositKey || !sameKey(request.get('x-deposit-key'), options.depositKey)) return void response.status(401).json({ code: 'deposit.key' });
    const letter = depositOf(request.body as unknown, deposited.length + 1);
    if (!letter)
      return void response
        .status(422)
        .json({ code: 'deposit.invalid', fields: ['organization', 'emittedBy', 'subject', 'sender?', 'unit?', 'id?', 'actionRequired?'] });
    if (deposited.some((l) => l.id === letter.id)) return void response.status(200).json({ id: letter.id, announced: 0 });
    try {
      const holders =
        letter.actionRequired && options.holders && options.send
          ? await options.holders({
              organization: letter.organization,
              right: 'read',
              service: letter.emittedBy,
              ...(letter.unit ? { unit: letter.unit } : {}),
            })
          : [];
      deposited.push(letter);
      for (const holder of holders) {
        await options.send!({
          to: holder.email,
          subject: `Action requise : ${letter.subject} / Action required`,
          text: `Bonjour ${holder.givenName},\n\nUn courrier de ${letter.sender} pour ${letter.organization} demande votre action : « ${letter.subject} ».\nOuvrez « Vos courriers » pour le lire.\n\nA letter from ${letter.sender} for ${letter.organization} needs your action: "${letter.subject}". Open the employer inbox to read it.`,
        });
      }
      response.status(201).json({ id: letter.id, announced: holders.length });
    } catch (error) {
      if (error instanceof ProcuraKitError) return void response.status(503).json({ code: error.code });
      next(error);
    }
  });

  // Sensitive: the token's yes is confirmed with the decision endpoint (a right revoked a minute ago is refused).
  app.post(
    '/organizations/:organization/letters/:letter/archive',
    kit.authenticate(),
    kit.requireRight({ right: 'archive', organization, confirm: true }),
    (request, response) => {
      response
        .type('html')
        .send(layout('Archivé / Archived', `<p>${String(request.params.letter).replace(/[^\w-]/g, '')}</p><p><a href="/">Retour / Back</a></p>`));
    },
  );

  app.post('/logout', (request, response) => {
    sessions.end(request, response);
    response.redirect('/');
  });
  return app;
}

function sameKey(given: string | undefined, expected: string): boolean {
  const [a, b] = [Buffer.from(given ?? ''), Buffer.from(expected)];
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A deposited letter, or undefined when a required field is missing or of the wrong type. */
function depositOf(body: unknown, sequence: number): Letter | undefined {
  const b = (body ?? {}) as Record<string, unknown>;
  const text = (value: unknown, max: number) => (typeof value === 'string' && value.trim().length > 0 && value.length <= max ? value.trim() : undefined);
  const [organization, emittedBy, subject] = [text(b.organization, 14), text(b.emittedBy, 100), text(b.subject, 300)];
  if (!organization || !emittedBy || !subject) return undefined;
  if (b.actionRequired !== undefined && typeof b.actionRequired !== 'boolean') return undefined;
  const unit = text(b.unit, 36);
  return {
    id: text(b.id, 100) ?? `${organization}-d${sequence}`,
    organization,
    ...(unit ? { unit } : {}),
    emittedBy,
    sender: text(b.sender, 100) ?? emittedBy,
    subject,
    receivedOn: new Date().toISOString().slice(0, 10),
    ...(b.actionRequired === true ? { actionRequired: true } : {}),
  };
}
