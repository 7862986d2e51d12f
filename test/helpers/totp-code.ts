import { createHmac } from 'node:crypto';

/** RFC 6238 with the realm's OTP policy: HMAC-SHA1, 6 digits, 30 s steps; the key is the secret's bytes (Keycloak's). */
function codeAt(secret: string, step: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const digest = createHmac('sha1', Buffer.from(secret, 'utf8')).update(counter).digest();
  const offset = digest[digest.length - 1]! & 0x0f;
  return String((digest.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

const used = new Map<string, Set<number>>();

/**
 * A code of the authenticator app whose secret is `secret`, as a person's phone shows it. Keycloak
 * refuses a code used before (the realm's OTP policy), and accepts the neighbouring 30-s steps: a
 * test that logs in several times in one step gets the next step's code, then the previous one,
 * and waits for a new step only after that.
 */
export async function totpCode(secret: string): Promise<string> {
  const taken = used.get(secret) ?? new Set<number>();
  used.set(secret, taken);
  for (;;) {
    const now = Math.floor(Date.now() / 30_000);
    const step = [now, now + 1, now - 1].find((s) => !taken.has(s));
    if (step !== undefined) {
      taken.add(step);
      return codeAt(secret, step);
    }
    await new Promise((resolve) => setTimeout(resolve, (now + 1) * 30_000 - Date.now() + 50));
  }
}
