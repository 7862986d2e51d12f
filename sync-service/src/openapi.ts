import { errorCodes } from './error-codes/catalogue.js';
import { policyTable, standings } from './policy/table.js';
import { apiPrefix, type ApiRoute } from './routes.js';
import type { Schema } from './http/schemas.js';

const problem = {
  type: 'object',
  required: ['type', 'title', 'status', 'code', 'messages'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    code: {
      type: 'string',
      enum: errorCodes,
      description: 'stable, for programs: organization.not_found, membership.last_manager… (the catalogue, sync-service/src/error-codes/; see docs/api.md)',
    },
    messages: { type: 'object', required: ['fr', 'en'], properties: { fr: { type: 'string' }, en: { type: 'string' } } },
    field: { type: 'string', description: 'the field at fault; for input.invalid, the JSON pointer of the first problem' },
    errors: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, code: { type: 'string' }, messages: { type: 'object' } } } },
  },
} as const;

const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

/**
 * The OpenAPI 3.1 document of the API, generated from the route table: the same JSON Schemas that
 * ajv checks, and, for each operation, who may call it (`x-procura-policy`, from the policy table).
 * @see https://spec.openapis.org/oas/v3.1.0
 */
export function openApiDocument(routes: readonly ApiRoute[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) (paths[route.path] ??= {})[route.method] = operation(route);
  return {
    openapi: '3.1.0',
    info: {
      title: 'Procura API',
      version: '1',
      description:
        'Delegated access management for organizations. Errors are problem+json (RFC 9457) with a stable code and French and English messages. See docs/api.md.',
    },
    servers: [{ url: apiPrefix }],
    security: [{ bearer: [] }, { session: [] }],
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: "An access token of the realm, for the console's client (or another configured audience)",
        },
        session: { type: 'apiKey', in: 'cookie', name: 'procura_session', description: "The console's session (writes must come from the console's origin)" },
        service: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: "A service's own access token (client credentials grant of its client svc-<service>): the decision endpoint",
        },
      },
      schemas: { Problem: problem },
    },
    paths,
  };
}

function operation(route: ApiRoute): Record<string, unknown> {
  const rule = policyTable[route.action];
  return {
    operationId: route.operationId,
    summary: route.summary.en,
    description: route.summary.fr,
    ...(rule.scope === 'public' ? { security: [] } : rule.scope === 'service' ? { security: [{ service: [] }] } : {}),
    ...(route.rules ? { 'x-procura-rules': route.rules } : {}),
    'x-procura-policy': { action: route.action, ...(rule.scope === 'organization' ? { who: rule.who } : { scope: rule.scope }) },
    parameters: [...pathParameters(route.path), ...queryParameters(route.query)],
    ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: route.body } } } } : {}),
    responses: {
      [route.response.status]: route.response.file
        ? {
            description: 'The file, as an attachment of the type detected when it was filed',
            content: Object.fromEntries(route.response.file.map((type) => [type, { schema: { type: 'string', format: 'binary' } }])),
          }
        : route.response.mediaType
          ? { description: `A file (${route.response.filename ?? 'attachment'})`, content: { [route.response.mediaType]: { schema: { type: 'string' } } } }
          : route.response.schema
            ? { description: 'OK', content: { 'application/json': { schema: route.response.schema } } }
            : { description: 'Done' },
      ...(rule.scope === 'public' ? {} : { 401: problemResponse('Not signed in, or the access token was refused') }),
      ...(rule.scope === 'organization'
        ? {
            403: problemResponse(
              `Role too weak (allowed: ${standings
                .filter((s) => rule.who[s] !== 'deny')
                .map((s) => (rule.who[s] === 'portal' ? `${s} where the portal's profile allows` : s))
                .join(', ')})`,
            ),
            404: problemResponse('Not found, or of an organization the caller has no business with'),
          }
        : {}),
      ...(rule.scope === 'service' ? { 403: problemResponse("A person's token or session, or a question on another service's rights") } : {}),
      ...(rule.scope !== 'organization' && route.method !== 'get' && rule.scope !== 'service'
        ? { 403: problemResponse('Refused to the caller by a rule (their role in the change, what the portal offers); nothing changed') }
        : {}),
      ...(rule.scope !== 'organization' && (route.path.includes('{') || route.body) ? { 404: problemResponse('Not found: an object the request names') } : {}),
      ...(takesToken(route) ? { 410: problemResponse('The link no longer works (used, expired, replaced, withdrawn…); the messages say what to do') } : {}),
      ...(route.body || route.query ? { 422: problemResponse('Input refused (schema or rule); nothing changed') } : {}),
      ...(route.method === 'get' || rule.scope === 'service'
        ? {}
        : { 409: problemResponse('Refused by the state of the model (the last manager…); nothing changed') }),
    },
  };
}

/** A route that reads a link's token (an invitation, a change of e-mail): its link may no longer work. */
function takesToken(route: ApiRoute): boolean {
  return Object.hasOwn(route.body?.properties ?? {}, 'token');
}

function pathParameters(path: string): unknown[] {
  return [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({ name, in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }));
}

function queryParameters(query: Schema | undefined): unknown[] {
  const properties = (query?.properties ?? {}) as Record<string, Schema>;
  return Object.entries(properties).map(([name, schema]) => ({
    name,
    in: 'query',
    required: false,
    ...(schema.type === 'array' ? { style: 'form', explode: true } : {}),
    schema,
  }));
}
