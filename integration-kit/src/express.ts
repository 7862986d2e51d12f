import type { ProcuraAccess } from './access.js';
import type { OrganizationIdentifier } from './claims.js';
import { createDecisionClient, type Decision, type DecisionClient, type DecisionClientOptions } from './decisions.js';
import { ProcuraKitError, type KitErrorCode } from './errors.js';
import { createTokenVerifier, type TokenVerifier, type TokenVerifierOptions } from './verify.js';

/** The parts of Express's request and response the kit uses (Express 4 and 5 fit; no dependency on it). */
export interface RequestLike {
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
}
/** A request routed by Express, with its path parameters (`/organizations/:organization`). */
export interface RoutedRequestLike extends RequestLike {
  readonly params: Readonly<Record<string, string>>;
}
export interface ResponseLike {
  status(code: number): this;
  set(field: string, value: string): this;
  type(type: string): this;
  json(body: unknown): unknown;
}
export type NextLike = (error?: unknown) => void;
export type Middleware<Req extends RequestLike = RequestLike> = (request: Req, response: ResponseLike, next: NextLike) => void;

export interface ProcuraKitOptions extends TokenVerifierOptions {
  /** Where the access token is; default: `Authorization: Bearer`. A server-rendered app returns the one in its session. */
  readonly tokenOf?: (request: never) => string | undefined;
  /** The decision endpoint, to confirm sensitive actions and to answer when the token cannot tell. */
  readonly decisions?: DecisionClient | (Omit<DecisionClientOptions, 'issuer' | 'clientId'> & Partial<Pick<DecisionClientOptions, 'clientId'>>);
  /** Answers a refusal your way (a browser app: redirect to its login on 401, a page on 403); default: problem+json. */
  readonly onRefusal?: (error: ProcuraKitError, request: never, response: never) => void;
  /** Replaces the token verifier (tests). */
  readonly verifier?: TokenVerifier;
}

export interface RightRule<Req extends RequestLike> {
  readonly right: string;
  /** The organization the request acts for: from your URL or your data, never from the token alone. */
  readonly organization: (request: Req) => OrganizationIdentifier;
  readonly unit?: (request: Req) => string | undefined;
  /**
   * Sensitive actions (sign, pay, send): a yes of the token is confirmed with the decision
   * endpoint, so a right revoked a minute ago is refused at once (ASVS 5.0 V8.3.2).
   */
  readonly confirm?: boolean;
}

const messages: Record<KitErrorCode, { fr: string; en: string }> = {
  'token.missing': { fr: 'Connectez-vous pour continuer.', en: 'Please sign in to continue.' },
  'token.expired': { fr: "Jeton d'accès expiré ; reconnectez-vous.", en: 'Access token expired; please sign in again.' },
  'token.wrong_issuer': { fr: "Jeton d'accès d'un autre émetteur.", en: 'Access token from another issuer.' },
  'token.wrong_audience': { fr: "Jeton d'accès destiné à une autre application.", en: 'Access token meant for another application.' },
  'token.algorithm_refused': { fr: "Jeton d'accès refusé : algorithme non admis.", en: 'Access token refused: algorithm not allowed.' },
  'token.bad_signature': { fr: "Jeton d'accès refusé : signature invalide.", en: 'Access token refused: invalid signature.' },
  'token.malformed': { fr: "Jeton d'accès mal formé.", en: 'Malformed access token.' },
  'token.not_access_token': { fr: "Ce jeton n'est pas un jeton d'accès.", en: 'This token is not an access token.' },
  'right.refused': {
    fr: "Vous n'avez pas ce droit pour cette organisation ; demandez-le à un de ses gestionnaires.",
    en: 'You do not hold this right for this organization; ask one of its managers.',
  },
  'decision.unavailable': { fr: 'Vérification des droits impossible pour le moment ; réessayez.', en: 'Rights cannot be checked right now; please try again.' },
};

/**
 * The kit for an Express application: `authenticate()` verifies the access token of each request
 * (401 otherwise), `requireRight(rule)` lets only holders of a right for the request's
 * organization through (403 otherwise, R29), `accessOf(request)` gives what the token says, and
 * `decide(...)` asks the decision endpoint. Refusals are problem+json, French and English.
 */
export function procuraKit(options: ProcuraKitOptions) {
  const verify = options.verifier ?? createTokenVerifier(options);
  const decisions = decisionClientOf(options);
  const accesses = new WeakMap<object, ProcuraAccess>();
  const tokenOf = (options.tokenOf ?? bearerToken) as (request: RequestLike) => string | undefined;
  const refuse = (options.onRefusal ?? problem) as (error: ProcuraKitError, request: RequestLike, response: ResponseLike) => void;

  const accessOf = (request: RequestLike): ProcuraAccess => {
    const access = accesses.get(request);
    if (!access) throw new ProcuraKitError('token.missing', 'authenticate() did not run before, or refused the request');
    return access;
  };

  const authenticate = (): Middleware => (request, response, next) => {
    const token = tokenOf(request);
    if (!token) return refuse(new ProcuraKitError('token.missing', 'no access token'), request, response);
    verify(token).then(
      (access) => {
        accesses.set(request, access);
        next();
      },
      (error: unknown) => (error instanceof ProcuraKitError ? refuse(error, request, response) : next(error)),
    );
  };

  /**
   * Procura's decision for the request's person, asked now; `service`: another service's right,
   * one your service is declared to aggregate (an inbox asking about the emitter of a letter).
   */
  const decide = async (request: RequestLike, organization: OrganizationIdentifier, right: string, unit?: string, service?: string): Promise<Decision> => {
    if (!decisions) throw new ProcuraKitError('decision.unavailable', 'no decision endpoint configured (options.decisions)');
    return decisions({ person: { subject: accessOf(request).subject }, organization, right, ...(unit ? { unit } : {}), ...(service ? { service } : {}) });
  };

  const requireRight =
    <Req extends RequestLike = RoutedRequestLike>(rule: RightRule<Req>): Middleware<Req> =>
    (request, response, next) => {
      allowed(request, rule).then(
        (yes) => {
          if (yes) return next();
          refuse(new ProcuraKitError('right.refused', `right ${rule.right} refused`), request, response);
        },
        (error: unknown) => (error instanceof ProcuraKitError ? refuse(error, request, response) : next(error)),
      );
    };

  async function allowed<Req extends RequestLike>(request: Req, rule: RightRule<Req>): Promise<boolean> {
    const access = accessOf(request);
    const organization = rule.organization(request);
    const unit = rule.unit?.(request);
    if (access.knows(organization) && !access.can(organization, rule.right, unit)) return false;
    if (access.knows(organization) && !rule.confirm) return true;
    return (await decide(request, organization, rule.right, unit)).allowed;
  }

  return { authenticate, requireRight, accessOf, decide };
}

export type ProcuraKit = ReturnType<typeof procuraKit>;

function decisionClientOf(options: ProcuraKitOptions): DecisionClient | undefined {
  const given = options.decisions;
  if (!given || typeof given === 'function') return given;
  return createDecisionClient({ ...given, issuer: options.issuer, clientId: given.clientId ?? options.audience });
}

function bearerToken(request: RequestLike): string | undefined {
  const header = request.headers.authorization;
  return typeof header === 'string' ? /^Bearer ([A-Za-z0-9._~+/=-]+)$/i.exec(header)?.[1] : undefined;
}

/** The default refusal: RFC 9457 problem+json with a stable code, French and English. */
function problem(error: ProcuraKitError, _request: RequestLike, response: ResponseLike): void {
  if (error.status === 401) response.set('www-authenticate', `Bearer error="invalid_token"`);
  response
    .status(error.status)
    .type('application/problem+json')
    .json({
      type: `urn:procura:problem:${error.code}`,
      title: messages[error.code].en,
      status: error.status,
      code: error.code,
      messages: messages[error.code],
    });
}
