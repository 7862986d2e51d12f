import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { refuse } from '../../error-codes/refuse.js';
import type { AppError } from '../../errors.js';

/**
 * Where webhooks may point (`PROCURA_WEBHOOK_TARGETS`): `public` (the default) takes https URLs
 * whose host resolves to public addresses only, so that a manager cannot make the service call
 * its own network (the cloud's metadata address, the database, an admin console); `any` also takes
 * http and private or loopback addresses (development, the test suite, a closed network).
 */
export type WebhookTargets = 'public' | 'any';

export function webhookTargets(env: Readonly<Record<string, string | undefined>> = process.env): WebhookTargets {
  const raw = env.PROCURA_WEBHOOK_TARGETS;
  if (raw === undefined || raw === '' || raw === 'public') return 'public';
  if (raw === 'any') return 'any';
  throw new Error(`PROCURA_WEBHOOK_TARGETS must be public or any (got ${raw})`);
}

/** A webhook's URL as registered: absolute, https (or http where `any`), no credentials in it; the refusal otherwise. Pure. */
export function checkWebhookUrl(raw: string, targets: WebhookTargets): AppError | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return refuse('webhook.url_invalid');
  }
  if (url.protocol !== 'https:' && !(targets === 'any' && url.protocol === 'http:')) {
    return refuse('webhook.url_not_https');
  }
  if (url.username || url.password) {
    return refuse('webhook.url_credentials');
  }
  if (targets === 'public' && isIP(url.hostname.replace(/^\[|\]$/g, '')) !== 0 && isPrivate(url.hostname.replace(/^\[|\]$/g, ''))) {
    return refuse('webhook.url_private');
  }
  return undefined;
}

/** At each delivery, where `public`: the host's addresses now (DNS may have changed since the registration); a reason when one is private. */
export async function privateTarget(url: string, targets: WebhookTargets): Promise<string | undefined> {
  if (targets === 'any') return undefined;
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host) !== 0 ? [host] : (await lookup(host, { all: true })).map((a) => a.address);
  const found = addresses.find(isPrivate);
  return found === undefined ? undefined : `${host} resolves to a private address (${found})`;
}

/** Loopback, private, link-local, unique-local, unspecified or mapped-private addresses (IPv4 and IPv6). Pure. */
export function isPrivate(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return isPrivate(mapped);
  if (isIP(address) === 4) {
    const [a = 0, b = 0] = address.split('.').map(Number);
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 100 && b >= 64 && b <= 127) ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      a >= 224
    );
  }
  const lower = address.toLowerCase();
  return lower === '::' || lower === '::1' || /^f[cd]/.test(lower) || /^fe[89ab]/.test(lower) || lower.startsWith('ff');
}
