/** Issue 16 item 6: the support contact, from the public `GET /support` (outside `/api/v1`, like `/healthz`). */
export interface SupportContact {
  readonly email: string;
  readonly phone: string;
  readonly hours: { readonly fr: string; readonly en: string };
}

/**
 * A public document of the server outside `/api/v1` (`/support`, `/portal`), or undefined when the
 * server does not answer: the console then keeps what it shows without it.
 */
export async function getPublicJson<T>(path: string, signal?: AbortSignal, fetcher: typeof fetch = fetch): Promise<T | undefined> {
  try {
    const response = await fetcher(path, { headers: { accept: 'application/json' }, credentials: 'same-origin', ...(signal ? { signal } : {}) });
    return response.ok ? ((await response.json()) as T) : undefined;
  } catch {
    return undefined;
  }
}

/** The contact, or undefined when the server does not answer (the page then simply shows none). */
export const getSupportContact = (signal?: AbortSignal, fetcher: typeof fetch = fetch): Promise<SupportContact | undefined> =>
  getPublicJson<SupportContact>('/support', signal, fetcher);
