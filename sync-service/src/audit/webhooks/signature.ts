import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Standard Webhooks' signing (decision 0070): the secret is `whsec_` and base64 of 32 random bytes;
 * a message is signed with HMAC-SHA256 over `<webhook-id>.<webhook-timestamp>.<body>`, keyed with
 * the secret's decoded bytes, and the `webhook-signature` header carries `v1,<base64 signature>`.
 * @see https://www.standardwebhooks.com/
 */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

function key(secret: string): Buffer {
  return Buffer.from(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret, 'base64');
}

/** The three headers of a delivery: its id (the same on every retry), its time (seconds) and its signature. */
export function signedHeaders(
  secret: string,
  message: { id: string; timestamp: number; body: string },
): Record<'webhook-id' | 'webhook-timestamp' | 'webhook-signature', string> {
  const signature = createHmac('sha256', key(secret)).update(`${message.id}.${message.timestamp}.${message.body}`).digest('base64');
  return { 'webhook-id': message.id, 'webhook-timestamp': String(message.timestamp), 'webhook-signature': `v1,${signature}` };
}

/** Whether one of the space-separated `v1,` signatures of the header is the message's (constant time). */
export function verifySignature(secret: string, headers: { id: string; timestamp: string; signature: string }, body: string): boolean {
  const expected = Buffer.from(createHmac('sha256', key(secret)).update(`${headers.id}.${headers.timestamp}.${body}`).digest('base64'));
  return headers.signature.split(' ').some((part) => {
    const [version, value] = part.split(',');
    if (version !== 'v1' || !value) return false;
    const given = Buffer.from(value);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
