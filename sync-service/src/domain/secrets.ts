/**
 * Secrets of invitations, e-mail changes and an organization's mail security key. The link's token is 256 random bits, stored only as its SHA-256 (a
 * fast hash suffices for a value nobody can guess). The mail security key and the secret answer
 * are short and typed by people: they are stored with scrypt, salted, and compared in constant time.
 *
 * @see https://www.rfc-editor.org/rfc/rfc7914 (scrypt)
 */
import { createHash, randomBytes, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(scryptCallback) as (password: string, salt: Buffer, keylen: number) => Promise<Buffer>;

/** A new link token (base64url, 43 characters) and the hash that is stored. */
export function newLinkToken(): { token: string; sha256: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, sha256: tokenSha256(token) };
}

export function tokenSha256(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** `scrypt$<salt>$<hash>` (base64url) of the normalized secret. */
export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(normalizeSecret(secret), salt, 32);
  return `scrypt$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

export async function secretMatches(secret: string, stored: string): Promise<boolean> {
  const [scheme, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await scrypt(normalizeSecret(secret), Buffer.from(salt, 'base64url'), expected.length);
  return timingSafeEqual(actual, expected);
}

/** Answers and keys compared without case, accents' composition or extra spaces (they are typed from paper). */
export function normalizeSecret(raw: string): string {
  return raw.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}
