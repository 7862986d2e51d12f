import { jsonConfig } from '../config-file.js';

/**
 * Issue 16 item 6: the support contact people are given when they cannot sign in or a page fails —
 * the configuration `PROCURA_SUPPORT` (a JSON file), else `sync-service/config/support.json`; read once.
 */
export interface SupportContact {
  readonly email: string;
  readonly phone: string;
  readonly hours: { readonly fr: string; readonly en: string };
}

const emailFormat = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** A malformed file stops the service with a message naming it and the field at fault. */
export function parseSupportContact(value: unknown, source: string): SupportContact {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${source}: the support contact must be an object with "email", "phone" and "hours"`);
  const { email, phone, hours } = value as Record<string, unknown>;
  const address = text(email);
  if (!address || !emailFormat.test(address)) throw new Error(`${source}: "email" must be an e-mail address (got ${JSON.stringify(email)})`);
  const number = text(phone);
  if (!number) throw new Error(`${source}: "phone" must be a non-empty text`);
  const fr = text((hours as { fr?: unknown } | null)?.fr);
  const en = text((hours as { en?: unknown } | null)?.en);
  if (!fr) throw new Error(`${source}: "hours.fr" must be a non-empty text (the opening hours in French)`);
  if (!en) throw new Error(`${source}: "hours.en" must be a non-empty text (the opening hours in English)`);
  return { email: address, phone: number, hours: { fr, en } };
}

export const supportContact = jsonConfig('PROCURA_SUPPORT', new URL('../../config/support.json', import.meta.url), parseSupportContact);

/**
 * The contact as the realm's attributes, which the login theme reads (`realm.attributes`, decision
 * 0044): the realm set-up merges them into the realm it imports.
 */
export function supportRealmAttributes(contact: SupportContact): Record<string, string> {
  return {
    'procura.support.email': contact.email,
    'procura.support.phone': contact.phone,
    'procura.support.hours.fr': contact.hours.fr,
    'procura.support.hours.en': contact.hours.en,
  };
}
