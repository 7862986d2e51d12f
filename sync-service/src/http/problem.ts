import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import { TooManyRequests } from './rate-limit.js';
import { InputRefused } from './validate.js';

/**
 * Turns every error into an RFC 9457 problem+json answer with a stable code, French and English
 * messages and the field at fault; unexpected errors are logged and answered without details.
 */
export function problemHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, request, response, _next) => {
    const known = error instanceof AppError ? error : clientError(error);
    if (!known) logger.error({ err: error, path: request.path }, 'unexpected error');
    const status = known?.status ?? 500;
    if (status === 401) response.set('www-authenticate', 'Bearer realm="procura"');
    if (error instanceof TooManyRequests) response.set('retry-after', String(error.retryAfter));
    response
      .status(status)
      .type('application/problem+json')
      .json({
        type: `urn:procura:problem:${known?.code ?? 'internal'}`,
        title: known?.messages.en ?? 'Internal error',
        status,
        code: known?.code ?? 'internal',
        messages: known?.messages ?? { fr: 'Erreur interne ; réessayez plus tard.', en: 'Internal error; please try again later.' },
        ...(known?.field ? { field: known.field } : {}),
        ...(known instanceof InputRefused ? { errors: known.problems } : {}),
      });
  };
}

/** Express's own 4xx (malformed JSON, body too large) as our errors, never as a 500. */
function clientError(error: unknown): AppError | undefined {
  const { status, expose, type } = (error ?? {}) as { status?: number; expose?: boolean; type?: string };
  if (!expose || !status || status < 400 || status >= 500) return undefined;
  if (status === 413) return new AppError('request.too_large', 413, { fr: 'Requête trop volumineuse.', en: 'Request too large.' });
  return new AppError(`request.${type ?? 'invalid'}`, status, { fr: 'Requête mal formée (JSON invalide ?).', en: 'Malformed request (invalid JSON?).' });
}

/** The answer for a route that does not exist. */
export const notFoundHandler: RequestHandler = (_request, _response, next) => {
  next(new AppError('not_found', 404, { fr: 'Ressource introuvable.', en: 'Resource not found.' }));
};
