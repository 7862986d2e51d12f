import type { ErrorRequestHandler, RequestHandler } from 'express';
import { databaseUnavailable, isDatabaseUnavailable } from '../db/errors.js';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import { TooManyRequests } from './rate-limit.js';
import { InputRefused } from './validate.js';
import { refuse } from '../error-codes/refuse.js';
import { entryOf } from '../error-codes/catalogue.js';

/** Seconds a caller is told to wait before retrying a request that found the database unavailable. */
const databaseRetryAfter = 5;

/**
 * Turns every error into an RFC 9457 problem+json answer with a stable code, French and English
 * messages and the field at fault; unexpected errors are logged and answered without details. A
 * database that cannot be reached answers 503 `database.unavailable` with a Retry-After (issue 15
 * item 3), never a 500: the caller did nothing wrong and may retry.
 */
export function problemHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, request, response, _next) => {
    const unavailable = isDatabaseUnavailable(error);
    const known = error instanceof AppError ? error : unavailable ? databaseUnavailable(error) : clientError(error);
    if (!known) logger.error({ err: error, path: request.path }, 'unexpected error');
    if (unavailable) logger.warn({ err: error, path: request.path }, 'database unavailable');
    const status = known?.status ?? 500;
    if (status === 401) response.set('www-authenticate', 'Bearer realm="procura"');
    if (error instanceof TooManyRequests) response.set('retry-after', String(error.retryAfter));
    if (unavailable) response.set('retry-after', String(databaseRetryAfter));
    response
      .status(status)
      .type('application/problem+json')
      .json({
        type: `urn:procura:problem:${known?.code ?? 'internal'}`,
        title: known?.messages.en ?? 'Internal error',
        status,
        code: known?.code ?? 'internal',
        messages: known?.messages ?? entryOf('internal').messages,
        ...(known?.field ? { field: known.field } : {}),
        ...(known instanceof InputRefused ? { errors: known.problems } : {}),
      });
  };
}

/** Express's own 4xx (malformed JSON, body too large) as our errors, never as a 500. */
function clientError(error: unknown): AppError | undefined {
  const { status, expose, type } = (error ?? {}) as { status?: number; expose?: boolean; type?: string };
  if (!expose || !status || status < 400 || status >= 500) return undefined;
  if (status === 413) return refuse('request.too_large');
  const code = bodyParserCodes.find((known) => known === `request.${type ?? 'invalid'}`) ?? 'request.invalid';
  return new AppError(code, status, entryOf(code).messages);
}

/** The types of body-parser's refusals, as codes (`request.<type>`). @see https://github.com/expressjs/body-parser#errors */
const bodyParserCodes = [
  'request.entity.parse.failed',
  'request.entity.verify.failed',
  'request.request.aborted',
  'request.request.size.invalid',
  'request.charset.unsupported',
  'request.encoding.unsupported',
] as const;

/** The answer for a route that does not exist. */
export const notFoundHandler: RequestHandler = (_request, _response, next) => {
  next(refuse('not_found'));
};
