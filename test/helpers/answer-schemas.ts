import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { apiRoutes } from '../../sync-service/src/api.js';
import { openApiDocument } from '../../sync-service/src/openapi.js';

/**
 * Issue 20 item 4: the answers a test gives in place of the API are checked against the response
 * schemas of the OpenAPI document the server serves, so a test cannot answer what the server never
 * sends. An answer is refused when no operation has its method and path, when its success status
 * is not the operation's, or when its body is not of the schema (a problem's: the Problem schema).
 */
interface Operation {
  readonly operationId: string;
  readonly responses: Readonly<Record<string, { readonly content?: Readonly<Record<string, { readonly schema?: unknown }>> }>>;
}
interface Document {
  readonly paths: Readonly<Record<string, Readonly<Record<string, Operation>>>>;
  readonly components: { readonly schemas: { readonly Problem: unknown } };
}

const document = openApiDocument(apiRoutes) as unknown as Document;
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats.default(ajv);
// Ids are opaque to the console (it never reads into one): the tests' short ids ('o-1') keep their
// hashes and paths readable, so `uuid` is the one format not held against an answer.
ajv.addFormat('uuid', true);
ajv.addSchema(document.components.schemas.Problem as object, '#/components/schemas/Problem');
const problemRef = { $ref: '#/components/schemas/Problem' };

const templates = Object.entries(document.paths).map(([template, operations]) => ({
  pattern: new RegExp(`^${template.replace(/\{\w+\}/g, '[^/]+')}$`),
  operations,
}));
const validators = new WeakMap<object, ValidateFunction>();

function validator(schema: object): ValidateFunction {
  let validate = validators.get(schema);
  if (!validate) validators.set(schema, (validate = ajv.compile(schema)));
  return validate;
}

/** The operation of `METHOD path` (path after /api/v1, without its query), or undefined. */
function operationOf(method: string, path: string): Operation | undefined {
  return templates.find(({ pattern }) => pattern.test(path))?.operations[method.toLowerCase()];
}

/**
 * Why the server would never send this answer to `METHOD path`, or undefined when it could:
 * `status` and `body` (undefined for no body) as the test gives them.
 */
export function refusedAnswer(method: string, path: string, status: number, body: unknown): string | undefined {
  const at = `${method} /api/v1${path} ${status}`;
  const operation = operationOf(method, path);
  if (!operation) return `${at}: no operation of the API has this method and path`;
  // The document does not list every refusal yet (issue 20 item 5, the error catalogue): any
  // problem status is taken with a problem body; a success status must be the operation's own.
  const response = operation.responses[String(status)] ?? (status >= 400 ? { content: { 'application/problem+json': { schema: problemRef } } } : undefined);
  if (!response) return `${at}: ${operation.operationId} never answers ${status} (it answers ${Object.keys(operation.responses).join(', ')})`;
  const content = Object.values(response.content ?? {})[0];
  if (!content?.schema) return body === undefined ? undefined : `${at}: ${operation.operationId} answers ${status} with no body`;
  if (body === undefined) return `${at}: ${operation.operationId} answers ${status} with a body, none given`;
  const validate = validator(content.schema);
  if (validate(body)) return undefined;
  return `${at} (${operation.operationId}): ${ajv.errorsText(validate.errors, { dataVar: 'body' })}`;
}
