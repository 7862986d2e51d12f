/** Issue 16 item 6: the support contact, from the public `GET /support` (outside `/api/v1`, like `/healthz`). */
export interface SupportContact {
  readonly email: string;
  readonly phone: string;
  readonly hours: { readonly fr: string; readonly en: string };
}

/** The contact, or undefined when the server does not answer (the page then simply shows none). */
export async function getSupportContact(signal?: AbortSignal, fetcher: typeof fetch = fetch): Promise<SupportContact | undefined> {
  try {
    const response = await fetcher('/support', { headers: { accept: 'application/json' }, credentials: 'same-origin', ...(signal ? { signal } : {}) });
    return response.ok ? ((await response.json()) as SupportContact) : undefined;
  } catch {
    return undefined;
  }
}
