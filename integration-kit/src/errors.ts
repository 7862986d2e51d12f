/**
 * One error class, a stable `code` to switch on (as jose's), and the underlying `cause`.
 * - `token.missing`: no bearer token (or none in the session);
 * - `token.expired`, `token.wrong_issuer`, `token.wrong_audience`, `token.algorithm_refused`,
 *   `token.bad_signature`, `token.malformed`, `token.not_access_token`: the token is refused;
 * - `right.refused`: the person may not exercise the right (403);
 * - `decision.unavailable`: the decision endpoint could not be asked, or refused the service.
 */
export type KitErrorCode =
  | 'token.missing'
  | 'token.expired'
  | 'token.wrong_issuer'
  | 'token.wrong_audience'
  | 'token.algorithm_refused'
  | 'token.bad_signature'
  | 'token.malformed'
  | 'token.not_access_token'
  | 'right.refused'
  | 'decision.unavailable';

export class ProcuraKitError extends Error {
  readonly code: KitErrorCode;
  /** The HTTP status the middleware answers with. */
  readonly status: 401 | 403 | 503;

  constructor(code: KitErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.name = 'ProcuraKitError';
    this.code = code;
    this.status = code.startsWith('token.') ? 401 : code === 'right.refused' ? 403 : 503;
  }
}
