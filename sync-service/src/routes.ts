import express, { Router, type Request, type Response } from 'express';
import type pg from 'pg';
import type { Queryable } from './db/query.js';
import type { KeycloakAdmin } from './adapters/keycloak/index.js';
import type { Mailer } from './adapters/mail/index.js';
import type { Logger } from './logger.js';
import { notAuthenticated } from './auth/middleware.js';
import type { Principal } from './auth/principal.js';
import type { Actor } from './commands/command.js';
import type { ServiceCaller } from './auth/service-caller.js';
import type { Message } from './errors.js';
import { collectNotices } from './notices/outbox.js';
import { sendCommittedNotices } from './notices/worker.js';
import { checkOrganizationOpen } from './organizations/rules.js';
import { readAccess, type CallerAccess } from './policy/access.js';
import { decide, operatorOnly } from './policy/decide.js';
import { policyTable, type Action } from './policy/table.js';
import { boundedJson } from './http/body.js';
import type { FromSchema } from './http/from-schema.js';
import type { RateLimiter } from './http/rate-limit.js';
import { compile, type Schema } from './http/schemas.js';
import { validated } from './http/validate.js';
import { refuse } from './error-codes/refuse.js';

/**
 * The path's parameters by name, read from the declared path: `/organizations/{orgId}/units/{unitId}`
 * gives `{ orgId: string; unitId: string }`, so that a handler names only parameters its path has.
 */
export type PathParams<Path extends string> = Path extends `${string}{${infer Name}}${infer Rest}`
  ? { readonly [Key in Name]: string } & PathParams<Rest>
  : unknown;

/** What a route's handler gets: the checked input, the caller, and what the policy found. */
export interface ApiCall<Body, Query, Params = unknown> {
  readonly params: Params;
  readonly body: Body;
  readonly query: Query;
  /** Undefined on public routes and on routes for services. */
  readonly principal: Principal | undefined;
  /** The online service calling with its own client credentials, on routes for services (R29); not `services`, the adapters. */
  readonly callingService: ServiceCaller | undefined;
  /** The caller's standing in the route's organization (routes with `{orgId}`). */
  readonly access: CallerAccess | undefined;
  /** The caller as the domain commands' actor (audit, R32). */
  readonly actor: Actor;
  readonly pool: pg.Pool;
  readonly services: ApiServices;
}

/** The adapters a handler may need beyond the database (invitations: Keycloak for the password, e-mail). */
export interface ApiServices {
  readonly keycloak: KeycloakAdmin;
  readonly mailer: Mailer;
  /** The console's public URL (links in e-mails). */
  readonly publicUrl: string;
  readonly logger: Logger;
  /** Issue 14 item 7: how recent a sign-in must be for a change of login e-mail, in seconds. */
  readonly recentSignInSeconds: number;
  /** Where audit webhooks may point (`PROCURA_WEBHOOK_TARGETS`, the type `WebhookTargets` of audit/webhooks; decision 0070). */
  readonly webhookTargets: 'public' | 'any';
}

/**
 * One route of the API, as the route table declares it: what mounts it, what the policy decides
 * (`action`, see policy/table.ts) and what the OpenAPI document says, from the same schemas.
 */
export interface ApiRoute<B extends Schema | undefined = Schema | undefined, Q extends Schema | undefined = Schema | undefined, P extends string = string> {
  readonly operationId: string;
  readonly method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Below /api/v1, OpenAPI style: `/organizations/{orgId}`; its parameters type the handler's `params`. */
  readonly path: P;
  readonly summary: Message;
  /** The rules of DESIGN.md the operation implements, for the reader of the code and of the OpenAPI document (`x-procura-rules`); never in the summary, which people read. */
  readonly rules?: readonly string[];
  readonly action: Action;
  readonly body?: B;
  /**
   * Issue 14 item 3: how large a body may be. Plain JSON gets `json` (64 KiB); only the routes
   * that carry documents (R24's power of attorney, R30's supporting papers) get `documents` (8 MB).
   */
  readonly bodyLimit?: keyof typeof bodyLimits;
  readonly query?: Q;
  /**
   * The answer: JSON of `schema` by default; with `mediaType` (a file to download, such as a CSV
   * export) the handler returns the text, sent as an attachment named `filename`; with `file` (a
   * filed document) the handler returns a `FileAnswer`, sent as an attachment of its own type.
   */
  readonly response: {
    readonly status: 200 | 201 | 204;
    readonly schema?: Schema;
    readonly mediaType?: 'text/csv';
    readonly filename?: string;
    readonly file?: readonly string[];
  };
  readonly handle: (
    call: ApiCall<B extends Schema ? FromSchema<B> : undefined, Q extends Schema ? FromSchema<Q> : undefined, PathParams<P>>,
  ) => Promise<unknown>;
}

/** A stored file to download: its bytes, the type detected when it was filed, its safe name. */
export interface FileAnswer {
  readonly filename: string;
  readonly mediaType: string;
  readonly bytes: Buffer;
}

/**
 * Issue 14 item 11: a filed document leaves as a download and nothing else: `attachment`, its
 * detected type with `nosniff` (every answer's, security-headers.ts), and a sandboxing policy, so
 * that even a browser told to show it inline runs nothing of it.
 */
export function sendFile(response: Response, status: number, file: FileAnswer): void {
  response
    .status(status)
    .type(file.mediaType)
    .set({
      'content-disposition': contentDisposition(file.filename),
      'content-security-policy': "default-src 'none'; frame-ancestors 'none'; sandbox",
    })
    .send(file.bytes);
}

/**
 * RFC 6266: `attachment`, the name in UTF-8 (`filename*`, RFC 8187) and, for older clients, in
 * ASCII (accents dropped, anything else `_`), so that no header carries a byte outside ASCII.
 */
export function contentDisposition(filename: string): string {
  const ascii = filename
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]|["\\]/g, '_');
  const utf8 = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${utf8}`;
}

/** Declares a route with its input types derived from its schemas. */
export function route<const B extends Schema | undefined = undefined, const Q extends Schema | undefined = undefined, const P extends string = string>(
  definition: ApiRoute<B, Q, P>,
): ApiRoute {
  return definition as unknown as ApiRoute;
}

export const apiPrefix = '/api/v1';

/** The body limits (issue 14 item 3): what body-parser reads at most before it answers 413. */
export const bodyLimits = { json: '64kb', documents: '8mb' } as const;
const bodyParsers = { json: express.json({ limit: bodyLimits.json }), documents: express.raw({ type: 'application/json', limit: bodyLimits.documents }) };

/**
 * Reads the request's JSON body with the route's limit (413 `request.too_large` beyond it, before
 * reading it all); a body that may carry documents is counted before it is parsed (`boundedJson`).
 */
async function readBody(limit: keyof typeof bodyLimits, request: Request, response: Response): Promise<void> {
  await new Promise<void>((resolve, reject) =>
    // Express's request is the server's IncomingMessage with Express's fields added on it.
    // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment
    bodyParsers[limit](request, response, (error?: Error) => (error ? reject(error) : resolve())),
  );
  if (Buffer.isBuffer(request.body)) request.body = boundedJson(request.body);
}

/** `/organizations/{orgId}` → `/organizations/:orgId` (Express's syntax). */
export const expressPath = (path: string): string => apiPrefix + path.replace(/\{(\w+)\}/g, ':$1');

/**
 * Mounts the route table: for each request, on a public route the client's rate limit (429,
 * `rate-limit.ts`; not on the API's description), authentication (401), then the policy (404 for an
 * organization the caller has no business with, 403 for a role too weak, 409 for a write on a closed
 * or suspended organization, issue 14 item 9), then the body, read only now and within the route's
 * limit (413, issue 14 item 3: a refused or flooding caller costs no parsing), then the input's
 * schema (422), and only then the handler, so that a refused caller learns nothing from validation.
 */
export function mountRoutes(routes: readonly ApiRoute[], deps: { pool: pg.Pool; services: ApiServices; limiter?: RateLimiter }): Router {
  const router = Router();
  for (const definition of routes) {
    // Compiled now, so that a schema ajv refuses stops the start rather than a request. Once: the
    // instance that lists every problem has the same strictness, and compiles each schema at its
    // first use (issue 18 item 4: compiling both at start was a third of the start's time).
    if (definition.body) compile(definition.body, 'body', 'first');
    if (definition.query) compile(definition.query, 'query', 'first');
    const limited = policyTable[definition.action].scope === 'public' && definition.action !== 'api.describe';
    router[definition.method](expressPath(definition.path), async (request, response) => {
      if (limited) await deps.limiter?.hit(definition.operationId, request.ip ?? 'unknown');
      // Issue 15 item 4: an id holding a NUL or another control character names nothing (and PostgreSQL refuses it).
      // eslint-disable-next-line no-control-regex -- the control characters are what this refuses
      if (Object.values(request.params).some((value) => /[\u0000-\u001f\u007f]/.test(String(value)))) {
        throw refuse('not_found');
      }
      const access = await authorize(definition.action, request, deps.pool);
      if (definition.body) await readBody(definition.bodyLimit ?? 'json', request, response);
      const call: ApiCall<unknown, unknown> = {
        params: request.params,
        body: definition.body ? validated(definition.body, 'body', request.body ?? {}, Number(request.headers['content-length'] ?? 0)) : undefined,
        query: definition.query ? validated(definition.query, 'query', request.query) : undefined,
        principal: request.principal,
        callingService: request.service,
        access,
        actor: {
          personId: request.principal?.personId ?? null,
          label: access?.callerLabel || `person ${request.principal?.personId ?? 'anonymous'}`,
          operator: request.principal?.operator ?? false,
        },
        pool: deps.pool,
        services: deps.services,
      };
      const handling = collectNotices(() => definition.handle(call));
      const result = await handling.result;
      // R28: the notices its commands committed leave now; the request succeeds whatever SMTP says.
      await sendCommittedNotices(deps.pool, deps.services.mailer, handling.ids, deps.services.logger);
      const { status, mediaType, filename, file } = definition.response;
      if (status === 204) response.status(204).end();
      else if (file) sendFile(response, status, result as FileAnswer);
      else if (mediaType)
        response
          .status(status)
          .type(`${mediaType}; charset=utf-8`)
          .attachment(filename ?? 'export.csv')
          .send(String(result));
      else response.status(status).json(result);
    });
  }
  return router;
}

async function authorize(action: Action, request: Request, pool: pg.Pool): Promise<CallerAccess | undefined> {
  const rule = policyTable[action];
  if (rule.scope === 'public') return undefined;
  if (rule.scope === 'service') return authorizeService(request);
  const principal = request.principal;
  if (!principal) throw notAuthenticated();
  if (rule.scope === 'caller') return undefined;
  if (rule.scope === 'operator') return operatorAccess(principal, pool);
  const { orgId, membershipId } = request.params as Record<string, string | undefined>;
  return authorizeIn(action, pool, principal.personId, orgId ?? '', { membershipId, write: !['GET', 'HEAD'].includes(request.method) });
}

/**
 * The policy's verdict on `action` by person `personId` in `organizationId` (R13: their standing
 * there), and, for a write, that organization open (R11): the caller's access, or the refusal
 * thrown. The routes' own check; also each further organization a request names (issue 16 item 9).
 */
export async function authorizeIn(
  action: Action,
  pool: Queryable,
  personId: string,
  organizationId: string,
  options: { readonly membershipId?: string | undefined; readonly write: boolean },
): Promise<CallerAccess> {
  const access = await readAccess(pool, personId, organizationId, options.membershipId);
  const refusal = decide(action, access) ?? (options.write ? checkOrganizationOpen(access.organizationStatus ?? 'active') : undefined);
  if (refusal) throw refusal;
  return access;
}

/** R31: the operator's staff only; the audit names them `operator <e-mail>`. */
async function operatorAccess(principal: Principal, pool: pg.Pool): Promise<CallerAccess> {
  if (!principal.operator) throw operatorOnly();
  const { rows } = await pool.query<{ email: string }>('SELECT email FROM person WHERE id = $1', [principal.personId]);
  return { standing: null, self: false, callerLabel: `operator ${rows[0]?.email ?? principal.personId}` };
}

/** Routes for services: a service's own client-credentials token; a person, however signed in, is refused. */
function authorizeService(request: Request): undefined {
  if (request.service) return undefined;
  if (request.principal) {
    throw refuse('policy.forbidden', { by: 'person' });
  }
  throw notAuthenticated();
}
