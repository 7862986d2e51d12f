/**
 * The one HTTP engine of the console: same-origin fetch with the session cookie (no token in the
 * browser; writes pass the server's Origin check because they are same-origin), JSON in and out,
 * every failure as an ApiError.
 */
import { ApiError, errorFrom, networkError } from './errors.js';

const base = '/api/v1';

export type QueryValue = string | number | readonly string[] | undefined;

/** A request of the API: method, path under `/api/v1`, query string, JSON body, abort signal. */
export interface ApiRequest {
  readonly method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  readonly path: string;
  readonly query?: Readonly<Record<string, QueryValue>>;
  readonly body?: unknown;
  readonly signal?: AbortSignal | undefined;
}

/** Sends the request; resolves to the JSON answer (undefined for 204), rejects with an ApiError. */
export async function call<T>(request: ApiRequest, fetcher: typeof fetch = fetch): Promise<T> {
  const response = await send(
    request,
    {
      method: request.method ?? 'GET',
      headers: { accept: 'application/json, application/problem+json', ...(request.body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
    },
    fetcher,
  );
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** GETs a file (a CSV export): resolves to its content as a Blob, rejects with an ApiError as `call` does. */
export async function download(request: Omit<ApiRequest, 'method' | 'body'>, fetcher: typeof fetch = fetch): Promise<Blob> {
  return (await send(request, {}, fetcher)).blob();
}

/** The one fetch: same-origin with the cookie; no answer is a network error, a refusal an ApiError. */
async function send(request: ApiRequest, init: RequestInit, fetcher: typeof fetch): Promise<Response> {
  let response: Response;
  try {
    response = await fetcher(base + request.path + queryString(request.query), {
      ...init,
      credentials: 'same-origin',
      ...(request.signal ? { signal: request.signal } : {}),
    });
  } catch (error) {
    if (request.signal?.aborted) throw error;
    throw networkError(error);
  }
  if (!response.ok) throw await errorFrom(response);
  return response;
}

/** `?q=a&role=deputy&role=manager`: arrays repeat their key, empty values are left out. */
export function queryString(query: Readonly<Record<string, QueryValue>> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === '') continue;
    for (const one of Array.isArray(value) ? value : [value]) params.append(key, String(one));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Path segments are ids from the API, encoded anyway so that nothing can change the path. */
export function segment(id: string): string {
  return encodeURIComponent(id);
}

export { ApiError };
